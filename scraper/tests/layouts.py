"""The layouts real conformance statements use, as generated documents with their ground truth.

Each function below returns a :class:`~pdfgen.Doc` for one table style (ruled, double, hrules,
borderless) and covers one way statements print private tags: where the creator is (caption,
reservation row, per-row column, carried over a page break), how tags are written (every notation,
split group/element columns, ranges), how VR and VM are written, wrapped and hyphenated cells,
headers repeated after page breaks, and a 150-page statement that mixes them all between pages of
prose. Rows the scraper must *reject* (public groups, a typo) carry the expected reason.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from pdfgen import Column, Doc, Entry, Section, Truth, build

NAMES = [
    "Number of Cells in Detector",
    "Cell Spacing",
    "Horizontal Frame of Reference",
    "Series from which Prescribed",
    "Image from which Prescribed",
    "Screen Format",
    "Anatomical Reference for Scout",
    "Tube Focal Spot Position",
    "Biopsy Position",
    "Table Start Location",
    "Table Speed",
    "Mid Scan Time",
    "Mid Scan Flag",
    "Degrees of Azimuth",
    "Gantry Period",
    "Number of Triggers",
    "Angle of First View",
    "Trigger Frequency",
    "Scan Field of View Type",
    "Calibration Parameter File",
    "Reconstruction Algorithm Set",
    "Segment Number",
    "Total Segments Requested",
    "Interscan Delay",
    "Acquisition Duration",
    "Second Echo",
    "Number of Echoes",
    "Transmit Gain",
    "Receive Gain",
    "Pulse Sequence Mode",
    "Pulse Sequence Name",
    "Coil Type",
    "Surface Coil Intensity Correction",
    "Prescan Status",
    "Window Centre Adjustment",
    "Dose Modulation Type",
    "Detector Temperature",
    "Anode Heat Capacity",
    "Exposure Compensation Index",
    "Stitching Overlap",
    "Calculated Breast Thickness",
    "Compression Paddle",
    "Grid Movement",
    "Image Processing Parameters",
    "Multiplanar Reconstruction Axis",
    "Spectral Energy Level",
    "Perfusion Protocol Identifier",
    "Registration Matrix",
    "Diffusion Gradient Direction",
    "Slice Resolution",
]
DESCRIPTIONS = [
    "Distance between adjacent detector cells in millimetres.",
    "Position of the table at the start of the acquisition.",
    "Set when the operator interrupted the scan before it completed.",
    "Encoded acquisition parameters, vendor specific, not for interpretation.",
    "Time at the middle of the scan, in seconds since midnight.",
    "Identifier of the calibration used for reconstruction.",
    "Number of detector rows that were enabled for this series.",
    "Temperature of the detector assembly when the image was acquired.",
    "Orientation of the reconstructed plane relative to the patient.",
    "Enumerated: NONE, ANGULAR, LONGITUDINAL or COMBINED.",
    "Gain applied to the receiver chain before digitisation.",
    "Index into the protocol database of the scanner console.",
]
VRS = [
    "US",
    "SS",
    "UL",
    "SL",
    "FL",
    "FD",
    "DS",
    "IS",
    "LO",
    "SH",
    "LT",
    "CS",
    "OB",
    "UN",
    "ST",
    "DA",
    "TM",
]
VMS = ["1", "1", "1", "2", "3", "1-n", "2-n"]


class Maker:
    """Deterministic content: names, descriptions, VR and VM drawn from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def elements(self, count: int, low: int = 0x01, high: int = 0xFF) -> list[int]:
        return sorted(self.rng.sample(range(low, high + 1), count))

    def entry(
        self,
        group: int,
        element: int,
        creator: str,
        *,
        block: int | None = None,
        tag: str | None = None,
        vr: str | None = None,
        vm: str | None = None,
        vr_text: str | None = None,
        vm_text: str | None = None,
        creator_cell: str | None = None,
        **cells: str,
    ) -> Entry:
        """One tag row; the cells default to the truth printed plainly."""
        vr = vr or self.rng.choice(VRS)
        vm = vm or self.rng.choice(VMS)
        name, description = self.rng.choice(NAMES), self.rng.choice(DESCRIPTIONS)
        high = "xx" if block is None else f"{block:02X}"
        printed = {
            "tag": tag or f"({group:04X},{high}{element:02X})",
            "group": f"{group:04X}",
            "element": f"{high}{element:02X}",
            "name": name,
            "description": description,
            "vr": vr_text or vr,
            "vm": vm_text or vm,
            "creator": creator if creator_cell is None else creator_cell,
            "vrvm": f"VR = {vr_text or vr}, VM = {vm_text or vm}",
        }
        printed.update(cells)
        return Entry(printed, [Truth(group, element, block, creator, vr, vm, name, description)])


