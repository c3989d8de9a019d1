"""How a tag, a split group/element pair or a range is printed, in every notation the issue lists."""

from __future__ import annotations

import random

NOTATIONS = ("paren", "xx", "bare", "space", "lower", "colon")
ELEMENT_FORMS = ("XX04", "xx04", "1004", "04")


def block_text(block: int | None, rng: random.Random) -> str:
    return rng.choice(("xx", "xx", "XX")) if block is None else f"{block:02X}"


def tag(group: int, block: int | None, element: int, notation: str, wild: str = "xx") -> str:
    """``(0019,100C)`` and friends; ``block`` ``None`` prints the ``wild`` placeholder."""
    high = wild if block is None else f"{block:02X}"
    return tag_text(f"{group:04X}", f"{high}{element:02X}", notation)


def tag_text(group: str, element: str, notation: str) -> str:
    """A group and an element, as printed, in ``notation``."""
    if notation == "lower":
        return f"({group.lower()},{element.lower()})"
    if notation == "bare":
        return f"{group},{element}"
    if notation == "space":
        return f"({group}, {element})"
    if notation == "colon":
        return f"({group}:{element})"
    return f"({group},{element})"


def reservation_tag(group: int, low: str, notation: str) -> str:
    """The ``(gggg,00BB)`` / ``(gggg,00xx)`` private creator row's tag, ``low`` the ``BB`` text."""
    return tag_text(f"{group:04X}", f"00{low}", notation)


def split_element(block: int | None, element: int, form: str) -> str:
    """The element cell of a split Group | Element table."""
    if form == "XX04":
        return f"XX{element:02X}"
    if form == "xx04":
        return f"xx{element:02X}"
    if form == "1004":
        assert block is not None
        return f"{block:02X}{element:02X}"
    return f"{element:02X}"


RANGE_JOINS = (" . . . ", "-", " to ", " - ", " ... ")


def range_text(first: str, last: str, join: str) -> str:
    return f"{first}{join}{last}"
