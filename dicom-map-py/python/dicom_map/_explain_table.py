"""The text table of ``python -m dicom_map explain FILE``: one line per private element, its
name, sources and (when unresolved) the reason on wrapped lines below, under a heading per
creator block (``-- (2001,0010) 'Philips Imaging DD 001': block 10, 41 elements``); the creator
elements themselves are those headings.

It fits 100 columns: the columns that vary most (the keyword, the value) are shortened to fit,
and the name and the full list of sources wrap onto indented lines rather than being cut. Only a
tag path longer than about 50 characters (sequences nested three deep and more) makes a line
longer. ``--wide`` prints every field of every element, creators included, on one line instead,
however long, for ``grep`` and wide terminals.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from typing import List, Optional, Sequence, TextIO, Tuple

from dicom_map._explain import REASONS, ExplainRecord

__all__ = ["write_table", "WIDTH"]

#: The width the default table fits.
WIDTH = 100

_HEADERS = ("TAG", "VR", "DICT", "VM", "LEN", "KEYWORD", "VALUE", "STATUS")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _status(r: ExplainRecord, wide: bool = False) -> str:
    if r.status == "unresolved" and wide:
        return f"unresolved: {r.reason}"
    if r.kind == "private-creator":
        return "creator"
    return r.status


def _length(r: ExplainRecord) -> str:
    return "u/l" if r.length is None else str(r.length)


def _cells(r: ExplainRecord, wide: bool = False) -> Tuple[str, ...]:
    return (
        r.path,
        r.vr_file or "-",
        r.vr_dict or "-",
        str(r.vm_file) if r.vm_file is not None else "-",
        _length(r),
        r.keyword or "-",
        r.value or "",
        _status(r, wide),
    )


def _heading(path: str, creator: Optional[str], elements: int) -> str:
    block = path[-3:-1]
    noun = "element" if elements == 1 else "elements"
    return f"-- {path} {creator!r}: block {block}, {elements} {noun}"


def write_table(records: Sequence[ExplainRecord], out: TextIO, *, wide: bool = False) -> None:
    """Write ``records`` as the table (see the module docs)."""
    rows = [r for r in records if r.status != "damaged"]
    if not rows:
        return
    if wide:
        headers = _HEADERS + ("NAME", "SOURCES")
        cells = [_cells(r, True) + (r.name or "-", ",".join(r.sources) or "-") for r in rows]
        widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
        _line(out, headers, widths)
        for c in cells:
            _line(out, c, widths)
        return
    creators = {r.path: r.creator for r in rows if r.kind == "private-creator"}
    counts = Counter(r.block for r in rows if r.block is not None)
    elements = [r for r in rows if r.kind != "private-creator"]
    cells = [_cells(r) for r in elements]
    widths = _fit([max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(_HEADERS)])
    _line(out, _HEADERS, widths)
    # Creators without elements are headed where they stand; the others before their elements.
    block: Optional[str] = None
    for r in rows:
        if r.kind == "private-creator":
            if r.path not in counts:
                out.write(_cut(_heading(r.path, r.creator, 0), WIDTH) + "\n")
            continue
        if r.block != block:
            block = r.block
            if block is not None:
                heading = _heading(block, creators.get(block, r.creator), counts[block])
                out.write(_cut(heading, WIDTH) + "\n")
        _line(out, tuple(_cut(x, w) for x, w in zip(_cells(r), widths)), widths)
        detail = r.name or "-"
        if r.sources:
            detail += f"  (sources: {', '.join(r.sources)})"
        if r.status == "unresolved" and r.reason:
            detail += f"  {r.reason}: {REASONS.get(r.reason, '')}".rstrip(": ")
        for text in textwrap.wrap(
            detail, WIDTH, initial_indent=_INDENT, subsequent_indent=_INDENT + "  "
        ):
            out.write(text + "\n")


_INDENT = "    "


def _fit(widths: List[int]) -> List[int]:
    """Shrinks the keyword and value columns until a line fits :data:`WIDTH`."""
    keyword, value = _HEADERS.index("KEYWORD"), _HEADERS.index("VALUE")
    floors = {keyword: 12, value: 8}
    while sum(widths) + 2 * (len(widths) - 1) > WIDTH:
        wider = (
            value if widths[value] - floors[value] >= widths[keyword] - floors[keyword] else keyword
        )
        if widths[wider] <= floors[wider]:
            break  # the tag path itself is long (deep nesting): let the line be longer
        widths[wider] -= 1
    return widths


def _line(out: TextIO, cells: Sequence[str], widths: Sequence[int]) -> None:
    out.write("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n")
