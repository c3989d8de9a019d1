"""Precision and recall of scraped records against a generated document's ground truth.

A record counts as found only when every field the document prints matches: group, element, block,
creator, VR, VM, name and description. A separate, looser "tags" score counts group, element, block
and creator only, to tell a missed row from a mangled cell. Scores are kept on :data:`BOARD` and
printed as a table at the end of the test run (``conftest.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pdfgen import Truth

from scraper.records import Record


@dataclass
class Score:
    layout: str
    style: str
    expected: int
    found: int
    correct: int
    tags_correct: int
    missed: list[tuple[object, ...]]
    wrong: list[tuple[object, ...]]

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else float(self.expected == 0)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def explain(self) -> str:
        lines = [
            f"{self.layout}/{self.style}: precision {self.precision:.3f}, recall {self.recall:.3f}"
        ]
        lines += [f"  missed {m}" for m in self.missed[:5]] + [
            f"  wrong  {w}" for w in self.wrong[:5]
        ]
        return "\n".join(lines)


BOARD: list[Score] = []


def _full(x: Truth | Record) -> tuple[object, ...]:
    return (x.group, x.element, x.block, x.creator, x.vr, x.vm, x.name, x.description)


def score(layout: str, style: str, truths: Iterable[Truth], records: Iterable[Record]) -> Score:
    """Score ``records`` against ``truths`` (both multisets) and put the score on the board."""
    expected, found = Counter(map(_full, truths)), Counter(map(_full, records))
    tags_expected = Counter(k[:4] for k in expected.elements())
    tags_found = Counter(k[:4] for k in found.elements())
    result = Score(
        layout,
        style,
        sum(expected.values()),
        sum(found.values()),
        sum((expected & found).values()),
        sum((tags_expected & tags_found).values()),
        list((expected - found).elements()),
        list((found - expected).elements()),
    )
    BOARD.append(result)
    return result
