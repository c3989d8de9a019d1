"""Page geometry the table readers share: words, text lines, and the blocks a page is read into.

A page is read top to bottom into a list of blocks: a :class:`Table` (a grid of cells, each cell the
list of its printed lines) or a :class:`TextLine` (a caption, a heading, prose). The row reader walks
these blocks in order, so a caption always comes before the table it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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
