"""Tables without vertical rules, read from their tags, so that the layout does not matter.

A page's text lines outside ruled tables come here. Nothing is assumed about where the tag column is,
whether there is a header, how cells are aligned or how names wrap:

1. *Anchors*: a line holding a tag that stands as a cell of its own (``(0019,xx08)``, ``0019 1008``,
   ``(F001:F103)``, a range ``(0019,1610) . . . (0019,167F)``, a group and an element in separate
   cells, digits wrapped onto the next line) is a table row; a tag cited inside running prose is
   not (it is not set off from its neighbours by a column gap).
2. *Tables*: consecutive anchors, with the lines between them, until a caption, a header or a
   paragraph of prose intervenes; the lines wrapped above the first anchor and below the last one
   (names centred on their row, long descriptions) and a header of one to three lines above.
3. *Columns*: where no cell text of any of the table's lines crosses (cells are the runs of words
   closer than half a line height); roles from the header when there is one, and from what the cells
   hold (:func:`~scraper.columns.classify`: VR codes, VMs, Type values ...) where the header is
   silent or missing.
4. *Rows*: in every column, wrapped lines are grouped into blocks by their spacing; a block belongs
   to the anchor whose line it spans (top, centred and bottom aligned cells alike), else the nearest.
   Rows whose tag cell looks like a tag but is not one, and split-column rows whose group cell is
   empty, become rows too: the row reader reports the first and gives the second the group above.

Lines that belong to no table (captions, headings, prose) are passed on as text lines, in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import cells, creator, tags
from .columns import Role, classify, header_roles, holds_creators, one_creator_column, role_of
from .layout import Block, Table, TextLine, Word

#: Words closer than this (× line height) are one cell's text.
_CELL_GAP = 0.45
#: A tag set off from its neighbours by this much (× line height) is a cell, not prose.
_ISOLATED = 0.6
#: Lines closer than this (× line height) are one cell's wrapped lines.
_TIGHT = 0.55
#: Header lines are looked for this far (× line height) above a table's first line.
_HEADER_REACH = 2.5
#: Two anchors further apart than this (× line height) are in different tables.
_MAX_ROW_GAP = 18.0
#: At most this many words make one tag (a range printed with spaced dots).
_MAX_SPAN = 9
#: A group cell and its element cell at most this far apart (× line height).
_SPLIT_REACH = 8.0
_RANGE_OPERATOR = re.compile(r"\.{2,}|-|TO|THRU|THROUGH")
_TEXT_ROLES = frozenset({Role.OTHER, Role.NAME, Role.DESCRIPTION, Role.VALUE})
_START = re.compile(r"\(?[0-9A-F]{4}")
_LOW_BYTE = re.compile(r"\(?[0-9A-F]{2}\)?")
_ELEMENT = re.compile(r"\(?[0-9A-FXY]{4}\)?")
#: A table's caption (``Table 4-2 ...``, ``Table A.3: ...``) ends the table above it.
_TABLE_CAPTION = re.compile(r"(?:Table|TABLE|Tab\.)\s+[A-Z]?\d+(?:[-.\u2013]\d+)*[.:]?(?:\s|$)")
#: A line drawn with characters (``----- ------``, ``=====``): the header rule of a text table.
_RULE_LINE = re.compile(
    r"[-=_\u2013\u2014\u2500\u2550]{3,}(?:\s+[-=_\u2013\u2014\u2500\u2550]{3,})*"
)


@dataclass(frozen=True)
class Carry:
    """A table's columns, for the next page when the table runs on there without its header."""

    starts: tuple[float, ...]
    roles: tuple[Role, ...]
    #: The group and element cells of the table's last split-column row, if it had any: the next
    #: page may go on with rows whose group cell is empty.
    split: tuple[Word, Word] | None = None


@dataclass
class _Anchor:
    line: int
    words: list[Word]
    #: The words of the group cell and of the element cell, when they are separate cells.
    split: tuple[Word, Word] | None = None
    #: The index of the line the tag's digits wrapped onto, if they did.
    wrapped: int | None = None
    #: A split-column row with its group cell empty (it continues the group above).
    element_only: bool = False
    #: A tag-like cell that is not a tag notation: the row reader reports it.
    misprinted: bool = False


