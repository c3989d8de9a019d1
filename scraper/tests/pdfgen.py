"""Generating conformance-statement-like PDFs with reportlab, each with the ground truth it lists.

No real vendor PDF may be committed or downloaded, so the tests print their own: a document is a list
of :class:`Section` (an optional caption, then a table of :class:`Entry` rows) in one of four table
styles, with running headers, footers and filler prose around them. Each entry knows the records it
stands for (:class:`Truth`), written independently of the scraper's parsing, so precision and recall
can be measured against it.

Cells are wrapped here, not by reportlab, so the truth is exact: a column given a width wraps its
text on spaces and, when asked, hyphenates long words (``Acquisi-`` / ``tion``) the way typesetters
do: only where the rest of the word goes on in lower case.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

#: ruled: a single grid; double: every rule doubled (pdfplumber sees 2n+1 columns); hrules: only
#: horizontal rules (no vertical ones: read as borderless); borderless: no rules at all.
STYLES = ("ruled", "double", "hrules", "borderless")
PADDING = 6.0
MARGIN = 50.0
TEXT_WIDTH = A4[0] - 2 * MARGIN


@dataclass(frozen=True)
class Truth:
    """One record the scraper should produce."""

    group: int
    element: int
    block: int | None
    creator: str
    vr: str
    vm: str
    name: str
    description: str


@dataclass
class Entry:
    """One printed table row: the text of each role's cell, and the records the row stands for."""

    cells: dict[str, str]
    truths: list[Truth] = field(default_factory=list)
    #: The reject reason the scraper should give for this row ("" when the row is not rejected).
    reject: str = ""


@dataclass
class Column:
    header: str
    role: str
    #: Text width in points to wrap the cell text to; ``None`` fits the column to its text.
    wrap: float | None = None
    hyphenate: bool = False


@dataclass
class Section:
    caption: str | None
    columns: list[Column]
    entries: list[Entry]
    style: str = "ruled"
    repeat_header: bool = True
    #: Start the section on a new page; ``caption_alone`` also breaks between caption and table.
    new_page: bool = False
    caption_alone: bool = False
    font: str = "Helvetica"
    size: float = 8.0
    valign: str = "TOP"
    #: Alignment of the header row (real statements often centre their bold headers).
    header_align: str = "LEFT"
    prose_after: int = 1
    #: Print the header row (real statements sometimes print none at all).
    header: bool = True
    #: Pages of prose printed before the section (a long statement's chapters between tables).
    filler_before: int = 0

    def truths(self) -> list[Truth]:
        """The entries' truths, blanking what this section's columns do not print."""
        roles = {c.role for c in self.columns}
        out = []
        for entry in self.entries:
            inline = "VR =" in entry.cells.get("description", "") and "description" in roles
            printed_vrvm = "vrvm" in roles or inline
            for truth in entry.truths:
                out.append(
                    replace(
                        truth,
                        name=truth.name if "name" in roles else "",
                        description=truth.description if "description" in roles else "",
                        vr=truth.vr if "vr" in roles or printed_vrvm else "",
                        vm=truth.vm if "vm" in roles or printed_vrvm else "",
                    )
                )
        return out


@dataclass
class Doc:
    sections: list[Section]
    title: str = "DICOM Conformance Statement"
    filler_pages: int = 0

    def truths(self) -> list[Truth]:
        return [t for s in self.sections for t in s.truths()]

    def rejects(self) -> list[str]:
        return [e.reject for s in self.sections for e in s.entries if e.reject]


PROSE = [
    "This section describes the attributes the product writes into the SOP instances it creates. "
    "Attributes not listed here are not sent. The product conforms to the DICOM standard for the "
    "storage service classes listed in the networking section.",
    "Implementations reading these objects should not rely on the private attributes below, which may "
    "change in a later software version without notice. Standard attributes such as Patient Name "
    "(0010,0010) and SOP Class UID (0008,0016) carry the same values as in earlier versions.",
    "The Modality Worklist query is performed at the start of each exam. The matching keys supported "
    "are listed in the table of the worklist section. Universal matching is used for all other keys.",
    "Images are sent in Explicit VR Little Endian unless the receiving application entity does not "
    "accept it, in which case Implicit VR Little Endian is proposed instead.",
]


