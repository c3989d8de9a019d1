"""Printing a :class:`~.model.Spec` with reportlab: page set-up, text above tables, tables, pieces.

Every cell is a ``Paragraph`` so long text wraps inside its column the way word processors wrap it
(words longer than the column are split, as in a narrow reservation cell). Column widths follow the
cells' text; a column the spec marks narrow is squeezed so its text wraps. When a table does not fit
the text width the font is made smaller, as authors do.
"""

from __future__ import annotations

import html
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from .model import Section, Spec
from .text import PROSE
from .textlayer import text_layer

FACES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
    "Courier": ("Courier", "Courier-Bold"),
    "Vera": ("Vera", "VeraBd"),
}
FIXED = ("tag", "group", "element", "vr", "vm", "type")
PADDING = 4.0
SMALLEST = 4.5


def _register_vera() -> None:
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))


def build(spec: Spec, path: Path) -> Path:
    """Print ``spec`` to ``path``."""
    _register_vera()
    regular, bold = FACES[spec.font]
    heading = ParagraphStyle(
        "h",
        fontName=FACES[spec.heading_font or spec.font][1],
        fontSize=spec.size + 2,
        leading=(spec.size + 2) * 1.3,
        spaceBefore=6,
        spaceAfter=4,
    )
    body = ParagraphStyle(
        "b", fontName=regular, fontSize=spec.size + 1, leading=(spec.size + 1) * 1.3, spaceAfter=5
    )
    width = spec.page[0] - spec.margins[0] - spec.margins[1]
    story: list[Flowable] = [
        Paragraph("DICOM Conformance Statement", heading),
        Paragraph(PROSE[0], body),
    ]
    for index, section in enumerate(spec.sections):
        if section.new_page:
            story.append(PageBreak())
        for kind, text in section.before:
            story.append(Paragraph(_markup(text), heading if kind == "heading" else body))
        if section.break_before_table:
            story.append(PageBreak())
            for kind, text in section.after_break:
                story.append(Paragraph(_markup(text), heading if kind == "heading" else body))
        story.extend(_tables(spec, section, width, heading))
        story.append(Spacer(1, 8))
        for n in range(section.prose_after):
            story.append(Paragraph(PROSE[(index + n) % len(PROSE)], body))
    left, right, top, bottom = spec.margins

    def furniture(canvas, template) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.drawString(left, spec.page[1] - top + 12, spec.running_header)
        canvas.drawRightString(spec.page[0] - right, bottom - 18, f"Page {template.page}")
        canvas.restoreState()

    template = SimpleDocTemplate(
        str(path),
        pagesize=spec.page,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title="DICOM Conformance Statement",
        invariant=1,  # no date or random file ID: the same seed gives the same bytes
    )
    with text_layer(spec.text_layer, (heading.fontName, heading.fontSize), width):
        template.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def _markup(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br/>")


def _tables(spec: Spec, section: Section, width: float, heading: ParagraphStyle) -> list[Flowable]:
    size = spec.size
    while True:
        widths = _widths(spec, section, size, width)
        if widths is not None:
            break
        size -= 0.5
        if size < SMALLEST:
            raise ValueError(f"seed {spec.seed}: a table does not fit {width:.0f} points")
    regular, bold = FACES[spec.font]
    cell = ParagraphStyle("c", fontName=regular, fontSize=size, leading=size * 1.2)
    head = ParagraphStyle(
        "hd",
        fontName=bold if section.header_bold else regular,
        fontSize=size,
        leading=size * 1.2,
        alignment=1 if section.header_align == "CENTER" else 0,
    )
    header = [Paragraph(_markup(text), head) for _, text in section.columns]
    body = [
        [Paragraph(_markup(row.cells.get(role, "")), cell) for role, _ in section.columns]
        for row in section.rows
    ]
    out: list[Flowable] = []
    start = 0
    for number, count in enumerate(section.chunks or [len(body)]):
        if number:
            out.append(PageBreak())
            if section.continued:
                out.append(Paragraph(_markup(section.continued), heading))
        with_header = section.header and (number == 0 or section.repeat_header)
        data = ([header] if with_header else []) + body[start : start + count]
        start += count
        repeat = 1 if with_header and section.repeat_header else 0
        out.append(
            Table(
                data,
                colWidths=widths,
                repeatRows=repeat,
                hAlign="LEFT",
                style=TableStyle(_commands(section, with_header)),
            )
        )
    return out


def _commands(section: Section, with_header: bool) -> list[tuple[object, ...]]:
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), section.valign),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    black = colors.black
    rules = section.rules
    if rules == "grid":
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, black))
    elif rules == "hrules":
        commands += [
            ("LINEABOVE", (0, 0), (-1, 0), 1, black),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, black),
        ]
    elif rules == "box":
        commands.append(("BOX", (0, 0), (-1, -1), 0.75, black))
        if with_header:
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.75, black))
    elif rules == "header-rule" and with_header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.75, black))
    elif rules == "inner":
        commands.append(("INNERGRID", (0, 0), (-1, -1), 0.4, black))
    if section.rows_shaded:
        grey = colors.Color(0.93, 0.93, 0.93)
        commands.append(("ROWBACKGROUNDS", (0, 1 if with_header else 0), (-1, -1), [grey, None]))
    if with_header and section.header_shaded:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85)))
    return commands


