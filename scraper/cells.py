"""Cleaning the text of table cells: wrapped lines joined, hyphenated wraps mended, padding dropped.

A cell arrives as the list of its printed lines. Tag cells are joined with nothing between the lines
(``(0019,10`` + ``10)`` is one tag whose digits wrapped); text cells are joined with spaces, and a
line ending in a hyphen after a letter is mended with the next line when that line goes on in lower
case (``Acquisi-`` + ``tion`` → ``Acquisition``), or kept as a real hyphen otherwise (``Time-`` +
``Stamp`` → ``Time-Stamp``). Grids lose their all-empty columns and rows here: double rules make
pdfplumber see a thin empty column beside every real one (a 7-column table comes out with 15).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol


class Word(Protocol):
    """What :func:`mark_broken` needs of a word: its text and horizontal extent."""

    @property
    def text(self) -> str: ...
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...


#: Every quote mark creators come wrapped in: straight, curly, low-9, guillemets, primes, backticks.
QUOTES = "\"'\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb`\u00b4\u2032\u2033"

#: Ends a cell line printed inside a word (``GEMS_AC`` / ``QU_01``), see :func:`mark_broken`.
BROKEN = "\u2060"

Cell = list[str]
Grid = list[list[Cell]]


def clean_line(line: str) -> str:
    """One printed line: NFKC (ligatures, non-breaking spaces), single spaces, no soft hyphens inside."""
    line = unicodedata.normalize("NFKC", line).replace(BROKEN, "")
    soft_end = line.rstrip().endswith("\u00ad")
    line = " ".join(line.replace("\u00ad", "").split())
    return line + "-" if soft_end else line


def join_text(lines: Sequence[str], broken: bool = False) -> str:
    """Join a text cell's lines with spaces, mending hyphenated wraps.

    With ``broken``, lines marked :data:`BROKEN` are joined to the next without a space: used for
    the cells a creator is read from (``GEMS_AC`` / ``QU_01``). Names and descriptions do not use it:
    a line made of a column's widest word looks cut as well (``Compensation`` / ``Index``).
    """
    out = ""
    glue = False
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        if not out:
            out = line
        elif glue:
            out += line  # the cell was too narrow for the word: it was broken, not wrapped
        elif len(out) > 1 and out.endswith("-") and out[-2].isalpha():
            out = out[:-1] + line if line[0].islower() else out + line
        elif out.endswith("_") or line.startswith("_"):
            out += line  # an identifier wrapped at its underscore (SIEMENS_ / CSA_NON_IMAGE)
        else:
            out = f"{out} {line}"
        glue = broken and raw.rstrip().endswith(BROKEN)
    return out


def mark_broken(lines: Sequence[Sequence[Word]], width: float) -> list[str]:
    """A cell's lines as text, :data:`BROKEN` ending each line that was cut inside a word.

    A typesetter moves a word that does not fit to the next line whole, and cuts it only when it is
    wider than the column, filling the line up to the last letter that fits. So where a line is
    full (the next line's first letter would not fit in ``width``, the room the column has) and its last
    word and the next line's first word are together wider than the column, they are one word the
    column was too narrow for, and are joined without a space, unless the next line starts with a
    capitalised word (``Release``), which begins a word of its own.
    """
    out = []
    for k, words in enumerate(lines):
        text = " ".join(w.text for w in words)
        if k + 1 < len(lines) and words and lines[k + 1]:
            last, first = words[-1], lines[k + 1][0]
            letter = getattr(first, "lead", 0.0) or (first.x1 - first.x0) / max(1, len(first.text))
            full = last.x1 - words[0].x0 + letter > width - 0.01  # the next letter would not fit
            joined = (last.x1 - last.x0) + (first.x1 - first.x0)
            if (
                full
                and joined > width + 0.5
                and _word_end(last.text)
                and _word_end(first.text[::-1])
                and not _CAPITALISED.match(first.text)
            ):
                text += BROKEN
        out.append(text)
    return out


#: A word that starts a new word, not the tail of a cut one (``SPI-P-CDS-DSI`` / ``Release 1``):
#: a cut lands right before a capital of a camel-case word too rarely to weigh against it.
_CAPITALISED = re.compile(r"[A-Z][a-z]")


def _word_end(text: str) -> bool:
    return bool(text) and (text[-1].isalnum() or text[-1] == "_")


def join_compact(lines: Sequence[str]) -> str:
    """Join a tag cell's lines with nothing between them (digits may wrap anywhere)."""
    return "".join(clean_line(line) for line in lines)


def strip_quotes(text: str) -> str:
    """``“SIEMENS MR HEADER”`` → ``SIEMENS MR HEADER``: surrounding quotes and spaces removed."""
    previous = None
    while previous != text:
        previous = text
        text = text.strip().strip(QUOTES)
    return text


def drop_padding(grid: Grid) -> Grid:
    """Remove the columns that are empty in every row, then the rows that are empty in every cell."""
    width = max((len(row) for row in grid), default=0)
    rows = [row + [[] for _ in range(width - len(row))] for row in grid]
    keep = [c for c in range(width) if any(_has_text(row[c]) for row in rows)]
    rows = [[row[c] for c in keep] for row in rows]
    return [row for row in rows if any(_has_text(cell) for cell in row)]


def _has_text(cell: Cell) -> bool:
    return any(line.strip() for line in cell)
