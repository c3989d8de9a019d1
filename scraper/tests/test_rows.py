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


def test_group_element_table_going_on_without_its_empty_group_column() -> None:
    reader = RowReader("t.pdf", "0" * 64)
    first = [
        [["Group"], ["Element"], ["Name"], ["VR"]],
        [["0019"], ["0010"], ["GEMS_ACQU_01"], ["LO"]],
        [["0019"], ["1002"], ["Cell Number"], ["SL"]],
    ]
    # next page: the ruled grid lost the group column, every group cell being empty
    second = [[["1003"], ["Cell Spacing"], ["DS"]], [["1004"], ["Cell Width"], ["DS"]]]
    reader.read(Table(rows=first, ruled=True, top=0.0), 1)
    reader.read(Table(rows=second, ruled=True, top=0.0), 2)
    reader.finish()
    got = [(r.group, r.element, r.block, r.name, r.creator) for r in reader.records]
    assert got == [
        (0x19, 0x02, 0x10, "Cell Number", "GEMS_ACQU_01"),
        (0x19, 0x03, 0x10, "Cell Spacing", "GEMS_ACQU_01"),
        (0x19, 0x04, 0x10, "Cell Width", "GEMS_ACQU_01"),
    ]
