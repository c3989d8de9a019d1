"""A small sample of documents that still exercises every phenomenon: for a bounded test run.

Greedy set cover over candidate seeds: repeatedly take the document that brings the most truths to
phenomena still short of ``min_truths``, per truth it costs (documents are read at a cost roughly
proportional to their rows), until every phenomenon has enough or ``cap`` documents are taken.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .model import Spec


def covering(specs: Sequence[Spec], min_truths: int, cap: int) -> list[Spec]:
    """At most ``cap`` of ``specs``, chosen so each phenomenon gets ``min_truths`` truths if it can."""
    counts = [Counter(p for t in spec.truths for p in t.phenomena) for spec in specs]
    have: Counter[str] = Counter()
    chosen: list[int] = []

    def gain(i: int) -> int:
        return sum(min(n, max(0, min_truths - have[p])) for p, n in counts[i].items())

    while len(chosen) < cap:
        free = [i for i in range(len(specs)) if i not in chosen]
        best = max(free, key=lambda i: gain(i) / (10 + len(specs[i].truths)), default=None)
        if best is None or gain(best) == 0:
            break
        chosen.append(best)
        have.update(counts[best])
    return [specs[i] for i in sorted(chosen)]
