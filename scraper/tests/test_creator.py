"""Private creators from captions and reservation rows, quotes stripped; the state across pages."""

from __future__ import annotations

import pytest

from scraper.creator import (
    CreatorState,
    clean,
    from_caption,
    from_reservation,
    from_unnamed_cells,
)
from scraper.tags import Tag


@pytest.mark.parametrize(
    ("caption", "creator"),
    [
        ("Private Creator Identification (GEMS_XELPRV_01)", "GEMS_XELPRV_01"),
        ('Private Creator: "SIEMENS MR HEADER"', "SIEMENS MR HEADER"),
        ("Private Creator: \u201cSIEMENS CSA HEADER\u201d", "SIEMENS CSA HEADER"),
        ("Private Creator Code = \u2018SIEMENS MEDCOM HEADER\u2019", "SIEMENS MEDCOM HEADER"),
        ("Private Owner Code = TOSHIBA_MEC_CT3", "TOSHIBA_MEC_CT3"),
        ("Table 4-2 Private Creator (0019,0010): GEMS_ACQU_01", "GEMS_ACQU_01"),
        ("Private Data Element Creator: Philips Imaging DD 001", "Philips Imaging DD 001"),
        ("Private Creator: \u00abELSCINT1\u00bb", "ELSCINT1"),
        ("The private creator element identifies the vendor.", None),
        ("Tag Name VR VM Private Creator Description", None),
        ("Private Group 0029 Attributes", None),
    ],
)
def test_caption(caption: str, creator: str | None) -> None:
    assert from_caption(caption) == creator


@pytest.mark.parametrize(
    ("value", "description", "name", "creator"),
    [
        ("SIEMENS CSA HEADER", "", "Private Creator", "SIEMENS CSA HEADER"),
        ("", "GEMS_HELIOS_01", "Private Creator", "GEMS_HELIOS_01"),
        (
            "",
            "Private Creator Identification = \u201cGEMS_PARM_01\u201d",
            "Private Creator Data Element",
            "GEMS_PARM_01",
        ),
        ("", "Private creator of the block", "Private Creator", None),
        ("", "Creator = 'ACME_01'", "", "ACME_01"),
        ("", "", "GEMS_ACQU_01", "GEMS_ACQU_01"),
        ('"SIEMENS CSA"', "", "Private Creator Data Element", "SIEMENS CSA"),
        ("", "", "Private Creator", None),
        # a headerless table's value and description columns read as one description
        (
            "",
            "\u2018A.L.I. Technologies, Inc.\u2019 Private Creator",
            "Private Creator",
            "A.L.I. Technologies, Inc.",
        ),
    ],
)
def test_reservation(value: str, description: str, name: str, creator: str | None) -> None:
    assert from_reservation(value, description, name) == creator


@pytest.mark.parametrize(
    ("texts", "creator"),
    [
        # a headerless table: the Value column holding the creator was not named
        (
            ["1", "\u2018A.L.I. Technologies, Inc.\u2019", "Private Creator"],
            "A.L.I. Technologies, Inc.",
        ),
        (["3", '"SECTRA_Ident_01"', ""], "SECTRA_Ident_01"),
        (["1C", "GEMS_PARM_01", ""], "GEMS_PARM_01"),
        # Type, VM and empty cells are not creators; two unquoted candidates are not told apart
        (["1", "2C", "1-n", ""], None),
        (["3", "GEMS_PARM_01", "GEMS_ACQU_01"], None),
        (["see description", "0 - 4095"], None),
    ],
)
def test_unnamed_cells(texts: list[str], creator: str | None) -> None:
    assert from_unnamed_cells(texts) == creator


@pytest.mark.parametrize("fragment", ["V1.0\u2019", "Release 1\u201d", 'ACQU_01"'])
def test_clean_refuses_the_end_of_a_quote_opened_elsewhere(fragment: str) -> None:
    assert clean(fragment) is None
    assert from_reservation("", fragment, "Private Creator") is None


@pytest.mark.parametrize("words", ["Identification", "Element", "Data Element", "Code"])
def test_clean_refuses_header_words_alone(words: str) -> None:
    assert clean(words) is None


def test_clean_refuses_what_cannot_be_an_lo() -> None:
    assert clean(" \u201cPhilips Imaging DD 001\u201d ") == "Philips Imaging DD 001"
    assert clean("A" * 65) is None and clean("BAD\\NAME") is None and clean("\u201c\u201d") is None


def test_state_blocks_caption_and_carry() -> None:
    state = CreatorState()
    assert state.lookup(Tag(0x29, 0x08, 0x10), 1) is None
    state.reserve(0x29, 0x10, "SIEMENS CSA HEADER", 1)
    state.reserve(0x29, 0x11, "SIEMENS MEDCOM HEADER", 1)
    assert state.lookup(Tag(0x29, 0x08, 0x10), 1) == ("SIEMENS CSA HEADER", "reservation")
    assert state.lookup(Tag(0x29, 0x08, 0x11), 2) == ("SIEMENS MEDCOM HEADER", "carried")
    state.caption("GEMS_ACQU_01", 3)
    assert state.lookup(Tag(0x29, 0x08, 0x10), 3) == ("GEMS_ACQU_01", "caption"), (
        "a caption ends the blocks"
    )
    state.forget()
    assert state.lookup(Tag(0x19, 0x01, None), 9) is None
