"""Issue 9's phenomena, each in every table style: precision and recall against the truth.

Each document (``phenomena.py``) prints one thing real statements do; the rows it prints to be
rejected (public attributes, a creator stated nowhere) must be rejected with their reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scoring
from pdfgen import STYLES, build
from phenomena import PHENOMENA

from scraper import scrape_file

MIN_PRECISION = 0.98
MIN_RECALL = 0.98


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("phenomenon", sorted(PHENOMENA))
def test_phenomenon(phenomenon: str, style: str, tmp_path: Path) -> None:
    doc = PHENOMENA[phenomenon](style)
    result = scrape_file(build(doc, tmp_path / f"{phenomenon}-{style}.pdf"))
    assert result.error is None
    score = scoring.score(phenomenon, style, doc.truths(), result.records)
    assert score.precision >= MIN_PRECISION and score.recall >= MIN_RECALL, score.explain()
    assert sorted(r.reason for r in result.rejects) == sorted(doc.rejects())
