"""The generated document's model: its ground truth rows, table rows, sections and page set-up.

A :class:`Spec` is everything needed to print one document (:mod:`.render`) and to score a scraper
on it (:mod:`.score`); it is drawn from a seed by :mod:`.draw`. Kept apart from both so that the
truth can be checked without printing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Truth:
    """One record the scraper must emit: a private tag and what the document says about it."""

    group: int
    #: The element's low byte.
    element: int
    #: The block byte when the document prints a fixed block (``(0019,100C)``), else ``None``.
    block: int | None
    #: Exactly what a device writes into ``(gggg,00BB)``: quotes removed, nothing else.
    creator: str
    #: VR codes joined by `` or `` (``""`` when the document prints no VR for the row).
    vr: str
    #: VM in the scraper's normal form (``1-n``); ``""`` when not printed.
    vm: str
    #: The name cell's text, wrapped lines joined by one space.
    name: str
    phenomena: frozenset[str] = frozenset()

    @property
    def tag(self) -> str:
        high = "xx" if self.block is None else f"{self.block:02X}"
        return f"({self.group:04X},{high}{self.element:02X})"


@dataclass
class Row:
    """One printed table row: its cells by role (``\\n`` forces a line break) and its truths."""

    cells: dict[str, str]
    truths: list[Truth] = field(default_factory=list)
    #: ``private``, ``range``, ``public`` (no record expected) or ``reservation`` (no record).
    kind: str = "private"


@dataclass
class Section:
    """Text above a table, the table, and how it is cut over pages."""

    #: Paragraphs printed above the table: (``heading`` | ``body``, text).
    before: list[tuple[str, str]]
    #: Page break between the text above and the table (the creator on an earlier page).
    break_before_table: bool
    #: (role, header text) in printed order.
    columns: list[tuple[str, str]]
    header: bool
    rows: list[Row]
    #: Paragraphs printed after that page break, just above the table.
    after_break: list[tuple[str, str]] = field(default_factory=list)
    #: ``grid``, ``hrules``, ``box``, ``header-rule``, ``inner`` or ``none``.
    rules: str = "grid"
    valign: str = "TOP"
    header_align: str = "LEFT"
    header_bold: bool = True
    header_shaded: bool = False
    #: Body rows on alternating grey and white backgrounds (filled rectangles, not rules).
    rows_shaded: bool = False
    #: Widths (points) forced on some roles, e.g. a narrow name column so names wrap.
    widths: dict[str, float] = field(default_factory=dict)
    #: Rows per printed piece; each later piece starts a new page under ``continued``.
    chunks: list[int] = field(default_factory=list)
    continued: str = ""
    repeat_header: bool = True
    new_page: bool = False
    prose_after: int = 1
    phenomena: set[str] = field(default_factory=set)
    #: The traits the section was drawn from (:class:`.draw.Traits` as a dict): the split's key.
    traits: dict[str, object] = field(default_factory=dict)


@dataclass
class Spec:
    """One document: page set-up, fonts and sections, drawn from ``seed``."""

    seed: int
    part: str
    page: tuple[float, float]
    #: left, right, top, bottom.
    margins: tuple[float, float, float, float]
    font: str
    size: float
    sections: list[Section]
    running_header: str
    phenomena: set[str] = field(default_factory=set)
    #: The family of headings and captions ("" = the body's).
    heading_font: str = ""
    #: How the text layer spells words (:data:`.textlayer.LAYERS`).
    text_layer: str = "spaces"

    @property
    def truths(self) -> list[Truth]:
        return [t for s in self.sections for r in s.rows for t in r.truths]

    @property
    def all_phenomena(self) -> frozenset[str]:
        found = set(self.phenomena)
        for section in self.sections:
            found |= section.phenomena
            for row in section.rows:
                for truth in row.truths:
                    found |= truth.phenomena
        return frozenset(found)

    def describe(self) -> list[str]:
        lines = [
            f"seed {self.seed} ({self.part}): {self.page[0]:.0f}x{self.page[1]:.0f} pt, "
            f"{self.font} {self.size:.1f} pt"
        ]
        for n, section in enumerate(self.sections):
            cols = " | ".join(role for role, _ in section.columns)
            lines.append(
                f"  section {n}: [{cols}] rules={section.rules} header={section.header} "
                f"rows={len(section.rows)} truths={sum(len(r.truths) for r in section.rows)} "
                f"{sorted(section.phenomena)}"
            )
        return lines


@dataclass
class GeneratedDoc:
    """A printed document and its ground truth."""

    spec: Spec
    path: Path

    @property
    def seed(self) -> int:
        return self.spec.seed

    @property
    def part(self) -> str:
        return self.spec.part

    @property
    def truths(self) -> list[Truth]:
        return self.spec.truths

    @property
    def phenomena(self) -> frozenset[str]:
        return self.spec.all_phenomena

    def describe(self) -> str:
        return "\n".join(self.spec.describe())
