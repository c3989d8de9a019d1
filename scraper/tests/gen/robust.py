"""PDFs that test the batch's limits (issue 9, "Robustness found while probing").

Both are tiny, well-formed one-page PDFs written byte by byte (reportlab would not write them), whose
only page names a private tag and a creator so the text screen keeps it for table extraction.

* :func:`huge_comment_pdf`: the page's content stream inflates to one huge ``%`` comment. pdfminer
  (under pdfplumber) slows down faster than linearly on it. Measured here on the shared machine:
  8 MB inflated (an 8 KB file) took 1.5 s of CPU, 24 MB (24 KB) 13 s of CPU, and the default 64 MB
  (a 63 KB file, the size issue 9 saw stall for 284 s) had not finished after 35 s. The per-file
  time limit must stop it.
* :func:`dying_worker_pdf`: the content stream is Flate-compressed twice and inflates to
  ``inflated`` bytes of zeros (1 GiB by default, from a 13 KB file). pdfium allocates about twice
  that while decoding; under an address-space limit below that (``resource.setrlimit(RLIMIT_AS)``,
  e.g. a 1 GiB per-file memory limit) pdfium's allocator aborts the process: the worker dies with
  SIGABRT (exit status 134), which is what the batch must survive, failing only that file. Without
  any limit it takes about 2 GB of RSS, which on a smaller machine is the out-of-memory kill.
  Measured: under ``ulimit -v 1500000`` pypdfium2's text extraction died with SIGABRT; under
  ``ulimit -v 4000000`` it finished in 9 s at 2.1 GB RSS. Do not read it without a limit in tests.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

PAGE_TEXT = b"BT /F1 10 Tf 72 720 Td ((0019,1001) Private Creator GEMS_ACQU_01) Tj ET\n"
_CHUNK = 1 << 22


def write_pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF of ``objects`` (object 1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def one_page(content: bytes, filters: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content``, already encoded with ``filters``."""
    stream = b"<< /Length %d /Filter %s >>\nstream\n%s\nendstream" % (
        len(content),
        filters,
        content,
    )
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            stream,
        ]
    )


def _deflate(parts: Sequence[bytes], repeat: bytes, times: int, level: int = 9) -> bytes:
    """zlib of ``parts[0] + repeat * times + parts[1:]`` without holding the inflated bytes."""
    packer = zlib.compressobj(level)
    out = [packer.compress(parts[0])]
    out += [packer.compress(repeat) for _ in range(times)]
    out += [packer.compress(p) for p in parts[1:]]
    out.append(packer.flush())
    return b"".join(out)


def huge_comment_pdf(path: Path | str, inflated: int = 64_000_000) -> Path:
    """A small PDF whose content stream is one line of text then a comment of ``inflated`` bytes."""
    times, rest = divmod(inflated, _CHUNK)
    content = _deflate([PAGE_TEXT + b"%" + b"A" * rest, b"\n"], b"A" * _CHUNK, times)
    path = Path(path)
    path.write_bytes(one_page(content, b"/FlateDecode"))
    return path


def dying_worker_pdf(path: Path | str, inflated: int = 1 << 30) -> Path:
    """A 13 KB PDF whose content stream, Flate-encoded twice, inflates to ``inflated`` zero bytes."""
    # Level 1 inside (2 s a GiB rather than 6); the outer pass shrinks its repetitive output anyway.
    inner = _deflate([PAGE_TEXT, b"\n"], b"\0" * _CHUNK, inflated // _CHUNK, level=1)
    path = Path(path)
    path.write_bytes(one_page(zlib.compress(inner, 9), b"[/FlateDecode /FlateDecode]"))
    return path
