"""Keywords for entries that have none: deterministic, valid identifiers, unique per creator.

The rule is part of the file format (DEVELOPMENT.md, "Generated keywords"), because generated
keywords are not stored: every reader derives them from the name and the key.

* a name longer than ``NAME_LIMIT`` (256) bytes of UTF-8 is read as empty, so that a reader
  needs at most the first 257 bytes of a name to derive its keyword (a hostile file whose entries
  share one long name cannot make it slow); real names are far shorter;
* base: the name in CamelCase (``Number of images`` → ``NumberOfImages``), ``X`` before a leading
  digit, ``Private`` when the name is empty;
* the tag suffix ``_gggg_eeee`` is appended when the name is empty, and on every entry of a creator
  whose keyword (generated or real) would otherwise repeat, ignoring case (``iDoseLevel`` and
  ``IDoseLevel`` are one keyword to a user), so the result does not depend on the
  order entries are seen in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z0-9]+")

NAME_LIMIT = 256
"""The longest name, in bytes of UTF-8, the rule reads; a longer one derives as if empty."""


def _read(name: str) -> str:
    """The name as the rule reads it: empty when longer than ``NAME_LIMIT`` bytes of UTF-8."""
    return "" if len(name.encode("utf-8")) > NAME_LIMIT else name


def from_name(name: str) -> str:
    """CamelCase identifier from a name; ``Private`` when the name has no letters or digits (or
    is longer than ``NAME_LIMIT`` bytes)."""
    kw = "".join(w[:1].upper() + w[1:] for w in _WORD.findall(_read(name)))
    if kw[:1].isdigit():
        kw = "X" + kw
    return kw or "Private"


def derive(name: str, group_text: str, element_text: str, suffixed: bool) -> str:
    """A generated keyword, exactly as a reader derives it from the file."""
    base = from_name(name)
    if suffixed or not _WORD.search(_read(name)):
        return f"{base}_{group_text}_{element_text}"
    return base


@dataclass(frozen=True)
class Assigned:
    keyword: str
    generated: bool
    suffixed: bool  # the tag suffix was appended to keep keywords unique per creator


def assign(items: Iterable[tuple[str | None, str, str, str, str]]) -> list[Assigned]:
    """Keywords for ``(creator, real keyword, name, group text, element text)`` items, in input order.

    Public items (creator ``None``) keep their keyword as it is, even empty: PS3.6 gives none to
    its retired placeholders, and a made-up public keyword would not be unique.
    """
    items = list(items)
    base = [
        (real, False) if real or c is None else (derive(name, g, e, False), True)
        for c, real, name, g, e in items
    ]
    counts = Counter((c, kw.lower()) for (c, *_), (kw, _) in zip(items, base) if c is not None)
    out = []
    for (creator, real, name, g, e), (kw, generated) in zip(items, base):
        if creator is None or counts[(creator, kw.lower())] == 1:
            out.append(Assigned(kw, generated, False))
        elif generated:
            out.append(Assigned(derive(name, g, e, True), True, True))
        else:
            out.append(Assigned(f"{real}_{g}_{e}", False, True))
    return out
