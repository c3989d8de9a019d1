"""The phenomena of issue 9 as generated documents with their ground truth, one function each.

Each function takes a table style (``ruled``, ``double``, ``hrules``, ``borderless``) and returns a
:class:`~pdfgen.Doc` printing one thing real conformance statements do that a column-order reader
gets wrong: the tag column not first with names wrapped above and below the tag's line, group and
element in separate columns (``XX04``, ``xx04``, ``1004``, ``04``, the group left empty on rows that
continue it), tag notations (colon, no parentheses, spaces, lower case), Type and Value columns,
creators stated in headings and sentences, in creator rows (quoted, wrapped, ``Set to ...``), in a
per-row column, captions and cells that are *not* creators, module tables mixing public and private
attributes, several creators' tables on one page, tables without a header row, and ``. . .`` ranges.
Rows the scraper must reject carry the reason. These documents are the reader's focused unit cases;
the randomised corpus with its held-out part lives in ``tests/gen`` (scraper-gen).
"""

from __future__ import annotations

from collections.abc import Callable

from layouts import Maker, ge_columns, siemens_columns
from pdfgen import Column, Doc, Entry, Section, Truth


def _creator_row(tag: str, value: str, role: str = "value", name: str = "Private Creator") -> Entry:
    return Entry({"tag": tag, "name": name, "vr": "LO", "vm": "1", role: value, "type": "1"})


def tag_not_first(style: str) -> Doc:
    """``Attribute Name | Tag | VR | Type | Value``: narrow names wrapping over 2-3 lines, centred."""
    m = Maker(101)
    columns = [
        Column("Attribute Name", "name", 62),
        Column("Tag", "tag"),
        Column("VR", "vr"),
        Column("Type", "type"),
        Column("Value", "description", 150),
    ]
    entries = [
        m.entry(0x0019, e, "GEMS_ACQU_01", type=t)
        for e, t in zip(m.elements(16), ["1", "1C", "2", "3"] * 4)
    ]
    return Doc(
        [
            Section(
                "Private Creator Identification (GEMS_ACQU_01)",
                columns,
                entries,
                style,
                valign="MIDDLE",
            )
        ]
    )


def split_group_element(style: str) -> Doc:
    """``0009 | XX04 | Image Control Unit | SH``: ``XX04``, ``xx04``, ``1004``, ``04``; group printed once."""
    m = Maker(102)
    columns = [
        Column("Group", "group"),
        Column("Element", "element"),
        Column("Name", "name", 120),
        Column("VR", "vr"),
        Column("VM", "vm"),
    ]
    sections = []
    for caption, creator, group, form, block in [
        ('Private Creator: "GEMS_IDEN_01"', "GEMS_IDEN_01", 0x0009, "XX{:02X}", None),
        ('Private Creator: "GEMS_STDY_01"', "GEMS_STDY_01", 0x0023, "xx{:02x}", None),
        ('Private Creator: "GEMS_SERS_01"', "GEMS_SERS_01", 0x0025, "10{:02X}", 0x10),
        ('Private Creator: "GEMS_IMPS_01"', "GEMS_IMPS_01", 0x0029, "{:02X}", None),
    ]:
        entries = []
        for n, e in enumerate(m.elements(6)):
            entry = m.entry(group, e, creator, block=block)
            entry.cells["element"] = form.format(e)
            if n:
                entry.cells["group"] = ""  # the group cell is left empty on rows that continue it
            entries.append(entry)
        sections.append(Section(caption, columns, entries, style))
    return Doc(sections)


def notations(style: str) -> Doc:
    """``(F001:F103)``, ``0019 10A4`` without parentheses, ``( 0021 , 10 12 )``, lower-case hex."""
    m = Maker(103)
    entries = [
        m.entry(0xF001, 0x03, "Sound Technologies", block=0xF1, tag="(F001:F103)"),
        m.entry(0xF001, 0x04, "Sound Technologies", block=0xF1, tag="(F001:F104)"),
        m.entry(0x0019, 0xA4, "Sound Technologies", block=0x10, tag="0019 10A4"),
        m.entry(0x0021, 0x12, "Sound Technologies", block=0x10, tag="( 0021 , 10 12 )"),
        m.entry(0x0021, 0x1B, "Sound Technologies", block=0x10, tag="(0021,101b)"),
        m.entry(0x0021, 0xC0, "Sound Technologies", tag="(0021,xxc0)"),
    ]
    return Doc(
        [Section('Private Creator: "Sound Technologies"', siemens_columns(), entries, style)]
    )


def creator_in_heading(style: str) -> Doc:
    """``Private Group 0017, Private Creator Code "..."`` and a sentence naming the creator."""
    m = Maker(104)
    first = Section(
        'Private Group 0017, Private Creator Code "SIEMENS_FLCOMPACT_VA01A_PROC"',
        siemens_columns(),
        [m.entry(0x0017, e, "SIEMENS_FLCOMPACT_VA01A_PROC") for e in m.elements(8)],
        style,
    )
    second = Section(
        "Private Creator Code: Canon Inc.",
        siemens_columns(),
        [m.entry(0x0071, e, "Canon Inc.") for e in m.elements(6)],
        style,
    )
    return Doc([first, second])


