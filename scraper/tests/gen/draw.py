"""Drawing a document from a seed: every dimension of issue 9 from one ``random.Random(seed)``.

A document is one to four sections. Each section draws its :class:`Traits` (column set and order,
notation, creator placement and wording, rules, wraps, page breaks, distractors), then its content
from the registry (:mod:`.registry`), then its rows and the text above it. Tuning seeds never draw a
held-out style (:mod:`.split`); half the held-out seeds force one.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field

from . import notation, text
from .model import Row, Section, Spec, Truth
from .registry import Attribute, Registry, load
from .split import HELDOUT_COMBINATIONS, HELDOUT_TEXT_LAYERS, is_heldout_style, part_of
from .textlayer import LAYERS

PAGES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
FONTS = ("Helvetica", "Times", "Courier", "Vera")
PLACEMENTS = (
    "heading",
    "sentence",
    "earlier-page",
    "reservation-value",
    "reservation-description",
    "reservation-wrapped",
    "column",
)
RULES = ("grid", "grid", "hrules", "box", "header-rule", "inner", "none", "none")


@dataclass
class Traits:
    layout: str = "tag-first"  # tag-first | name-first | split
    notation: str = "paren"
    element_form: str = "XX04"
    group_empty: bool = False
    placement: str = "heading"
    quotes: str = "straight"
    header: bool = True
    upper: bool = False
    rules: str = "grid"
    valign: str = "TOP"
    wrap_names: bool = False
    long_desc: bool = False
    vm: bool = True
    type_col: bool = False
    value_col: bool = False
    desc_col: bool = True
    length: str = "normal"  # short | normal | long
    repeat_header: bool = True
    continued: bool = False
    mixed_public: bool = False
    ranges: bool = False
    two_blocks: bool = False
    column_once: bool = False
    distractors: frozenset[str] = field(default_factory=frozenset)

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def _draw_traits(rng: random.Random, short: bool) -> Traits:
    t = Traits()
    t.layout = rng.choice(("tag-first", "tag-first", "name-first", "split"))
    t.notation = rng.choice(notation.NOTATIONS)
    t.element_form = rng.choice(notation.ELEMENT_FORMS)
    t.group_empty = rng.random() < 0.5
    t.placement = rng.choice(PLACEMENTS)
    t.quotes = rng.choice(("straight", "curly", "single", "odd", "none"))
    t.header = rng.random() < 0.85
    t.upper = rng.random() < 0.25
    t.rules = rng.choice(RULES)
    t.wrap_names = rng.random() < 0.5
    t.valign = "MIDDLE" if rng.random() < 0.35 else "TOP"
    t.long_desc = rng.random() < 0.3
    t.vm = rng.random() < 0.8
    t.type_col = rng.random() < 0.35
    t.value_col = rng.random() < 0.35
    t.desc_col = rng.random() < 0.7
    t.length = "short" if short else rng.choice(("short", "normal", "normal", "long"))
    t.repeat_header = rng.random() < 0.6
    t.continued = rng.random() < 0.5
    t.mixed_public = rng.random() < 0.25
    t.ranges = rng.random() < 0.25
    t.two_blocks = rng.random() < 0.3
    t.column_once = rng.random() < 0.3
    t.distractors = frozenset(
        d
        for d, p in (
            ("set-to", 0.2),
            ("reserves-range", 0.2),
            ("caption-words", 0.2),
            ("sequence-item", 0.2),
            ("tag-in-text", 0.25),
        )
        if rng.random() < p
    )
    return _consistent(t)


def _consistent(t: Traits) -> Traits:
    """Make traits that cannot go together agree (the placement decides)."""
    if t.placement == "reservation-value":
        t.value_col = True
    if t.placement == "reservation-description":
        t.desc_col = True
    if t.placement == "reservation-wrapped" and not (t.value_col or t.desc_col):
        t.value_col = True
    reservation = t.placement.startswith("reservation")
    if reservation and t.layout == "split":
        t.element_form = "1004"
    if t.two_blocks and not reservation or t.notation == "xx":
        t.two_blocks = False
    if t.layout == "split":
        t.notation = "paren"
        t.ranges = False  # a range needs a tag cell
    if not t.header:
        t.upper = False
    return t


def draw_traits(
    rng: random.Random, part: str, force: dict[str, object] | None, short: bool
) -> Traits:
    while True:
        traits = _draw_traits(rng, short)
        if force:
            traits = _consistent(dataclasses.replace(traits, **force))  # type: ignore[arg-type]
            if all(traits.as_dict()[k] == v for k, v in force.items()):
                return traits
            continue
        if part == "heldout" or not is_heldout_style(traits.as_dict()):
            return traits


def spec_for(seed: int) -> Spec:
    """The document for ``seed``: page set-up, fonts and sections, with their truth."""
    part = part_of(seed)
    rng = random.Random(seed)
    registry = load()
    page_name = rng.choice(("a4", "letter"))
    width, height = PAGES[page_name]
    landscape = rng.random() < 0.25
    if landscape:
        width, height = height, width
    margins = tuple(round(rng.uniform(36, 80), 1) for _ in range(4))
    font = rng.choice(FONTS)
    size = round(rng.uniform(6.0, 8.5) if font == "Courier" else rng.uniform(6.5, 10.0), 1)
    phenomena = {page_name, f"font-{font}"} | ({"landscape"} if landscape else set())
    if size < 7.5:
        phenomena.add("small-font")
    several = rng.random() < 0.25
    count = rng.randint(2, 3) if several else rng.randint(1, 3)
    force = rng.choice(HELDOUT_COMBINATIONS) if part == "heldout" and seed % 2 == 0 else None
    builder = _Builder(rng, registry)
    sections = []
    for index in range(count):
        traits = draw_traits(rng, part, force if index == 0 else None, several)
        section = builder.section(traits, index + 1)
        if is_heldout_style(section.traits):
            section.phenomena.add("heldout-style")
        if several:
            section.new_page = False
            section.prose_after = 0
            section.phenomena.add("several-creators-page")
        sections.append(section)
    # Drawn from a second generator so that adding them left every earlier draw as it was.
    style = random.Random(f"{seed}/style")
    heading_font = style.choice(FONTS)
    for section in sections:
        if style.random() < 0.2:
            section.rows_shaded = True
            section.phenomena.add("rows-shaded")
    layer = _text_layer(random.Random(f"{seed}/text"), font, part)
    if layer != "spaces" and font != "Vera":  # an embedded font keeps its space glyphs
        phenomena.add(f"text-{layer}")
    heldout_layer = (font, layer) in HELDOUT_TEXT_LAYERS
    for section in sections:  # the page set-up is every row's phenomenon too
        carried = {"several-creators-page", "heldout-style", "rows-shaded"}
        extra = (
            phenomena
            | (section.phenomena & carried)
            | ({"heldout-style"} if heldout_layer else set())
        )
        for row in section.rows:
            row.truths = [dataclasses.replace(t, phenomena=t.phenomena | extra) for t in row.truths]
    return Spec(
        seed,
        part,
        (width, height),
        margins,  # type: ignore[arg-type]
        font,
        size,
        sections,
        rng.choice(
            ("ACME Imaging - DICOM Conformance Statement - Rev. 3", "Conformance Statement")
        ),
        phenomena,
        heading_font,
        layer,
    )


def _text_layer(rng: random.Random, font: str, part: str) -> str:
    """How the text layer spells words; the held-out pairs of :data:`HELDOUT_TEXT_LAYERS` never
    occur in a tuning seed (it prints space glyphs instead)."""
    layer = rng.choices(LAYERS, weights=(0.55, 0.3, 0.15))[0]
    if part == "tune" and (font, layer) in HELDOUT_TEXT_LAYERS:
        return "spaces"
    return layer


def _spelling(creator: str) -> set[str]:
    found = set()
    if creator.endswith("."):
        found.add("creator-period")
    if " " in creator:
        found.add("creator-space")
    if "_" in creator:
        found.add("creator-underscore")
    if any(ch.isdigit() for ch in creator):
        found.add("creator-digits")
    return found


class _Builder:
    """Turns traits into rows and the text around them, keeping creators/groups apart per document."""

    def __init__(self, rng: random.Random, registry: Registry) -> None:
        self.rng = rng
        self.registry = registry
        self.used: set[tuple[str, int]] = set()
        self.used_creators: set[str] = set()
        self.tables = 0

    # -- content -------------------------------------------------------------------------------

    def _pick(self, minimum: int) -> tuple[str, int, list[Attribute]]:
        rng = self.rng
        creators = self.registry.creators(minimum) or self.registry.creators(1)
        period = [c for c in creators if c.endswith(".")]
        for _ in range(50):
            creator = rng.choice(period) if period and rng.random() < 0.12 else rng.choice(creators)
            groups = [g for g, a in self.registry.private[creator].items() if len(a) >= minimum]
            groups = groups or list(self.registry.private[creator])
            group = rng.choice(sorted(groups))
            if (creator, group) not in self.used and creator not in self.used_creators:
                break
        self.used.add((creator, group))
        self.used_creators.add(creator)
        return creator, group, self.registry.private[creator][group]

    def _count(self, length: str) -> int:
        return {"short": (3, 6), "normal": (7, 16), "long": (30, 55)}[length][0] + self.rng.randint(
            0, {"short": 3, "normal": 9, "long": 25}[length]
        )

    # -- one section ---------------------------------------------------------------------------

    def section(self, t: Traits, number: int) -> Section:
        rng = self.rng
        self.tables += 1
        phen: set[str] = set()
        wanted = self._count(t.length)
        creators: list[tuple[str, int, list[Attribute]]] = []
        n_creators = 2 if (t.two_blocks or (t.placement == "column" and rng.random() < 0.6)) else 1
        for k in range(n_creators):
            creator, group, attrs = self._pick(max(3, wanted // n_creators if k == 0 else 3))
            if t.two_blocks and k == 1:
                group = creators[0][1]  # the second creator is reserved in the same group
            creators.append((creator, group, attrs))
        reservation = t.placement.startswith("reservation")
        fixed = t.notation != "xx" and not (t.layout == "split" and t.element_form != "1004")
        rows: list[Row] = []
        for k, (creator, group, attrs) in enumerate(creators):
            # (gggg,00xx) reserves "some block" for xx tags, as GE prints it; else a fixed block.
            block = 0x10 + k if fixed or (reservation and t.notation != "xx") else None
            if t.two_blocks:
                block = 0x10 + k
            chosen = sorted(
                rng.sample(attrs, min(len(attrs), max(2, wanted // len(creators)))),
                key=lambda a: a.element,
            )
            run = self._private_rows(t, creator, group, block, chosen, phen)
            if reservation:
                run.insert(0, self._reservation_row(t, creator, group, block, phen))
            if t.ranges and k == 0:
                self._add_range(t, creator, group, block, chosen, run)
            rows.extend(run)
        if reservation and t.two_blocks:  # both reservation rows first, as statements print them
            reservations = [r for r in rows if r.kind == "reservation"]
            rows = reservations + [r for r in rows if r.kind != "reservation"]
        if t.mixed_public:
            rows = self._mix_public(t, rows, phen)
        columns = self._columns(t, phen)
        self._fill_distractors(t, rows, creators, phen)
        section = Section(
            before=[],
            break_before_table=False,
            columns=columns,
            header=t.header,
            rows=rows,
            rules=t.rules,
            valign=t.valign,
            header_align=rng.choice(("LEFT", "LEFT", "CENTER")),
            header_bold=rng.random() < 0.8,
            header_shaded=rng.random() < 0.3,
            new_page=rng.random() < 0.3,
            prose_after=rng.randint(0, 2),
            repeat_header=t.repeat_header,
        )
        self._text_above(t, section, creators, number, phen)
        self._cut(t, section, number, phen)
        phen |= self._layout_phenomena(t, section)
        section.phenomena = phen
        section.traits = t.as_dict()
        roles = {role for role, _ in columns}
        for row in section.rows:
            row.truths = [
                dataclasses.replace(
                    truth,
                    vr=truth.vr if "vr" in roles else "",
                    vm=truth.vm if "vm" in roles else "",
                    phenomena=truth.phenomena | phen,
                )
                for truth in row.truths
            ]
        return section

    def _private_rows(
        self,
        t: Traits,
        creator: str,
        group: int,
        block: int | None,
        attrs: list[Attribute],
        phen: set[str],
    ) -> list[Row]:
        rng = self.rng
        rows = []
        wild = rng.choice(("xx", "xx", "XX"))
        quoted = rng.random() < 0.3
        for n, attr in enumerate(attrs):
            row_block = attr.block if attr.block is not None and block is not None else block
            if attr.block is not None and block is not None and attr.block != block:
                row_block = block  # one block per creator in a table, as the reservation says
            row_phen = {f"notation-{t.notation}"} if t.layout != "split" else set()
            if t.layout != "split" and t.notation == "paren" and row_block is None:
                row_phen = {"notation-xx"}
            cells = self._tag_cells(t, group, row_block, attr.element, wild, first=n == 0)
            cells.update(self._body_cells(t, attr, attr.name))
            if t.placement == "column":
                once = t.column_once and n > 0
                shown = text.quote(creator, t.quotes if quoted else "none")
                cells["owner"] = "" if once else shown
                row_phen.add("creator-column-once" if t.column_once else "creator-column")
                if quoted:
                    row_phen.add("creator-quoted")
            truth = Truth(
                group,
                attr.element,
                row_block,
                creator,
                attr.vr,
                attr.vm,
                attr.name,
                frozenset(row_phen | _spelling(creator)),
            )
            rows.append(Row(cells, [truth]))
        return rows

    def _tag_cells(
        self, t: Traits, group: int, block: int | None, element: int, wild: str, first: bool
    ) -> dict[str, str]:
        if t.layout != "split":
            return {"tag": notation.tag(group, block, element, t.notation, wild)}
        form = t.element_form if block is not None or t.element_form != "1004" else "XX04"
        group_cell = "" if (t.group_empty and not first) else f"{group:04X}"
        return {"group": group_cell, "element": notation.split_element(block, element, form)}

    def _body_cells(self, t: Traits, attr: Attribute, name: str) -> dict[str, str]:
        rng = self.rng
        return {
            "name": name,
            "vr": text.vr_printed(attr.vr, rng),
            "vm": text.vm_printed(attr.vm, rng),
            "type": text.type_cell(rng),
            "value": text.value(attr.vr, rng),
            "description": text.description(attr.name, rng, t.long_desc),
        }

    def _reservation_row(
        self, t: Traits, creator: str, group: int, block: int | None, phen: set[str]
    ) -> Row:
        rng = self.rng
        low = "xx" if block is None else f"{block:02X}"
        if t.layout == "split":
            cells = {"group": f"{group:04X}", "element": f"00{low}"}
        else:
            cells = {"tag": notation.reservation_tag(group, low, t.notation)}
        cells.update(
            name=rng.choice(
                (
                    "Private Creator",
                    "Private Creator Data Element",
                    "Private Creator Code",
                    "Private Creator Identification",
                )
            ),
            vr="LO",
            vm="1",
            type=rng.choice(("1", "3")),
        )
        quoted = text.quote(creator, t.quotes)
        if t.placement == "reservation-value" or (
            t.placement == "reservation-wrapped" and t.value_col
        ):
            cells["value"] = quoted
            cells["description"] = rng.choice(("Private Creator", "", "Identifies the block."))
            phen.add("creator-reservation-value")
        else:
            cells["value"] = ""
            cells["description"] = rng.choice(
                (quoted, f"Private Creator Data Element, value {quoted}", f"= {quoted}")
            )
            phen.add("creator-reservation-description")
        if t.placement == "reservation-wrapped":
            phen.add("creator-reservation-wrapped")
        if t.quotes != "none":
            phen.add("creator-quoted")
        if t.two_blocks:
            phen.add("two-blocks")
        return Row(cells, [], "reservation")

    def _add_range(
        self,
        t: Traits,
        creator: str,
        group: int,
        block: int | None,
        chosen: list[Attribute],
        run: list[Row],
    ) -> None:
        rng = self.rng
        taken = {a.element for a in chosen}
        span = rng.randint(2, 12)
        starts = [s for s in range(0x20, 0xF0 - span) if not taken & set(range(s, s + span))]
        if not starts:
            return
        start = rng.choice(starts)
        last = start + span - 1
        wild = "xx"
        first_tag = notation.tag(group, block, start, t.notation, wild)
        last_tag = notation.tag(group, block, last, t.notation, wild)
        join = rng.choice(notation.RANGE_JOINS)
        if join == "-" and rng.random() < 0.3 and t.notation in ("paren", "xx"):
            high = "xx" if block is None else f"{block:02X}"
            tag_text = f"({group:04X},{high}{start:02X}-{high}{last:02X})"
        else:
            tag_text = notation.range_text(first_tag, last_tag, join)
        base = rng.choice(chosen)
        name = rng.choice(("Reserved", f"{base.name} Block", "Private Data"))
        cells = {"tag": tag_text}
        cells.update(self._body_cells(t, base, name))
        phen = frozenset({"range", f"notation-{t.notation}"} | _spelling(creator))
        truths = [
            Truth(group, e, block, creator, base.vr, base.vm, name, phen)
            for e in range(start, last + 1)
        ]
        run.insert(rng.randint(1, len(run)), Row(cells, truths, "range"))

    def _mix_public(self, t: Traits, rows: list[Row], phen: set[str]) -> list[Row]:
        rng = self.rng
        public = rng.sample(self.registry.public, rng.randint(3, 8))
        phen.add("mixed-public")
        made = []
        for attr in public:
            assert attr.block is not None
            if t.layout == "split":
                cells = {
                    "group": f"{attr.group:04X}",
                    "element": f"{attr.block:02X}{attr.element:02X}",
                }
            else:
                cells = {"tag": notation.tag(attr.group, attr.block, attr.element, t.notation)}
            name = attr.name
            if "sequence-item" in t.distractors and rng.random() < 0.4:
                name = ">" + name.replace(" ", "")
            cells.update(self._body_cells(t, attr, name))
            made.append(Row(cells, [], "public"))
        cut = rng.randint(0, len(made))
        return made[:cut] + rows + made[cut:]

    def _columns(self, t: Traits, phen: set[str]) -> list[tuple[str, str]]:
        rng = self.rng
        rest = ["vr"] + (["vm"] if t.vm else [])
        rest += (["type"] if t.type_col else []) + (["value"] if t.value_col else [])
        if t.desc_col:
            rest.append("description")
        if rng.random() < 0.2:
            rng.shuffle(rest)
        if t.layout == "split":
            roles = ["group", "element", "name", *rest]
            phen |= {"split-group-element", f"element-{t.element_form}"}
            if t.group_empty:
                phen.add("group-empty-continuing")
        elif t.layout == "name-first":
            roles = ["name", "tag", *rest]
            phen.add("tag-not-first")
        else:
            roles = ["tag", "name", *rest]
            phen.add("tag-first")
        if t.placement == "column":
            roles.insert(rng.choice((0, 1, len(roles))), "owner")
        phen.add("vm-column" if t.vm else "no-vm-column")
        for role, name in (("type", "type-column"), ("value", "value-column")):
            if role in roles:
                phen.add(name)
        if t.desc_col:
            phen.add("description-column")
        return [(role, text.header(role, rng, t.upper)) for role in roles]

    def _fill_distractors(
        self,
        t: Traits,
        rows: list[Row],
        creators: list[tuple[str, int, list[Attribute]]],
        phen: set[str],
    ) -> None:
        rng = self.rng
        private = [r for r in rows if r.kind == "private"]
        if "set-to" in t.distractors and private and (t.desc_col or t.value_col):
            other = rng.choice(self.registry.creators(1))
            target = rng.choice(private)
            target.cells["description" if t.desc_col else "value"] = f"Set to {other}"
            phen.add("distractor-set-to")
        if "reserves-range" in t.distractors and t.desc_col:
            for row in rows:
                if row.kind == "reservation" and row.cells.get("value"):
                    tag = row.cells.get("tag") or f"({row.cells['group']},{row.cells['element']})"
                    low = tag.strip("()")[-2:]
                    group = creators[0][1]
                    row.cells["description"] = f"Reserves the ({group:04X},{low}xx) Range"
                    phen.add("distractor-reserves-range")
        if "tag-in-text" in t.distractors and t.desc_col and len(private) > 1:
            for row in rng.sample(private, min(3, len(private) - 1)):  # "See (0019,1010)."
                other = rng.choice([r for r in private if r is not row])
                cited = other.cells.get("tag") or other.truths[0].tag
                cited = rng.choice((cited, "(0018,0050)", "(0008,0008)"))
                row.cells["description"] += rng.choice(
                    (f" See also {cited}.", f" Copied from {cited}.", f" Same as {cited} when set.")
                )
            phen.add("distractor-tag-in-text")
        if "sequence-item" in t.distractors and t.mixed_public:
            phen.add("distractor-sequence-item")
            for row in rng.sample(private, min(2, len(private))):  # nested items of a sequence
                row.cells["name"] = ">" + row.cells["name"]
            # A row holding only a header-like cell (">IconDescription"): not a creator.
            words = rng.choice(self.registry.public).name.split()
            label = ">" + "".join(w[:1].upper() + w[1:] for w in words)
            rows.insert(rng.randint(0, len(rows)), Row({"name": label}, [], "public"))

    # -- text around the table ----------------------------------------------------------------

    def _text_above(
        self,
        t: Traits,
        section: Section,
        creators: list[tuple[str, int, list[Attribute]]],
        number: int,
        phen: set[str],
    ) -> None:
        rng = self.rng
        creator, group, _ = creators[0]
        before: list[tuple[str, str]] = []
        place = t.placement
        if place in ("heading", "earlier-page") and (place == "heading" or rng.random() < 0.5):
            before.append(("heading", text.creator_heading(creator, group, rng, t.quotes)))
        elif place in ("sentence", "earlier-page"):
            before.append(("heading", text.title(rng, number)))
            before.append(("body", text.creator_sentence(creator, group, rng, t.quotes)))
            if rng.random() < 0.5:
                before.append(("body", rng.choice(text.PROSE)))
        elif "caption-words" in t.distractors:
            before.append(("heading", text.caption_with_words(creator, rng)))
            phen.add("distractor-caption-words")
        else:
            before.append(("heading", text.title(rng, number)))
        if place in ("heading", "sentence", "earlier-page"):
            phen.add("creator-sentence" if place == "sentence" else "creator-heading")
            if t.quotes != "none":
                phen.add("creator-quoted")
        if place == "earlier-page":
            phen.add("creator-earlier-page")
            section.break_before_table = True
            before.append(("body", rng.choice(text.PROSE)))
            if rng.random() < 0.5:  # the table's own title on the next page names no creator
                section.after_break = [("heading", text.title(rng, number))]
        if "reserves-range" in t.distractors and "distractor-reserves-range" not in phen:
            before.append(("body", f"Reserves the ({group:04X},10xx) Range"))
            phen.add("distractor-reserves-range")
        section.before = before

    def _cut(self, t: Traits, section: Section, number: int, phen: set[str]) -> None:
        """Long tables are printed in two or three pieces, each on a new page."""
        rows = len(section.rows)
        if t.length != "long" or rows < 20:
            section.chunks = [rows]
            return
        pieces = self.rng.randint(2, 3)
        cuts = sorted(self.rng.sample(range(5, rows - 4), pieces - 1))
        section.chunks = [b - a for a, b in zip([0, *cuts], [*cuts, rows])]
        phen.add("page-break")
        phen.add(
            "page-break-header-repeated"
            if t.repeat_header and t.header
            else "page-break-header-omitted"
        )
        if t.continued:
            section.continued = self.rng.choice(
                (
                    f"Table {number} (continued)",
                    "continued",
                    f"{text.title(self.rng, number)} - continued",
                )
            )
            phen.add("distractor-continued")

    def _layout_phenomena(self, t: Traits, section: Section) -> set[str]:
        found = {
            {"grid": "rules-grid", "none": "rules-borderless"}.get(t.rules, "rules-partial"),
        }
        if not t.header:
            found.add("no-header")
        if t.upper:
            found.add("header-upper")
        if t.header and not section.header_bold:
            found.add("header-not-bold")
        if t.header and section.header_shaded:
            found.add("header-shaded")
        if t.header and section.header_align == "CENTER":
            found.add("header-centred")
        if t.wrap_names:
            found.add("name-wrapped")
            section.widths["name"] = -1.0  # render: narrow enough to wrap long names
        if t.valign == "MIDDLE":
            found.add("valign-middle")
        if t.long_desc and t.desc_col:
            found.add("long-description")
        if t.placement == "reservation-wrapped":
            section.widths["value" if t.value_col else "description"] = -2.0  # render: wrap creator
        return found
