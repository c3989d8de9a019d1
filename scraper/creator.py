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
#: A title naming private tags, when a quoted value follows at once (see :func:`from_caption`).
_TITLE = re.compile(
    r"\bprivate\s+(?:tags?|attributes?|data\s+elements?|elements?|dictionary|"
    r"group(?:\s+\(?(?:0x)?[0-9a-f]{4}h?\)?)?)\s*[:(\u2013\u2014-]?\s*(?=[\"\u201c\u201d\u201e\u2018\u00ab])",
    re.IGNORECASE,
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
#: Words that are never part of a creator, in any case.
_ALWAYS_NOT = frozenset({"continued", "cont'd"})
#: Words of a table header row, which may follow "Private Creator" there.
_HEADER_WORDS = frozenset(
    "description name vr vm tag value type attribute attributes remarks comment comments code "
    "id identification element data field content contents notes note presence number no no. "
    "representation multiplicity meaning usage group tags v.r. v.m. defined terms enumerated values "
    "req req. mult. rep. values remarks".split()
)
#: A creator's label, not a creator: ``Private Creator Data Element, value``.
_LABEL_WORDS = _HEADER_WORDS | {"private", "creator", "owner", "dicom", "of", "the", ""}
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
    # A word in capitals is a creator's own (SIEMENS MED OCS TABLE OFFSET, ATL PRIVATE TAGS);
    # in lower or title case it belongs to a sentence or caption (... Private Scaling Tags).
    prose = {w.lower() for w in text.split() if not w.isupper()} | _ALWAYS_NOT.intersection(words)
    if len(words) > _MAX_WORDS or _NOT_CREATOR.intersection(prose) or text.lower() in _PLACEHOLDERS:
        return False
    if _LABEL_WORDS.issuperset(w.strip(",;:()") for w in words):
        return False  # "Identification", "Element": the rest of "Private Creator Identification"
    return _TAG_INSIDE.search(text) is None


def from_caption(text: str) -> str | None:
    """The creator a caption or heading names, or ``None`` when the line names none.

    ``Private Creator Identification (GEMS_ACQU_01)``, ``Private Creator: "SIEMENS MR HEADER"``;
    and a title naming private tags followed at once by a quoted value (``Private Tags (“DR
    Systems, Inc.”)``, ``Private Group 0019: "GEMS_ACQU_01"``): without the quotes such a title
    names no creator (``Private Tags (continued)``).
    """
    match = _KEYWORD.search(text)
    if match is None:
        title = _TITLE.search(text)
        quoted = _first_quoted(text[title.end() :]) if title else None
        return clean(quoted) if quoted else None
    return _value_after(text[match.end() :])


def from_reservation(*texts: str) -> str | None:
    """The creator a ``(gggg,00BB)`` row reserves, from its cells in the order given (value,
    descriptions, name): the first that holds one decides.

    In a cell that mentions the creator ("Private Creator Identification = “GEMS_PARM_01”"), the
    creator is what follows the mention, and a cell with nothing after it ("Private Creator") is
    passed over; a cell that does not mention it holds the creator itself, quotes removed.
    """
    for cell in texts:
        mention = _MENTION.search(cell)
        if mention and not _introduces(cell, mention):
            mention = None  # ``UCSF BIRP PRIVATE CREATOR 011710xx``: the words are the creator's
        if mention:
            if found := _value_after(cell[mention.end() :]):
                return found
            if (quoted := _first_quoted(cell[: mention.start()])) and (found := clean(quoted)):
                return found  # "“GEMS_PARM_01” Private Creator": the quoted value comes first
        elif cell.strip() and (found := clean(_first_quoted(cell) or cell)):
            return found
    return None


def _introduces(cell: str, mention: re.Match[str]) -> bool:
    """Whether a mention of the creator introduces the value rather than being part of it: only
    words such as "the", "private", "DICOM" come before it (or a quoted value), or a separator, a
    quote or a parenthesis follows it (``UCSF BIRP PRIVATE CREATOR 011710xx`` is a value)."""
    before = cell[: mention.start()].strip()
    if not before or before[-1] in cells.QUOTES:
        return True
    if _LEAD_WORDS.issuperset(before.lower().replace(",", " ").split()):
        return True
    return _SEPARATOR.match(cell[mention.end() :]) is not None


_LEAD_WORDS = frozenset("the a an its of this private dicom data element is = :".split())
_SEPARATOR = re.compile(
    r"\s*(?:[,:=(\u2013\u2014-]|is\b|value\b|[" + cells.QUOTES + "])", re.IGNORECASE
)


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


#: Where an unquoted creator in a sentence applies, which is not part of it: ``... private creator
#: SPI-P Release 1;6 in group 0029.``, ``... for groups 0019 and 0021``.
_WHERE = re.compile(
    r"\s+(?:in|for|of|within|into|at)\s+(?:the\s+)?(?:private\s+)?(?:groups?|blocks?)\s+"
    r"\(?(?:0x)?[0-9A-Fa-f]{4}\b.*$",
    re.IGNORECASE,
)


def _value_after(rest: str) -> str | None:
    if quoted := _first_quoted(rest):
        return clean(quoted)
    rest = _WHERE.sub("", rest)
    for inner in _PARENS.findall(rest):
        if not tags.is_complete(inner):
            return clean(inner)
    if match := _AFTER.match(rest):
        return clean(match.group(1))
    words = rest.lower().split()
    if rest[:1].isspace() and words and 2 * len(_HEADER_WORDS.intersection(words)) < len(words):
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
    if _HEADER_WORDS.issuperset(rest.lower().split()):
        return True  # ``... the Private Creator Data Element value`` / ``"AGFA", which ...``
    return (
        (rest.count("\u201c") + rest.count("\u201d")) % 2 == 1  # also ”…” printed with one kind
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
    """One piece of evidence: the creator (``None``: a place that names a creator the reader could
    not read), where it came from, its page, and when it was read (evidence read later is nearer)."""

    creator: str | None
    origin: str
    page: int
    order: int = 0


@dataclass
class CreatorState:
    """The creators in force while a document is read, and the rule that picks a row's creator.

    The rule (:meth:`lookup`), the most specific evidence first, and among equally specific
    evidence the nearest (the last read) first:

    1. the row's own creator column (the row reader handles it and calls :meth:`column`);
    2. a row with a fixed block ``(gggg,BBEE)``: the creator row ``(gggg,00BB)`` read for it;
    3. the nearer of: a creator column in force (an earlier row of this table named the creator,
       this row's cell is empty: printed once per run), and the last creator row read for the group
       (``(gggg,00xx)``, or for a wildcard row ``(gggg,xxEE)`` any ``(gggg,00BB)``);
    4. the caption, heading or sentence in force, unless it names another group
       (``Private Group 0017, Private Creator Code ...`` holds only for group 0017);
    5. a column without a header whose values all look like creators and repeat (or are printed
       once per run of rows): only when nothing above applies.

    Evidence that names a creator the reader cannot read (a creator row whose value is not a valid
    creator, a caption whose quoted value is not) still counts as evidence: it hides everything
    older, and the rows it would decide are rejected, never filed under an older creator. Creator
    rows of one group never lend their creator to another group. A new caption ends the creator
    rows and creator column read under the previous one; a table without a creator column ends the
    creator column of the table before it; pages the screen skipped end everything.
    """

    by_block: dict[tuple[int, int], _Source] = field(default_factory=dict)
    by_group: dict[int, _Source] = field(default_factory=dict)
    wildcard: dict[int, _Source] = field(default_factory=dict)
    in_column: _Source | None = None
    by_values: _Source | None = None
    in_caption: _Source | None = None
    caption_for: int | None = None
    read: int = 0

    def _source(self, creator: str | None, origin: str, page: int) -> _Source:
        self.read += 1
        return _Source(creator, origin, page, self.read)

    def caption(self, creator: str | None, page: int, group: int | None = None) -> None:
        """A caption names a new creator (for ``group`` only, when it names one); ``None``: it
        names one the reader cannot read."""
        self.in_caption, self.caption_for = self._source(creator, "caption", page), group
        self.by_block.clear()
        self.by_group.clear()
        self.wildcard.clear()
        self.in_column = self.by_values = None

    def reserve(self, group: int, block: int | None, creator: str | None, page: int) -> None:
        """A ``(gggg,00BB)`` row: ``creator`` owns block ``BB`` of ``group`` (``None``: the row's
        creator could not be read)."""
        source = self._source(creator, "reservation", page)
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
            self.by_values = self._source(creator, "column", page)
        else:
            self.in_column = self._source(creator, "column", page)

    def end_columns(self) -> None:
        """A table without a creator column begins: the creator column of the last one ends."""
        self.in_column = self.by_values = None

    def lookup_by_values(self, page: int) -> tuple[str, str] | None:
        """The creator a header-less creator-like column named on an earlier row, if any."""
        return _answer(self.by_values, page)

    def forget(self) -> None:
        """Pages were skipped: nothing read before them may be carried over."""
        self.by_block.clear()
        self.by_group.clear()
        self.wildcard.clear()
        self.in_column = self.in_caption = self.by_values = None
        self.caption_for = None

    def lookup(self, tag: tags.Tag, page: int) -> tuple[str, str] | None:
        """``(creator, origin)`` for a row on ``page``; origin ``carried`` when set on an earlier
        page; ``None`` when no creator is known, or the nearest evidence could not be read."""
        found: _Source | None = None
        if tag.block is not None:
            found = self.by_block.get((tag.group, tag.block))
        if found is None:
            group = self.wildcard if tag.block is not None else self.by_group
            near = [s for s in (self.in_column, group.get(tag.group)) if s is not None]
            found = max(near, key=lambda s: s.order, default=None)
        if found is None and self.in_caption is not None:
            if self.caption_for in (None, tag.group):
                found = self.in_caption
        return _answer(found, page)


def _answer(found: _Source | None, page: int) -> tuple[str, str] | None:
    if found is None or found.creator is None:
        return None
    return found.creator, found.origin if found.page == page else "carried"
