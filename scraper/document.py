"""One PDF, start to end: read, hash, screen, extract the kept pages, read their rows.

:func:`scrape_file` never raises for a bad PDF: a file that cannot be read comes back as a
:class:`~scraper.records.FileResult` with ``error`` set and a ``file`` reject saying why; a page that
pdfplumber fails on becomes a ``page`` reject and the next page is read. It is a plain function of a
path, so the batch driver can run it in worker processes.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pdfplumber

from .borderless import Columns
from .errors import MalformedPdf, PdfError
from .records import FileResult, Reject
from .rows import RowReader
from .screen import screen
from .tables import read_page


def scrape_file(path: Path | str) -> FileResult:
    """Every private tag the PDF at ``path`` lists, with the rejects and any file-level error."""
    path = Path(path)
    result = FileResult(path=str(path))
    try:
        data = path.read_bytes()
    except OSError as err:
        return _failed(result, path, "unreadable", f"cannot read the file: {err.strerror or err}")
    result.sha256 = hashlib.sha256(data).hexdigest()
    try:
        screened = screen(data, path)
        result.pages = screened.page_count
        result.screened = [index + 1 for index in screened.keep]
        if result.screened:
            _extract(data, path, result)
    except PdfError as err:
        return _failed(result, path, err.kind, f"{err.describe()}: {err.detail}")
    return result


def _extract(data: bytes, path: Path, result: FileResult) -> None:
    reader = RowReader(path.name, result.sha256)
    carry: Columns | None = None
    previous = 0
    try:
        pdf = pdfplumber.open(io.BytesIO(data), pages=result.screened)
    except Exception as err:  # noqa: BLE001 - pdfminer raises many unrelated types for one cause
        raise MalformedPdf(path, f"pdfplumber cannot open it: {type(err).__name__}: {err}") from err
    with pdf:
        for page in pdf.pages:
            number = page.page_number
            if number != previous + 1:
                reader.page_gap()
                carry = None
            previous = number
            try:
                blocks, carry = read_page(page, carry)
            except Exception as err:  # noqa: BLE001 - one unreadable page must not cost the others
                result.rejects.append(Reject("page", f"{path.name}#p{number}", "page could not be read",
                                             f"{type(err).__name__}: {err}"))
                reader.page_gap()
                carry = None
                continue
            finally:
                page.close()
            for block in blocks:
                reader.read(block, number)
    reader.finish()
    result.records = reader.records
    result.rejects.extend(reader.rejects)


def _failed(result: FileResult, path: Path, kind: str, reason: str) -> FileResult:
    result.error = kind
    result.rejects.append(Reject("file", path.name, reason))
    return result