def ge_columns(
    name_wrap: float = 110, description_wrap: float = 165, hyphenate: bool = False
) -> list[Column]:
    return [
        Column("Attribute Name", "name", name_wrap, hyphenate),
        Column("Tag", "tag"),
        Column("VR", "vr"),
        Column("VM", "vm"),
        Column("Attribute Description", "description", description_wrap, hyphenate),
    ]


def siemens_columns() -> list[Column]:
    return [
        Column("Tag", "tag"),
        Column("Name", "name", 130),
        Column("VR", "vr"),
        Column("VM", "vm"),
        Column("Description", "description", 170),
    ]


def caption_paren(style: str) -> Doc:
    """GE: ``Private Creator Identification (GEMS_XELPRV_01)`` above each table."""
    m = Maker(1)
    sections = []
    for creator, group, count in [("GEMS_XELPRV_01", 0x0019, 24), ("GEMS_ACQU_01", 0x0043, 18)]:
        entries = [m.entry(group, e, creator) for e in m.elements(count)]
        sections.append(
            Section(f"Private Creator Identification ({creator})", ge_columns(), entries, style)
        )
    # The second table centres its header, and (when fully ruled) centres its cells vertically.
    sections[1].header_align = "CENTER"
    sections[1].valign = "MIDDLE" if style in ("ruled", "double") else "TOP"
    return Doc(sections)


def caption_quoted(style: str) -> Doc:
    """Siemens: ``Private Creator: "SIEMENS MR HEADER"``, also with curly double and single quotes."""
    m = Maker(2)
    sections = []
    for caption, creator, group, wildcard in [
        ('Private Creator: "SIEMENS MR HEADER"', "SIEMENS MR HEADER", 0x0019, "XX"),
        ("Private Creator: \u201cSIEMENS CSA HEADER\u201d", "SIEMENS CSA HEADER", 0x0029, "yy"),
        (
            "Private Creator Code = \u2018SIEMENS MEDCOM HEADER\u2019",
            "SIEMENS MEDCOM HEADER",
            0x0029,
            "xx",
        ),
    ]:
        entries = [
            m.entry(group, e, creator, tag=f"({group:04X},{wildcard}{e:02X})")
            for e in m.elements(12)
        ]
        sections.append(
            Section(caption, siemens_columns(), entries, style, font="Times-Roman", size=9)
        )
    return Doc(sections)


def reservation(style: str) -> Doc:
    """The creator in a ``(gggg,0010)`` / ``(gggg,00xx)`` row's value or description; blocks fixed."""
    m = Maker(3)
    creators = {0x10: "SIEMENS CSA HEADER", 0x11: "SIEMENS MEDCOM HEADER"}
    entries = [
        Entry(
            {
                "tag": f"(0029,00{b:02X})",
                "name": "Private Creator",
                "vr": "LO",
                "vm": "1",
                "value": c,
            }
        )
        for b, c in creators.items()
    ]
    for block, creator in creators.items():
        entries += [m.entry(0x0029, e, creator, block=block, value="") for e in m.elements(8)]
    columns = [
        Column("Tag", "tag"),
        Column("Attribute Name", "name", 120),
        Column("VR", "vr"),
        Column("VM", "vm"),
        Column("Value", "value"),
    ]
    first = Section("Private Group 0029 Attributes", columns, entries, style)

    entries = [
        Entry(
            {
                "tag": "(0043,00xx)",
                "name": "Private Creator Data Element",
                "vr": "LO",
                "vm": "1",
                "description": "Private Creator Identification = \u201cGEMS_PARM_01\u201d",
            }
        )
    ]
    entries += [m.entry(0x0043, e, "GEMS_PARM_01") for e in m.elements(10)]
    second = Section("Private Group 0043 Attributes", siemens_columns(), entries, style)

    entries = [
        Entry(
            {
                "tag": "(0045,0010)",
                "name": "Private Creator",
                "vr": "LO",
                "vm": "1",
                "description": "GEMS_HELIOS_01",
            }
        )
    ]
    entries += [m.entry(0x0045, e, "GEMS_HELIOS_01", block=0x10) for e in m.elements(10)]
    third = Section("Private Group 0045 Attributes", siemens_columns(), entries, style)
    return Doc([first, second, third])