def cell_runs(line: TextLine) -> list[list[Word]]:
    """The line's words grouped into the runs a cell prints (gaps under a column gap)."""
    limit = _gap(line, _CELL_GAP)
    runs: list[list[Word]] = []
    for word in line.words:
        if runs and word.x0 - runs[-1][-1].x1 < limit:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _gap(line: TextLine, share: float) -> float:
    """A gap that separates cells on ``line``: ``share`` of its height, and wider than a space.

    A space is about a third of the height in proportional fonts but as wide as a letter in a
    monospaced one (Courier), whose words all have the same width per letter: there the gap must
    be wider than one and a half letters.
    """
    widths = [(w.x1 - w.x0) / len(w.text) for w in line.words if len(w.text) >= 3]
    if len(widths) >= 2 and max(widths) <= 1.06 * min(widths):
        return max(share * line.height, 1.5 * sum(widths) / len(widths))
    return share * line.height


def _text(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)


def _set_off(line: TextLine, i: int, j: int) -> bool:
    """Whether ``line.words[i:j]`` is separated from the words around it by a column gap."""
    words, limit = line.words, _gap(line, _ISOLATED)
    before = i == 0 or words[i].x0 - words[i - 1].x1 >= limit
    after = j == len(words) or words[j].x0 - words[j - 1].x1 >= limit
    return before and after


def find_anchor(lines: list[TextLine], index: int) -> _Anchor | None:
    """The tag cell of line ``index``, if the line is a table row."""
    line = lines[index]
    words, height = line.words, line.height
    for i, first in enumerate(words):
        if not _START.match(tags.compact(first.text)) and first.text != "(":
            continue
        best = 0
        for j in range(i + 1, min(len(words), i + _MAX_SPAN) + 1):
            if j - 1 > i and words[j - 1].x0 - words[j - 2].x1 > _SPLIT_REACH * height:
                break
            joined = "".join(w.text for w in words[i:j])
            if tags.is_complete(joined) or (j == i + 1 and tags.is_complete_cell(joined)):
                best = j
        if best and _set_off(line, i, best):
            split = None
            if best - i == 2 and words[i + 1].x0 - words[i].x1 >= _gap(line, _CELL_GAP):
                split = (words[i], words[i + 1])
            return _Anchor(index, words[i:best], split)
        if (
            i + 1 < len(words)
            and _set_off(line, i, i + 2)
            and re.fullmatch(r"[0-9A-F]{4}", tags.compact(first.text))
            and _LOW_BYTE.fullmatch(tags.compact(words[i + 1].text))
            and words[i + 1].x0 - first.x1 >= _gap(line, _CELL_GAP)
        ):
            return _Anchor(index, words[i : i + 2], (words[i], words[i + 1]))
        if (wrapped := _wrapped(lines, index, i)) is not None:
            return wrapped
    return None


def _wrapped(lines: list[TextLine], index: int, i: int) -> _Anchor | None:
    """A tag whose digits wrapped onto the next line (``(0019,10`` / ``10)``), or onto the next
    two (a range: ``(0077,`` / ``10C5)-(0077,`` / ``10CF)``)."""
    line = lines[index]
    run = next((r for r in cell_runs(line) if r[0] is line.words[i]), None)
    if run is None or not tags.is_tag_start(_text(run)):
        return None
    left, right = run[0].x0 - line.height, run[-1].x1 + line.height
    parts = list(run)
    for k in range(index + 1, min(len(lines), index + 3)):
        below = lines[k]
        if below.top - lines[k - 1].bottom > _TIGHT * line.height:
            return None
        rest = [w for w in below.words if left <= w.x0 and w.x1 <= right]
        if not rest:  # the cell broke after the comma: the rest, a range maybe, is the wider line
            rest = next((r for r in cell_runs(below) if left <= r[0].x0 <= right), [])
        if not rest:
            return None
        parts += rest
        joined = "".join(w.text for w in parts)
        if tags.is_complete(joined):
            if not _set_off(line, i, line.words.index(run[-1]) + 1):
                return None
            return _Anchor(index, run, None, k)
        if not (tags.is_tag_start(joined) or tags.is_range_prefix(joined)):
            return None
    return None


