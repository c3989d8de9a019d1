"""Finding the private creator of each row, from any of the four places statements put it.

1. A caption or heading above the table: ``Private Creator Identification (GEMS_XELPRV_01)``,
   ``Private Creator: "SIEMENS MR HEADER"``, ``Private Owner Code = TOSHIBA_MEC_CT3``
   (:func:`from_caption`).
2. A ``(gggg,0010)``–``(gggg,00FF)`` or ``(gggg,00xx)`` row whose value or description holds the
   creator (:func:`from_reservation`); ``(gggg,00BB)`` also ties block ``BB`` to it, so a later
   ``(gggg,BBEE)`` row gets that creator even when several blocks are reserved.
3. A per-row column ("Private Owner Code", "DICOM Private Creator"): read by the row reader.
4. Carried over from the previous page, when a table goes on without repeating its caption.

:class:`CreatorState` holds 1, 2 and 4 while a document is read, and says for each creator where it
came from (the ``creator_from`` field of a record). Quotes, straight and curly, are stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cells, tags, vrvm

#: DICOM's LO: at most 64 characters, no backslash, no control characters.
MAX_CREATOR = 64

_KEYWORD = re.compile(
    r"\bprivate\s+(?:[a-z]+\s+){0,2}?(?:creator|owner)s?\b(?:\s+(?:id|identification|code|name|string|"
    r"identifier|uid|element|tag|value)\b)*|\b(?:creator|owner)\s+(?:id|identification|code|name|string|"
    r"identifier)\b",
    re.IGNORECASE,
)
_MENTION = re.compile(
    r"\b(?:creator|owner)s?\b(?:\s+(?:id|identification|code|name|string|identifier|uid|element|tag|value|"
    r"data\s+element)\b)*",
    re.IGNORECASE,
)
_QUOTED = re.compile(
    '"([^"]+)"|\u201c([^\u201c\u201d]+)[\u201d\u201c]|\u201d([^\u201c\u201d]+)\u201d'
    "|\u201e([^\u201c\u201d]+)[\u201c\u201d]|\u2018([^\u2019]+)\u2019"
    "|(?<![A-Za-z])'([^']+)'(?![A-Za-z])|\u00ab\\s*([^\u00bb]+?)\\s*\u00bb"
)
_PARENS = re.compile(r"\(([^()]+)\)")
_PREFIX = re.compile(r"^(?:set\s+to|set\s+as|is|value\s*[:=]|[:=])\s+", re.IGNORECASE)
#: A final period that belongs to the creator: a company abbreviation or an initial.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Inc|Ltd|Co|Corp|Bros|Med|Sys|Int|Intl|Tech|Div|Dept|No|Ver|Rev|Ges|Ges\.m\.b\.H)|"
    r"\b[A-Za-z]|\.[A-Za-z])\.$",
    re.IGNORECASE,
)
#: Words no creator contains but sentences, captions and notes around creators do.
_NOT_CREATOR = frozenset(
    "continued cont'd the is are this these reserves reserved range see used which will shall "
    "following below above contains identifies tags attributes table module".split()
)
#: Words of a table header row, which may follow "Private Creator" there.
_HEADER_WORDS = frozenset(
    "description name vr vm tag value type attribute attributes remarks comment comments code "
    "id identification element data field content contents notes note presence number no no. "
    "representation multiplicity meaning usage group tags v.r. v.m.".split()
)
_PLACEHOLDERS = frozenset({"n/a", "na", "none", "tbd", "private creator", "-", "--", "unknown"})
_MAX_WORDS = 10
#: Some creators are UIDs (``1.2.840.113663.1``).
_UID = re.compile(r"[0-9]+(?:\.[0-9]+)+")
_TAG_INSIDE = re.compile(r"[0-9A-Fa-f]{4}\s*[,:]\s*[0-9A-Fa-fXxYy]{2,4}")
_GROUP = re.compile(r"\bgroups?\s+\(?(?:0x)?([0-9A-Fa-f]{4})[Hh]?\b", re.IGNORECASE)
#: Cells of Type and VM columns, which a creator cell is not.
_TYPE_OR_VM = re.compile(r"[123]C?|\d+(?:-(?:\d*n|\d+))?", re.IGNORECASE)
_AFTER = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?,?\s*(?:value\s*[:=]?\s*|is\s+|[:=\u2013\u2014-]\s*)(.+)$",
    re.IGNORECASE,
)


def clean(text: str) -> str | None:
    """The creator a cell or caption fragment holds, or ``None`` if the text cannot be a creator.

    A creator is exactly the LO value a device writes into ``(gggg,00BB)``: quotes, wrapping
    parentheses and a leading ``Set to`` / ``=`` / ``:`` are removed, a final sentence period too
    unless it ends an abbreviation (``Canon Inc.`` keeps it). What is left must be at most 64
    characters without backslash or control characters, hold a letter, and not be one of the things
    found where creators are printed that are not creators: ``continued``, ``N/A``, a header cell such
    as ``>IconDescription``, text naming a tag (``Reserves the (0029,29xx) Range``) or a sentence.
    """
    text = " ".join(text.split())
    if _cut_at_quote(text):
        return None
    previous = None
    while previous != text:
        previous = text
        text = cells.strip_quotes(text)
        if text.startswith("(") and text.endswith(")"):
            text = text[1:-1].strip()
        text = _PREFIX.sub("", text)
        if text.endswith((";", ",", ":")) or (
            text.endswith(".") and not _ABBREVIATION.search(text)
        ):
            text = text[:-1].rstrip()
    return text if _acceptable(text) else None


def _cut_at_quote(text: str) -> bool:
    """Whether the text is the end of a quoted value whose start is elsewhere (``V1.0’`` from
    ``value ‘Silhouette Line`` / ``V1.0’`` when the line above went to another row): a fragment,
    never the whole creator."""
    curly = text.count("\u201c") + text.count("\u201d")
    if text.endswith("\u201d") and curly == 1:
        return True
    if text.endswith("\u2019") and "\u2018" not in text and text.count("\u2019") == 1:
        return True
    return text.endswith('"') and text.count('"') == 1


def _acceptable(text: str) -> bool:
    if not text or len(text) > MAX_CREATOR or "\\" in text or any(ord(ch) < 32 for ch in text):
        return False
    if text[0] in ">([{<*#":
        return False
    if not any(ch.isalpha() for ch in text) and _UID.fullmatch(text) is None:
        return False
    if text.upper() in vrvm.VRS:
        return False  # a VR cell read as a value
    words = text.lower().split()
    if len(words) > _MAX_WORDS or _NOT_CREATOR.intersection(words) or text.lower() in _PLACEHOLDERS:
        return False
    if _HEADER_WORDS.issuperset(words):
        return False  # "Identification", "Element": the rest of "Private Creator Identification"
    return _TAG_INSIDE.search(text) is None


def from_caption(text: str) -> str | None:
    """The creator a caption or heading names, or ``None`` when the line names none."""
    match = _KEYWORD.search(text)
    if match is None:
        return None
    return _value_after(text[match.end() :])


def from_reservation(value: str, description: str, name: str) -> str | None:
    """The creator a ``(gggg,00BB)`` row reserves, from its value, description or name cell.

    In a cell that mentions the creator ("Private Creator Identification = “GEMS_PARM_01”"), the
    creator is what follows the mention, and a cell with nothing after it ("Private Creator") is
    passed over; a cell that does not mention it holds the creator itself, quotes removed.
    """
    for cell in (value, description, name):
        if mention := _MENTION.search(cell):
            if found := _value_after(cell[mention.end() :]):
                return found
            if (quoted := _first_quoted(cell[: mention.start()])) and (found := clean(quoted)):
                return found  # "“GEMS_PARM_01” Private Creator": the quoted value comes first
        elif cell.strip() and (found := clean(_first_quoted(cell) or cell)):
            return found
    return None


def from_unnamed_cells(texts: list[str]) -> str | None:
    """The creator a ``(gggg,00BB)`` row prints in a column the reader could not name.

    Tables without a header leave the Value column unnamed when its other cells look like nothing
    in particular (``0 - 4095``, ``NONE, AXIAL``). In the reservation row such a cell is the only
    place left for the creator. A quoted creator is taken from any such cell; an unquoted one only
    when exactly one cell holds something that can be a creator and not a Type, VM or VR value.
    """
    for text in texts:
        if (quoted := _first_quoted(text)) and (found := clean(quoted)):
            return found
    found_all = {
        found
        for text in texts
        if not _TYPE_OR_VM.fullmatch("".join(text.split())) and (found := clean(text))
    }
    return found_all.pop() if len(found_all) == 1 else None


def _value_after(rest: str) -> str | None:
    if quoted := _first_quoted(rest):
        return clean(quoted)
    for inner in _PARENS.findall(rest):
        if not tags.is_complete(inner):
            return clean(inner)
    if match := _AFTER.match(rest):
        return clean(match.group(1))
    if rest[:1].isspace() and rest.strip() and not _HEADER_WORDS.issuperset(rest.lower().split()):
        return clean(rest)  # ``Private Creator Code UCSF BIRP PRIVATE CREATOR 011710xx``
    return None


def _first_quoted(text: str) -> str | None:
    match = _QUOTED.search(text)
    return next(g for g in match.groups() if g) if match else None


def goes_on(text: str) -> bool:
    """Whether a line naming a creator leaves it for the next line: a quote opened and not closed
    (``Private Creator ‘VEPRO DICOM RECEIVE DATA`` / ``1.0’``), or nothing after the keyword
    (``... under the private creator`` / ``identification ”GEMS_ACQU_01”.``)."""
    match = _KEYWORD.search(text)
    if match is None:
        return False
    rest = text[match.end() :]
    if not rest.strip(" :=\u2013\u2014-"):
        return True
    return (
        rest.count("\u201c") > rest.count("\u201d")
        or rest.count("\u2018") > rest.count("\u2019")
        or rest.count('"') % 2 == 1
    )


def caption_group(text: str) -> int | None:
    """The private group a caption names (``Private Group 0017, Private Creator Code ...``), if any."""
    match = _GROUP.search(text)
    if match is None:
        return None
    group = int(match.group(1), 16)
    return group if tags.is_private_group(group) else None


@dataclass(frozen=True)
class _Source:
    creator: str
    origin: str
    page: int


@dataclass
class CreatorState:
    """The creators in force while a document is read, and the rule that picks a row's creator.

    The rule (:meth:`lookup`), strongest evidence first; the first that applies decides:

    1. the row's own creator column (the row reader handles it and calls :meth:`column`);
    2. a row with a fixed block ``(gggg,BBEE)``: the creator row ``(gggg,00BB)`` read for it, or
       a ``(gggg,00xx)`` row;
    3. a creator column in force: an earlier row of the table named the creator, this row's cell is
       empty (the creator is printed once per run);
    4. a row with a wildcard block ``(gggg,xxEE)``: the last creator row read for group ``gggg``
       (``(gggg,00BB)`` or ``(gggg,00xx)``);
    5. the caption, heading or sentence in force, unless it names another group
       (``Private Group 0017, Private Creator Code ...`` holds only for group 0017).

    6. a column without a header whose values all look like creators and repeat (or are printed
       once per run of rows): only when nothing above applies.

    Otherwise the row has no creator known with confidence and is rejected, never guessed: creator
    rows of one group never lend their creator to another group. A new caption ends the creator rows
    and creator column read under the previous one; pages the screen skipped end everything.
    """

    by_block: dict[tuple[int, int], _Source] = field(default_factory=dict)
    by_group: dict[int, _Source] = field(default_factory=dict)
    wildcard: dict[int, _Source] = field(default_factory=dict)
    in_column: _Source | None = None
    by_values: _Source | None = None
    in_caption: _Source | None = None
    caption_for: int | None = None

    def caption(self, creator: str, page: int, group: int | None = None) -> None:
        """A caption names a new creator (for ``group`` only, when it names one)."""
        self.in_caption, self.caption_for = _Source(creator, "caption", page), group
        self.by_block.clear()
        self.by_group.clear()
        self.wildcard.clear()
        self.in_column = self.by_values = None

    def reserve(self, group: int, block: int | None, creator: str, page: int) -> None:
        """A ``(gggg,00BB)`` row: ``creator`` owns block ``BB`` of ``group``."""
        source = _Source(creator, "reservation", page)
        if block is not None:
            self.by_block[(group, block)] = source
        else:
            self.wildcard[group] = source
        self.by_group[group] = source

    def column(self, creator: str, page: int, by_values: bool = False) -> None:
        """A creator column named this row's creator; rows below with an empty cell share it.

        ``by_values``: a column without a header that holds creator-like values; it is the last
        resort, after every rule of :meth:`lookup` (see :meth:`lookup_by_values`).
        """
        if by_values:
            self.by_values = _Source(creator, "column", page)
        else:
            self.in_column = _Source(creator, "column", page)

    def lookup_by_values(self, page: int) -> tuple[str, str] | None:
        """The creator a header-less creator-like column named on an earlier row, if any."""
        found = self.by_values
        if found is None:
            return None
        return found.creator, found.origin if found.page == page else "carried"

    def forget(self) -> None:
        """Pages were skipped: nothing read before them may be carried over."""
        self.by_block.clear()
        self.by_group.clear()
        self.wildcard.clear()
        self.in_column = self.in_caption = self.by_values = None
        self.caption_for = None

    def lookup(self, tag: tags.Tag, page: int) -> tuple[str, str] | None:
        """``(creator, origin)`` for a row on ``page``; origin ``carried`` when set on an earlier page."""
        found: _Source | None = None
        if tag.block is not None:
            found = self.by_block.get((tag.group, tag.block)) or self.wildcard.get(tag.group)
        found = found or self.in_column
        if found is None and tag.block is None:
            found = self.by_group.get(tag.group)
        if found is None and self.in_caption is not None:
            if self.caption_for in (None, tag.group):
                found = self.in_caption
        if found is None:
            return None
        return found.creator, found.origin if found.page == page else "carried"
