"""A 150-page statement: the screen keeps the pages with private tags, and only those are extracted."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import scoring
from layouts import statement
from pdfgen import Doc

from scraper import FileResult, scrape_file
from scraper.screen import continues_split_table, page_may_hold_private_tags, screen


@pytest.fixture(scope="module")
def long_statement(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Doc, FileResult]:
    path = tmp_path_factory.mktemp("statement") / "statement.pdf"
    doc = statement(path, pages=150)
    return path, doc, scrape_file(path)


def test_precision_and_recall(long_statement: tuple[Path, Doc, FileResult]) -> None:
    _, doc, result = long_statement
    score = scoring.score("statement-150p", "mixed", doc.truths(), result.records)
    assert score.precision >= 0.98 and score.recall >= 0.98, score.explain()
    assert sorted(r.reason for r in result.rejects) == sorted(doc.rejects())


def test_screen_keeps_the_table_pages_only(long_statement: tuple[Path, Doc, FileResult]) -> None:
    path, _, result = long_statement
    kept = screen(path.read_bytes(), path).keep
    assert result.pages == 150
    assert len(kept) < 40, "prose pages must be screened out"
    pages_with_records = {int(r.source.rsplit("#p", 1)[1]) for r in result.records}
    assert pages_with_records <= {i + 1 for i in kept}
    assert len(pages_with_records) >= 15


def test_records_name_the_page_they_are_printed_on(
    long_statement: tuple[Path, Doc, FileResult],
) -> None:
    path, _, result = long_statement
    pdf = pdfium.PdfDocument(path)
    try:
        texts = {}
        checked = 0
        for record in result.records:
            if any(ch.isspace() for ch in record.tag):
                continue  # a wrapped or spaced tag is not one string in the page text
            page = int(record.source.rsplit("#p", 1)[1])
            if page not in texts:
                texts[page] = pdf[page - 1].get_textpage().get_text_range()
            # Split group and element columns print as "0027 xx0C" in the page text.
            assert record.tag in texts[page] or record.tag.replace(",", " ") in texts[page], (
                record.tag,
                page,
            )
            checked += 1
        assert checked > 300
    finally:
        pdf.close()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("(0019,xx08) Cell Spacing", True),
        ("0009, xx01", True),
        ("(0033xx50)", True),
        ("0019 xx08", True),
        ("(0019,10\r\n13)", True),
        ('Private Creator: "X"', True),
        ("0019,1000 ... 0019,100F", True),
        ("SIEMENS MED NM (7FE3:1014) Minimum pixel in frame", True),
        ("(F001:F103)", True),
        ("(0008:0016) SOP Class UID", False),
        ("(0008,0016) SOP Class UID (0010,0010) Patient", False),
        ("(0007,xx10)", False),
        ("Released in 2019, 10 units sold", False),
        ("Page 7 of 150", False),
    ],
)
def test_screen_text_rule(text: str, kept: bool) -> None:
    assert page_may_hold_private_tags(text) is kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("1004 Name US\r\n1005 Other SS\r\n1006 Third LO", True),
        # two-digit elements: pdfium may print the element and the VR on different lines
        (
            "60\r\nSlice Stack\r\nSQ 1 2C\r\n61 Slice Fix\r\nMatrix US 1\r\n62 Depth US 1\r\n67 Orient UL 1",
            True,
        ),
        ("10 units were sold\r\n20 more in 2020\r\n30 per site\r\n40 sites in total", False),
        ("Page 7 of 150", False),
    ],
)
def test_screen_keeps_a_page_going_on_with_a_group_element_table(text: str, kept: bool) -> None:
    assert continues_split_table(text) is kept
