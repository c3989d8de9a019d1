"""The fast text screen: open a PDF with pdfium and pick the pages that may hold private tags.

Table extraction (pdfplumber) costs tens of milliseconds a page; reading a page's text with pdfium
costs about one. A 150-page statement typically lists private tags on a tenth of its pages, so only
the pages whose text holds an odd-group tag (``(0019,xx08)``, ``0009, xx01``, ``(0033xx50)``,
``0019 xx08`` from split columns, ``(7FE3:1014)``, digits wrapped over a line) or a private-creator caption go on to
extraction. The screen errs towards keeping a page: a false hit costs time, a miss costs data.

This is also where a file is first opened, so it is where unreadable files are recognised and turned
into typed errors (:mod:`scraper.errors`): empty, not a PDF, truncated, encrypted, malformed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import vrvm
from .errors import EmptyPdf, EncryptedPdf, MalformedPdf

_TAG = re.compile(
    r"(?<![0-9A-Za-z])(?:0[xX])?([0-9A-Fa-f]{3}[13579BDFbdf])\)?[\s,:]*(?:0[xX])?"
    r"(?:[xXyY]{2}|[0-9A-Fa-f]{2})\s*[0-9A-Fa-f]{2}"
    r"(?![0-9A-Za-z])"
)
_ELEMENT = re.compile(
    r"(?<![0-9A-Za-z,])(?:[xX]{2}|[1-9A-Fa-f][0-9A-Fa-f])[0-9A-Fa-f]{2}(?![0-9A-Za-z])"
)
#: A line starting with a two-digit element cell (``04``), and a VR code, both counted on a page
#: that may go on with a Group/Element table (pdfium gives a row's cells in stream order, so the
#: element and the VR are not always on one line of its text).
_SHORT_ELEMENT_LINE = re.compile(r"^[ \t]*[0-9A-Fa-f]{2}(?:[ \t\r]|$)", re.MULTILINE)
_VR_WORD = re.compile(r"\b(?:" + "|".join(sorted(vrvm.VRS)) + r")\b")
_CAPTION = re.compile(r"private\s+(?:\w+\s+){0,2}?(?:creator|owner)", re.IGNORECASE)
#: A private block named as a whole (``Reserves the (0009,10xx) Range``).
_BLOCK = re.compile(
    r"(?<![0-9A-Za-z])([0-9A-Fa-f]{3}[13579BDFbdf])[\s,:]*[0-9A-Fa-f]{2}[xX]{2}(?![0-9A-Za-z])"
)
#: How far from each end of the file the PDF header and the end-of-file marker are looked for.
_ENDS = 1024


@dataclass(frozen=True)
class Screen:
    """The screen's answer for one PDF."""

    page_count: int
    #: 0-based indices of the pages to extract tables from.
    keep: tuple[int, ...]


def page_may_hold_private_tags(text: str) -> bool:
    """Whether a page's plain text names an odd-group tag or block (``(0009,10xx)``) above 0008,
    or a private creator."""
    if _CAPTION.search(text):
        return True
    if any(int(m.group(1), 16) > 0x0008 for m in _BLOCK.finditer(text)):
        return True
    return any(int(m.group(1), 16) > 0x0008 for m in _TAG.finditer(text))


def continues_split_table(text: str) -> bool:
    """Whether a page after a kept one may go on with a Group/Element table whose group cells are
    empty on the continuing rows: it prints at least three element cells (``1004``, ``xx04``), or
    fewer but at least as many VR codes (the last rows of a table), or four lines that begin with a two-digit element (``60 Slice Stack``) on a page naming three VRs."""
    elements = len(_ELEMENT.findall(text))
    if elements >= 3 or (elements and len(_VR_WORD.findall(text)) >= elements):
        return True
    return len(_SHORT_ELEMENT_LINE.findall(text)) >= 4 and len(_VR_WORD.findall(text)) >= 3


def screen(data: bytes, path: Path) -> Screen:
    """Open the PDF in ``data`` (read from ``path``) and screen every page; raises a PdfError."""
    check_envelope(data, path)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise _classify(data, path, err) from err
    try:
        count = len(pdf)
        if count == 0:
            raise EmptyPdf(path, "the document has no pages")
        keep = []
        for index in range(count):
            try:
                page = pdf[index]
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
                page.close()
            except pdfium.PdfiumError:
                keep.append(index)  # pdfplumber may read what pdfium cannot; extraction decides
                continue
            if page_may_hold_private_tags(text) or (
                keep and keep[-1] == index - 1 and continues_split_table(text)
            ):
                keep.append(index)
        return Screen(count, tuple(keep))
    finally:
        pdf.close()


def check_envelope(data: bytes, path: Path) -> None:
    """Refuse, before any parsing, an empty file, a file that is not a PDF and a truncated one."""
    if not data:
        raise EmptyPdf(path, "the file has zero bytes")
    if b"%PDF-" not in data[:_ENDS]:
        raise MalformedPdf(path, "no %PDF- header: not a PDF file")
    if b"%%EOF" not in data[-_ENDS:]:
        raise MalformedPdf(path, "no %%EOF marker at the end: the file is truncated")


def _classify(data: bytes, path: Path, err: pdfium.PdfiumError) -> Exception:
    if getattr(err, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
        return EncryptedPdf(path, "a password is needed to open it")
    # pdfium also refuses a well-formed PDF with zero pages; pdfminer tells the two cases apart.
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) == 0:
                return EmptyPdf(path, "the document has no pages")
    except Exception:  # noqa: BLE001 - any pdfminer failure just confirms the file is malformed
        pass
    return MalformedPdf(path, str(err))
