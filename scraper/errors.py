"""The scraper's exceptions: one hierarchy, so a caller can catch exactly what it can handle.

A file-level error (:class:`PdfError` and its subclasses) means "this PDF cannot be read at all"; the
batch driver turns it into an error record and goes on with the next file. A row-level problem is not
an exception the caller sees: the row reader turns :class:`TagSyntaxError` into a reject record with
the reason, because one bad row must never cost the rest of the table.
"""

from __future__ import annotations

from pathlib import Path


class ScraperError(Exception):
    """Base class of every error the scraper raises on purpose."""


class PdfError(ScraperError):
    """A PDF that cannot be read at all. ``kind`` is a short stable word for summaries and JSON."""

    kind = "unreadable"

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"{self.path.name}: {self.describe()}: {detail}")

    def __reduce__(self) -> tuple[type[PdfError], tuple[Path, str]]:
        # Raised in worker processes: rebuild from the constructor's arguments, not the message.
        return type(self), (self.path, self.detail)

    @classmethod
    def describe(cls) -> str:
        """A short phrase naming the problem, e.g. ``encrypted PDF``."""
        return cls.kind.replace("-", " ")


class MalformedPdf(PdfError):
    """Not a PDF, a truncated one, or one neither PDF library can parse. Fix: get the file again."""

    kind = "malformed"

    @classmethod
    def describe(cls) -> str:
        return "malformed PDF"


class EncryptedPdf(PdfError):
    """The PDF needs a password to open. Fix: ask the vendor for an unprotected copy."""

    kind = "encrypted"

    @classmethod
    def describe(cls) -> str:
        return "encrypted PDF"


class EmptyPdf(PdfError):
    """A zero-byte file or a PDF with no pages. Fix: the download probably failed."""

    kind = "empty"

    @classmethod
    def describe(cls) -> str:
        return "empty PDF"


class TagSyntaxError(ScraperError, ValueError):
    """A table cell that should hold a DICOM tag but cannot be read as one; ``reason`` says why."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"{reason}: {text!r}")

    def __reduce__(self) -> tuple[type[TagSyntaxError], tuple[str, str]]:
        return type(self), (self.text, self.reason)
