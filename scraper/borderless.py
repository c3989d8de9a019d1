"""Borderless tables: columns anchored on the header row, rows started by the tag column.

A borderless table has no rules to cut cells by, so the header row does it: its words are grouped
into header cells by the wide gaps between columns, and each header cell starts a column. Where
exactly: headers are often centred over left-aligned text, so the column starts where the body's
words line up, i.e. at the x most body words start at between the previous header's right edge and
this header's left edge (the header's own left edge when no such alignment exists). Every word then
belongs to the column whose start lies at or left of it.

Rows are found line by line:

* a line whose tag-column text begins a tag (``(0019,xx08)``, or ``0019`` in a Group column) starts
  a row, unless the current row's tag is still incomplete (its digits wrapped: ``(0019,10`` / ``10)``);
  inside a table, so does a line whose short tag-column text merely looks like a tag (``(0019,xx0G)``)
  and that fills other columns too: the row reader then reports it instead of it vanishing;
* a line close below the current row (gap under half a line) continues it: wrapped cells;
* any other line (caption, prose, page footer) ends the row and is passed on as text.

The columns outlive the page: a table that runs on without a header reuses them on the next page.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from . import cells, tags
from .columns import Role, header_roles, tag_text
from .layout import Block, Table, TextLine, Word

#: How far (points) a word may start left of its column's header and still belong to that column.
_SLACK = 2.0
#: Header cells are separated by gaps wider than this fraction of the line height.
_HEADER_GAP = 0.8
#: A line continues the row above when the gap between them is under this fraction of its height.
_TIGHT = 0.5
#: How many lines below a header are looked at to find where its columns' text starts.
_LOOKAHEAD = 80


@dataclass(frozen=True)
class Columns:
    """A borderless table's columns: where each starts, and what it holds."""

    starts: tuple[float, ...]
    roles: tuple[Role, ...]

    def split(self, line: TextLine) -> list[list[Word]]:
        """The line's words, per column."""
        out: list[list[Word]] = [[] for _ in self.starts]
        for word in line.words:
            out[max(0, bisect.bisect_right(self.starts, word.x0 + _SLACK) - 1)].append(word)
        return out

    def tag_text(self, row: list[cells.Cell]) -> str:
        """The row's tag as one string (see :func:`~scraper.columns.tag_text`)."""
        return tag_text(row, self.roles)


def header_cells(line: TextLine) -> list[list[Word]]:
    """A line's words grouped into cells wherever the gap is wider than a column gap."""
    groups: list[list[Word]] = []
    for word in line.words:
        if groups and word.x0 - groups[-1][-1].x1 <= _HEADER_GAP * line.height:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _anchor(groups: list[list[Word]], body: list[Word]) -> list[float]:
    """Where columns 1..n start: the x most body words start at between the neighbouring headers."""
    starts = []
    for before, header in zip(groups, groups[1:]):
        low, high = before[-1].x1, header[0].x0 + _SLACK
        counts: dict[float, int] = {}
        for word in body:
            if low < word.x0 <= high:
                key = round(word.x0 * 2) / 2
                counts[key] = counts.get(key, 0) + 1
        best = max(counts.items(), key=lambda item: (item[1], item[0]), default=(header[0].x0, 0))
        starts.append(best[0] if best[1] >= 2 else header[0].x0)
    return starts


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


class BorderlessReader:
    """Reads a page's blocks in order, turning runs of text lines under a header into tables."""

    def __init__(self, carry: Columns | None) -> None:
        self.columns = carry
        self._ahead: list[Block] = []
        self.blocks: list[Block] = []
        self._rows: list[list[cells.Cell]] = []
        self._row: list[cells.Cell] | None = None
        self._top = 0.0
        self._last: TextLine | None = None
        self._header: list[cells.Cell] | None = None
        self._in_table = False

    def read(self, blocks: list[Block]) -> tuple[list[Block], Columns | None]:
        """Read a page's blocks (top to bottom): the blocks with borderless tables cut out of the lines,
        and the columns a table continued on the next page would reuse."""
        for index, block in enumerate(blocks):
            self._ahead = blocks[index + 1 : index + 1 + _LOOKAHEAD]
            self._feed(block)
        self._close()
        return self.blocks, self.columns

    def _feed(self, block: Block) -> None:
        if isinstance(block, Table):
            self._close()
            self.columns = None
            self.blocks.append(block)
            return
        if self._try_header(block) or self._try_row(block):
            self._last = block
            self._in_table = True
            return
        self._close()
        self._in_table = False
        self.blocks.append(block)

    def _tight(self, line: TextLine) -> bool:
        return self._last is not None and line.top - self._last.bottom <= _TIGHT * line.height

    def _try_header(self, line: TextLine) -> bool:
        if self._header is not None and self.columns is not None and self._tight(line):
            # A header printed over two lines: its second line adds words to the header cells.
            parts = self.columns.split(line)
            if not tags.is_tag_start(self.columns.tag_text([[_text(p)] for p in parts])):
                for cell, part in zip(self._header, parts):
                    if part:
                        cell.append(_text(part))
                roles = header_roles([" ".join(c) for c in self._header])
                if roles is not None:
                    self.columns = Columns(self.columns.starts, tuple(roles))
                return True
        groups = header_cells(line)
        roles = header_roles([_text(g) for g in groups])
        if roles is None:
            self._header = None
            return False
        self._close()
        starts = (-math.inf, *_anchor(groups, self._body_words()))
        self.columns = Columns(starts, tuple(roles))
        self._header = [[_text(g)] for g in groups]
        self._top = line.top
        return True

    def _body_words(self) -> list[Word]:
        body: list[Word] = []
        for block in self._ahead:
            if isinstance(block, Table):
                break
            body.extend(block.words)
        return body

    def _try_row(self, line: TextLine) -> bool:
        self._header = None
        if self.columns is None:
            return False
        split = self.columns.split(line)
        parts = [[_text(p)] if p else [] for p in split]
        tag = self.columns.tag_text(parts)
        tight = self._row is not None and self._tight(line)
        if (
            tight
            and self._row is not None
            and not tags.is_complete(self.columns.tag_text(self._row))
        ):
            self._extend(parts)
        elif tags.is_tag_start(tag) or tags.is_element_only(tag) or self._misprinted(tag, split):
            if self._row is not None:
                self._rows.append(self._row)
            elif not self._rows:
                self._top = line.top
            self._row = parts
        elif tight:
            self._extend(parts)
        else:
            return False
        return True

    def _misprinted(self, tag: str, split: list[list[Word]]) -> bool:
        """A row inside the table whose tag cell is short and tag-like but not a tag notation."""
        tag_words = sum(
            len(split[i])
            for i, r in enumerate(self.columns.roles if self.columns else ())
            if r in (Role.TAG, Role.GROUP, Role.ELEMENT)
        )
        return (
            self._in_table
            and tags.looks_like_tag(tag)
            and tag_words <= 3
            and sum(1 for p in split if p) >= 2
        )

    def _extend(self, parts: list[cells.Cell]) -> None:
        assert self._row is not None
        for cell, part in zip(self._row, parts):
            cell.extend(part)

    def _close(self) -> None:
        if self._row is not None:
            self._rows.append(self._row)
        if self._rows and self.columns is not None:
            self.blocks.append(
                Table(self._rows, ruled=False, top=self._top, roles=list(self.columns.roles))
            )
        self._rows, self._row = [], None
