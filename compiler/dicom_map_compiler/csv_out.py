"""``tags.csv``: the reviewable form of the dictionary, one row per key, sorted, diff-friendly."""

from __future__ import annotations

import csv
import io

from . import vr
from .merge import Entry, MergeResult
from .normalise import PrivateKey, PublicKey, RepeaterKey

COLUMNS = (
    "group",
    "element",
    "creator",
    "vr",
    "vm",
    "keyword",
    "name",
    "retired",
    "sources",
    "kind",
    "keyword_generated",
    "conflict",
    "vr_candidates",
    "confidence",
    "description",
)


def kind_of(e: Entry) -> str:
    if isinstance(e.key, PublicKey):
        return "public"
    if isinstance(e.key, RepeaterKey):
        return "repeater"
    assert isinstance(e.key, PrivateKey)
    return "private" if e.key.group_mask == 0xFFFF else "private-repeater"


def _sources(e: Entry) -> str:
    seen: list[str] = []
    for p in e.provenance:
        if p.source not in seen:
            seen.append(p.source)
    return ";".join(seen)


def candidates_text(e: Entry) -> str:
    """The VR candidates of a conflicted entry: ``*DS[sources] | IS[sources]``, chosen one starred."""
    parts = []
    for c in e.candidates:
        ids = sorted({p.source for p in c.provenance})
        parts.append(f"{'*' if c.chosen else ''}{vr.vr_text(c.vrs)}[{';'.join(ids)}]")
    return " | ".join(parts)


def render(result: MergeResult) -> bytes:
    """The CSV bytes (UTF-8, ``\\n`` line ends), rows in the order of the entry sort key."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for e in result.entries:
        g, el = e.key.text()
        w.writerow(
            [
                g,
                el,
                e.creator or "",
                vr.vr_text(e.vrs),
                e.vm,
                e.keyword,
                e.name,
                int(e.retired),
                _sources(e),
                kind_of(e),
                int(e.keyword_generated),
                int(e.conflict),
                candidates_text(e),
                e.confidence,
                e.description,
            ]
        )
    return buf.getvalue().encode("utf-8")
