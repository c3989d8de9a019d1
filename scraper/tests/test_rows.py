"""The row reader on tables given as cells: rows continued over several printed rows."""

from __future__ import annotations

from scraper.columns import Role
from scraper.layout import Table
from scraper.rows import RowReader

ROLES = [Role.TAG, Role.NAME, Role.VR, Role.VM]


def _read(rows: list[list[list[str]]]) -> RowReader:
    reader = RowReader("t.pdf", "0" * 64)
    reader.read(Table(rows=rows, ruled=False, top=0.0, roles=ROLES), 1)
    reader.finish()
    return reader


def test_range_whose_end_is_printed_on_a_row_of_its_own() -> None:
    reader = _read(
        [
            [["(0021,0010)"], ["SIEMENS RA GEN"], ["LO"], ["1"]],
            [["(0021,", "105D) . . ."], ["Reserved"], ["US"], ["1"]],
            [[], ["for later use"], [], []],
            [["(0021, 1060)"], [], [], []],
            [["(0021,1070)"], ["Next"], ["SS"], ["1"]],
        ]
    )
    got = [(r.element, r.block, r.name, r.vr) for r in reader.records]
    assert got == [
        (0x5D, 0x10, "Reserved for later use", "US"),
        (0x5E, 0x10, "Reserved for later use", "US"),
        (0x5F, 0x10, "Reserved for later use", "US"),
        (0x60, 0x10, "Reserved for later use", "US"),
        (0x70, 0x10, "Next", "SS"),
    ]
    assert not reader.rejects


def test_range_without_its_end_is_rejected_with_the_reason() -> None:
    reader = _read(
        [
            [["(0021,0010)"], ["SIEMENS RA GEN"], ["LO"], ["1"]],
            [["(0021,105D) . . ."], ["Reserved"], ["US"], ["1"]],
        ]
    )
    assert not reader.records
    assert [r.reason for r in reader.rejects] == ["range without its end"]
