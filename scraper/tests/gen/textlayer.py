"""How the text layer spells what the page shows: space glyphs, pen moves, letter spacing.

PDF producers differ in the text layer behind the same picture. Word processors print a space glyph
between words; typesetters and many PDF printers print none and move the pen instead (a ``TJ``
offset the width of a space), so a reader must find words from the gaps between glyphs; some
letter-space their headings (``Tc``), so the gap between the letters of one word is wide too.
The reader must read all three alike (``FDMS 1.0`` is not ``FDMS1.0``, ``SIEMENS RIS`` is not
``SIEMEN S RIS``).

:func:`text_layer` applies one of these to everything reportlab prints while it is active, for the
standard Type 1 fonts (an embedded TrueType font keeps its space glyphs). The page looks the same
in each, but for the letter-spaced headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject

#: ``spaces``: as reportlab prints; ``no-spaces``: no space glyph, the pen moved instead;
#: ``letter-spaced``: no space glyph, and headings letter-spaced.
LAYERS = ("spaces", "no-spaces", "letter-spaced")
_SHOWN = re.compile(r"\(((?:[^()\\]|\\.)*)\) Tj")


@contextmanager
def text_layer(
    layer: str, heading: tuple[str, float] = ("", 0.0), width: float = 0.0
) -> Iterator[None]:
    """Print with ``layer`` while active. ``heading``: the (font, size) of headings, which
    ``letter-spaced`` spaces by up to 0.3 em while the line still fits ``width``."""
    if layer not in LAYERS:
        raise ValueError(f"text layer is one of {LAYERS}, not {layer!r}")
    original = PDFTextObject._formatText
    if layer == "spaces":
        yield
        return

    def format_text(self: PDFTextObject, text: str) -> str:
        out: str = original(self, text)
        font = pdfmetrics.getFont(self._fontname)
        if font._dynamicFont or font._multiByte:
            return out  # an embedded font: its glyph codes are not text
        space = font.stringWidth(" ", 1000)
        out = _SHOWN.sub(lambda m: _positioned(m.group(1), space), out)
        if layer == "letter-spaced" and (self._fontname, self._fontsize) == heading:
            natural = font.stringWidth(text, self._fontsize)
            room = (width - natural) / max(1, len(text) - 1)
            spacing = min(0.3 * self._fontsize, room)
            if spacing >= 0.15 * self._fontsize:
                out = f"{spacing:.2f} Tc {out} 0 Tc"
        return out

    PDFTextObject._formatText = format_text  # type: ignore[method-assign]
    try:
        yield
    finally:
        PDFTextObject._formatText = original  # type: ignore[method-assign]


def _positioned(shown: str, space: float) -> str:
    """``(a b) Tj`` as ``[(a) -278 (b)] TJ``: the same advance, no space glyph."""
    if " " not in shown:
        return f"({shown}) Tj"
    parts: list[str] = []
    for run in re.split(r"( +)", shown):
        if run.startswith(" "):
            parts.append(f"{-space * len(run):.1f}")
        elif run:
            parts.append(f"({run})")
    return f"[{' '.join(parts)}] TJ"
