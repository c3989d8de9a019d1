"""Printing a vendor-style document with the reportlab canvas: our own page and table layout.

Deliberately not platypus (which the ``gen`` corpus uses): text is set line by line with
``drawString`` the way word processors emit it, cells are wrapped by measured width, rows grow to
their tallest cell and cells are placed top-aligned or centred in their row, rules are drawn as
separate strokes (full grid, horizontal only, a header underline, or none), and tables are cut at
page ends with the header repeated or not and an optional ``(continued)`` caption. Every page has a
running header and footer like a real statement's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FACES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
    "Courier": ("Courier", "Courier-Bold"),
    "Vera": ("Vera", "VeraBd"),
}


def register_fonts() -> None:
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))


@dataclass
class Table:
    """Columns (header text, width as a fraction of the text width) and rows of cell text."""

    headers: list[str]
    widths: list[float]
    rows: list[list[str]]
    header: bool = True
    #: ``grid``, ``hrules``, ``underline`` (a rule under the header only), ``box`` (frame and
    #: header rule), ``none``.
    rules: str = "grid"
    shade_header: bool = False
    valign: str = "top"
    #: Column indexes whose text is centred.
    centred: frozenset[int] = frozenset()
    repeat_header: bool = True
    #: Caption printed at the top of a page the table goes on to (``""``: none).
    continued: str = ""
    #: Cell padding as a fraction of the font size (tight tables set their columns close).
    pad: float = 0.45
    #: Shade every other body row (zebra striping).
    zebra: bool = False
    #: Monospaced text tables: each row is one string, columns aligned with spaces.
    preformatted: bool = False
    #: Column indexes whose cells are merged down a run of rows (Word's vertically merged cells):
    #: a non-empty cell starts a run and the empty cells below continue it; the text is printed
    #: once, centred on the run's part on the page where it starts.
    merged: frozenset[int] = frozenset()


@dataclass
class Page:
    size: tuple[float, float]
    font: str = "Helvetica"
    size_pt: float = 8.0
    margins: tuple[float, float, float, float] = (54.0, 54.0, 60.0, 60.0)  # left right top bottom
    running_head: str = ""
    running_foot: str = "Page {n}"


@dataclass
class Painter:
    """A canvas with a text cursor ``y`` that starts new pages as content needs them."""

    canvas: Canvas
    page: Page
    y: float = 0.0
    number: int = 0
    blocks: list[str] = field(default_factory=list)

    @property
    def regular(self) -> str:
        return FACES[self.page.font][0]

    @property
    def bold(self) -> str:
        return FACES[self.page.font][1]

    @property
    def width(self) -> float:
        return self.page.size[0] - self.page.margins[0] - self.page.margins[1]

    @property
    def left(self) -> float:
        return self.page.margins[0]

    def start(self) -> None:
        self.number = 1
        self._furniture()

    def new_page(self) -> None:
        self.canvas.showPage()
        self.number += 1
        self._furniture()

    def _furniture(self) -> None:
        c, p = self.canvas, self.page
        top = p.size[1] - p.margins[2]
        c.setFont(self.regular, 7)
        if p.running_head:
            c.drawString(self.left, p.size[1] - p.margins[2] * 0.55, p.running_head)
            c.setLineWidth(0.4)
            c.line(self.left, top + 6, self.left + self.width, top + 6)
        c.drawRightString(
            self.left + self.width, p.margins[3] * 0.45, p.running_foot.format(n=self.number)
        )
        self.y = top

    def space(self, points: float) -> None:
        self.y -= points

    def paragraph(self, text: str, *, bold: bool = False, grow: float = 1.0) -> None:
        """Wrapped text over the full width (a heading with ``bold`` and a bigger size)."""
        font = self.bold if bold else self.regular
        size = self.page.size_pt * grow
        leading = size * 1.25
        lines = simpleSplit(text, font, size, self.width)
        if self.y - leading * min(len(lines), 2) < self.page.margins[3]:
            self.new_page()
        self.canvas.setFont(font, size)
        for line in lines:
            if self.y - leading < self.page.margins[3]:
                self.new_page()
                self.canvas.setFont(font, size)
            self.y -= leading
            self.canvas.drawString(self.left, self.y + leading * 0.25, line)
        self.y -= size * 0.5

    def table(self, t: Table) -> None:
        size = self.page.size_pt
        leading = size * 1.2
        pad = size * t.pad
        if t.preformatted:
            self._preformatted(t)
            return
        stripe = [False]
        spans: dict[int, list[object]] = {}  # column -> [text, top, bottom]
        xs = [self.left]
        for w in t.widths:
            xs.append(xs[-1] + w * self.width)

        def lines_of(text: str, col: int, font: str) -> list[str]:
            room = xs[col + 1] - xs[col] - 2 * pad
            out: list[str] = []
            for part in text.split("\n"):
                out.extend(_split(part, font, size, room) if part else [""])
            return out if text else []

        def flush(col: int) -> None:
            text, top, bottom = spans.pop(col)
            lines = lines_of(str(text), col, self.regular)
            assert isinstance(top, float) and isinstance(bottom, float)
            first = (top + bottom) / 2 + len(lines) * leading / 2
            self.canvas.setFont(self.regular, size)
            for n, line in enumerate(lines):
                self.canvas.drawString(
                    xs[col] + pad, first - (n + 1) * leading + leading * 0.22, line
                )

        def draw_row(cells: list[str], font: str, shaded: bool) -> None:
            cells = list(cells)
            starts = {c: cells[c] for c in t.merged if not shaded and cells[c]}
            if not shaded:
                for col in t.merged:
                    cells[col] = ""
            wrapped = [lines_of(text, i, font) for i, text in enumerate(cells)]
            height = max([len(w) for w in wrapped] + [1]) * leading + 2 * pad
            if self.y - height < self.page.margins[3]:
                for col in list(spans):
                    flush(col)
                    spans[col] = ["", 0.0, 0.0]  # the run goes on, its text stays on the last page
                self.new_page()
                if t.continued:
                    self.paragraph(t.continued, bold=True)
                if t.header and t.repeat_header and not shaded:
                    draw_row(t.headers, self.bold, True)
                for col in spans:
                    spans[col][1] = spans[col][2] = self.y
            for col, text in starts.items():
                if col in spans:
                    flush(col)
                spans[col] = [text, self.y, self.y]
            top = self.y
            if not shaded and t.zebra:
                stripe[0] = not stripe[0]
                if stripe[0]:
                    self.canvas.setFillGray(0.9)
                    self.canvas.rect(xs[0], top - height, xs[-1] - xs[0], height, stroke=0, fill=1)
                    self.canvas.setFillGray(0)
            if shaded and t.shade_header:
                self.canvas.setFillGray(0.82)
                self.canvas.rect(xs[0], top - height, xs[-1] - xs[0], height, stroke=0, fill=1)
                self.canvas.setFillGray(0)
            self.canvas.setFont(font, size)
            for i, lines in enumerate(wrapped):
                block = len(lines) * leading
                first = {
                    "top": top - pad,
                    "middle": top - (height - block) / 2,
                    "bottom": top - height + pad + block,
                }[t.valign]
                for n, line in enumerate(lines):
                    base = first - (n + 1) * leading + leading * 0.22
                    if i in t.centred:
                        self.canvas.drawCentredString((xs[i] + xs[i + 1]) / 2, base, line)
                    else:
                        self.canvas.drawString(xs[i] + pad, base, line)
            self._rules(t, xs, top, height, shaded)
            self.y = top - height
            for col in spans:
                spans[col][2] = self.y

        if t.header:
            draw_row(t.headers, self.bold, True)
        for cells in t.rows:
            draw_row(cells, self.regular, False)
        for col in list(spans):
            flush(col)
        self.y -= size

    def _preformatted(self, t: Table) -> None:
        """Rows as single strings, columns padded with spaces to fixed character widths."""
        size = self.page.size_pt
        leading = size * 1.15
        chars = int(self.width / pdfmetrics.stringWidth("M", "Courier", size))
        widths = [max(3, int(w * chars) - 1) for w in t.widths]
        rows = ([t.headers, ["-" * (w - 1) for w in widths]] if t.header else []) + t.rows
        for cells in rows:
            wrapped = [_chunks(text.replace("\n", " "), w - 1) for text, w in zip(cells, widths)]
            for n in range(max(len(w) for w in wrapped)):
                if self.y - leading < self.page.margins[3]:
                    self.new_page()
                text = " ".join(
                    (w[n] if n < len(w) else "").ljust(width) for w, width in zip(wrapped, widths)
                )
                self.y -= leading
                self.canvas.setFont("Courier", size)
                self.canvas.drawString(self.left, self.y, text.rstrip())
        self.y -= size

    def _rules(self, t: Table, xs: list[float], top: float, height: float, header: bool) -> None:
        c = self.canvas
        c.setLineWidth(0.5)
        bottom = top - height
        if t.rules == "grid":
            c.line(xs[0], top, xs[-1], top)
            c.line(xs[0], bottom, xs[-1], bottom)
            for x in xs:
                c.line(x, top, x, bottom)
        elif t.rules == "hrules":
            c.line(xs[0], bottom, xs[-1], bottom)
            if header:
                c.line(xs[0], top, xs[-1], top)
        elif t.rules == "underline" and header:
            c.line(xs[0], bottom, xs[-1], bottom)
        elif t.rules == "box":
            c.line(xs[0], top, xs[0], bottom)
            c.line(xs[-1], top, xs[-1], bottom)
            if header:
                c.line(xs[0], top, xs[-1], top)
                c.line(xs[0], bottom, xs[-1], bottom)


def _chunks(text: str, width: int) -> list[str]:
    """Word wrap to ``width`` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _split(text: str, font: str, size: float, room: float) -> list[str]:
    """Word wrap; a word wider than the cell is cut where it overflows (as word processors do)."""
    out: list[str] = []
    for line in simpleSplit(text, font, size, room):
        while pdfmetrics.stringWidth(line, font, size) > room and len(line) > 1:
            cut = len(line)
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > room:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out
