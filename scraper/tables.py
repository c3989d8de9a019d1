"""One page into blocks: ruled tables by their rules, borderless ones by their header, and text lines.

pdfplumber finds ruled tables from the page's lines and rectangles. Their cells are filled from the
page's words (one pass, each word placed by its centre; pdfplumber's own ``Table.extract`` tests every
character against every cell and cost a fifth of the run), then empty padding columns (double rules)
and rows are dropped; a "table" left with fewer than two columns (a page frame, a boxed note) is not
a table. The words outside the ruled tables are grouped into lines and, together with the ruled
tables (a grid without a single tag-like cell, or with words beside most of its rows, is not kept:
rules framing part of a table), handed top to bottom to the :class:`~scraper.borderless.BorderlessReader`, which cuts
borderless tables out of them and passes the remaining lines (captions, prose) through.
"""

from __future__ import annotations

import bisect
from typing import Any

from pdfplumber.page import Page
from pdfplumber.table import Table as FoundTable

from .anchored import AnchoredReader, Carry
from .cells import Grid, drop_padding, join_compact, mark_broken
from .layout import Block, Table, Word, group_lines, words_from_chars
from .tags import is_complete, is_tag_start


def read_page(page: Page, carry: Carry | None) -> tuple[list[Block], Carry | None]:
    """The page's blocks top to bottom, and the borderless columns the next page may continue."""
    words = words_from_chars(page.chars)
    items: list[tuple[float, Block]] = []
    for found in page.find_tables() if page.edges else []:
        grid, outside = _fill(found, words)
        grid = drop_padding(grid)
        if (
            grid
            and max(len(row) for row in grid) >= 2
            and _names_tags(grid)
            and not _frames_part(found, outside)
        ):
            items.append((found.bbox[1], Table(grid, ruled=True, top=found.bbox[1])))
            words = outside
    items += [(line.top, line) for line in group_lines(words)]
    return AnchoredReader(carry).read(
        [block for _, block in sorted(items, key=lambda item: item[0])]
    )


def _names_tags(grid: Grid) -> bool:
    """Whether a ruled grid holds a tag-like cell. Rules that frame only part of a table (an inner
    grid over the name and VR columns) make a grid without the tags: its words are read as lines,
    with the rest of the table, instead."""
    return any(
        is_complete(text) or is_tag_start(text)
        for row in grid
        for cell in row
        if (text := join_compact(cell))
    )


def _frames_part(table: FoundTable, outside: list[Word]) -> bool:
    """Whether the rules frame only part of a table: most of the grid's rows (two at least) have
    words beside the grid on the same line (a Group column, a description left unruled). Such a
    grid is read as lines with the rest of its table, whatever tag-like cells it holds."""
    left, _, right, _ = table.bbox
    spans = [(row.bbox[1], row.bbox[3]) for row in table.rows]
    beside = [
        any(
            top <= (w.top + w.bottom) / 2 <= bottom and (w.x1 <= left or w.x0 >= right)
            for w in outside
        )
        for top, bottom in spans
    ]
    return sum(beside) >= 2 and 2 * sum(beside) >= len(beside)


def _fill(table: FoundTable, words: list[Word]) -> tuple[Grid, list[Word]]:
    """The table's cells as lists of printed lines, and the words that lie outside the table."""
    rows = table.rows
    tops = [row.bbox[1] for row in rows]
    placed: list[list[list[Word]]] = [[[] for _ in row.cells] for row in rows]
    left, top, right, bottom = table.bbox
    outside = []
    for word in words:
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        if not (left <= x <= right and top <= y <= bottom):
            outside.append(word)
            continue
        r = max(0, bisect.bisect_right(tops, y) - 1)
        c = _cell_at(rows[r].cells, x, y)
        if c is None:  # a cell merged over several rows is listed in the row it starts in
            r, c = next(
                (
                    (i, at)
                    for i, row in enumerate(rows)
                    if (at := _cell_at(row.cells, x, y)) is not None
                ),
                (r, None),
            )
        if c is None:
            outside.append(word)  # in a hole of an irregular table: read it as text, do not lose it
        else:
            placed[r][c].append(word)
    widths = [
        max(
            max((w.x1 for row in placed if c < len(row) for w in row[c]), default=0.0)
            - min((w.x0 for row in placed if c < len(row) for w in row[c]), default=0.0),
            _room(rows, placed, c),
        )
        for c in range(max((len(row) for row in placed), default=0))
    ]
    grid = [
        [
            mark_broken([line.words for line in group_lines(cell)], widths[c])
            for c, cell in enumerate(row)
        ]
        for row in placed
    ]
    return grid, outside


def _room(rows: list[Any], placed: list[list[list[Word]]], c: int) -> float:
    """The width text has in column ``c`` of a ruled table: its narrowest cell less the padding
    the cells keep on the left, as much on the right. A line as wide as the widest text of a
    column is not full when the column has room for more (``ENHANCED`` / ``IDATASET`` is a wrap,
    not one word cut by the column); 0 when the cells do not tell."""
    spans, pads = [], []
    for row, words in zip(rows, placed):
        box = row.cells[c] if c < len(row.cells) else None
        if box is None:
            continue
        spans.append(box[2] - box[0])
        pads += [w.x0 - box[0] for w in (words[c] if c < len(words) else []) if w.x0 >= box[0]]
    if not spans or not pads:
        return 0.0
    return float(min(spans) - 2 * min(pads))


def _cell_at(
    cells: list[tuple[float, float, float, float] | None], x: float, y: float
) -> int | None:
    for index, bbox in enumerate(cells):
        if bbox is not None and bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]:
            return index
    return None
