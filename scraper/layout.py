"""Page geometry the table readers share: words, text lines, and the blocks a page is read into.

Words are built from the page's glyphs (:func:`words_from_chars`) by the gaps between them measured
against the font size, not in points: many PDF producers print no space glyph between words but
move the pen, and some letter-space their text, so a fixed tolerance joins ``FDMS`` / ``1.0`` at
small sizes and cuts ``SIEMEN`` / ``S`` in a letter-spaced heading.

A page is read top to bottom into a list of blocks: a :class:`Table` (a grid of cells, each cell the
list of its printed lines) or a :class:`TextLine` (a caption, a heading, prose). The row reader walks
these blocks in order, so a caption always comes before the table it names.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cells import Grid
from .columns import Role


@dataclass(frozen=True)
class Word:
    """One word as pdfplumber placed it (PDF points, ``top`` measured from the top of the page)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    #: The width of its first glyph (0 when not known): whether it would have fitted at the end
    #: of the line above tells a word cut by a narrow cell from a wrapped one.
    lead: float = 0.0


@dataclass
class TextLine:
    """Words that share a baseline, left to right."""

    words: list[Word]
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Table:
    """A table as printed: rows of cells of lines.

    A ruled table comes with its header rows among ``rows`` (the row reader finds them) and its empty
    padding columns dropped. A borderless table was cut into columns by its header, so it comes with
    one role per column in ``roles`` and without the header row.
    """

    rows: Grid
    ruled: bool
    top: float
    roles: list[Role] | None = None
    #: Whether ``roles`` were read from the table's own header (a table going on from the last
    #: page without one gets them from there or from its cells).
    headed: bool = False


Block = Table | TextLine


def group_lines(words: Iterable[Word]) -> list[TextLine]:
    """Group words into lines: a word joins a line when its top lies in the line's upper half."""
    lines: list[list[Word]] = []
    top = bottom = 0.0
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and word.top <= top + (bottom - top) / 2:
            lines[-1].append(word)
            bottom = max(bottom, word.bottom)
        else:
            lines.append([word])
            top, bottom = word.top, word.bottom
    return [TextLine(ws) for ws in lines]


#: A gap between two glyphs wider than this share of the font size (beyond the line's usual
#: letter spacing) separates two words. A space is 0.25 em (Times) to 0.6 em (Courier) wide; kerning
#: and rounding move glyphs by a few hundredths of an em.
WORD_GAP = 0.15
#: Glyphs whose tops differ by less than this share of the font size print on one line.
_SAME_LINE = 0.5
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}

Char = Mapping[str, Any]


def words_from_chars(chars: Iterable[Char]) -> list[Word]:
    """The words a page's glyphs (pdfplumber's ``page.chars``) spell, in reading order per line.

    A space glyph ends a word. Otherwise a glyph starts a new word when the gap before it exceeds
    the line's own letter spacing (the median gap between its glyphs: zero in most text, a constant
    in letter-spaced headings) by more than :data:`WORD_GAP` of the font size, or when it starts
    left of the glyph before it (overprinted or out-of-order text).
    """
    out: list[Word] = []
    for line in _char_lines(chars):
        spacing = _letter_spacing(line)
        current: list[Char] = []
        for char in line:
            if str(char["text"]).isspace():
                _emit(current, out)
                current = []
                continue
            if current:
                before = current[-1]
                size = max(float(before["size"]), float(char["size"]), 1.0)
                gap = float(char["x0"]) - float(before["x1"])
                if float(char["x0"]) < float(before["x0"]) or gap > spacing + WORD_GAP * size:
                    _emit(current, out)
                    current = []
            current.append(char)
        _emit(current, out)
    return out


def _char_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Glyphs grouped into lines by their tops, each line left to right."""
    lines: list[list[Char]] = []
    top = 0.0
    for char in sorted(chars, key=lambda c: (float(c["top"]), float(c["x0"]))):
        size = max(float(char["size"]), 1.0)
        if lines and float(char["top"]) - top <= _SAME_LINE * size:
            lines[-1].append(char)
        else:
            lines.append([char])
            top = float(char["top"])
    for line in lines:
        line.sort(key=lambda c: float(c["x0"]))
    return lines


def _letter_spacing(line: Sequence[Char]) -> float:
    """The usual gap between neighbouring glyphs of a line (ignoring spaces and column gaps)."""
    gaps = []
    for before, char in zip(line, line[1:]):
        if str(before["text"]).isspace() or str(char["text"]).isspace():
            continue
        gap = float(char["x0"]) - float(before["x1"])
        if gap < 0.5 * max(float(char["size"]), 1.0):
            gaps.append(max(gap, 0.0))
    return statistics.median(gaps) if len(gaps) >= 3 else 0.0


def _emit(chars: list[Char], out: list[Word]) -> None:
    if chars:
        out.append(
            Word(
                "".join(_LIGATURES.get(str(c["text"]), str(c["text"])) for c in chars),
                min(float(c["x0"]) for c in chars),
                max(float(c["x1"]) for c in chars),
                min(float(c["top"]) for c in chars),
                max(float(c["bottom"]) for c in chars),
                float(chars[0]["x1"]) - float(chars[0]["x0"]),
            )
        )
