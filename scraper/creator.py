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

from . import cells, tags

#: DICOM's LO: at most 64 characters, no backslash, no control characters.
MAX_CREATOR = 64

_KEYWORD = re.compile(
    r"\bprivate\s+(?:[a-z]+\s+){0,2}?(?:creator|owner)s?\b(?:\s+(?:id|identification|code|name|string|"
    r"identifier|uid|element|tag|value))*|\b(?:creator|owner)\s+(?:id|identification|code|name|string|"
    r"identifier)\b",
    re.IGNORECASE,
)
_MENTION = re.compile(
    r"\b(?:creator|owner)s?\b(?:\s+(?:id|identification|code|name|string|identifier|uid|element|tag|value|"
    r"data\s+element))*",
    re.IGNORECASE,
)
_QUOTED = re.compile(
    '"([^"]+)"|\u201c([^\u201d]+)\u201d|\u201e([^\u201c\u201d]+)[\u201c\u201d]|\u2018([^\u2019]+)\u2019'
    "|(?<![A-Za-z])'([^']+)'(?![A-Za-z])|\u00ab\\s*([^\u00bb]+?)\\s*\u00bb"
)
_PARENS = re.compile(r"\(([^()]+)\)")
_AFTER = re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:is\s+|[:=\u2013\u2014-]\s*)(.+)$", re.IGNORECASE)


def clean(text: str) -> str | None:
    """A creator as written, quotes and surrounding spaces removed; ``None`` if it cannot be one."""
    text = cells.strip_quotes(" ".join(text.split())).rstrip(".;,")
    text = cells.strip_quotes(text)
    if not text or len(text) > MAX_CREATOR or "\\" in text or any(ord(ch) < 32 for ch in text):
        return None
    return text


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
        elif cell.strip():
            return clean(_first_quoted(cell) or cell)
    return None


def _value_after(rest: str) -> str | None:
    if quoted := _first_quoted(rest):
        return clean(quoted)
    for inner in _PARENS.findall(rest):
        if not tags.is_complete(inner):
            return clean(inner)
    if match := _AFTER.match(rest):
        return clean(match.group(1))
    return None


def _first_quoted(text: str) -> str | None:
    match = _QUOTED.search(text)
    return next(g for g in match.groups() if g) if match else None


@dataclass
class CreatorState:
    """The creator in force while a document is read, and where it came from."""

    current: str | None = None
    origin: str = ""
    page: int = 0
    by_block: dict[tuple[int, int], str] = field(default_factory=dict)

    def caption(self, creator: str, page: int) -> None:
        """A caption names a new creator; block reservations of the previous section no longer hold."""
        self.current, self.origin, self.page = creator, "caption", page
        self.by_block.clear()

    def reserve(self, group: int, block: int | None, creator: str, page: int) -> None:
        """A ``(gggg,00BB)`` row: ``creator`` owns block ``BB`` and is the creator in force."""
        if block is not None:
            self.by_block[(group, block)] = creator
        self.current, self.origin, self.page = creator, "reservation", page

    def column(self, creator: str, page: int) -> None:
        """A creator column named this row's creator; rows below with an empty cell share it."""
        self.current, self.origin, self.page = creator, "column", page

    def forget(self) -> None:
        """Pages were skipped: nothing read before them may be carried over."""
        self.current, self.origin, self.page = None, "", 0
        self.by_block.clear()

    def lookup(self, tag: tags.Tag, page: int) -> tuple[str, str] | None:
        """``(creator, origin)`` for a row on ``page``; origin ``carried`` when set on an earlier page."""
        if tag.block is not None and (creator := self.by_block.get((tag.group, tag.block))):
            return creator, "reservation" if self.page == page else "carried"
        if self.current is None:
            return None
        return self.current, self.origin if self.page == page else "carried"
