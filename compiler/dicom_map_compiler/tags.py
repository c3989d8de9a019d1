"""Canonical tag spellings (see ``rows.py``) turned into keys.

A public row is either one exact tag or a repeating-group mask (``60xx,3000``); a private row is a
group (exact or masked, ``70xx``), a low byte and a block (``0`` for the usual block-offset ``xxEE``
entry, ``0x10``–``0xFF`` for a fixed block ``BBEE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPELLING = re.compile(r"^[0-9A-Fa-fxX]{4}$")


class BadTag(ValueError):
    """A group or element spelling that is not four hex digits or ``x``."""


@dataclass(frozen=True, order=True)
class Masked:
    """A 16-bit field with wildcard digits: ``value`` holds where ``mask`` is set."""

    value: int
    mask: int

    @property
    def exact(self) -> bool:
        return self.mask == 0xFFFF

    def text(self) -> str:
        return "".join(
            f"{(self.value >> s) & 0xF:X}" if (self.mask >> s) & 0xF == 0xF else "x"
            for s in (12, 8, 4, 0)
        )


def parse_masked(text: str) -> Masked:
    """``"60xx"`` → value ``0x6000``, mask ``0xFF00``."""
    if not _SPELLING.match(text):
        raise BadTag(f"not a 4-digit hex field: {text!r}")
    value = mask = 0
    for ch in text:
        value <<= 4
        mask <<= 4
        if ch in "xX":
            continue
        value |= int(ch, 16)
        mask |= 0xF
    return Masked(value, mask)


def is_private_group(group: int) -> bool:
    """Odd groups above 0x0008, except 0xFFFF, hold private elements (PS3.5 §7.8.1)."""
    return group & 1 == 1 and group > 0x0008 and group != 0xFFFF
