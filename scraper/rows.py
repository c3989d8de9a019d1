"""Table rows into records: the row reader walks a document's blocks and keeps its state.

State that outlives one table: the creator in force (:class:`~scraper.creator.CreatorState`), the
column roles of the last header (a table continued on the next page without its header reuses them),
and the *pending* row: a row is emitted only when the next tag row, header or caption arrives,
because a ruled table may print the rest of a wrapped cell in a row of its own, with the tag cell
empty, even across a page break.

Rows that look like tag rows but cannot be used become :class:`~scraper.records.Reject` records with
the reason: unreadable tag, group not private, no creator known, creator row without a creator,
columns unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import cells, creator, tags, vrvm
from .columns import COMPACT_ROLES, Role, header_roles, infer_roles, tag_text
from .creator import CreatorState
from .errors import TagSyntaxError
from .layout import Block, Table
from .records import Record, Reject


@dataclass
class _Open:
    """A row whose tag cell is the first half of a range, waiting for the row holding its end."""

    cells: list[cells.Cell]
    roles: list[Role]
    page: int


@dataclass
class _Pending:
    """A tag row waiting for possible continuation rows."""

    cells: list[cells.Cell]
    roles: list[Role]
    page: int
    parsed: tags.Tags | tags.Reservation


class RowReader:
    """Reads one document's blocks, in page order, into records and rejects."""

    def __init__(self, file_name: str, sha256: str) -> None:
        self.file_name = file_name
        self.sha256 = sha256
        self.records: list[Record] = []
        self.rejects: list[Reject] = []
        self.creators = CreatorState()
        self._roles: list[Role] | None = None
        #: The roles read from the cells of the last ruled table without a header.
        self._inferred: list[Role] | None = None
        self._pending: _Pending | None = None
        #: A caption line whose quoted creator goes on on the next line.
        self._open_quote = ""
        #: A row whose tag cell starts a range ``(0021,105D) . . .`` whose end comes on a later row.
        self._open_range: _Open | None = None
        #: The group of the last tag row: a split Group column leaves it empty on the rows that follow.
        self._group: str | None = None
        #: The rows after the current one in its table (a merged Group cell centred on its run
        #: prints the group below the run's first rows).
        self._ahead: list[list[cells.Cell]] = []

    def page_gap(self) -> None:
        """The screen skipped pages: nothing may be carried over them."""
        self._flush()
        self.creators.forget()
        self._roles = None
        self._inferred = None
        self._group = None

    def read(self, block: Block, page: int) -> None:
        """Take the next block of ``page``."""
        if isinstance(block, Table):
            self._open_quote = ""
            self._table(block, page)
            return
        text = f"{self._open_quote} {block.text}".strip()
        self._open_quote = ""
        if creator.goes_on(text) and len(text) < 400:
            self._open_quote = text  # ``Private Creator ‘VEPRO DICOM RECEIVE DATA`` / ``1.0’``
        elif (found := creator.from_caption(text)) is not None:
            self._flush()
            self.creators.caption(found, page, creator.caption_group(text))
            self._group = None  # a new section: its Group cells do not go on from the last one

    def finish(self) -> None:
        """The document ended: emit the last pending row."""
        self._flush()

    def reject(self, page: int, reason: str, text: str) -> None:
        self.rejects.append(Reject("row", f"{self.file_name}#p{page}", reason, text))

    def _table(self, table: Table, page: int) -> None:
        if table.roles is not None:
            self._roles = table.roles
            if table.headed:
                self._columns_end(table.roles)
        inferred: list[Role] | None = None
        headed = False
        for index, row in enumerate(table.rows):
            self._ahead = table.rows[index + 1 :]
            if table.roles is None and (found := header_roles([cells.join_text(c) for c in row])):
                self._flush()
                self._roles = found
                self._columns_end(found)
                headed = True
                inferred = None
                continue
            if table.roles is None and not headed:
                # No header in this ruled table: what its cells hold says more than the columns of
                # an earlier table (which may be another table altogether).
                inferred = inferred or infer_roles(
                    [[cells.join_text(c) for c in r] for r in table.rows]
                )
            roles = inferred if inferred is not None and len(inferred) == len(row) else None
            if roles is None and self._roles is not None and len(self._roles) == len(row):
                roles = self._roles
            known = self._roles or self._inferred
            if roles is None and known is not None and self._group is not None:
                roles = _without_empty_group(known, len(row))
            if roles is None:
                text = " | ".join(cells.join_text(c) for c in row)
                if tags.looks_like_tag(text):
                    self.reject(page, "table without a recognisable header: columns unknown", text)
                continue
            if roles is inferred:
                self._inferred = inferred
            self._row(row, roles, page)

    def _columns_end(self, roles: list[Role]) -> None:
        """A table whose header names no creator column: the creator column of the table before it
        ends. (A table without a header may be the last one going on, its creator cells empty.)"""
        if Role.CREATOR in roles or Role.CREATOR_BY_VALUES in roles:
            return
        if self.creators.in_column is not None or self.creators.by_values is not None:
            self._flush()  # the row before is still read under the column it was printed with
            self.creators.end_columns()

    def _row(self, row: list[cells.Cell], roles: list[Role], page: int) -> None:
        text = tag_text(row, roles)
        if self._open_range is not None:
            held = self._open_range
            if not text or (tags.is_complete(text) and len(held.cells) == len(row)):
                # the rest of the range's row, or the line holding the range's end
                merged = [list(a) + list(b) for a, b in zip(held.cells, row)]
                self._open_range = None
                if text:
                    self._row(merged, held.roles, held.page)
                else:
                    self._open_range = _Open(merged, held.roles, held.page)
                return
            self._drop_open_range()
        if text and tags.is_open_range(text):
            self._flush()
            self._open_range = _Open([list(c) for c in row], roles, page)
            return
        if not text and self._pending is not None:
            for cell, more in zip(self._pending.cells, row):
                cell.extend(more)  # the rest of a wrapped cell, printed in a row of its own
            return
        self._flush()
        if tags.is_element_only(text) and (
            above := self._group or _group_below(self._ahead, roles)
        ):
            text = above + text
        try:
            parsed = tags.read_cell(text) if text else None
        except TagSyntaxError as err:
            if tags.looks_like_tag(text):
                self.reject(page, err.reason, _row_text(row, roles))
                return
            parsed = None
        if parsed is not None:
            group = parsed.group if isinstance(parsed, tags.Reservation) else parsed.tags[0].group
            self._group = f"{group:04X}"
            self._pending = _Pending([list(c) for c in row], roles, page, parsed)
        elif found := creator.from_caption(line := " ".join(cells.join_text(c) for c in row)):
            self.creators.caption(found, page, creator.caption_group(line))  # a caption row

    def _drop_open_range(self) -> None:
        held, self._open_range = self._open_range, None
        if held is not None:
            self.reject(held.page, "range without its end", _row_text(held.cells, held.roles))

    def _flush(self) -> None:
        self._drop_open_range()
        pending, self._pending = self._pending, None
        if pending is None:
            return
        text = _texts(pending.cells, pending.roles)
        glued = _texts(pending.cells, pending.roles, broken=True)  # where creators are read
        page = pending.page
        own = creator.clean(glued.get(Role.CREATOR, ""))
        if isinstance(pending.parsed, tags.Reservation):
            found = (
                own
                or creator.from_reservation(
                    glued.get(Role.VALUE, ""),
                    *_descriptions(pending.cells, pending.roles),
                    glued.get(Role.NAME, ""),
                )
                or creator.from_unnamed_cells(
                    [
                        cells.join_text(c, broken=True)
                        for c, r in zip(pending.cells, pending.roles)
                        if r in (Role.OTHER, Role.CREATOR_BY_VALUES)
                    ]
                )
            )
            if found is None:
                self.reject(
                    page,
                    "private creator row without a creator",
                    _row_text(pending.cells, pending.roles),
                )
            # an unreadable creator row still ends what was in force for its block
            self.creators.reserve(pending.parsed.group, pending.parsed.block, found, page)
            return
        first = pending.parsed.tags[0]
        if own is not None:
            self.creators.column(own, page)
            owner: tuple[str, str] | None = (own, "column")
        else:
            owner = self.creators.lookup(first, page)
        if owner is None and (weak := creator.clean(glued.get(Role.CREATOR_BY_VALUES, ""))):
            self.creators.column(weak, page, by_values=True)
            owner = (weak, "column")
        elif owner is None:
            owner = self.creators.lookup_by_values(page)
        if owner is None:
            self.reject(
                page,
                "no private creator known for this row",
                _row_text(pending.cells, pending.roles),
            )
            return
        vr, vm, name, description = _attributes(text)
        for tag in pending.parsed.tags:
            self.records.append(
                Record(
                    group=tag.group,
                    element=tag.element,
                    block=tag.block,
                    creator=owner[0],
                    vr=vr,
                    vm=vm,
                    name=name,
                    description=description,
                    source=f"{self.file_name}#p{page}",
                    sha256=self.sha256,
                    tag=_printed_tag(pending.cells, pending.roles),
                    creator_from=owner[1],
                )
            )


