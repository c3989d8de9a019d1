"""Reading the screened pages into blocks: in this process, or split over several cores for a big file.

Reading a page (pdfplumber parsing it, then the table readers) is nine tenths of the run time, and
pages are independent but for one thing: a borderless table running on from the previous page
without its header needs that page's columns (the *carry*). So a big file's kept pages are split into
contiguous runs, one per core; each run is read in order with its own carry. Where a run starts right
after the previous run's last page and that page left columns behind, the run's first page is read
again with them, and so on while the re-read changes the carry handed on. The result is the same as
reading every page in one process, in order.
"""

from __future__ import annotations

import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from .anchored import Carry
from .errors import MalformedPdf
from .layout import Block
from .tables import read_page

#: Fewer kept pages than this per core are not worth a worker process (starting one costs ~0.4 s).
MIN_RUN = 16


@dataclass
class PageRead:
    """One page's blocks, or why it could not be read."""

    number: int
    blocks: list[Block]
    carry: Carry | None
    error: str = ""


def read_pages(data: bytes, path: Path, numbers: list[int], jobs: int = 1) -> list[PageRead]:
    """Read the pages ``numbers`` (1-based, ascending) of the PDF in ``data``, on up to ``jobs`` cores."""
    count = max(1, min(jobs, len(numbers) // MIN_RUN))
    if count == 1:
        return read_run(data, path, numbers)
    size = -(-len(numbers) // count)
    runs = [numbers[i : i + size] for i in range(0, len(numbers), size)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(runs) - 1, mp_context=context) as pool:
        later = [pool.submit(read_run, data, path, run) for run in runs[1:]]
        done = read_run(data, path, runs[0])  # this process reads the first run meanwhile
        for future in later:
            run = future.result()
            for i, page in enumerate(run):
                before = run[i - 1] if i else done[-1]
                if before.carry is None or page.number != before.number + 1:
                    break
                run[i] = read_run(data, path, [page.number], before.carry)[0]
                if run[i].carry == page.carry:
                    break
            done += run
    return done


def read_run(
    data: bytes, path: Path, numbers: list[int], carry: Carry | None = None
) -> list[PageRead]:
    """Read consecutive-or-not pages in order; ``carry`` is for the first page, if it continues a table."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data), pages=numbers)
    except Exception as err:  # noqa: BLE001 - pdfminer raises many unrelated types for one cause
        raise MalformedPdf(path, f"pdfplumber cannot open it: {type(err).__name__}: {err}") from err
    out: list[PageRead] = []
    with pdf:
        for page in pdf.pages:
            if out and page.page_number != out[-1].number + 1:
                carry = None
            try:
                blocks, carry = read_page(page, carry)
                out.append(PageRead(page.page_number, blocks, carry))
            except Exception as err:  # noqa: BLE001 - one unreadable page must not cost the others
                carry = None
                out.append(PageRead(page.page_number, [], None, f"{type(err).__name__}: {err}"))
            finally:
                page.close()
    return out
