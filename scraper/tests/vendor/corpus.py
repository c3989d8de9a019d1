"""One vendor-style document: content drawn from the registry, printed in a :class:`Style`.

``build(style, out_dir)`` writes ``<style.name>.pdf`` and returns a :class:`VendorDoc` with the
ground truth: one :class:`~scraper.tests.gen.model.Truth` per private tag the scraper must emit
(public rows, ``(gggg,0010)`` creator rows and distractor text have none). The content is seeded by
the style's name, so a style always prints the same document (for a given ``data/tags.csv``).
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.pdfgen.canvas import Canvas

from ..gen.model import Truth
from ..gen.registry import Attribute, load
from .render import Page, Painter, Table, register_fonts
from .style import Style

DESCRIPTIONS = (
    "Set by the acquisition software; not changed by post-processing.",
    "Value is copied from the scan protocol at the start of the examination.",
    "Only present when the corresponding option is licensed on the system.",
    "Used internally for image reconstruction and reprocessing; do not modify.",
    "Units are millimetres unless stated otherwise in the value column.",
    "May be empty when the information is not available from the modality.",
    "Written once per series and repeated in every instance of the series.",
    "Refer to the application manual for the meaning of the defined terms.",
)
VALUES = ("", "", "", "0 = OFF, 1 = ON", "YES, NO", "Enumerated Values: 0, 1, 2", "see note", "")
RESERVATION_NAMES = (
    "Private Creator",
    "Private Creator Data Element",
    "Private Creator Identification",
    "Private Creator Code",
)


@dataclass
class Section:
    before: list[tuple[str, str]]  # (heading | body | break, text)
    table: Table
    truths: list[Truth] = field(default_factory=list)


@dataclass
class VendorDoc:
    style: Style
    path: Path
    truths: list[Truth]


def _seed(style: Style) -> int:
    return zlib.crc32(style.name.encode())


def _pick(style: Style, rng: random.Random, count: int) -> list[tuple[str, int, list[Attribute]]]:
    """``count`` (creator, group, attributes) of the style's vendor with enough attributes."""
    reg = load()
    lo = style.rows[0] + 2
    pool = [
        (c, g, attrs)
        for c, groups in reg.private.items()
        for g, attrs in groups.items()
        if len(attrs) >= lo and re.search(style.creators, c)
    ]
    if len(pool) < count:
        pool += [
            (c, g, attrs)
            for c, groups in reg.private.items()
            for g, attrs in groups.items()
            if len(attrs) >= lo
        ]
    pool.sort(key=lambda p: (p[0], p[1]))
    chosen: list[tuple[str, int, list[Attribute]]] = []
    while len(chosen) < count:
        pick = rng.choice(pool)
        if pick not in chosen or len(pool) <= count:
            chosen.append(pick)
    return chosen


def _hex(value: int, width: int) -> str:
    return f"{value:0{width}X}"


def tag_text(notation: str, group: int, block: int | None, element: int) -> str:
    hi = "xx" if block is None else _hex(block, 2)
    g, e = _hex(group, 4), f"{hi}{_hex(element, 2)}"
    if notation == "paren-XX":
        e = e.replace("xx", "XX")
    return {
        "paren": f"({g},{e})",
        "paren-XX": f"({g},{e})",
        "bare": f"{g},{e}",
        "space": f"{g} {e}",
        "colon": f"({g}:{e})",
        "lower": f"({g},{e})".lower(),
        "spaced": f"( {g} , {e} )",
        "comma-space": f"{g}, {e}",
        "hex0x": f"0x{g}, 0x{e}",
    }[notation]


def element_text(form: str, block: int | None, element: int) -> str:
    low = _hex(element, 2)
    if form == "XX04":
        return f"XX{low}"
    if form == "xx04":
        return f"xx{low}"
    if form == "04":
        return low
    return f"{_hex(block if block is not None else 0x10, 2)}{low}"


def _block_of(style: Style, block: int) -> int | None:
    if style.roles.count("element"):
        return block if style.element_form == "1004" else None
    return None if style.block == "xx" else block


def _vr(style: Style, vr: str) -> str:
    return vr.replace(" or ", "/") if style.vr_join == "/" else vr


def _range_text(kind: str, style: Style, group: int, block: int | None, lo: int, hi: int) -> str:
    first = tag_text(style.notation, group, block, lo)
    last = tag_text(style.notation, group, block, hi)
    if kind == "dots":
        return f"{first} . . . {last}"
    if kind == "to":
        return f"{first} to {last}"
    if kind == "inner":
        b = "xx" if block is None else _hex(block, 2)
        return f"({_hex(group, 4)},{b}{_hex(lo, 2)}-{b}{_hex(hi, 2)})"
    return f"{first}-{last}"


