"""Tag notations: every spelling vendors use, ranges, creator rows, and the reasons for refusing."""

from __future__ import annotations

import pytest

from scraper.errors import TagSyntaxError
from scraper.tags import Reservation, Tag, Tags, is_complete, is_tag_start, read_cell


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("(0019,xx08)", Tag(0x19, 0x08, None)),
        ("(0019,yy08)", Tag(0x19, 0x08, None)),
        ("(0019,XX08)", Tag(0x19, 0x08, None)),
        ("0009, xx01", Tag(0x09, 0x01, None)),
        ("0019,1010", Tag(0x19, 0x10, 0x10)),
        ("(0019, 10 10)", Tag(0x19, 0x10, 0x10)),
        ("(0033xx50)", Tag(0x33, 0x50, None)),
        ("(0019,10\n13)", Tag(0x19, 0x13, 0x10)),
        ("(0029,xx0f)", Tag(0x29, 0x0F, None)),
        ("(7FE1,xx10)", Tag(0x7FE1, 0x10, None)),
        ("( 0019 , xx08 )", Tag(0x19, 0x08, None)),
    ],
)
def test_single_notations(text: str, tag: Tag) -> None:
    assert read_cell(text) == Tags((tag,))


@pytest.mark.parametrize(
    ("text", "first", "count"),
    [
        ("0019,1000 ... 0019,100F", Tag(0x19, 0x00, 0x10), 16),
        ("0019,1000 \u2026 0019,100F", Tag(0x19, 0x00, 0x10), 16),
        ("(0019,xx20)-(0019,xx23)", Tag(0x19, 0x20, None), 4),
        ("(0019,xx20) \u2013 (0019,xx23)", Tag(0x19, 0x20, None), 4),
        ("(0021,1010) to (0021,1013)", Tag(0x21, 0x10, 0x10), 4),
        ("(0019,xx40-xx47)", Tag(0x19, 0x40, None), 8),
    ],
)
def test_ranges_expand_to_one_tag_per_element(text: str, first: Tag, count: int) -> None:
    cell = read_cell(text)
    assert isinstance(cell, Tags)
    assert cell.tags[0] == first and len(cell.tags) == count
    assert [t.element for t in cell.tags] == list(range(first.element, first.element + count))
    assert {t.block for t in cell.tags} == {first.block}


@pytest.mark.parametrize(
    ("text", "reservation"),
    [
        ("(0029,0010)", Reservation(0x29, 0x10)),
        ("(0029,0011)", Reservation(0x29, 0x11)),
        ("(0043,00xx)", Reservation(0x43, None)),
        ("0019,00FF", Reservation(0x19, 0xFF)),
    ],
)
def test_creator_rows_are_reservations_not_tags(text: str, reservation: Reservation) -> None:
    assert read_cell(text) == reservation


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("(0008,0016)", "group is not private"),
        ("(0010,1010)", "group is not private"),
        ("(0007,xx10)", "group is not private"),
        ("(FFFF,xx10)", "group is not private"),
        ("(0019,xx0G)", "not a tag notation"),
        ("(0019,0000)", "elements 0000-000F"),
        ("(0019,0110)", "elements 0100-0FFF are reserved"),
        ("(0019,10xx)", "a whole block"),
        ("(0019,xxxx)", "no fixed digits"),
        ("(0019,x108)", "mixed wildcard"),
        ("(0019,1000)-(0021,100F)", "range spans two groups"),
        ("(0019,1000)-(0019,110F)", "range spans two blocks"),
        ("(0019,xx0F)-(0019,xx01)", "range is empty or reversed"),
        ("(0019,0010)-(0019,0012)", "range of private creator rows"),
        ("see note 3", "not a tag notation"),
    ],
)
def test_refusals_say_why(text: str, reason: str) -> None:
    with pytest.raises(TagSyntaxError) as caught:
        read_cell(text)
    assert reason in caught.value.reason


def test_a_wrapped_tag_is_a_start_but_not_complete() -> None:
    assert is_tag_start("(0019,10") and not is_complete("(0019,10")
    assert is_tag_start("0019,1000 ...") and not is_complete("0019,1000 ...")
    assert is_complete("(0019,1013)") and is_complete("0019,1000 ... 0019,100F")
    assert not is_tag_start("2019 was a good year") and not is_tag_start("13)")