def _widths(spec: Spec, section: Section, size: float, available: float) -> list[float] | None:
    """Column widths at font ``size``, or ``None`` when the table cannot fit ``available``."""
    regular, bold = FACES[spec.font]

    def measure(text: str, font: str = regular) -> float:
        return max((stringWidth(line, font, size) for line in text.split("\n")), default=0.0)

    def longest_word(texts: list[str], font: str = regular) -> float:
        return max((stringWidth(w, font, size) for t in texts for w in t.split()), default=0.0)

    pad = 2 * PADDING + 1
    widths: dict[str, float] = {}
    flexible: dict[str, tuple[float, float]] = {}  # role -> (minimum, wanted)
    for role, header in section.columns:
        texts = [
            r.cells.get(role, "") for r in section.rows if not (role == "tag" and r.kind == "range")
        ]
        head = longest_word([header], bold) if section.header else 0.0
        natural = max((measure(t) for t in texts), default=0.0)
        if role in FIXED:
            # A range cell wraps at its spaces (". . ."), never inside a tag: "(0019,1010)-(0019,
            # 1017)" keeps the column as wide as its longest unbreakable piece.
            ranges = [r.cells.get(role, "") for r in section.rows if r.kind == "range"]
            widths[role] = max(natural, head, longest_word(ranges)) + pad
            continue
        low = max(longest_word(texts), head) + pad
        hint = section.widths.get(role, 0.0)
        if hint == -1.0:  # wrap names over two or three lines
            wanted = max(low, natural * 0.42 + pad)
        elif hint == -2.0:  # wrap the reservation row's creator inside the cell
            creators = [r.cells.get(role, "") for r in section.rows if r.kind == "reservation"]
            low = max(36.0, head + pad)
            wanted = max(low, 0.6 * max(map(measure, creators), default=60.0) + pad)
            low = wanted
        elif role == "description":
            wanted = max(low, available)  # takes what is left
        else:
            wanted = max(low, min(natural + pad, 0.3 * available))
        flexible[role] = (low, wanted)
    fixed = sum(widths.values())
    rest = available - fixed
    if rest < sum(low for low, _ in flexible.values()):
        return None
    others = {r: v for r, v in flexible.items() if r != "description"}
    lows = sum(low for low, _ in others.values())
    room = rest - flexible.get("description", (0.0, 0.0))[0] - lows  # beyond every minimum
    stretch = sum(wanted for _, wanted in others.values()) - lows
    share = 1.0 if stretch <= room else max(0.0, room) / stretch
    for role, (low, wanted) in others.items():
        widths[role] = low + (wanted - low) * share
    if "description" in flexible:
        used = sum(widths[r] for r in others)
        widths["description"] = max(flexible["description"][0], rest - used)
    total = sum(widths.values())
    if total > available + 0.5:
        return None
    return [widths[role] for role, _ in section.columns]
