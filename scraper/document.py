"""One PDF, start to end: read, hash, screen, read the kept pages into blocks, read their rows.

:func:`scrape_file` never raises for a bad PDF: a file that cannot be read comes back as a
:class:`~scraper.records.FileResult` with ``error`` set and a ``file`` reject saying why; a page that
pdfplumber fails on becomes a ``page`` reject and the next page is read. It is a plain function of a
path, so the batch driver can run it in worker processes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import PdfError
from .explain import explain_pages
from .pages import read_pages
from .records import FileResult, Reject
from .rows import RowReader
from .screen import screen


def scrape_file(path: Path | str, jobs: int = 1, explain: bool = False) -> FileResult:
    """Every private tag the PDF at ``path`` lists, with the rejects and any file-level error.

    ``jobs`` > 1 lets a big file's pages be read on that many cores (:mod:`scraper.pages`);
    ``explain`` fills ``explained`` with what each page held (:func:`~scraper.explain.explain`).
    """
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
        pages = read_pages(data, path, result.screened, jobs) if result.screened else []
    except PdfError as err:
        return _failed(result, path, err.kind, f"{err.describe()}: {err.detail}")
    reader = RowReader(path.name, result.sha256)
    previous = 0
    for page in pages:
        if page.number != previous + 1 or page.error:
            reader.page_gap()  # pages skipped or unread: nothing may be carried over them
        previous = page.number
        if page.error:
            result.rejects.append(
                Reject("page", f"{path.name}#p{page.number}", "page could not be read", page.error)
            )
            continue
        for block in page.blocks:
            reader.read(block, page.number)
    reader.finish()
    result.records = reader.records
    result.rejects.extend(reader.rejects)
    if explain:
        result.explained = explain_pages(path.name, result, pages)
    return result


def _failed(result: FileResult, path: Path, kind: str, reason: str) -> FileResult:
    result.error = kind
    result.rejects.append(Reject("file", path.name, reason))
    return result