def creator_column(style: str) -> Doc:
    """A creator per row: Toshiba's "Private Owner Code", Philips' "DICOM Private Creator" (printed once a run)."""
    m = Maker(4)
    entries = []
    for creator, group in [
        ("TOSHIBA_MEC_CT3", 0x7005),
        ("TOSHIBA_MEC_MR3^12", 0x700D),
        ("TOSHIBA_MEC_CT3", 0x7005),
    ]:
        entries += [m.entry(group, e, creator) for e in m.elements(6)]
    columns = [
        Column("Tag", "tag"),
        Column("Private Owner\nCode", "creator"),
        Column("Attribute Name", "name", 120),
        Column("VR", "vr"),
        Column("VM", "vm"),
    ]
    toshiba = Section(None, columns, entries, style)

    entries = []
    for creator, group, quoted in [
        ("Philips Imaging DD 001", 0x2001, "\u201cPhilips Imaging DD 001\u201d"),
        ("Philips MR Imaging DD 005", 0x2005, '"Philips MR Imaging DD 005"'),
    ]:
        for n, e in enumerate(m.elements(8)):
            entries.append(m.entry(group, e, creator, creator_cell=quoted if n == 0 else ""))
    columns = [
        Column("Tag", "tag"),
        Column("Attribute Name", "name", 110),
        Column("DICOM Private\nCreator", "creator"),
        Column("VR", "vr"),
        Column("VM", "vm"),
    ]
    philips = Section(
        None, columns, entries, style, font="Times-Roman", size=9, header_align="CENTER"
    )
    return Doc([toshiba, philips])


def carried(style: str) -> Doc:
    """A caption on one page, the table running on over the next pages with no header and no caption;
    then a caption alone at the foot of a page, its table on the next."""
    m = Maker(5)
    entries = [m.entry(0x0045, e, "GEMS_CT_CARDIAC_001") for e in m.elements(80)]
    long = Section(
        "Private Creator Identification (GEMS_CT_CARDIAC_001)",
        ge_columns(),
        entries,
        style,
        repeat_header=False,
    )
    entries = [m.entry(0x0049, e, "GEMS_CT_HINO_01") for e in m.elements(10)]
    alone = Section(
        'Private Creator: "GEMS_CT_HINO_01"', ge_columns(), entries, style, caption_alone=True
    )
    return Doc([long, alone])


def repeated_header(style: str) -> Doc:
    """A long table whose header row is printed again at the top of every page."""
    m = Maker(6)
    entries = [m.entry(0x0019, e, "GEMS_ACQU_01") for e in m.elements(90)]
    return Doc(
        [
            Section(
                "Private Creator Identification (GEMS_ACQU_01)",
                ge_columns(),
                entries,
                style,
                repeat_header=True,
                header_align="CENTER",
            )
        ]
    )