def _traits(style: Style) -> frozenset[str]:
    """The phenomena every truth of the style exercises (for the per-phenomenon report)."""
    t = {f"vendor-{style.vendor}", f"place-{style.place}", f"rules-{style.rules}", style.paper}
    if style.landscape:
        t.add("landscape")
    if "tag" in style.roles:
        t.add(f"notation-{style.notation}")
        t.add("tag-first" if style.roles[0] == "tag" else "tag-not-first")
    else:
        t.add("split-group-element")
        t.add(f"element-{style.element_form}")
        if style.group_once:
            t.add("group-empty-continuing")
    t |= {f"column-{r}" for r in style.roles if r in ("type", "value", "owner", "keyword")}
    if not style.header:
        t.add("no-header")
    if any("\n" in h for _, h, _ in style.columns):
        t.add("header-two-lines")
    if style.valign == "middle":
        t.add("valign-middle")
    if style.public:
        t.add("mixed-public")
    if not style.page_per_section and style.sections > 2:
        t.add("several-creators-page")
    if style.long_desc:
        t.add("long-description")
    if style.pad < 0.3:
        t.add("tight-columns")
    if style.zebra:
        t.add("zebra-rows")
    if style.preformatted:
        t.add("preformatted-text")
    t |= {f"merged-{r}" for r in style.merged}
    if style.valign == "bottom":
        t.add("valign-bottom")
    t |= {f"distractor-{d}" for d in style.distractors}
    t.add(f"font-{style.font}")
    return frozenset(t)


@dataclass
class _Rows:
    """Cell text of one table's rows, in the style's column order."""

    style: Style
    rng: random.Random
    group: int
    block: int | None
    creator: str
    first_of_run: bool = True

    def cells(self, values: dict[str, str]) -> list[str]:
        return [values.get(role, "") for role in self.style.roles]

    def common(self, name: str, vr: str, vm: str, el: int, value: str, desc: str) -> dict[str, str]:
        style, group, b, first = self.style, self.group, self.block, self.first_of_run
        v = {
            "tag": tag_text(style.notation, group, b, el),
            "group": _hex(group, 4) if (first or not style.group_once) else "",
            "element": element_text(style.element_form, b, el),
            "name": name,
            "vr": vr,
            "vm": vm,
            "type": self.rng.choice(("1", "1C", "2", "3", "3", "3")),
            "value": value,
            "desc": desc,
            "owner": self.creator if (first or style.place == "column") else "",
            "keyword": re.sub(r"[^A-Za-z0-9]", "", name.title()),
        }
        self.first_of_run = False
        return v


