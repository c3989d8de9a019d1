"""Judgement, once for every source: a :class:`RawRow` becomes a :class:`Row` or a :class:`Reject`.

What is decided here (DEVELOPMENT.md, "Normalisation"):

* the key: a public tag, a public repeating-group mask, or a private key
  ``(group, group mask, folded creator, low byte, block)``;
* creators: trimmed (leading/trailing spaces and NULs); a ``^NN`` suffix becomes block ``NN``;
  placeholders (``Private Creator``, ``?``, empty) are rejected;
* VRs to sets (``vr.parse_vr``); a VR that is no VR rejects the row;
* VM spellings (``1 - n`` → ``1-n``); names: placeholders are marked, never preferred later;
* keywords: kept when they are valid identifiers.

Rejected, each with its reason: private rows in groups 0001–0007, in even groups or in 0xFFFF;
creator reservation rows ``(gggg,00BB)``/``(gggg,BBxx)``; placeholder creators; bad VRs; spellings
that are not tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import tags, vr
from .rows import RawRow

PLACEHOLDER_NAMES = frozenset(
    {
        "",
        "?",
        "??",
        "???",
        "unknown",
        "private data",
        "private",
        "unknown data",
        "dummy",
        "none",
        "na",
        "n/a",
        "-",
        "private tag",
        "private element",
        "unknown element",
        "reserved",
        "tbd",
    }
)
#: Not creators: placeholders, and what anonymisers write over the real creator (nibabel's test
#: files hold ``Anon`` in place of Siemens' creators).
PLACEHOLDER_CREATORS = frozenset(
    {
        "",
        "?",
        "private creator",
        "unknown",
        "none",
        "creator",
        "owner",
        "anon",
        "anonymous",
        "anonymized",
        "anonymised",
        "removed",
        "deidentified",
        "de-identified",
    }
)

_WS = re.compile(r"\s+")
_KEYWORD = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_VM = re.compile(r"^([0-9]+)(?:-([0-9]*n|[0-9]+))?$")
_CARET = re.compile(r"^(.*)\^([0-9A-Fa-f]{2})$")


def normalise_creator(text: str) -> str:
    """Remove leading and trailing spaces and NULs (the format's *normalising*)."""
    return text.strip(" \x00")


def fold_creator(text: str) -> str:
    """The format's *folding*: no ASCII whitespace, ASCII upper case."""
    out = []
    for ch in normalise_creator(text):
        if ch in " \t\n\r\x0b\x0c":
            continue
        out.append(ch.upper() if "a" <= ch <= "z" else ch)
    return "".join(out)


def normalise_vm(text: str) -> str:
    """``1 - n`` → ``1-n``, ``1-N`` → ``1-n``, ``N`` → ``1-n``; empty when unusable (``1 2``)."""
    t = re.sub(r"\s*-\s*", "-", text.strip()).replace("N", "n")
    if t == "n":
        return "1-n"
    return t if _VM.match(t) else ""


_RETIRED_MARK = re.compile(r"^RETIRED_|\s+RETIRED$|\s*\(Retired\)$", re.IGNORECASE)


def clean_name(name: str) -> tuple[str, bool]:
    """A name without the sources' decorations, and whether it carried a retired mark.

    Removes the ``>`` nesting marks of conformance-statement tables (``>Run Number``), DCMTK's
    ``RETIRED_`` prefix and Siemens' `` RETIRED`` suffix, and folds white space.
    """
    name = _WS.sub(" ", name).strip().lstrip(">").strip()
    retired = bool(_RETIRED_MARK.search(name))
    return _RETIRED_MARK.sub("", name).strip(), retired


def is_placeholder_name(name: str) -> bool:
    low = _WS.sub(" ", name).strip().lower()
    return (
        low in PLACEHOLDER_NAMES
        or low.startswith(("?", "<internal", "private creator"))
        or low == "obsolete"
    )


@dataclass(frozen=True, order=True)
class PublicKey:
    tag: int  # group << 16 | element

    def text(self) -> tuple[str, str]:
        return f"{self.tag >> 16:04X}", f"{self.tag & 0xFFFF:04X}"


@dataclass(frozen=True, order=True)
class RepeaterKey:
    mask: int
    value: int

    def text(self) -> tuple[str, str]:
        g = tags.Masked(self.value >> 16, self.mask >> 16).text()
        e = tags.Masked(self.value & 0xFFFF, self.mask & 0xFFFF).text()
        return g, e


@dataclass(frozen=True, order=True)
class PrivateKey:
    group: int
    group_mask: int
    creator: str  # folded: creators compare case- and whitespace-insensitively
    element: int  # low byte
    block: int  # 0 = any block

    def text(self) -> tuple[str, str]:
        g = tags.Masked(self.group, self.group_mask).text()
        b = "xx" if self.block == 0 else f"{self.block:02X}"
        return g, f"{b}{self.element:02X}"


Key = PublicKey | RepeaterKey | PrivateKey


@dataclass(frozen=True)
class Row:
    """A usable row: its key and its cleaned fields, still one per source row."""

    key: Key
    raw: RawRow
    creator: str | None  # normalised spelling (no ^NN), None for public rows
    vrs: frozenset[str]  # empty: the source gives no VR
    vm: str
    name: str  # "" when the source only has a placeholder
    keyword: str
    description: str
    retired: bool


@dataclass(frozen=True)
class Reject:
    """A row not used, and why."""

    raw: RawRow
    reason: str


def normalise(raw: RawRow) -> Row | Reject:
    """Turn one source row into a usable :class:`Row` or a :class:`Reject` with its reason."""
    try:
        group = tags.parse_masked(raw.group)
        element = tags.parse_masked(raw.element)
    except tags.BadTag as exc:
        return Reject(raw, f"bad tag spelling: {exc}")
    try:
        vrs = vr.parse_vr(raw.vr)
    except vr.BadVR as exc:
        return Reject(raw, str(exc))

    name, retired_mark = clean_name(raw.name)
    if is_placeholder_name(name):
        name = ""
    keyword = raw.keyword.strip() if _KEYWORD.match(raw.keyword.strip()) else ""
    fields = dict(
        raw=raw,
        vrs=vrs,
        vm=normalise_vm(raw.vm),
        name=name,
        keyword=keyword,
        description=_WS.sub(" ", raw.description).strip(),
        retired=raw.retired or retired_mark,
    )

    if raw.creator is None:
        return _public(raw, group, element, fields)
    return _private(raw, group, element, fields)


def _public(raw: RawRow, group: tags.Masked, element: tags.Masked, fields: dict) -> Row | Reject:
    if group.exact and tags.is_private_group(group.value):
        return Reject(raw, f"private group {group.text()} without a private creator")
    if group.exact and element.exact:
        key: Key = PublicKey(group.value << 16 | element.value)
    else:
        key = RepeaterKey(group.mask << 16 | element.mask, group.value << 16 | element.value)
    return Row(key=key, creator=None, **fields)


def _private(raw: RawRow, group: tags.Masked, element: tags.Masked, fields: dict) -> Row | Reject:
    creator = normalise_creator(raw.creator or "")
    block = 0
    caret = _CARET.match(creator)
    if caret:
        creator, block = normalise_creator(caret.group(1)), int(caret.group(2), 16)
        if block < 0x10:
            return Reject(raw, f"creator block suffix ^{caret.group(2)} is below 10")
    if creator.lower() in PLACEHOLDER_CREATORS:
        return Reject(raw, f"placeholder creator {raw.creator!r}")

    g = group.value
    if group.exact:
        if 0x0001 <= g <= 0x0007:
            return Reject(raw, f"group {g:04X} is reserved (PS3.5 §7.8.1)")
        if not tags.is_private_group(g):
            return Reject(raw, f"group {g:04X} is not private (even, or FFFF)")
    elif g & 1 == 0 and group.mask & 1:
        return Reject(raw, f"repeating group {group.text()} is even, not private")

    # Element: xxEE (low byte), BBEE (fixed block), 00BB/BBxx (creator reservations).
    if element.mask == 0x00FF:
        low = element.value & 0xFF
    elif element.exact and element.value >= 0x1000:
        low = element.value & 0xFF
        fixed = element.value >> 8
        if block and block != fixed:
            return Reject(raw, f"creator suffix ^{block:02X} contradicts element block {fixed:02X}")
        block = fixed
    elif element.exact and 0x0010 <= element.value <= 0x00FF:
        return Reject(raw, f"creator reservation row ({group.text()},{element.text()})")
    elif element.mask == 0xFF00 and (element.value >> 8 >= 0x10 or element.value == 0):
        return Reject(raw, f"creator reservation row ({group.text()},{element.text()})")
    else:
        return Reject(raw, f"element {element.text()} is not a private data element")

    key = PrivateKey(g, group.mask, fold_creator(creator), low, block)
    return Row(key=key, creator=creator, **fields)
