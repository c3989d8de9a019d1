"""Value representations: the fixed bit order of the ``.dmap`` format and every source spelling.

A multi-VR element (``US or SS``) is a *set*; the format stores it as ``vr_bits``. Sources spell
sets many ways (``US or SS``, ``US_SS``, ``XS``, DCMTK's lower-case ``xs``); :func:`parse_vr` maps all
of them to a frozenset and raises :class:`BadVR` for anything that is not a VR.
"""

from __future__ import annotations

import re

#: The VRs in bit order (DEVELOPMENT.md, section TYPE). Never reorder: the index is the file format.
VRS: tuple[str, ...] = (
    "AE",
    "AS",
    "AT",
    "CS",
    "DA",
    "DS",
    "DT",
    "FD",
    "FL",
    "IS",
    "LO",
    "LT",
    "OB",
    "OD",
    "OF",
    "OL",
    "OV",
    "OW",
    "PN",
    "SH",
    "SL",
    "SQ",
    "SS",
    "ST",
    "SV",
    "TM",
    "UC",
    "UI",
    "UL",
    "UN",
    "UR",
    "US",
    "UT",
    "UV",
)
#: Pseudo-VR of items and delimiters, which have no VR; bit 63.
NONE = "NONE"
NONE_BIT = 63

_BIT = {vr: i for i, vr in enumerate(VRS)}

#: Set-valued spellings used by sources (DCMTK's lower-case pseudo-VRs, GDCM's and pydicom's).
_ALIASES: dict[str, frozenset[str]] = {
    "XS": frozenset({"US", "SS"}),
    "OX": frozenset({"OB", "OW"}),
    "PX": frozenset({"OB", "OW"}),  # DCMTK: pixel data, OB or OW
    "UP": frozenset({"UL"}),  # DCMTK: an unsigned 32-bit offset ("pointer")
    "NA": frozenset({NONE}),  # DCMTK: not applicable (items, delimiters)
    "NONE": frozenset({NONE}),
}
#: DCMTK's lower-case ``lt`` is "US, SS or OW" (LUT data), not LT; only the lower-case spelling.
_DCMTK_LOWER = {
    "xs": frozenset({"US", "SS"}),
    "ox": frozenset({"OB", "OW"}),
    "px": frozenset({"OB", "OW"}),
    "lt": frozenset({"US", "SS", "OW"}),
    "up": frozenset({"UL"}),
    "na": frozenset({NONE}),
}

_SPLIT = re.compile(r"\s+or\s+|\s*[/_|,\\]\s*|\s+", re.IGNORECASE)


class BadVR(ValueError):
    """A VR field that names no VR (``LD``, ``SW``, ``US (VM=4)``)."""


def parse_vr(text: str) -> frozenset[str]:
    """The VR set a source's VR field means; the empty set when the field is empty.

    >>> sorted(parse_vr("US or SS"))
    ['SS', 'US']
    >>> sorted(parse_vr("lt"))
    ['OW', 'SS', 'US']
    """
    text = text.strip()
    if not text:
        return frozenset()
    if text in _DCMTK_LOWER:
        return _DCMTK_LOWER[text]
    out: set[str] = set()
    for part in _SPLIT.split(text):
        if not part:
            continue
        up = part.upper()
        if up in _BIT:
            out.add(up)
        elif up in _ALIASES:
            out |= _ALIASES[up]
        else:
            raise BadVR(f"not a VR: {text!r}")
    if NONE in out and len(out) > 1:
        raise BadVR(f"'no VR' mixed with VRs: {text!r}")
    return frozenset(out)


def vr_bits(vrs: frozenset[str]) -> int:
    """The format's ``vr_bits`` for a VR set."""
    bits = 0
    for vr in vrs:
        bits |= 1 << (NONE_BIT if vr == NONE else _BIT[vr])
    return bits


#: Display order (DEVELOPMENT.md, TYPE): US and SS first, as PS3.6 writes ``US or SS or OW``.
_DISPLAY = ("US", "SS") + tuple(v for v in VRS if v not in ("US", "SS"))


def vr_text(vrs: frozenset[str]) -> str:
    """Text of a VR set in the display order, joined by `` or ``; ``UN`` for the empty set."""
    if not vrs:
        return "UN"
    if NONE in vrs:
        return NONE
    return " or ".join(vr for vr in _DISPLAY if vr in vrs)
