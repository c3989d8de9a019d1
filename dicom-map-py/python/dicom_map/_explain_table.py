"""The text table of ``python -m dicom_map explain FILE``: one line per private element, its
name, sources and (when unresolved) the reason on wrapped lines below, under a heading per
creator block (``-- (2001,0010) 'Philips Imaging DD 001': block 10, 41 elements``); the creator
elements themselves are those headings. An element whose creator is missing, empty or unknown
(as an anonymiser may leave it) also lists the creators that define it, as ``dicom-lookup`` does.

A heading gives the creator element's full path (``(5200,9230)[13].(2005,140F)[0].(2005,0010)``
inside sequences), so the rows under it show only their own tag, as dcmdump does under an item:
the columns stay narrow however deep the nesting. An element outside any block (no creator
reserves it) shows its full path, under the heading ``-- outside any creator block``.

It fits 100 columns: the columns that vary most (the keyword, the value) are shortened to fit,
and the name and the full list of sources wrap onto indented lines, between words and never
inside a source id, rather than being cut. ``--wide`` prints every field of every element, creators included, on one line instead,
however long, for ``grep`` and wide terminals.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from typing import Callable, List, Optional, Sequence, TextIO, Tuple

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


def _shown_tag(r: ExplainRecord) -> str:
    """The tag under its block's heading: the path less the dataset the heading names."""
    container = r.block[: -len("(gggg,00BB)")] if r.block else ""
    return r.path[len(container) :] if container and r.path.startswith(container) else r.path


def _cells(r: ExplainRecord, wide: bool = False) -> Tuple[str, ...]:
    return (
        r.path if wide else _shown_tag(r),
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


#: The reasons for which the creators defining the element are worth listing: the file's creator
#: is missing, empty or unknown (an anonymiser may have removed or renamed it).
_SUGGEST_FOR = frozenset(("no creator", "empty creator", "unknown creator"))
#: The most creators listed under an element.
_MOST_SUGGESTED = 6


def _suggestion(r: ExplainRecord, creators_for: Callable[[int, int], List[str]]) -> str:
    """``; 3 creators define (0029,xx10): A, B, C`` for an element whose creator is missing,
    empty or unknown, or nothing."""
    if r.resolved or r.reason not in _SUGGEST_FOR:
        return ""
    group, element = r.tag >> 16, r.tag & 0xFFFF
    names = creators_for(group, element)
    if not names:
        return ""
    shown = ", ".join(names[:_MOST_SUGGESTED])
    if len(names) > _MOST_SUGGESTED:
        shown += (
            f" and {len(names) - _MOST_SUGGESTED} more (dicom-lookup {group:04X} {element:04X})"
        )
    noun = "creator defines" if len(names) == 1 else "creators define"
    return f"; {len(names)} {noun} ({group:04X},xx{element & 0xFF:02X}): {shown}"


def write_table(
    records: Sequence[ExplainRecord],
    out: TextIO,
    *,
    wide: bool = False,
    creators_for: Optional[Callable[[int, int], List[str]]] = None,
) -> None:
    """Write ``records`` as the table (see the module docs). With ``creators_for`` (such as
    :meth:`dicom_map.Dict.creators_for`), an element whose creator is missing, empty or unknown
    also lists the creators that define it."""
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
        if r.block != block or r is elements[0]:
            block = r.block
            if block is not None:
                heading = _heading(block, creators.get(block, r.creator), counts[block])
            else:
                heading = _NO_BLOCK
            out.write(_cut(heading, WIDTH) + "\n")
        _line(out, tuple(_cut(x, w) for x, w in zip(_cells(r), widths)), widths)
        detail = r.name or "-"
        if r.sources:
            detail += f"  (sources: {', '.join(r.sources)})"
        if r.status == "unresolved" and r.reason:
            detail += f"  {r.reason}: {REASONS.get(r.reason, '')}".rstrip(": ")
            if creators_for is not None:
                detail += _suggestion(r, creators_for)
        for text in textwrap.wrap(
            detail,
            WIDTH,
            initial_indent=_INDENT,
            subsequent_indent=_INDENT + "  ",
            break_on_hyphens=False,
            break_long_words=False,
        ):
            out.write(text + "\n")


_INDENT = "    "
#: The heading of elements no creator reserves (their rows show their full paths).
_NO_BLOCK = "-- outside any creator block (no creator reserves these elements)"


def _fit(widths: List[int]) -> List[int]:
    """Shrinks the keyword and value columns until a line fits :data:`WIDTH`."""
    keyword, value = _HEADERS.index("KEYWORD"), _HEADERS.index("VALUE")
    floors = {keyword: 12, value: len("(sequence, 12 items)")}
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
