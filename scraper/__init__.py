"""Harvest private-tag tables from DICOM conformance-statement PDFs.

Vendor conformance statements are the primary documents for private tags. ``python -m scraper``
reads them (pdfplumber and pypdfium2; no AGPL, no Java) into JSON Lines, one record per private tag
with page-level provenance, for the dictionary compiler to ingest (``dicom_map_compiler.sources.
scraper_jsonl``).

The modules, in the order a PDF goes through them: :mod:`~scraper.screen` (open, pick pages),
:mod:`~scraper.tables` with :mod:`~scraper.borderless` and :mod:`~scraper.layout` (page into
tables and text lines), :mod:`~scraper.rows` with :mod:`~scraper.columns`, :mod:`~scraper.cells`,
:mod:`~scraper.tags`, :mod:`~scraper.vrvm` and :mod:`~scraper.creator` (rows into records),
:mod:`~scraper.records` (what is written), :mod:`~scraper.document` (one file) and
:mod:`~scraper.cli` (the batch).
"""

from .document import scrape_file
from .errors import EmptyPdf, EncryptedPdf, MalformedPdf, PdfError, ScraperError, TagSyntaxError
from .records import FileResult, Record, Reject

__version__ = "0.1.0"

__all__ = [
    "scrape_file",
    "FileResult",
    "Record",
    "Reject",
    "ScraperError",
    "PdfError",
    "MalformedPdf",
    "EncryptedPdf",
    "EmptyPdf",
    "TagSyntaxError",
]