def _header_like(line: TextLine) -> list[Role] | None:
    texts = [_text(r) for r in cell_runs(line)]
    if len(texts) < 2:
        return None
    found = header_roles(texts)
    if found is not None:
        return found
    known = [role_of(t) for t in texts]
    if sum(r is not Role.OTHER for r in known) >= 3 and not any(tags.is_complete(t) for t in texts):
        return known
    return None


def _anchors(lines: list[TextLine], carry: Carry | None = None) -> dict[int, _Anchor]:
    """Every line that is a table row, by index: tag cells, then the rows only their table reveals.

    After a row whose group and element are separate cells, a line with an element alone below that
    element (``XX05``, ``1005``, ``05``) and nothing below the group continues the group. After any
    row, a line with a short tag-like text below the tag (``(0019,xx0G)``) that fills other columns
    too is a row, so that the row reader reports it instead of its text joining a neighbour.
    """
    found: dict[int, _Anchor] = {}
    previous: _Anchor | None = None
    if carry is not None and carry.split is not None:
        previous = _Anchor(-1, [carry.split[1]], carry.split)  # the table above, on the last page
    skip = -1
    for index, line in enumerate(lines):
        if index <= skip:
            continue
        anchor = find_anchor(lines, index)
        if anchor is None and (anchor := _lone_group(lines, index)) is not None:
            index = anchor.line
        if anchor is None and previous is not None:
            gap = line.top - lines[previous.line].bottom if previous.line >= 0 else 0.0
            if gap > _MAX_ROW_GAP * line.height:
                previous = None
            elif creator.from_caption(line.text) is not None:
                previous = None
            elif (header := _header_like(line)) is not None:
                if previous.split is None or Role.ELEMENT not in header:
                    previous = None  # a new table; a split one repeats its header on a new page
            else:
                anchor = _continued(line, index, previous)
        if anchor is None:
            continue
        if anchor.wrapped is None and anchor.split is None:
            anchor.wrapped = _range_below(lines, index, anchor)
        found[index] = anchor
        previous = anchor
        skip = anchor.wrapped if anchor.wrapped is not None else anchor.line
    _element_rows_above(lines, found)
    return found


def _lone_group(lines: list[TextLine], index: int) -> _Anchor | None:
    """The row below a line holding a private group alone, when that row starts with an element to
    the right of it: a Group cell merged down a run of rows and centred on it, which fell between
    two rows. The row gets the group; the rows around it get it from the row reader."""
    line = lines[index]
    if len(line.words) != 1 or index + 1 >= len(lines):
        return None
    word = line.words[0]
    text = tags.compact(word.text)
    if not re.fullmatch(r"[0-9A-F]{4}", text) or not tags.is_private_group(int(text, 16)):
        return None
    below = lines[index + 1]
    if below.top - line.bottom > _TIGHT * line.height or find_anchor(lines, index + 1):
        return None
    run = cell_runs(below)[0]
    reach = _SPLIT_REACH * line.height
    if not (word.x1 < run[0].x0 < word.x1 + reach) or not _ELEMENT.fullmatch(
        tags.compact(run[0].text)
    ):
        return None
    return _Anchor(index + 1, [run[0]], (word, run[0]))