def _group_below(rows: list[list[cells.Cell]], roles: list[Role]) -> str | None:
    """The group of the first row below that prints one, in a table whose group is not known yet:
    a Group cell merged down its run and centred on it leaves the run's first rows without one."""
    for row in rows:
        if len(row) != len(roles):
            return None
        text = tag_text(row, roles)
        if not text or tags.is_element_only(text):
            continue
        try:
            parsed = tags.read_cell(text)
        except TagSyntaxError:
            return None
        return (
            f"{parsed.group if isinstance(parsed, tags.Reservation) else parsed.tags[0].group:04X}"
        )
    return None


def _without_empty_group(roles: list[Role], width: int) -> list[Role] | None:
    """The roles of a Group/Element table going on over a page where every group cell is empty:
    the ruled grid drops that column as padding, so the row is one cell short of the header."""
    if width != len(roles) - 1 or Role.GROUP not in roles or Role.ELEMENT not in roles:
        return None
    return [r for r in roles if r is not Role.GROUP]


def _texts(row: list[cells.Cell], roles: list[Role], broken: bool = False) -> dict[Role, str]:
    """Each role's text; description columns (there may be several) are joined."""
    out: dict[Role, str] = {}
    for cell, role in zip(row, roles):
        if role in COMPACT_ROLES:
            text = cells.join_compact(cell)
        else:
            text = cells.join_text(cell, broken)
        if role is Role.DESCRIPTION and out.get(role) and text:
            out[role] = f"{out[role]} {text}"
        elif text or role not in out:
            out[role] = text
    return out


