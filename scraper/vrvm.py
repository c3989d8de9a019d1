"""Reading value representation (VR) and value multiplicity (VM) as vendor tables write them.

Variants seen in real statements: ``US or SS``, ``US/SS``, ``OB | OW``; VM ``1 - n``, ``1-N``, ``2-2n``; and
both packed into one phrase, ``VR = FL, VM = 1``, in a ``VR/VM`` column or inside the description.
VR comes out as upper-case codes joined by `` or `` (PS3.6's spelling); VM without spaces and with a
lower-case ``n``. Text that is not a VR or VM is returned as written (cleaned of extra spaces): judging
it is the compiler's job, and the rejects report of the compiler says why.
"""

from __future__ import annotations

import re

VRS = frozenset(
    "AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV".split()
)

_VR_SPLIT = re.compile(r"\s*(?:\bor\b|/|\||,|\s)\s*", re.IGNORECASE)
_VM = re.compile(r"(\d+)(?:-(\d*[nN]|\d+))?")
_PHRASE = re.compile(
    r"\(?\s*\bVR\s*[=:]\s*(?P<vr>[A-Z]{2}\b(?:\s*(?:\bor\b|/)\s*[A-Z]{2}\b)*)"
    r"(?:\s*[,;]?\s*\bVM\s*[=:]\s*(?P<vm>\d+(?:\s*-\s*(?:\d*n|\d+))?))?\s*\)?[.;,]?",
    re.IGNORECASE,
)


def read_vr(text: str) -> str:
    """``"us or ss"`` → ``"US or SS"``; anything not made of VR codes comes back as written."""
    text = " ".join(text.split())
    codes = [c for c in _VR_SPLIT.split(text) if c]
    if codes and all(c.upper() in VRS for c in codes):
        return " or ".join(dict.fromkeys(c.upper() for c in codes))
    return text


def read_vm(text: str) -> str:
    """``"1 - n"`` → ``"1-n"``; anything that is not a VM comes back as written."""
    flat = "".join(text.split())
    if match := _VM.fullmatch(flat):
        return flat.replace("N", "n") if match.group(2) else flat
    return " ".join(text.split())


def find_phrase(text: str) -> tuple[str, str, str] | None:
    """Find ``VR = FL, VM = 1`` in free text: ``(vr, vm, text without the phrase)``, or ``None``.

    The VM half may be missing (``""``); the VR half must be made of real VR codes.
    """
    match = _PHRASE.search(text)
    if match is None:
        return None
    vr = read_vr(match.group("vr"))
    if not all(code in VRS for code in vr.split(" or ")):
        return None
    vm = read_vm(match.group("vm")) if match.group("vm") else ""
    rest = " ".join((text[: match.start()] + " " + text[match.end() :]).split())
    return vr, vm, rest