def _element_rows_above(lines: list[TextLine], found: dict[int, _Anchor]) -> None:
    """Rows with an element alone above the first row of a run that prints its group: a Group
    cell merged down the run and centred on it (Word's merged cells) prints the group on a middle
    row. Walks up from each such row over wrapped text, until a header, a caption, a paragraph
    gap, another row or a line with text in the group column."""
    for index in sorted(found):
        anchor = found[index]
        if anchor.split is None or anchor.element_only or index - 1 in found:
            continue
        for k in range(index - 1, -1, -1):
            line = lines[k]
            if k in found or lines[k + 1].top - line.bottom > _HEADER_REACH * line.height:
                break
            if creator.from_caption(line.text) is not None or _header_like(line) is not None:
                break
            above = _continued(line, k, anchor)
            if above is not None:
                found[k] = above
                continue
            group = anchor.split[0]
            if line.words == [group]:
                continue  # the merged Group cell's own line, between two rows
            if _in_group_column(line, anchor.split):
                break


def _range_below(lines: list[TextLine], index: int, anchor: _Anchor) -> int | None:
    """The last line of a range printed down the tag cell (``(0019,xx52)`` / ``. . .`` /
    ``(0019,xx57)``; ``(0021,1097)`` / ``to (0021,`` / ``109A)``), or ``None`` when the tag on
    line ``index`` stands alone."""
    left = anchor.words[0].x0 - lines[index].height
    right = anchor.words[-1].x1 + lines[index].height
    text = "".join(w.text for w in anchor.words)
    for k in range(index + 1, min(len(lines), index + 4)):
        if lines[k].top - lines[k - 1].bottom > _TIGHT * lines[k].height:
            return None
        below = "".join(w.text for w in lines[k].words if left <= w.x0 and w.x1 <= right)
        if not below:
            return None
        text += below
        if _RANGE_OPERATOR.fullmatch(tags.compact(below)):
            continue
        if tags.is_complete(text):
            return k
        if not tags.is_range_prefix(text):
            return None
    return None


def _in_group_column(line: TextLine, split: tuple[Word, Word]) -> bool:
    """Whether a word of ``line`` lies under the group cell of a split row rather than under its
    element cell (the two columns may be closer than a line height: ``Grp | Element``)."""
    group, element = split
    reach = 0.25 * line.height
    for w in line.words:
        on_group = min(w.x1, group.x1 + reach) - max(w.x0, group.x0 - reach)
        on_element = min(w.x1, element.x1) - max(w.x0, element.x0)
        if on_group > 0 and on_group > on_element:
            return True
    return False


def _continued(line: TextLine, index: int, previous: _Anchor) -> _Anchor | None:
    """A row below ``previous`` with an element alone, or with a misprinted tag (see :func:`_anchors`)."""
    runs = cell_runs(line)
    reach = line.height
    if previous.split is not None:
        group, element = previous.split
        if _in_group_column(line, previous.split):
            return None
        for run in runs:
            if run[0].x0 < element.x1 + reach and run[-1].x1 > element.x0 - reach:
                text = tags.compact(_text(run))
                if _ELEMENT.fullmatch(text) or _LOW_BYTE.fullmatch(text):
                    return _Anchor(index, run, (group, run[0]), element_only=True)
        return None
    left, right = previous.words[0].x0, previous.words[-1].x1
    for run in runs:
        if run[0].x0 < right and run[-1].x1 > left and len(runs) >= 2 and len(run) <= 3:
            if tags.looks_like_tag(_text(run)):
                return _Anchor(index, run, None, misprinted=True)
    return None


def _header_above(lines: list[TextLine], first: int, used: set[int]) -> list[int]:
    """The header lines right above line ``first`` (up to three: headers wrap too), or none.

    The nearest header-like line within reach, the lines between it and the table, and the lines
    tight above it (the upper lines of header cells printed over two or three lines).
    """
    found = None
    for k in range(first - 1, max(-1, first - 4), -1):
        if k in used or lines[k + 1].top - lines[k].bottom > _HEADER_REACH * lines[k + 1].height:
            return []
        if _header_like(lines[k]) is not None:
            found = k
            break
        if creator.from_caption(lines[k].text) is not None:
            return []
    if found is None:
        return []
    top = found
    while top > 0 and top - 1 not in used and found - top < 2:
        above = lines[top - 1]
        if lines[top].top - above.bottom > _TIGHT * lines[top].height:
            break
        if creator.from_caption(above.text) is not None and len(cell_runs(above)) < 2:
            break
        top -= 1
    return list(range(top, first))


