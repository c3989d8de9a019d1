"""Cell text: wrapped lines joined, hyphenated wraps mended, padding columns and rows dropped."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from scraper.cells import drop_padding, join_compact, join_text, mark_broken, strip_quotes


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


@dataclass
class _W:
    text: str
    x0: float
    x1: float


def _line(*words: tuple[str, float]) -> list[_W]:
    out, x = [], 0.0
    for text, width in words:
        out.append(_W(text, x, x + width))
        x += width + 3
    return out


def test_mark_broken_joins_a_word_cut_by_a_narrow_cell() -> None:
    # "GEMS_AC" fills the cell and "QU_01" goes on: one word the cell was too narrow for
    marked = mark_broken([_line(("GEMS_AC", 40.0)), _line(("QU_01", 30.0))], 40.0)
    assert join_text(marked, broken=True) == "GEMS_ACQU_01"


def test_mark_broken_keeps_a_capitalised_next_word_apart() -> None:
    # "SPI-P-CDS-DSI" is the widest line, but "Release" starts a word of its own
    marked = mark_broken(
        [_line(("SPI-P-CDS-DSI", 40.0)), _line(("Release", 30.0), ("1", 5.0))], 40.0
    )
    assert join_text(marked, broken=True) == "SPI-P-CDS-DSI Release 1"
