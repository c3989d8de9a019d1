"""Words from glyphs (:func:`scraper.layout.words_from_chars`): gaps measured against the font size.

The PDFs are printed with reportlab in the text layers real producers write (:mod:`.gen.textlayer`):
no space glyph between words (the pen moved instead), letter-spaced headings, and the plain kind.
Each case is also read with pdfplumber's fixed 3-point tolerance, to show the input is one that
joins or cuts words when the gap is not measured against the font size.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from scraper.layout import words_from_chars
from scraper.tests.gen.textlayer import text_layer

LINES = ["Private Creator FDMS 1.0", "SIEMENS RIS", "Canon Inc.", "GEMS_ACQU_01 (0019,xx10) US"]


def _print(path: Path, layer: str, font: str, size: float, heading: float = 0.0) -> Path:
    canvas = Canvas(str(path), pagesize=(600, 400), invariant=1, pageCompression=0)
    with text_layer(layer, (font, heading), width=560):
        for n, line in enumerate(LINES):
            canvas.setFont(font, heading if heading and n == 1 else size)
            canvas.drawString(20, 360 - 40 * n, line)
        canvas.save()
    return path


def _words(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        ours = _by_line([(w.top, w.text) for w in words_from_chars(page.chars)])
        fixed = _by_line([(w["top"], w["text"]) for w in page.extract_words()])
    return ours, fixed


def _by_line(words: list[tuple[float, str]]) -> list[list[str]]:
    lines: dict[int, list[str]] = {}
    for top, text in words:
        lines.setdefault(round(top / 20), []).append(text)
    return [lines[k] for k in sorted(lines)]


@pytest.mark.parametrize(
    ("font", "size"), [("Helvetica", 6.0), ("Helvetica", 9.5), ("Times-Roman", 7.0)]
)
def test_words_without_space_glyphs_are_apart(tmp_path: Path, font: str, size: float) -> None:
    ours, fixed = _words(_print(tmp_path / "a.pdf", "no-spaces", font, size))
    assert ours == [line.split() for line in LINES]
    assert any("FDMS1.0" in w for w in fixed[0])  # a fixed tolerance joins the words


@pytest.mark.parametrize("heading", [12.0, 16.0])
def test_letter_spaced_heading_keeps_its_words(tmp_path: Path, heading: float) -> None:
    ours, fixed = _words(_print(tmp_path / "b.pdf", "letter-spaced", "Helvetica", 8.0, heading))
    assert ours == [line.split() for line in LINES]
    assert fixed[1] != ["SIEMENS", "RIS"]  # a fixed tolerance cuts the letters apart


def test_space_glyphs_and_courier(tmp_path: Path) -> None:
    for layer in ("spaces", "no-spaces"):
        ours, _ = _words(_print(tmp_path / f"{layer}.pdf", layer, "Courier", 6.5))
        assert ours == [line.split() for line in LINES]


def test_words_keep_their_geometry(tmp_path: Path) -> None:
    with pdfplumber.open(_print(tmp_path / "c.pdf", "no-spaces", "Helvetica", 10.0)) as pdf:
        words = words_from_chars(pdf.pages[0].chars)
    first, second = words[0], words[1]
    assert (first.text, second.text) == ("Private", "Creator")
    assert first.x0 == pytest.approx(20.0, abs=0.01)
    assert 2.0 < second.x0 - first.x1 < 3.5  # one space of 10-point Helvetica (2.78 pt)
    assert first.bottom - first.top == pytest.approx(10.0, abs=1.5)
