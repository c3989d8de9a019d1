"""Names that one private creator gives to several of its elements: legitimate reuse or a copy error.

A vendor's dictionary often repeats a name, and for good reasons; sometimes a source copied a row
and forgot to change its name (``Label Left Percentage X`` at ``xx02`` *and* ``xx03``, where the
second is surely ``... Y``). Which is which is decided by a rule on the keys alone, so it can be
checked and reproduced:

* ``block forms`` — one element written two ways: ``(gggg,xxEE)`` and ``(gggg,BBEE)`` with the same
  low byte (a document that printed the element as it sits in one block). Legitimate.
* ``across groups`` — each group holds the name once (``PET Software_Version`` in 0009, 0017 and
  0019: the same field in each of the creator's groups). Legitimate.
* ``repeated table`` — within one group, either the name stands on at least :data:`TABLE_MIN`
  elements (a field every object of a list carries: GE PET's ``compatible_version``), or the
  distance between its consecutive elements is one that at least :data:`TABLE_MIN` names of the
  creator in that group repeat at (a table repeated for a second plane, object or list; Multix's
  ``xx16``-``xx29`` again at ``xx66``-``xx8D``). Legitimate.
* ``suspect copy`` — two elements of one group, at a distance fewer than :data:`TABLE_MIN` names
  share (``Label Left Percentage X`` at ``xx02`` and ``xx03``): a copy error, or a field the
  sources cannot tell apart. Flagged in ``reports/quality.md`` with its keys; the name is
  kept (no source gives a better one), and the keyword carries the tag suffix that keeps it unique.

Names are compared ignoring case and spacing; entries without a real name are not counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

BLOCK_FORMS = "block forms"
ACROSS_GROUPS = "across groups"
REPEATED_TABLE = "repeated table"
SUSPECT_COPY = "suspect copy"
CLASSES = (BLOCK_FORMS, ACROSS_GROUPS, REPEATED_TABLE, SUSPECT_COPY)
#: How many names of one creator and group must repeat at one distance to make a table.
TABLE_MIN = 3


@dataclass(frozen=True)
class Key:
    """A private entry as the rule sees it: its group text, block (0 = any) and low byte."""

    creator: str
    name: str
    group: str
    block: int
    element: int

    def text(self) -> str:
        b = "xx" if self.block == 0 else f"{self.block:02X}"
        return f"({self.group},{b}{self.element:02X})"


@dataclass(frozen=True)
class Reuse:
    """One name given to several entries of one creator, and its class."""

    creator: str
    name: str
    keys: tuple[Key, ...]
    kind: str


def _fold(name: str) -> str:
    return " ".join(name.lower().split())


def _elements(keys: Iterable[Key]) -> dict[str, set[int]]:
    """Per group, the distinct elements: a block-specific key whose low byte an any-block key of
    the group has is that same element; other block-specific keys are ``BBEE``."""
    by_group: dict[str, list[Key]] = defaultdict(list)
    for k in keys:
        by_group[k.group].append(k)
    out: dict[str, set[int]] = {}
    for group, ks in by_group.items():
        any_block = {k.element for k in ks if k.block == 0}
        out[group] = {
            k.element if k.block == 0 or k.element in any_block else (k.block << 8) | k.element
            for k in ks
        }
    return out


def _distances(elements: set[int]) -> set[int]:
    """The distances between consecutive elements."""
    ordered = sorted(elements)
    return {b - a for a, b in zip(ordered, ordered[1:])}


def classify(keys: Iterable[Key]) -> list[Reuse]:
    """Every name reused within one creator, with its class, sorted by creator then name."""
    named: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for k in keys:
        if k.name.strip():
            named[(k.creator.upper(), _fold(k.name))].append(k)
    reused = {n: ks for n, ks in named.items() if len(ks) > 1}
    # how many reused names of a creator and group sit at each distance
    at: Counter[tuple[str, str, int]] = Counter()
    for (creator, _), ks in reused.items():
        for group, elements in _elements(ks).items():
            for d in _distances(elements):
                at[(creator, group, d)] += 1
    out = []
    for (creator, _), ks in sorted(reused.items()):
        els = _elements(ks)
        if all(len(e) == 1 for e in els.values()):
            kind = BLOCK_FORMS if len(els) == 1 else ACROSS_GROUPS
        elif all(
            len(e) >= TABLE_MIN or all(at[(creator, group, d)] >= TABLE_MIN for d in _distances(e))
            for group, e in els.items()
            if len(e) > 1
        ):
            kind = REPEATED_TABLE
        else:
            kind = SUSPECT_COPY
        ordered = tuple(sorted(ks, key=lambda k: (k.group, k.element, k.block)))
        out.append(Reuse(ks[0].creator, ks[0].name, ordered, kind))
    return out