def _sections(style: Style, rng: random.Random) -> list[Section]:
    reg = load()
    traits = _traits(style)
    picks = _pick(style, rng, style.sections)
    sections: list[Section] = []
    for index, (creator, group, attrs) in enumerate(picks):
        block = 0x10
        if style.two_blocks and index % 2 == 1:
            group, block = picks[index - 1][1], 0x11  # a second creator's block in one group
        n = min(len(attrs), rng.randint(*style.rows))
        start = rng.randint(0, len(attrs) - n)
        run = [a for a in attrs[start : start + n] if a.name.isascii()]  # the base-14 fonts' range
        b = _block_of(style, block)
        rows: list[list[str]] = []
        truths: list[Truth] = []
        maker = _Rows(style, rng, group, b, creator)
        cells, common = maker.cells, maker.common

        place = style.place
        if place.startswith("reservation"):
            quoted = f'"{creator}"'
            value = f"Set to {creator}" if "set-to" in style.distractors else quoted
            desc = (
                f"Reserves the ({_hex(group, 4)},{_hex(block, 2)}xx) Range"
                if "reserves" in style.distractors
                else (f"= {quoted}" if place == "reservation-desc" else "Private creator code")
            )
            if place == "reservation-desc":
                value = ""
            v = common(rng.choice(RESERVATION_NAMES), "LO", "1", 0, value, desc)
            v["tag"] = tag_text(style.notation.replace("paren-XX", "paren"), group, 0, block)
            v["element"] = f"00{_hex(block, 2)}"
            if "value" not in style.roles and "desc" not in style.roles:
                v["name"] = f"Private Creator {quoted}"
            rows.append(cells(v))
        for a in run:
            desc = rng.choice(DESCRIPTIONS)
            if style.long_desc:
                desc = f"{a.name}. {desc} {rng.choice(DESCRIPTIONS)} {rng.choice(DESCRIPTIONS)}"
            if "desc-tag" in style.distractors and rng.random() < 0.4:
                cited = tag_text("paren", group, b, (a.element + 0x40) % 0x100)
                desc = f"Valid in the first frame only.\n{cited} holds the other frames."
            v = common(a.name, _vr(style, a.vr), a.vm, a.element, rng.choice(VALUES), desc)
            if "footnote" in style.distractors and rng.random() < 0.3:
                v["tag"] += rng.choice(("*", " *", "\u00b9", " (1)"))
            rows.append(cells(v))
            truths.append(Truth(group, a.element, b, creator, a.vr, a.vm, a.name, traits))
            if style.public and rng.random() < style.public / max(1, n):
                p = rng.choice(reg.public)
                nest = ">" if "sequence-item" in style.distractors and rng.random() < 0.5 else ""
                pub = {
                    "tag": tag_text(
                        "paren" if "paren" in style.notation else style.notation,
                        p.group,
                        p.block,
                        p.element,
                    ),
                    "group": _hex(p.group, 4),
                    "element": f"{_hex(p.block or 0, 2)}{_hex(p.element, 2)}",
                    "name": nest + p.name,
                    "vr": p.vr,
                    "vm": p.vm,
                    "type": "2",
                    "desc": rng.choice(DESCRIPTIONS),
                }
                rows.append(cells(pub))
                maker.first_of_run = True  # the group cell is printed again after a public row
        if style.ranges:
            used = {a.element for a in run}
            lo = next(x for x in range(0xE0, 0x100, 8) if not used & set(range(x, x + 8)))
            hi = lo + rng.choice((3, 7))
            v = common("Reserved for future use", "OB", "1", lo, "", "Private data range")
            name = rng.choice(("Private Data", "Application Data Range", "Vendor Data"))
            v["name"] = name
            v["tag"] = _range_text(style.ranges, style, group, b, lo, hi)
            v["element"] = (
                f"{element_text(style.element_form, b, lo)}-{element_text(style.element_form, b, hi)}"
            )
            rows.append(cells(v))
            truths += [
                Truth(group, e, b, creator, "OB", "1", name, traits | {"range"})
                for e in range(lo, hi + 1)
            ]
        before: list[tuple[str, str]] = []
        g = _hex(group, 4)
        caption = f"Table {index + 3}-{rng.randint(1, 9)}"
        if place in ("heading", "heading-prev-page"):
            before.append(("heading", f"{caption} " + style.wording.format(c=creator, g=g)))
            if place == "heading-prev-page":
                before.append(("body", "The attributes of this group are listed on the next page."))
                before.append(("break", ""))
        elif place == "sentence":
            before.append(("heading", f"{caption} Private Group {g}"))
            before.append(("body", style.wording.format(c=creator, g=g)))
        else:
            head = (
                f"{creator} Private Scaling Tags"
                if "caption-words" in style.distractors
                else f"Private Group {g}"
            )
            before.append(("heading", f"{caption} {head}"))
        if "tag-in-text" in style.distractors:
            before.append(
                (
                    "body",
                    f"Attributes of group {g} not listed below, e.g. ({g},{_hex(block, 2)}F0), are reserved.",
                )
            )
        widths = [w for _, _, w in style.columns]
        total = sum(widths)
        table = Table(
            headers=[h for _, h, _ in style.columns],
            widths=[w / total for w in widths],
            rows=rows,
            header=style.header,
            rules=style.rules,
            shade_header=style.shade,
            valign=style.valign,
            centred=frozenset(i for i, r in enumerate(style.roles) if r in style.centred),
            repeat_header=style.repeat_header,
            continued=f"{caption} (continued)" if "continued" in style.distractors else "",
            pad=style.pad,
            zebra=style.zebra,
            preformatted=style.preformatted,
            merged=frozenset(i for i, r in enumerate(style.roles) if r in style.merged),
        )
        sections.append(Section(before, table, truths))
    return sections


PAPERS = {"letter": letter, "a4": A4}


def truths_of(style: Style) -> list[Truth]:
    """The style's ground truth without printing it."""
    return [t for s in _sections(style, random.Random(_seed(style))) for t in s.truths]


def build(style: Style, out_dir: str | Path) -> VendorDoc:
    """Print the style's document into ``out_dir`` and return it with its truth."""
    register_fonts()
    rng = random.Random(_seed(style))
    sections = _sections(style, rng)
    size = PAPERS[style.paper]
    size = landscape(size) if style.landscape else size
    path = Path(out_dir) / f"{style.name}.pdf"
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    page = Page(
        size=size,
        font=style.font,
        size_pt=style.size,
        running_head=style.running_head or f"{style.vendor} DICOM Conformance Statement",
        running_foot="Page {n}",
    )
    painter = Painter(canvas, page)
    painter.start()
    painter.paragraph("Private Data Elements", bold=True, grow=1.4)
    painter.paragraph(
        "This section lists the private attributes the product writes. Private attributes may "
        "change between software versions; applications should not depend on them."
    )
    truths: list[Truth] = []
    for n, section in enumerate(sections):
        if style.page_per_section and n:
            painter.new_page()
        for kind, text in section.before:
            if kind == "break":
                painter.new_page()
            else:
                painter.paragraph(
                    text, bold=kind == "heading", grow=1.15 if kind == "heading" else 1.0
                )
        painter.table(section.table)
        truths += section.truths
    canvas.showPage()
    canvas.save()
    return VendorDoc(style, path, truths)