class AnchoredReader:
    """Reads one page's blocks: text lines into anchored tables, everything else passed through."""

    def __init__(self, carry: Carry | None) -> None:
        self.carry = carry

    def read(self, blocks: list[Block]) -> tuple[list[Block], Carry | None]:
        """The page's blocks with tables cut out of its text lines, and the carry for the next page."""
        out: list[Block] = []
        run: list[TextLine] = []
        for block in blocks:
            if isinstance(block, TextLine):
                run.append(block)
                continue
            out.extend(self._lines(run))
            run = []
            out.append(block)
            self.carry = None  # a ruled table ends whatever ran on from the previous page
        out.extend(self._lines(run))
        out.sort(key=lambda b: b.top)
        return out, self.carry

    def _lines(self, all_lines: list[TextLine]) -> list[Block]:
        if not all_lines:
            return []
        rules = [line for line in all_lines if _RULE_LINE.fullmatch(line.text)]
        lines = [line for line in all_lines if not _RULE_LINE.fullmatch(line.text)]
        anchors = _anchors(lines, self.carry)
        if not anchors:
            return list(all_lines)
        used: set[int] = set()
        out: list[Block] = []
        for group in self._tables(lines, anchors):
            table = self._table(lines, group, anchors, used)
            if table is not None:
                out.append(table)
        out.extend(line for index, line in enumerate(lines) if index not in used)
        return out + rules  # text tables' character rules: no cell text, read as text lines

    def _tables(self, lines: list[TextLine], anchors: dict[int, _Anchor]) -> list[list[int]]:
        """Anchor line indices, grouped into tables."""
        groups: list[list[int]] = []
        for index in sorted(anchors):
            if groups and not self._breaks(lines, groups[-1][-1], index, anchors):
                groups[-1].append(index)
            else:
                groups.append([index])
        return groups

    def _breaks(
        self, lines: list[TextLine], last: int, index: int, anchors: dict[int, _Anchor]
    ) -> bool:
        height = lines[index].height
        if lines[index].top - lines[last].bottom > _MAX_ROW_GAP * height:
            return True
        rows = [lines[a] for a in anchors if a <= index]
        span, left = _span(rows), min(w.x0 for line in rows for w in line.words)
        for between in lines[last + 1 : index]:
            if creator.from_caption(between.text) is not None or _header_like(between):
                return True
            if _TABLE_CAPTION.match(between.text):
                return True  # ``Table 4-2 Private Data Elements``: the next table's caption
            runs = cell_runs(between)
            if (
                len(runs) == 1
                and runs[0][0].x0 <= left + between.height
                and runs[0][-1].x1 - runs[0][0].x0 > 0.7 * span
            ):
                return True  # a line of prose as wide as the table, from its left edge
        return False

    def _table(
        self,
        lines: list[TextLine],
        rows: list[int],
        anchors: dict[int, _Anchor],
        used: set[int],
    ) -> Table | None:
        first, last = rows[0], rows[-1]
        wrapped_last = anchors[last].wrapped
        if wrapped_last is not None:
            last = wrapped_last
        while first > 0 and first - 1 not in used and self._continues(lines, first - 1, first):
            first -= 1
        while last + 1 < len(lines) and self._continues(lines, last + 1, last):
            if last + 1 in anchors:
                break
            last += 1
        header = _header_above(lines, first, used)
        top = header[0] if header else first
        body = list(range(first, last + 1))
        grid = _Grid(lines, body, header, [anchors[r] for r in rows])
        if not grid.columns:
            return None
        roles = grid.roles(self.carry if not header else None)
        if roles is None:
            return None
        used.update(header)
        used.update(body)
        table_rows = grid.rows([anchors[r] for r in rows])
        self.carry = Carry(tuple(c[0] for c in grid.columns), tuple(roles), anchors[rows[-1]].split)
        return Table(table_rows, ruled=False, top=lines[top].top, roles=roles, headed=bool(header))

    @staticmethod
    def _continues(lines: list[TextLine], index: int, neighbour: int) -> bool:
        """Whether line ``index`` is a wrapped line of the table row on line ``neighbour``."""
        line, other = lines[index], lines[neighbour]
        upper, lower = (line, other) if index < neighbour else (other, line)
        if lower.top - upper.bottom > _TIGHT * line.height:
            return False
        return creator.from_caption(line.text) is None and _header_like(line) is None