def notations(style: str) -> Doc:
    """Every tag notation: xx, yy, XX, ``0009, xx01``, full ``0019,1010``, ``(0033xx50)``, wrapped digits."""
    m = Maker(7)
    creator = "ACME NOTATION TEST"
    rows = [
        (0x0019, 0x08, None, "(0019,xx08)"),
        (0x0019, 0x09, None, "(0019,yy09)"),
        (0x0019, 0x0A, None, "(0019,XX0A)"),
        (0x0019, 0x0B, None, "(0019,YY0B)"),
        (0x0009, 0x01, None, "0009, xx01"),
        (0x0019, 0x0D, None, "0019,xx0D"),
        (0x0019, 0x10, 0x10, "0019,1010"),
        (0x0019, 0x11, 0x10, "(0019,1011)"),
        (0x0033, 0x50, None, "(0033xx50)"),
        (0x0019, 0x13, 0x10, "(0019,10\n13)"),
        (0x0019, 0x0E, None, "(0019,\nxx0E)"),
        (0x0019, 0x0F, None, "(0019,xx0f)"),
        (0x0019, 0x14, 0x10, "(0019, 1014)"),
        (0x0029, 0x21, None, "0029\nxx21"),
    ]
    entries = [m.entry(g, e, creator, block=b, tag=t) for g, e, b, t in rows]
    entries.insert(
        3,
        Entry(
            {"tag": "(0008,0016)", "name": "SOP Class UID", "vr": "UI", "vm": "1"},
            reject="group is not private (private groups are odd and above 0008)",
        ),
    )
    entries.insert(
        8,
        Entry(
            {"tag": "(0010,1010)", "name": "Patient's Age", "vr": "AS", "vm": "1"},
            reject="group is not private (private groups are odd and above 0008)",
        ),
    )
    entries.append(
        Entry(
            {"tag": "(0019,xx0G)", "name": "Misprinted Tag", "vr": "US", "vm": "1"},
            reject="not a tag notation",
        )
    )
    return Doc(
        [
            Section(
                'Private Creator: "ACME NOTATION TEST"',
                siemens_columns(),
                entries,
                style,
                font="Courier",
                size=8,
            )
        ]
    )


def split_columns(style: str) -> Doc:
    """Group and element in two columns, elements as ``xx06`` and as fixed-block ``1006``."""
    m = Maker(8)
    columns = [
        Column("Group", "group"),
        Column("Element", "element"),
        Column("Attribute Name", "name", 110),
        Column("VR", "vr"),
        Column("VM", "vm"),
        Column("Description", "description", 150),
    ]
    first = Section(
        "Private Creator Identification (GEMS_IMAG_01)",
        columns,
        [m.entry(0x0027, e, "GEMS_IMAG_01") for e in m.elements(14)],
        style,
        header_align="CENTER",
    )
    second = Section(
        'Private Creator: "GEMS_PETD_01"',
        columns,
        [m.entry(0x0017, e, "GEMS_PETD_01", block=0x10) for e in m.elements(10)],
        style,
    )
    return Doc([first, second])


def ranges(style: str) -> Doc:
    """Range rows, one record per element: ``0019,1000 ... 0019,100F``, ``(0019,xx20)-(0019,xx23)`` ..."""
    m = Maker(9)
    creator = "ACME RANGES"
    entries = []
    for group, block, first, last, text in [
        (0x0019, 0x10, 0x00, 0x0F, "0019,1000 ... 0019,100F"),
        (0x0019, None, 0x20, 0x23, "(0019,xx20)-(0019,xx23)"),
        (0x0021, 0x10, 0x10, 0x13, "(0021,1010) to (0021,1013)"),
        (0x0019, None, 0x40, 0x47, "(0019,xx40-xx47)"),
        (0x0019, None, 0x50, 0x53, "(0019,xx50) -\n(0019,xx53)"),
    ]:
        entry = m.entry(group, first, creator, block=block, tag=text)
        truth = entry.truths[0]
        entry.truths = [
            Truth(group, e, block, creator, truth.vr, truth.vm, truth.name, truth.description)
            for e in range(first, last + 1)
        ]
        entries.append(entry)
        entries.append(m.entry(0x0019, 0x60 + len(entries), creator))
    return Doc([Section('Private Creator: "ACME RANGES"', siemens_columns(), entries, style)])


