"""The tuning part and the HELD-OUT part of the corpus: by seed, and by whole styles.

Seeds below :data:`HELDOUT_START` are the tuning part; seeds from it on are held out. The styles in
:data:`HELDOUT_COMBINATIONS` (combinations of section traits) never occur in a tuning seed: the
tuning draw is redrawn when it hits one. Half the held-out seeds force one of them on a section.
Nobody tunes the scraper on held-out seeds or on these combinations.
"""

from __future__ import annotations

from collections.abc import Mapping

HELDOUT_START = 100_000
TUNING = range(0, HELDOUT_START)
HELDOUT = range(HELDOUT_START, 2**31)

#: Section traits (see :class:`.draw.Traits`) that make a held-out style when all are present.
HELDOUT_COMBINATIONS: tuple[dict[str, object], ...] = (
    {"layout": "split", "placement": "column"},
    {"layout": "name-first", "notation": "colon"},
    {"placement": "earlier-page", "rules": "none"},
    {"placement": "reservation-wrapped", "header": False},
    {"ranges": True, "notation": "lower"},
    {"mixed_public": True, "placement": "sentence"},
    {"layout": "name-first", "valign": "MIDDLE", "header": False},
)

#: Documents in these (font, text layer) pairs occur only in held-out seeds (:mod:`.textlayer`).
HELDOUT_TEXT_LAYERS: tuple[tuple[str, str], ...] = (("Times", "no-spaces"),)


def part_of(seed: int) -> str:
    if seed < 0:
        raise ValueError(f"seeds are non-negative, got {seed}")
    return "tune" if seed < HELDOUT_START else "heldout"


def seeds(part: str, count: int, start: int = 0) -> range:
    """``count`` seeds of ``part`` (``tune`` or ``heldout``), from its ``start``-th."""
    if part == "tune":
        if start + count > HELDOUT_START:
            raise ValueError("the tuning part has 100000 seeds")
        return range(start, start + count)
    if part == "heldout":
        return range(HELDOUT_START + start, HELDOUT_START + start + count)
    raise ValueError(f"part is 'tune' or 'heldout', not {part!r}")


def is_heldout_style(traits: Mapping[str, object]) -> bool:
    return any(all(traits.get(k) == v for k, v in combo.items()) for combo in HELDOUT_COMBINATIONS)