def _span(lines: list[TextLine]) -> float:
    left = min(w.x0 for line in lines for w in line.words)
    right = max(w.x1 for line in lines for w in line.words)
    return right - left


class _Grid:
    """One table's lines cut into columns."""

    def __init__(
        self, lines: list[TextLine], body: list[int], header: list[int], anchors: list[_Anchor]
    ) -> None:
        self.lines = lines
        self.body = body
        self.header = header
        self.anchors = anchors
        self.columns = self._columns(body + header)
        widest = max(len(cell_runs(lines[a.line])) for a in anchors)
        if len(self.columns) < min(widest, 2):
            self.columns = self._columns([a.line for a in anchors] + header)

    def _columns(self, indices: list[int]) -> list[tuple[float, float]]:
        spans = sorted((run[0].x0, run[-1].x1) for i in indices for run in cell_runs(self.lines[i]))
        merged: list[list[float]] = []
        for x0, x1 in spans:
            if merged and x0 < merged[-1][1] + 0.5:
                merged[-1][1] = max(merged[-1][1], x1)
            else:
                merged.append([x0, x1])
        return [(a, b) for a, b in merged]

    def column_of(self, x0: float, x1: float) -> int:
        best, overlap = 0, -1.0
        for c, (left, right) in enumerate(self.columns):
            amount = min(right, x1) - max(left, x0)
            if amount > overlap:
                best, overlap = c, amount
        return best

    def line_cells(self, index: int) -> list[list[Word]]:
        out: list[list[Word]] = [[] for _ in self.columns]
        for word in self.lines[index].words:
            out[self.column_of(word.x0, word.x1)].append(word)
        return out

    def roles(self, carry: Carry | None) -> list[Role] | None:
        width = len(self.columns)
        roles = [Role.OTHER] * width
        tag_votes: dict[int, int] = {}
        split_votes: dict[tuple[int, int], int] = {}
        for anchor in self.anchors:
            if anchor.element_only or anchor.misprinted:
                continue
            if anchor.split is not None:
                g, e = anchor.split
                key = (self.column_of(g.x0, g.x1), self.column_of(e.x0, e.x1))
                split_votes[key] = split_votes.get(key, 0) + 1
            else:
                c = self.column_of(anchor.words[0].x0, anchor.words[-1].x1)
                tag_votes[c] = tag_votes.get(c, 0) + 1
        if not split_votes and not tag_votes:
            return self._continued_split(roles)
        if sum(split_votes.values()) > sum(tag_votes.values()):
            (group, element), _ = max(split_votes.items(), key=lambda item: item[1])
            if group == element:
                return None
            roles[group], roles[element] = Role.GROUP, Role.ELEMENT
        else:
            roles[max(tag_votes.items(), key=lambda item: item[1])[0]] = Role.TAG
        named = self._header_roles()
        if named is None and carry is not None and len(carry.roles) == width:
            named = list(carry.roles)
        values = [[_text(self.line_cells(i)[c]) for i in self.body] for c in range(width)]
        for c in range(width):
            if roles[c] is not Role.OTHER:
                continue
            said = named[c] if named is not None else Role.OTHER
            if said in (Role.TAG, Role.GROUP, Role.ELEMENT):
                said = Role.OTHER
            found = classify(values[c])
            if found in (Role.VR, Role.VRVM) and said in _TEXT_ROLES:
                roles[c] = found  # the cells hold VR codes, whatever the header seems to say
            elif said is not Role.OTHER:
                roles[c] = said
            elif named is None and found is Role.DESCRIPTION and holds_creators(values[c]):
                roles[c] = Role.CREATOR_BY_VALUES
            elif named is None or found in (Role.VM, Role.TYPE):
                roles[c] = found
        roles = one_creator_column(roles)
        _name_first_text(roles)
        return _dedupe(roles)

    def _continued_split(self, roles: list[Role]) -> list[Role] | None:
        """Roles of a Group/Element table going on from the last page with empty group cells only:
        the element column, and the group column (empty here) where the last page printed it."""
        anchor = self.anchors[0]
        if anchor.split is None:
            return None
        group, element = anchor.split
        roles[self.column_of(element.x0, element.x1)] = Role.ELEMENT
        values = [[_text(self.line_cells(i)[c]) for i in self.body] for c in range(len(roles))]
        for c, role in enumerate(roles):
            if role is Role.OTHER:
                roles[c] = classify(values[c])
        self.columns.append((group.x0, group.x0))
        roles.append(Role.GROUP)
        _name_first_text(roles)
        return _dedupe(roles)

    def _header_roles(self) -> list[Role] | None:
        if not self.header:
            return None
        texts = [[] for _ in self.columns]  # type: list[list[str]]
        for index in self.header:
            for c, words in enumerate(self.line_cells(index)):
                if words:
                    texts[c].append(_text(words))
        joined = [" ".join(t) for t in texts]
        return [role_of(t) if t else Role.OTHER for t in joined]

    def rows(self, anchors: list[_Anchor]) -> list[list[cells.Cell]]:
        ys = [(self.lines[a.line].top + self.lines[a.line].bottom) / 2 for a in anchors]
        out: list[list[cells.Cell]] = [[[] for _ in self.columns] for _ in anchors]
        pieces: list[list[tuple[TextLine, list[Word]]]] = [[] for _ in self.columns]
        for index in self.body:
            for c, words in enumerate(self.line_cells(index)):
                if words:
                    pieces[c].append((self.lines[index], words))
        for c, column in enumerate(pieces):
            width = self.columns[c][1] - self.columns[c][0]
            for block in _blocks(column):
                texts = cells.mark_broken([words for _, words in block], width)
                rows = _assign([line for line, _ in block], ys)
                for row, text in zip(rows, texts):
                    out[row][c].append(text)
        return out


