"""Benchmark of the scraper's speed targets: screening ≤ 5 ms a page, a 150-page statement ≤ 10 s.

Run from the repository root: ``.venv/bin/python -m scraper.bench_scraper``. It prints the PDFs the
tests generate (reportlab, into a temporary directory) and times, best and median of ``--repeat``:

* the text screen alone, per page, over a 150-page statement (about one page in seven holds tables)
  and over a 150-page document whose every page is a private-tag table (the screen's worst case);
* the whole scrape of both documents, in one process and with the pages split over ``--jobs``
  processes (what ``python -m scraper`` does for a single file).

Timings are wall-clock on this machine; no test asserts them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

from layouts import Maker, ge_columns, page_count, statement  # noqa: E402
from pdfgen import Doc, Section, build  # noqa: E402

from scraper.document import scrape_file  # noqa: E402
from scraper.screen import screen  # noqa: E402


def dense(path: Path, pages: int = 150) -> None:
    """A document of nothing but private-tag tables (``pages`` pages): every page passes the screen."""
    m = Maker(12)

    def doc(rows: int) -> Doc:
        entries = [
            m.entry(0x0019 + 2 * (n // 255), 1 + n % 255, "GEMS_DENSE_01") for n in range(rows)
        ]
        return Doc(
            [
                Section(
                    "Private Creator Identification (GEMS_DENSE_01)",
                    ge_columns(),
                    entries,
                    "ruled",
                    prose_after=0,
                )
            ]
        )

    build(
        doc(40 * pages), path
    )  # too many rows; measure how many fit a page, then print just enough
    per_page = 40 * pages / page_count(path)
    rows = int(per_page * (pages - 1))
    while page_count(build(doc(rows), path)) < pages:
        rows += int(per_page / 2)


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Best and median wall-clock seconds, and best CPU seconds of this process, over ``repeat``.

    CPU time is what a quiet machine's wall clock would show for one process: on a shared, loaded
    machine the wall clock also counts the time the process waited for a core.
    """
    runs, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(runs), statistics.median(runs), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        documents = {"statement": Path(tmp) / "statement.pdf", "dense": Path(tmp) / "dense.pdf"}
        statement(documents["statement"], pages=150)
        dense(documents["dense"])
        print(
            f"| document | pages | kept by screen | screen ms/page | screen CPU ms/page "
            f"| scrape s, 1 process | scrape CPU s, 1 process | scrape s, {args.jobs} processes |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for name, path in documents.items():
            data = path.read_bytes()
            screened = screen(data, path)
            pages = screened.page_count
            s_best, s_median, s_cpu = timed(partial(screen, data, path), args.repeat)
            one = timed(partial(scrape_file, path), args.repeat)
            many = timed(partial(scrape_file, path, args.jobs), args.repeat)
            print(
                f"| {name} | {pages} | {len(screened.keep)} | {1000 * s_best / pages:.2f} / "
                f"{1000 * s_median / pages:.2f} | {1000 * s_cpu / pages:.2f} "
                f"| {one[0]:.2f} / {one[1]:.2f} | {one[2]:.2f} | {many[0]:.2f} / {many[1]:.2f} |"
            )
        print(
            f"\n(wall: best / median of {args.repeat} runs; CPU: best, this process only; "
            f"load average {os.getloadavg()[0]:.1f} at the end)"
        )


if __name__ == "__main__":
    main()