def creator_rows(style: str) -> Doc:
    """Creator rows: ``(”SIEMENS MED NM”)``, ``Set to GEMS_SENO_02``, a value wrapped in its cell, a
    ``Reserves the (0029,29xx) Range`` description next to the real creator."""
    m = Maker(105)
    columns = [
        Column("Tag", "tag"),
        Column("Attribute Name", "name", 110),
        Column("VR", "vr"),
        Column("VM", "vm"),
        Column("Value", "value", 60),
        Column("Description", "description", 120),
    ]
    entries = [_creator_row("(0011,0010)", "(\u201dSIEMENS MED NM\u201d)")]
    entries += [m.entry(0x0011, e, "SIEMENS MED NM", block=0x10, value="") for e in m.elements(5)]
    entries += [_creator_row("(0045,0010)", "Set to GEMS_SENO_02")]
    entries += [m.entry(0x0045, e, "GEMS_SENO_02", block=0x10, value="") for e in m.elements(5)]
    wrapped = _creator_row("(0029,0029)", "SIEMENS_\nCSA_NON_\nIMAGE")
    wrapped.cells["description"] = "Reserves the (0029,29xx) Range"
    entries += [wrapped]
    entries += [
        m.entry(0x0029, e, "SIEMENS_CSA_NON_IMAGE", block=0x29, value="") for e in m.elements(5)
    ]
    return Doc([Section("Private Attributes", columns, entries, style)])


def owner_column(style: str) -> Doc:
    """A ``Private Owner Code`` column after the VR, and a header cell that is no creator."""
    m = Maker(106)
    columns = [
        Column("Attribute Name", "name", 100),
        Column("Tag", "tag"),
        Column("VR", "vr"),
        Column("Private Owner Code", "creator"),
        Column("Description", "description", 120),
    ]
    entries = [m.entry(0x0029, e, "SIEMENS CSA HEADER") for e in m.elements(5)]
    entries += [m.entry(0x0019, e, "SIEMENS MR HEADER") for e in m.elements(5)]
    return Doc([Section(None, columns, entries, style)])


def module_mixed(style: str) -> Doc:
    """A module table of public and private attributes; public rows are rejected, not emitted."""
    m = Maker(107)
    columns = [
        Column("Attribute Name", "name", 110),
        Column("Tag", "tag"),
        Column("Type", "type"),
        Column("Attribute Description", "description", 180),
    ]
    public = [("Patient's Name", "(0010,0010)"), ("Study Date", "(0008,0020)")]
    entries = [
        Entry({"name": n, "tag": t, "type": "2", "description": "As received."}, reject=_PUBLIC)
        for n, t in public
    ]
    entries += [_creator_row("(0009,0010)", "GEMS_GENIE_1", role="description")]
    for e in m.elements(6):
        entry = m.entry(0x0009, e, "GEMS_GENIE_1", type="3")
        entries.append(entry)
    entries.append(
        Entry(
            {"name": "Icon Image Sequence", "tag": "(0088,0200)", "type": "3", "description": "-"},
            reject=_PUBLIC,
        )
    )
    return Doc([Section("Table 5-3 Image Module (continued)", columns, entries, style)])


def several_per_page(style: str) -> Doc:
    """Three creators' small tables on one page, each under its own heading."""
    m = Maker(108)
    sections = [
        Section(
            f"Private Creator: {creator}",
            siemens_columns(),
            [m.entry(group, e, creator) for e in m.elements(4)],
            style,
            prose_after=0,
        )
        for creator, group in [
            ("SIEMENS MR HEADER", 0x0019),
            ("SIEMENS CSA HEADER", 0x0029),
            ("SIEMENS MEDCOM OOG", 0x0029),
        ]
    ]
    return Doc(sections)


def no_header(style: str) -> Doc:
    """Tables printed without any header row: columns are known only by what they hold."""
    m = Maker(109)
    sections = []
    for creator, group in [("PMS_CT_01", 0x01F1), ("PMS_MR_02", 0x2005)]:
        entries = [m.entry(group, e, creator) for e in m.elements(7)]
        sections.append(
            Section(
                f'Private Creator Code "{creator}"',
                ge_columns(name_wrap=140, description_wrap=150),
                entries,
                style,
                header=False,
            )
        )
    return Doc(sections)


def dotted_ranges(style: str) -> Doc:
    """``(0019,1610) . . . (0019,167F)`` and a caption that is not a creator above it."""
    m = Maker(110)
    entries = [
        Entry(
            {
                "tag": "(0019,1610) . . . (0019,161F)",
                "name": "Reserved Parameters",
                "vr": "OB",
                "vm": "1",
                "description": "Vendor internal.",
            },
            [
                Truth(
                    0x0019,
                    e,
                    0x16,
                    "ATL HDI V1.0",
                    "OB",
                    "1",
                    "Reserved Parameters",
                    "Vendor internal.",
                )
                for e in range(0x10, 0x20)
            ],
        )
    ]
    entries += [m.entry(0x0019, e, "ATL HDI V1.0", block=0x16) for e in m.elements(4, 0x30, 0x40)]
    reserve = _creator_row("(0019,0016)", "ATL HDI V1.0", role="description")
    return Doc(
        [
            Section(
                "ATL HDI V1.0 ATL Private Scaling Tags",
                siemens_columns(),
                [reserve, *entries],
                style,
            )
        ]
    )


def unknown_creator(style: str) -> Doc:
    """A table whose creator is stated nowhere: its rows are rejected, never guessed."""
    m = Maker(111)
    entries = [m.entry(0x0051, e, "") for e in m.elements(4)]
    for entry in entries:
        entry.truths = []
        entry.reject = "no private creator known for this row"
    return Doc([Section("Table 8-12 continued", siemens_columns(), entries, style)])


_PUBLIC = "group is not private (private groups are odd and above 0008)"

PHENOMENA: dict[str, Callable[[str], Doc]] = {
    f.__name__: f
    for f in (
        tag_not_first,
        split_group_element,
        notations,
        creator_in_heading,
        creator_rows,
        owner_column,
        module_mixed,
        several_per_page,
        no_header,
        dotted_ranges,
        unknown_creator,
    )
}
