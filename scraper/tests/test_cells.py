"""Cell text: wrapped lines joined, hyphenated wraps mended, padding columns and rows dropped."""

from __future__ import annotations

import pytest

from scraper.cells import drop_padding, join_compact, join_text, strip_quotes


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["Acquisi-", "tion Matrix"], "Acquisition Matrix"),
        (["Time-", "Stamp"], "Time-Stamp"),
        (["Value -", "see below"], "Value - see below"),
        (["Number of", "Cells"], "Number of Cells"),
        (["Recon\u00ad", "struction"], "Reconstruction"),
        (["  \ufb01eld  strength ", ""], "field strength"),
        (["1 -", "n"], "1 - n"),
    ],
)
def test_join_text(lines: list[str], text: str) -> None:
    assert join_text(lines) == text


def test_join_compact_keeps_wrapped_digits_together() -> None:
    assert join_compact(["(0019,10", "13)"]) == "(0019,1013)"
    assert join_compact(["0009,", " xx01"]) == "0009,xx01"


def test_strip_quotes() -> None:
    assert strip_quotes(' "SIEMENS MR HEADER" ') == "SIEMENS MR HEADER"
    assert strip_quotes("\u201c\u2018GEMS\u2019\u201d") == "GEMS"
    assert strip_quotes("O'BRIEN") == "O'BRIEN"


def test_drop_padding_removes_empty_columns_and_rows() -> None:
    grid = [
        [[], ["Tag"], [], ["VR"], []],
        [[], [], [], [], []],
        [[], ["(0019,xx01)"], [""], ["US"], []],
    ]
    assert drop_padding(grid) == [[["Tag"], ["VR"]], [["(0019,xx01)"], ["US"]]]
