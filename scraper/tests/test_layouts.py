"""Every layout real statements use, in every table style: precision and recall against the truth.

The thresholds are what the scraper meets on these documents (it measures 1.000 on all of them;
0.98 leaves room for one mangled cell in the larger tables, none in the small ones). The rejects must
be exactly the rows the document printed to be rejected, with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
import scoring
from layouts import LAYOUTS, carried, creator_column, reservation
from pdfgen import STYLES, build

from scraper import Record, scrape_file
from scraper.tables import read_page

MIN_PRECISION = 0.98
MIN_RECALL = 0.98


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layout_precision_and_recall(layout: str, style: str, tmp_path: Path) -> None:
    doc = LAYOUTS[layout](style)
    result = scrape_file(build(doc, tmp_path / f"{layout}-{style}.pdf"))
    assert result.error is None
    score = scoring.score(layout, style, doc.truths(), result.records)
    assert score.precision >= MIN_PRECISION and score.recall >= MIN_RECALL, score.explain()
    assert sorted(r.reason for r in result.rejects) == sorted(doc.rejects())


@pytest.mark.parametrize("style", STYLES)
def test_creator_placement_is_reported(style: str, tmp_path: Path) -> None:
    found = {
        "reservation": scrape_file(build(reservation(style), tmp_path / "r.pdf")),
        "column": scrape_file(build(creator_column(style), tmp_path / "c.pdf")),
        "carried": scrape_file(build(carried(style), tmp_path / "k.pdf")),
    }
    for placement in ("reservation", "column"):
        records = found[placement].records
        first_page = min(_page(r) for r in records)
        # On later pages the same creator is, rightly, reported as carried over.
        assert {r.creator_from for r in records if _page(r) == first_page} == {placement}
        assert {r.creator_from for r in records} <= {placement, "carried"}
    by_page = {}
    for record in found["carried"].records:
        by_page.setdefault(record.creator, set()).add((_page(record), record.creator_from))
    cardiac = by_page["GEMS_CT_CARDIAC_001"]
    first_page = min(page for page, _ in cardiac)
    assert {origin for page, origin in cardiac if page == first_page} == {"caption"}
    assert {origin for page, origin in cardiac if page > first_page} == {"carried"}
    assert len({page for page, _ in cardiac}) >= 3, "the long table should run over three pages"
    assert {origin for _, origin in by_page["GEMS_CT_HINO_01"]} == {"carried"}, (
        "caption alone on its page"
    )


def _page(record: Record) -> int:
    return int(record.source.rsplit("#p", 1)[1])


@pytest.mark.parametrize("style", ["ruled", "double"])
def test_double_rules_make_padding_columns_that_are_dropped(style: str, tmp_path: Path) -> None:
    pdf_path = build(LAYOUTS["caption_paren"](style), tmp_path / "t.pdf")
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        raw = page.find_tables()[0].extract()
        tables, _ = read_page(page, None)
    assert len(raw[0]) == (11 if style == "double" else 5), "what pdfplumber itself sees"
    ruled = [t for t in tables if hasattr(t, "ruled")]
    assert ruled and all(t.ruled for t in ruled)
    assert {len(row) for t in ruled for row in t.rows} == {5}


@pytest.mark.parametrize("style", ["hrules", "borderless"])
def test_tables_without_vertical_rules_are_read_by_their_header(style: str, tmp_path: Path) -> None:
    pdf_path = build(LAYOUTS["caption_paren"](style), tmp_path / "t.pdf")
    with pdfplumber.open(pdf_path) as pdf:
        blocks, columns = read_page(pdf.pages[0], None)
    tables = [b for b in blocks if hasattr(b, "ruled")]
    assert tables and not any(t.ruled for t in tables)
    assert columns is not None and len(columns.starts) == 5