def _blocks(pieces: list[tuple[TextLine, list[Word]]]) -> list[list[tuple[TextLine, list[Word]]]]:
    """A column's lines grouped into cells by their spacing."""
    blocks: list[list[tuple[TextLine, list[Word]]]] = []
    for line, words in pieces:
        if blocks:
            previous = blocks[-1][-1][0]
            if line.top - previous.bottom <= _TIGHT * line.height:
                blocks[-1].append((line, words))
                continue
        blocks.append([(line, words)])
    return blocks


def _assign(block: list[TextLine], ys: list[float]) -> list[int]:
    """Which row each line of a column block belongs to: the anchor it spans, else the nearest."""
    top, bottom = block[0].top, block[-1].bottom
    inside = [r for r, y in enumerate(ys) if top - 1 <= y <= bottom + 1]
    if len(inside) == 1:
        return [inside[0]] * len(block)
    if not inside:
        centre = (top + bottom) / 2
        row = min(range(len(ys)), key=lambda r: (abs(ys[r] - centre), -ys[r]))
        return [row] * len(block)
    out = []
    for line in block:
        y = (line.top + line.bottom) / 2
        above = [r for r in inside if ys[r] <= y + 1]
        out.append(above[-1] if above else inside[0])
    return out


def _name_first_text(roles: list[Role]) -> None:
    """Without a header naming it, the first free-text column is the name, the others description."""
    if Role.NAME in roles:
        return
    for c, role in enumerate(roles):
        if role is Role.DESCRIPTION:
            roles[c] = Role.NAME
            return


def _dedupe(roles: list[Role]) -> list[Role]:
    seen: set[Role] = set()
    out = []
    for role in roles:
        if role in seen and role not in (Role.DESCRIPTION, Role.OTHER):
            role = Role.DESCRIPTION if role is Role.NAME else Role.OTHER
        seen.add(role)
        out.append(role)
    return out
