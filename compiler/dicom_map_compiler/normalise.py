"""Judgement, once for every source: a :class:`RawRow` becomes a :class:`Row` or a :class:`Reject`.

What is decided here (DEVELOPMENT.md, "Normalisation"):

* the key: a public tag, a public repeating-group mask, or a private key
  ``(group, group mask, folded creator, low byte, block)``;
* creators: trimmed (leading/trailing spaces and NULs); a ``^NN`` suffix becomes block ``NN``;
  placeholders (``Private Creator``, ``?``, empty) are rejected;
* VRs to sets (``vr.parse_vr``); a VR that is no VR rejects the row;
* VM spellings (``1 - n`` → ``1-n``; ``0-n``, which is no DICOM VM, → ``1-n``; an ``SQ`` row's VM is
  ``1``, as PS3.5 §7.5 has it);
* names: public rows of the standard tables (:data:`STANDARD_SOURCES`) are kept verbatim (a
  ``(Retired)`` in a PS3.6 name is part of the name); elsewhere decorations are cleaned and junk is
  marked as a placeholder, never preferred later (:func:`is_placeholder_name`, :func:`junk_reason`):
  a bare tag (``Private (01F1,100E)``), a truncated name (``…Compo...``); trailing ``??`` and a
  doubled word (``For For``) are mended. The private-creator rule (a name starting
  ``Private Creator``) is a private-row rule;
* keywords: kept when they are valid identifiers.

Rejected, each with its reason: private rows in groups 0001–0007, in even groups or in 0xFFFF;
creator reservation rows ``(gggg,00BB)``/``(gggg,BBxx)``; a creator row taken for an element (its
name is the creator, ``“Agfa ADC NX”``); placeholder creators, and creators no device writes
(:data:`NOT_WRITTEN_CREATORS`); bad VRs; spellings that are not tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

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
        # Generic labels vendors give many elements at once: they name none of them.
        "internal",
        "internal data",
        "private attribute without phi",
        "custom tag",
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

#: Creators that a source lists but no device writes, each with the reason.
NOT_WRITTEN_CREATORS = {
    "PRIV": "creator PRIV is written by no device: one document's extraction (priv.xml) labels "
    "its table so, and every one of its rows is UN",
}
#: The standard tables (newest edition first); their public names are PS3.6's, kept verbatim.
STANDARD_SOURCES = ("pydicom3", "pydicom")

_WS = re.compile(r"\s+")
_QUOTES = "\"'“”‘’«»"
_BARE_TAG = re.compile(
    r"^(?:private\s*(?:tag|element|data)?\s*)?\(?\s*[0-9a-fx]{4}\s*,\s*[0-9a-fx]{4}\s*\)?$",
    re.IGNORECASE,
)
_TRUNCATED = re.compile(r"(?:\.\.\.|…)$")
_TRAILING_QUERY = re.compile(r"\s*\?+$")
_DOUBLED = re.compile(r"\b([A-Za-z]+)(\s+\1\b)+", re.IGNORECASE)
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
    """``1 - n`` → ``1-n``, ``1-N`` → ``1-n``, ``N`` and ``0-n`` → ``1-n``; empty when unusable
    (``1 2``, ``0``)."""
    t = re.sub(r"\s*-\s*", "-", text.strip()).replace("N", "n")
    if t in ("n", "0-n"):
        return "1-n"
    m = _VM.match(t)
    return t if m and int(m.group(1)) > 0 else ""


_RETIRED_MARK = re.compile(r"^RETIRED_|\s+RETIRED$|\s*\(Retired\)$", re.IGNORECASE)


def clean_name(name: str) -> tuple[str, bool]:
    """A name without the sources' decorations, and whether it carried a retired mark.

    Removes the ``>`` nesting marks of conformance-statement tables (``>Run Number``), DCMTK's
    ``RETIRED_`` prefix and Siemens' `` RETIRED`` suffix, and folds white space.
    """
    name = _WS.sub(" ", name).strip().lstrip(">").strip()
    retired = bool(_RETIRED_MARK.search(name))
    return _RETIRED_MARK.sub("", name).strip(), retired


def mend_name(name: str) -> str:
    """Mend what sources garble but still carry meaning: surrounding quotes, a trailing ``??``
    (``CSA Image Header Version ??``), a doubled word (``Window Center For For Processing``)."""
    name = name.strip().strip(_QUOTES).strip()
    name = _TRAILING_QUERY.sub("", name)
    return _DOUBLED.sub(r"\1", name)


def junk_reason(name: str, private: bool = True) -> str:
    """Why ``name`` is no real name ("" when it is one). Public names only fail the generic
    placeholders; the private rules (bare tags, ``Private Creator``, truncation) are private."""
    low = _WS.sub(" ", name).strip().lower()
    if low in PLACEHOLDER_NAMES or low == "obsolete":
        return "placeholder"
    if not private:
        return ""
    if low.startswith(("?", "<internal", "private creator")):
        return "placeholder"
    if _BARE_TAG.match(low):
        return "a bare tag, not a name"
    if _TRUNCATED.search(low):
        return "truncated"
    return ""


def is_placeholder_name(name: str, private: bool = True) -> bool:
    return bool(junk_reason(name, private))


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

    private = raw.creator is not None
    if not private and raw.source in STANDARD_SOURCES:
        name, retired_mark = _WS.sub(" ", raw.name).strip(), False  # PS3.6's own name, verbatim
    else:
        name, retired_mark = clean_name(raw.name)
        name = mend_name(name) if private else name
    if is_placeholder_name(name, private):
        name = ""
    if private and name and fold_creator(name.strip(_QUOTES)) == fold_creator(raw.creator or ""):
        return Reject(raw, "creator row taken for an element: its name is the creator")
    keyword = raw.keyword.strip() if _KEYWORD.match(raw.keyword.strip()) else ""
    vm = normalise_vm(raw.vm)
    fields = dict(
        raw=raw,
        vrs=vrs,
        vm="1" if vrs == frozenset({"SQ"}) and vm else vm,
        name=name,
        keyword=keyword,
        description=_WS.sub(" ", raw.description).strip(),
        retired=raw.retired or retired_mark,
    )

    if raw.creator is None:
        return _public(raw, group, element, fields)
    return _private(raw, group, element, fields)


def _public(
    raw: RawRow, group: tags.Masked, element: tags.Masked, fields: dict[str, Any]
) -> Row | Reject:
    if group.exact and tags.is_private_group(group.value):
        return Reject(raw, f"private group {group.text()} without a private creator")
    if group.exact and element.exact:
        key: Key = PublicKey(group.value << 16 | element.value)
    else:
        key = RepeaterKey(group.mask << 16 | element.mask, group.value << 16 | element.value)
    return Row(key=key, creator=None, **fields)


def _private(
    raw: RawRow, group: tags.Masked, element: tags.Masked, fields: dict[str, Any]
) -> Row | Reject:
    creator = normalise_creator(raw.creator or "")
    block = 0
    caret = _CARET.match(creator)
    if caret:
        creator, block = normalise_creator(caret.group(1)), int(caret.group(2), 16)
        if block < 0x10:
            return Reject(raw, f"creator block suffix ^{caret.group(2)} is below 10")
    if creator.lower() in PLACEHOLDER_CREATORS:
        return Reject(raw, f"placeholder creator {raw.creator!r}")
    if creator in NOT_WRITTEN_CREATORS:
        return Reject(raw, NOT_WRITTEN_CREATORS[creator])

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
