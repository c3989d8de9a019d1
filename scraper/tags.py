"""Reading the tag notations vendor tables use, into group, low byte and (when fixed) block byte.

Vendors write the same private element in many ways: ``(0019,xx08)``, ``(0019,yy08)``, ``0009, xx01``,
``(0019,1008)`` (a fixed block ``10``), ``(0033xx50)`` (comma lost), group and element in separate
columns, digits wrapped inside the cell, and ranges (``0019,1000 ... 0019,100F``). This module reads
one cell's text (already joined without spaces) and answers with what the cell *means*:

* :class:`Tags`: one or more private elements (a range is expanded here, one per element);
* :class:`Reservation`: a ``(gggg,0010)``–``(gggg,00FF)`` or ``(gggg,00xx)`` private creator row, which
  names a creator and is not a tag itself.

Anything else raises :class:`~scraper.errors.TagSyntaxError` whose ``reason`` goes into the rejects
report, including tags of groups that are not private (only odd groups above ``0008`` are).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import TagSyntaxError

#: The largest range the scraper expands; a bigger one is a typo or a whole block, not a list of tags.
MAX_RANGE = 256

_DASHES = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        ":": ",",
    }
)
_G = r"([0-9A-F]{4})"
_E = r"([0-9A-FXY]{4})"
_OP = r"(?:\.{2,}|-|TO|THRU|THROUGH)"
_ONE = re.compile(rf"\(?{_G},?{_E}\)?")
_RANGE = re.compile(rf"\(?{_G},?{_E}\)?{_OP}\(?{_G},?{_E}\)?")
_ELEMENT_RANGE = re.compile(rf"\(?{_G},?{_E}{_OP}{_E}\)?")
_START = re.compile(r"\(?[0-9A-F]{4}(?:[,)]|[0-9A-FXY]|$)")
_CHARS = re.compile(r"[0-9A-FXY(),.\-]*(?:TO|THRU|THROUGH)?[0-9A-FXY(),.\-]*")
_ELEMENT_ONLY = re.compile(r"\(?[0-9A-FXY]{4}\)?")
_HEX_RUN = re.compile(r"(?=[0-9A-F]{0,3}[0-9])[0-9A-F]{4}")  # with a digit: not FACE, DEAD


@dataclass(frozen=True)
class Tag:
    """One private element: ``element`` is the low byte; ``block`` the fixed block byte or ``None``."""

    group: int
    element: int
    block: int | None


@dataclass(frozen=True)
class Tags:
    """The private elements one cell names (several when the cell is a range)."""

    tags: tuple[Tag, ...]


@dataclass(frozen=True)
class Reservation:
    """A private creator row ``(gggg,00BB)``; ``block`` is ``None`` for ``(gggg,00xx)``."""

    group: int
    block: int | None


#: A C-style ``0x`` before four hex digits (``0x0019, 0x1008``): the digits are the tag's.
_HEX_PREFIX = re.compile(r"(?<![0-9A-F])0X(?=[0-9A-FXY]{4}(?![0-9A-F]))")


#: A footnote mark after a tag: ``(0019,1008)*``, ``(0019,1008)¹`` (superscripts are matched
#: before NFKC turns them into digits), ``(0019,1008) (2)``, ``†``. A plain digit is not one: it
#: may be the next cell (a Type of ``3``) read together with the tag.
_FOOTNOTE = re.compile(r"(?:[\u00b9\u00b2\u00b3\u2070-\u2079]+|\*+|[\u2020\u2021]+|\([1-9*]\))$")


def compact(text: str) -> str:
    """The text with every space removed, upper-cased, dashes and ellipses made ASCII, a ``0x``
    prefix on a group or element and a footnote mark after the tag dropped."""
    text = _FOOTNOTE.sub("", "".join(text.split()))
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return _HEX_PREFIX.sub("", "".join(text.split()).upper())


def is_private_group(group: int) -> bool:
    """Private groups are odd and lie between ``0009`` and ``FFFD``."""
    return group % 2 == 1 and 0x0008 < group < 0xFFFF


def looks_like_tag(text: str) -> bool:
    """Whether a cell that failed to parse was still *meant* as a tag (so its row is reported)."""
    return _HEX_RUN.search(compact(text)) is not None


def is_tag_start(text: str) -> bool:
    """Whether a cell's text could be the first line of a tag (a borderless row starts here)."""
    text = compact(text)
    return bool(text) and _START.match(text) is not None and _CHARS.fullmatch(text) is not None


