"""What a vendor table style is: page, font, column set and order, notations, creator placement.

One :class:`Style` describes how one vendor family prints its private-attribute tables (see
``styles.py`` for the catalogue). The content (creators, names, VRs, VMs) is drawn from the
registry by ``corpus.py``; a style only says how it is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Column roles: ``tag`` (one cell), ``group`` + ``element`` (split), ``name``, ``vr``, ``vm``,
#: ``type``, ``value`` (Value / Defined Terms), ``desc``, ``owner`` (per-row creator column),
#: ``keyword``, ``vrvm`` (``VR = FL, VM = 1`` in one cell).
ROLES = ("tag", "group", "element", "name", "vr", "vm", "type", "value", "desc", "owner", "keyword")


@dataclass(frozen=True)
class Style:
    name: str
    vendor: str
    #: Regular expression picking this vendor's creators in the registry (else any creator).
    creators: str
    part: str = "tune"
    paper: str = "letter"  # letter | a4
    landscape: bool = False
    font: str = "Helvetica"
    size: float = 8.0
    #: (role, header text, width fraction); header text may hold ``\n`` (two-line header).
    columns: tuple[tuple[str, str, float], ...] = ()
    header: bool = True
    rules: str = "grid"
    shade: bool = False
    valign: str = "top"
    centred: tuple[str, ...] = ()
    #: Tag notation: paren, paren-XX, bare, space, colon, lower, spaced, comma-space, hex0x.
    notation: str = "paren"
    #: Element cell of split columns: XX04, xx04, 1004, 04.
    element_form: str = "1004"
    #: Group cell printed only on the first row of a run (split columns).
    group_once: bool = False
    #: ``xx`` (``(0019,xx08)``) or ``fixed`` (``(0019,1008)``).
    block: str = "fixed"
    #: Creator placement: heading, sentence, heading-prev-page, reservation-value,
    #: reservation-desc, reservation-wrapped, column, column-once.
    place: str = "heading"
    #: Wording of a heading or sentence: ``{c}`` creator, ``{g}`` group (4 hex digits).
    wording: str = 'Private Creator: "{c}"'
    sections: int = 2
    rows: tuple[int, int] = (8, 14)
    #: Range rows: dots, dash, to, inner (``""``: none).
    ranges: str = ""
    #: Public attributes mixed into each table (module tables).
    public: int = 0
    #: Distractors: caption-words, tag-in-text, set-to, reserves, continued, sequence-item,
    #: desc-tag (a description line starting with a tag it cites), footnote (``(0019,1008)*``).
    distractors: tuple[str, ...] = ()
    repeat_header: bool = True
    long_desc: bool = False
    #: VR spelling for two VRs: ``or`` (``US or SS``) or ``/`` (``US/SS``).
    vr_join: str = "or"
    #: Sections start on a new page (``False``: several creators' tables on one page).
    page_per_section: bool = False
    #: Two creators share one group with blocks 10 and 11 (reservation styles).
    two_blocks: bool = False
    running_head: str = ""
    pad: float = 0.45
    zebra: bool = False
    preformatted: bool = False
    #: Roles whose cells are merged down a run of rows (``group``, ``owner``): printed once,
    #: centred on the run.
    merged: tuple[str, ...] = ()

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(role for role, _, _ in self.columns)
