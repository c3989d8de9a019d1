"""One VR pydicom can use for an entry whose VR is a set (an undecided entry, or an old-style
``US or SS``).

pydicom needs one VR per dictionary entry to decode an element of an implicit-VR file. An entry
the sources leave undecided (its VR is the union of the tied candidates, such as ``SH or ST``) has
no chosen VR, and list order must not choose one. The rule, for the VR set ``S`` (``UN`` in it is
no candidate):

1. a member of ``S`` that holds the values of every other member (:func:`holds`: ``LO`` holds
   ``SH``, ``DS`` holds ``IS``, ``LT`` holds ``ST``, ...) is the VR;
2. else the first of ``SH``, ``LO``, ``UC``, ``LT``, ``UT`` that holds every member (``SH or ST``
   gives ``UT``: the text is kept whole, backslashes included);
3. else a set pydicom itself knows as one ambiguous VR (``US or SS``, ``OB or OW``, ``US or OW``,
   ``US or SS or OW``) is given as that;
4. else ``UN``: pydicom keeps the bytes as they are rather than decode them as a guess
   (``US or FD``: the two decodings give different numbers).

So a value is never decoded by a VR that could misread what another candidate would have written.
"""

from __future__ import annotations

from typing import FrozenSet

#: Multi-valued string VRs (values split at backslashes) and their maximum value lengths.
_STRING_MAX = {
    "AE": 16,
    "AS": 4,
    "CS": 16,
    "DA": 8,
    "DS": 16,
    "DT": 26,
    "IS": 12,
    "SH": 16,
    "TM": 14,
    "UI": 64,
    "LO": 64,
    "PN": 64 * 3,
    "UC": 2**32 - 2,
}
#: Single-valued text VRs (a backslash is a character in them).
_TEXT = ("ST", "LT", "UT")
#: Sets pydicom decodes as one ambiguous VR.
_AMBIGUOUS = {
    frozenset({"US", "SS"}): "US or SS",
    frozenset({"OB", "OW"}): "OB or OW",
    frozenset({"US", "OW"}): "US or OW",
    frozenset({"US", "SS", "OW"}): "US or SS or OW",
}
_WIDER = ("SH", "LO", "UC", "LT", "UT")


def holds(wide: str, narrow: str) -> bool:
    """Whether every value an element of VR ``narrow`` can have reads unchanged as ``wide``:
    ``UT`` holds any text, ``LT`` holds ``ST``, ``DS`` holds ``IS``, and ``SH``, ``LO``, ``UC``
    hold the multi-valued strings no longer than theirs (``PN`` only in ``UC``)."""
    if wide == narrow or (wide, narrow) == ("DS", "IS"):
        return True
    if wide == "UT":
        return narrow in _STRING_MAX or narrow in _TEXT
    if wide == "LT":
        return narrow == "ST"
    if wide in ("SH", "LO", "UC") and narrow in _STRING_MAX:
        if narrow == "PN":
            return wide == "UC"
        return _STRING_MAX[narrow] <= _STRING_MAX[wide]
    return False


def single_vr(vrs: FrozenSet[str]) -> str:
    """The one VR pydicom gets for the VR set ``vrs`` (see the module's rule)."""
    real = frozenset(v for v in vrs if v != "UN")
    if not real:
        return "UN"
    for v in sorted(real):
        if all(holds(v, other) for other in real):
            return v
    for v in _WIDER:
        if all(holds(v, other) for other in real):
            return v
    return _AMBIGUOUS.get(real, "UN")


def pydicom_vr(text: str) -> str:
    """:func:`single_vr` of a VR as the dictionary spells it (``LO``, ``SH or ST``)."""
    if " or " not in text:
        return text
    return single_vr(frozenset(text.split(" or ")))