def wrap(text: str, width: float, font: str, size: float, hyphenate: bool) -> list[str]:
    """Greedy word wrap of ``text`` to ``width`` points, hyphenating long words if asked."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        while hyphenate and (cut := _hyphen_point(current, word, width, font, size)):
            lines.append(f"{current} {word[:cut]}-".strip())
            current, word = "", word[cut:]
            if stringWidth(word, font, size) <= width:
                break
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def _hyphen_point(current: str, word: str, width: float, font: str, size: float) -> int:
    """The longest prefix of ``word`` that fits with a hyphen, leaving a lower-case rest of ≥ 3 letters."""
    for cut in range(len(word) - 3, 2, -1):
        head, rest = word[:cut], word[cut:]
        if head[-1].isalpha() and rest[0].islower() and rest.isalpha():
            if stringWidth(f"{current} {head}-".strip(), font, size) <= width:
                return cut
    return 0


def build(doc: Doc, path: Path, encrypt: object = None) -> Path:
    """Print ``doc`` to ``path`` (``encrypt``: a reportlab ``StandardEncryption``, or ``None``)."""
    caption_style = ParagraphStyle(
        "caption", fontName="Helvetica-Bold", fontSize=10, leading=13, spaceBefore=8, spaceAfter=6
    )
    body_style = ParagraphStyle(
        "body", fontName="Times-Roman", fontSize=10, leading=13, spaceAfter=8
    )
    story: list[Flowable] = [
        Paragraph(html.escape(doc.title), caption_style),
        Paragraph(PROSE[0], body_style),
    ]
    for index, section in enumerate(doc.sections):
        for n in range(section.filler_before):
            story.append(PageBreak())
            story.extend(Paragraph(PROSE[(n + k) % len(PROSE)], body_style) for k in range(6))
        if section.new_page:
            story.append(PageBreak())
        if section.caption is not None:
            story.append(Paragraph(html.escape(section.caption, quote=False), caption_style))
            if section.caption_alone:
                story.append(PageBreak())
        story.append(_table(section))
        story.append(Spacer(1, 10))
        for n in range(section.prose_after):
            story.append(Paragraph(PROSE[(index + n) % len(PROSE)], body_style))
    for n in range(doc.filler_pages):
        story.append(PageBreak())
        story.extend(Paragraph(PROSE[(n + k) % len(PROSE)], body_style) for k in range(6))
    template = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 10,
        bottomMargin=MARGIN,
        title=doc.title,
        encrypt=encrypt,
    )
    template.build(story, onFirstPage=_furniture, onLaterPages=_furniture)
    return path


def _furniture(canvas, template) -> None:  # type: ignore[no-untyped-def]
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.drawString(
        MARGIN, A4[1] - MARGIN + 5, "ACME Imaging  -  DICOM Conformance Statement  -  Rev. 3"
    )
    canvas.drawRightString(A4[0] - MARGIN, MARGIN - 20, f"Page {template.page}")
    canvas.restoreState()


def _table(section: Section) -> Table:
    font, bold, size = section.font, _bold(section.font), section.size
    data: list[list[str]] = [[c.header for c in section.columns]]
    for entry in section.entries:
        row = []
        for column in section.columns:
            text = entry.cells.get(column.role, "")
            if column.wrap is not None and "\n" not in text:
                text = "\n".join(wrap(text, column.wrap, font, size, column.hyphenate))
            row.append(text)
        data.append(row)
    widths = []
    for c, column in enumerate(section.columns):
        widest = max(
            stringWidth(line, bold if r == 0 else font, size)
            for r, row in enumerate(data)
            for line in row[c].split("\n")
        )
        widths.append(max(widest, column.wrap or 0) + 2 * PADDING + 1)
    if sum(widths) > TEXT_WIDTH + 1:
        raise ValueError(
            f"table too wide: {sum(widths):.0f} > {TEXT_WIDTH:.0f} points; wrap more columns"
        )
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, 0), bold, size),
        ("FONT", (0, 1), (-1, -1), font, size),
        ("VALIGN", (0, 0), (-1, -1), section.valign),
        ("ALIGN", (0, 0), (-1, 0), section.header_align),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    if section.style == "ruled":
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif section.style == "double":
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black, None, None, None, 2, 3))
    elif section.style == "hrules":
        commands += [
            ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
        ]
    elif section.style != "borderless":
        raise ValueError(f"unknown style {section.style!r}")
    if not section.header:
        data = data[1:]
        commands = [c for c in commands if c[1] != (0, 0) or c[2] != (-1, 0)]
        commands = [("FONT", (0, 0), (-1, -1), font, size), *commands[1:]]
    return Table(
        data,
        colWidths=widths,
        repeatRows=1 if section.repeat_header and section.header else 0,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def _bold(font: str) -> str:
    return {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}[
        font
    ]
