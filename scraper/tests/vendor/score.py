"""Scoring the scraper on vendor documents: overall, per style and per phenomenon.

Matching is the ``gen`` corpus's (:func:`scraper.tests.gen.score.match`: a record matches a truth
on group, block and element; same-creator first), so the figures mean the same on both corpora.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..gen.model import Truth
from ..gen.score import Counts, RecordLike, match, vr_codes


@dataclass
class VendorTally:
    overall: Counts = field(default_factory=Counts)
    by_style: dict[str, Counts] = field(default_factory=dict)
    by_phenomenon: dict[str, Counts] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(
        self, style: str, truths: Sequence[Truth], records: Sequence[RecordLike], error: str | None
    ) -> None:
        if error:
            self.problems.append(f"{style}: FAILED {error}")
        pairs, missed, extra = match(truths, records)

        def counts(truth: Truth | None) -> list[Counts]:
            out = [self.overall, self.by_style.setdefault(style, Counts())]
            for p in truth.phenomena if truth else ():
                out.append(self.by_phenomenon.setdefault(p, Counts()))
            return out

        for truth in truths:
            for c in counts(truth):
                c.truths += 1
        for truth, record in pairs:
            creator_ok = record.creator == truth.creator
            vr_ok = vr_codes(record.vr) == vr_codes(truth.vr)
            for c in counts(truth):
                c.records += 1
                c.matched += 1
                c.creator_ok += creator_ok
                c.name_ok += " ".join(record.name.split()) == " ".join(truth.name.split())
                c.vr_total += bool(truth.vr)
                c.vr_ok += bool(truth.vr) and vr_ok
            where = f"{style} {record.source.rsplit('#', 1)[-1]} {truth.tag}"
            if not creator_ok:
                self.problems.append(
                    f"{where}: creator {record.creator!r}, truth {truth.creator!r}"
                )
            if truth.vr and not vr_ok:
                self.problems.append(f"{where}: VR {record.vr!r}, truth {truth.vr!r}")
        for truth in missed:
            self.problems.append(f"{style} missed {truth.tag} {truth.creator!r} {truth.name!r}")
        for record in extra:
            for c in counts(None):
                c.records += 1
            block = "xx" if record.block is None else f"{record.block:02X}"
            self.problems.append(
                f"{style} {record.source.rsplit('#', 1)[-1]} false positive "
                f"({record.group:04X},{block}{record.element:02X}) {record.creator!r} {record.name!r}"
            )


def line(label: str, c: Counts) -> str:
    vr = f"{c.vr:.3f}" if c.vr_total else "-"
    return (
        f"| {label} | {c.truths} | {c.recall:.3f} | {c.precision:.3f} | {c.creator:.3f} | {vr} "
        f"| {c.name:.3f} |"
    )


def report(t: VendorTally, title: str, limit: int) -> str:
    head = [
        "| {} | truths | recall | precision | creator | VR | name |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines = [f"# {title}", "", head[0].format("style"), head[1], line("**overall**", t.overall)]
    lines += [line(s, c) for s, c in t.by_style.items()]
    lines += ["", head[0].format("phenomenon"), head[1]]
    lines += [line(p, t.by_phenomenon[p]) for p in sorted(t.by_phenomenon)]
    lines += ["", f"## Problems ({len(t.problems)})", ""]
    lines += [f"- {p}" for p in t.problems[:limit]]
    if len(t.problems) > limit:
        lines.append(f"- ... and {len(t.problems) - limit} more")
    return "\n".join(lines) + "\n"
