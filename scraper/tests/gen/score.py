"""Scoring scraped records against a generated document's truth, overall and per phenomenon.

A record matches a truth on (group, block, element); each truth is matched at most once, records
with the truth's creator first. Then:

* recall: matched truths / truths;
* precision: matched records / records;
* creator accuracy: matched with exactly the truth's creator / matched;
* VR accuracy: matched with the truth's VR (compared as a set of codes, so ``US/SS`` and
  ``US or SS`` agree) / matched where the document prints a VR;
* name accuracy (for information): matched whose name equals the truth's, spaces collapsed.

Per phenomenon the same is computed over the truths carrying it; an unmatched record counts against
the phenomena of the sections that print its group (or of the whole document when none does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .model import Spec, Truth


class RecordLike(Protocol):
    group: int
    element: int
    block: int | None
    creator: str
    vr: str
    vm: str
    name: str
    source: str


@dataclass
class Counts:
    truths: int = 0
    records: int = 0
    matched: int = 0
    creator_ok: int = 0
    vr_total: int = 0
    vr_ok: int = 0
    name_ok: int = 0

    @property
    def recall(self) -> float:
        return self.matched / self.truths if self.truths else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.records if self.records else 1.0

    @property
    def creator(self) -> float:
        return self.creator_ok / self.matched if self.matched else 1.0

    @property
    def vr(self) -> float:
        return self.vr_ok / self.vr_total if self.vr_total else 1.0

    @property
    def name(self) -> float:
        return self.name_ok / self.matched if self.matched else 1.0


def vr_codes(vr: str) -> frozenset[str]:
    return frozenset(re.findall(r"\b[A-Z]{2}\b", vr))


def _same_name(printed: str, truth: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(s.lstrip(">").split()).casefold()

    return norm(printed) == norm(truth)


def _key(x: Truth | RecordLike) -> tuple[int, int | None, int]:
    return (x.group, x.block, x.element)


def match(
    truths: Sequence[Truth], records: Sequence[RecordLike]
) -> tuple[list[tuple[Truth, RecordLike]], list[Truth], list[RecordLike]]:
    """Pairs (truth, record), unmatched truths, unmatched records."""
    free: dict[tuple[int, int | None, int], list[Truth]] = {}
    for truth in truths:
        free.setdefault(_key(truth), []).append(truth)
    pairs: list[tuple[Truth, RecordLike]] = []
    left: list[RecordLike] = []
    for record in records:  # pass 1: same tag and creator
        candidates = free.get(_key(record), [])
        same = next((t for t in candidates if t.creator == record.creator), None)
        if same is None:
            left.append(record)
            continue
        candidates.remove(same)
        pairs.append((same, record))
    extra: list[RecordLike] = []
    for record in left:  # pass 2: same tag, another creator
        candidates = free.get(_key(record), [])
        if candidates:
            pairs.append((candidates.pop(0), record))
        else:
            extra.append(record)
    missed = [t for ts in free.values() for t in ts]
    return pairs, missed, extra


@dataclass
class Tally:
    """Scores accumulated over documents, with the misses listed."""

    overall: Counts = field(default_factory=Counts)
    by_phenomenon: dict[str, Counts] = field(default_factory=dict)
    documents: int = 0
    failed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_creator: list[str] = field(default_factory=list)
    wrong_vr: list[str] = field(default_factory=list)

    def _counts(self, phenomena: Iterable[str]) -> list[Counts]:
        return [self.overall] + [self.by_phenomenon.setdefault(p, Counts()) for p in phenomena]

    def add(self, spec: Spec, records: Sequence[RecordLike], error: str | None = None) -> None:
        """Score one document's records (``error``: the file failed; every truth is missed)."""
        self.documents += 1
        if error:
            self.failed.append(f"seed {spec.seed}: {error}")
        pairs, missed, extra = match(spec.truths, records)
        for truth in spec.truths:
            for counts in self._counts(truth.phenomena):
                counts.truths += 1
        for truth, record in pairs:
            creator_ok = record.creator == truth.creator
            vr_ok = vr_codes(record.vr) == vr_codes(truth.vr)
            for counts in self._counts(truth.phenomena):
                counts.records += 1
                counts.matched += 1
                counts.creator_ok += creator_ok
                counts.name_ok += _same_name(record.name, truth.name)
                if truth.vr:
                    counts.vr_total += 1
                    counts.vr_ok += vr_ok
            where = f"seed {spec.seed} {record.source.rsplit('#', 1)[-1]} {truth.tag}"
            if not creator_ok:
                self.wrong_creator.append(f"{where}: {record.creator!r}, truth {truth.creator!r}")
            if truth.vr and not vr_ok:
                self.wrong_vr.append(f"{where}: {record.vr!r}, truth {truth.vr!r}")
        for truth in missed:
            self.missed.append(
                f"seed {spec.seed} {truth.tag} {truth.creator!r} {truth.name!r} "
                f"[{', '.join(sorted(p for p in truth.phenomena if not _is_page(p)))}]"
            )
        for record in extra:
            for counts in self._counts(_phenomena_of_group(spec, record.group)):
                counts.records += 1
            block = "xx" if record.block is None else f"{record.block:02X}"
            self.false_positives.append(
                f"seed {spec.seed} {record.source.rsplit('#', 1)[-1]} "
                f"({record.group:04X},{block}{record.element:02X}) {record.creator!r} "
                f"{record.name!r}"
            )


def _is_page(phenomenon: str) -> bool:
    return phenomenon in ("a4", "letter", "landscape", "small-font") or phenomenon.startswith(
        "font-"
    )


def _phenomena_of_group(spec: Spec, group: int) -> set[str]:
    found: set[str] = set()
    for section in spec.sections:
        for row in section.rows:
            if any(t.group == group for t in row.truths):
                found |= section.phenomena | {p for t in row.truths for p in t.phenomena}
    if not found:
        found = set(spec.all_phenomena)
    return found | spec.phenomena


def score_file(spec: Spec, records: Sequence[RecordLike], error: str | None = None) -> Tally:
    """A tally of one document."""
    tally = Tally()
    tally.add(spec, records, error)
    return tally