def is_element_only(text: str) -> bool:
    """A split-column row whose group cell is empty (``,XX04``): it continues the group above."""
    text = compact(text)
    return text.startswith(",") and _ELEMENT_ONLY.fullmatch(text[1:]) is not None


def is_complete(text: str) -> bool:
    """Whether a cell's text is a whole tag or range, not the first line of a wrapped one."""
    text = compact(text)
    return any(p.fullmatch(text) for p in (_ONE, _RANGE, _ELEMENT_RANGE))


_OPEN_RANGE = re.compile(rf"\(?{_G},?{_E}\)?{_OP}")


def is_open_range(text: str) -> bool:
    """Whether a cell's text starts a range whose end is printed further down (``(0021,105D) . . .``
    on one row, ``(0021,1067)`` on a line of its own below, which reads as a row of its own)."""
    return _OPEN_RANGE.fullmatch(compact(text)) is not None


_RANGE_PREFIX = re.compile(rf"\(?{_G},?{_E}\)?{_OP}\(?(?:[0-9A-F]{{1,4}}(?:,[0-9A-FXY]{{0,4}})?)?")


def is_range_prefix(text: str) -> bool:
    """Whether a cell's text is a range cut before its end (``(0021,1097) to (0021,`` with
    ``109A)`` on the next line): a whole tag, the operator, and at most the start of a tag."""
    return _RANGE_PREFIX.fullmatch(compact(text)) is not None


#: In a cell of its own, a digit right after the closing parenthesis is a footnote mark printed
#: raised (``(0019,1008)1``): nothing else would follow the tag in its cell.
_CELL_FOOTNOTE = re.compile(r"(?<=\))[1-9]$")


def is_complete_cell(text: str) -> bool:
    """:func:`is_complete` for the whole text of one cell, which may end in a raised footnote digit."""
    return is_complete(_CELL_FOOTNOTE.sub("", compact(text)))


def read_cell(text: str) -> Tags | Reservation:
    """Read a tag cell (``"(0019,xx08)"``, ``"0019,1000 ... 0019,100F"`` ...); raises TagSyntaxError."""
    flat = _CELL_FOOTNOTE.sub("", compact(text))
    if match := _ONE.fullmatch(flat):
        return _one(text, match.group(1), match.group(2))
    if match := _RANGE.fullmatch(flat):
        if match.group(1) != match.group(3):
            raise TagSyntaxError(text, "range spans two groups")
        first, last = match.group(2), match.group(4)
    elif match := _ELEMENT_RANGE.fullmatch(flat):
        first, last = match.group(2), match.group(3)
    else:
        raise TagSyntaxError(text, "not a tag notation")
    start, end = _one(text, match.group(1), first), _one(text, match.group(1), last)
    if not (isinstance(start, Tags) and isinstance(end, Tags)):
        raise TagSyntaxError(text, "range of private creator rows")
    low, high = start.tags[0], end.tags[0]
    if low.block != high.block:
        raise TagSyntaxError(text, "range spans two blocks")
    if not 0 < high.element - low.element < MAX_RANGE:
        raise TagSyntaxError(text, "range is empty or reversed")
    return Tags(tuple(Tag(low.group, e, low.block) for e in range(low.element, high.element + 1)))


def _one(text: str, group_hex: str, element: str) -> Tags | Reservation:
    group = int(group_hex, 16)
    if not is_private_group(group):
        raise TagSyntaxError(text, "group is not private (private groups are odd and above 0008)")
    high, low = _byte(text, element[:2]), _byte(text, element[2:])
    if high is None and low is None:
        raise TagSyntaxError(text, "element has no fixed digits")
    if high is None:
        assert low is not None
        return Tags((Tag(group, low, None),))
    if high == 0:
        if low is None or low >= 0x10:
            return Reservation(group, low)
        raise TagSyntaxError(text, "elements 0000-000F are not private tags")
    if high < 0x10:
        raise TagSyntaxError(text, "elements 0100-0FFF are reserved, not private tags")
    if low is None:
        raise TagSyntaxError(text, "a whole block (BBxx), not one element")
    return Tags((Tag(group, low, high),))


def _byte(text: str, pair: str) -> int | None:
    """``None`` for a wildcard pair (``XX``, ``YY``), else the byte's value."""
    if pair in ("XX", "YY"):
        return None
    if "X" in pair or "Y" in pair:
        raise TagSyntaxError(text, f"mixed wildcard and digit {pair!r} in the element")
    return int(pair, 16)