def vr_vm(style: str) -> Doc:
    """VR and VM variants: ``US or SS``, ``US/SS``, ``1 - n``, ``1-N``, and ``VR = FL, VM = 1`` phrases."""
    m = Maker(10)
    creator = "ACME VRVM"
    variants = [
        ("US or SS", "US or SS", "1-n", "1 - n"),
        ("US or SS", "US/SS", "1", "1"),
        ("OB or OW", "OB or OW", "1", "1"),
        ("FL", "FL", "2-n", "2 - n"),
        ("FD", "FD", "1-n", "1-N"),
        ("SS", "SS", "3", "3"),
    ]
    entries = [
        m.entry(0x0019, 0x10 + n, creator, vr=vr, vr_text=vt, vm=vm, vm_text=mt)
        for n, (vr, vt, vm, mt) in enumerate(variants)
    ]
    plain = Section('Private Creator: "ACME VRVM"', siemens_columns(), entries, style)

    columns = [
        Column("Tag", "tag"),
        Column("Name", "name", 130),
        Column("VR/VM", "vrvm", 70),
        Column("Description", "description", 170),
    ]
    entries = [
        m.entry(0x0019, 0x30 + n, creator, vr=vr, vr_text=vt, vm=vm, vm_text=mt)
        for n, (vr, vt, vm, mt) in enumerate(variants)
    ]
    packed = Section(None, columns, entries, style)

    columns = [
        Column("Tag", "tag"),
        Column("Name", "name", 130),
        Column("Description", "description", 250),
    ]
    entries = []
    for n, (vr, vt, vm, mt) in enumerate(variants):
        entry = m.entry(0x0019, 0x50 + n, creator, vr=vr, vr_text=vt, vm=vm, vm_text=mt)
        entry.cells["description"] = f"{entry.truths[0].description} VR = {vt}, VM = {mt}"
        entries.append(entry)
    inline = Section(None, columns, entries, style)
    return Doc([plain, packed, inline])


def wrapped(style: str) -> Doc:
    """Narrow columns: names and descriptions wrapped and hyphenated, tag digits and VRs wrapped."""
    m = Maker(11)
    creator = "GEMS_WRAP_01"
    entries = []
    for n, e in enumerate(m.elements(30)):
        tag = [f"(0019,\nxx{e:02X})", f"(0019,x\nx{e:02X})", f"(0019,xx{e:02X})"][n % 3]
        vr = "US or SS" if n % 4 == 0 else None
        entries.append(
            m.entry(0x0019, e, creator, tag=tag, vr=vr, vr_text="US or\nSS" if vr else None)
        )
    columns = [
        Column("Attribute Name", "name", 55, hyphenate=True),
        Column("Tag", "tag", 30),
        Column("VR", "vr", 22),
        Column("VM", "vm"),
        Column("Attribute Description", "description", 90, hyphenate=True),
    ]
    return Doc(
        [Section("Private Creator Identification (GEMS_WRAP_01)", columns, entries, style, size=8)]
    )


LAYOUTS: dict[str, Callable[[str], Doc]] = {
    "caption_paren": caption_paren,
    "caption_quoted": caption_quoted,
    "reservation": reservation,
    "creator_column": creator_column,
    "carried": carried,
    "repeated_header": repeated_header,
    "notations": notations,
    "split_columns": split_columns,
    "ranges": ranges,
    "vr_vm": vr_vm,
    "wrapped": wrapped,
}


def statement(path: Path, pages: int = 150) -> Doc:
    """Print a ``pages``-page statement to ``path``: every layout once, table styles rotating, each
    chapter after a run of prose-only pages (which the screen must skip)."""
    styles = ["ruled", "double", "borderless", "hrules"]
    chapters: list[Section] = []
    sections: list[Section] = []
    for n, layout in enumerate(LAYOUTS.values()):
        doc = layout(styles[n % len(styles)])
        doc.sections[0].new_page = True
        chapters.append(doc.sections[0])
        sections += doc.sections
    doc = Doc(sections, title="CT Scanner DICOM Conformance Statement")
    build(doc, path)
    missing = pages - page_count(path)
    for n, chapter in enumerate(chapters):
        chapter.filler_before = missing // len(chapters) + (n < missing % len(chapters))
    build(doc, path)
    if page_count(path) != pages:
        raise AssertionError(f"statement came out with {page_count(path)} pages, not {pages}")
    return doc


def page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()
