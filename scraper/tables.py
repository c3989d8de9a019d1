"""One page into blocks: ruled tables by their rules, borderless ones by their header, and text lines.

pdfplumber finds ruled tables from the page's lines and rectangles; their empty padding columns (double
rules) and rows are dropped, and a "table" left with fewer than two columns (a page frame, a boxed
note) is not a table. The words outside the ruled tables are grouped into lines and, together with
the ruled tables, fed top to bottom to the :class:`~scraper.borderless.BorderlessReader`, which cuts
borderless tables out of them and passes the remaining lines (captions, prose) through.
"""

from __future__ import annotations

from typing import Any

from pdfplumber.page import Page

from .borderless import BorderlessReader, Columns
from .cells import drop_padding
from .layout import Block, Table, Word, group_lines


def read_page(page: Page, carry: Columns | None) -> tuple[list[Block], Columns | None]:
    """The page's blocks top to bottom, and the borderless columns the next page may continue."""
    ruled = _ruled_tables(page)
    words = [
        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
        if not any(_inside(w, bbox) for _, bbox in ruled)
    ]
    items: list[tuple[float, Block]] = [(t.top, t) for t, _ in ruled]
    items += [(line.top, line) for line in group_lines(words)]
    return BorderlessReader(carry).read([block for _, block in sorted(items, key=lambda item: item[0])])


def _ruled_tables(page: Page) -> list[tuple[Table, tuple[float, float, float, float]]]:
    if not page.edges:
        return []
    found = []
    for table in page.find_tables():
        grid = drop_padding([[(cell or "").split("\n") if cell else [] for cell in row]
                             for row in table.extract()])
        if grid and max(len(row) for row in grid) >= 2:
            found.append((Table(grid, ruled=True, top=table.bbox[1]), table.bbox))
    return found


def _inside(word: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]