def _descriptions(row: list[cells.Cell], roles: list[Role]) -> list[str]:
    """Each description column's text on its own (a creator is in one cell, not across two)."""
    return [cells.join_text(c, broken=True) for c, r in zip(row, roles) if r is Role.DESCRIPTION]


def _printed_tag(row: list[cells.Cell], roles: list[Role]) -> str:
    """The tag as printed, its lines joined by spaces; split group and element joined by a comma."""
    printed = {
        r: " ".join(filter(None, map(cells.clean_line, c)))
        for c, r in zip(row, roles)
        if r in COMPACT_ROLES
    }
    return printed.get(Role.TAG) or f"{printed.get(Role.GROUP, '')},{printed.get(Role.ELEMENT, '')}"


def _row_text(row: list[cells.Cell], roles: list[Role]) -> str:
    return " | ".join(
        cells.join_compact(c) if r in COMPACT_ROLES else cells.join_text(c)
        for c, r in zip(row, roles)
    )


def _attributes(text: dict[Role, str]) -> tuple[str, str, str, str]:
    """``(vr, vm, name, description)``: VR and VM from their columns or a ``VR = FL, VM = 1`` phrase."""
    vr, vm = vrvm.read_vr(text.get(Role.VR, "")), vrvm.read_vm(text.get(Role.VM, ""))
    name = text.get(Role.NAME, "")
    description = text.get(Role.DESCRIPTION, "") or text.get(Role.VALUE, "")
    if combined := text.get(Role.VRVM, ""):
        found = vrvm.find_phrase(combined)
        if found is not None:
            vr, vm = vr or found[0], vm or found[1]
        else:
            parts = combined.replace(",", " ").replace("/", " ").split()
            if parts:
                vr, vm = (
                    vr or vrvm.read_vr(" ".join(parts[:-1]) or parts[0]),
                    vm or vrvm.read_vm(parts[-1]),
                )
    if not vr:
        for role in (Role.DESCRIPTION, Role.NAME):
            if (found := vrvm.find_phrase(text.get(role, ""))) is not None:
                vr, vm = found[0], vm or found[1]
                if role is Role.DESCRIPTION:
                    description = found[2]
                else:
                    name = found[2]
                break
    return vr, vm, name, description
