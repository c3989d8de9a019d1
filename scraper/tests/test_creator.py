"""Private creators from captions and reservation rows, quotes stripped; the state across pages."""

from __future__ import annotations

import pytest

from scraper.columns import Role, creator_shaped, holds_creators, one_creator_column
from scraper.creator import (
    CreatorState,
    clean,
    from_caption,
    from_reservation,
    from_unnamed_cells,
    goes_on,
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
        # where an unquoted creator applies is not part of it
        (
            "Private attributes use private creator SPI-P Release 1;6 in group 0029.",
            "SPI-P Release 1;6",
        ),
        ("Private Creator: ACME_RT_02 for groups 0019 and 0021", "ACME_RT_02"),
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


@pytest.mark.parametrize(
    ("caption", "creator"),
    [
        ("Private Tags (\u201dDR Systems, Inc.\u201d)", "DR Systems, Inc."),
        ('Private Group 0019: "GEMS_ACQU_01"', "GEMS_ACQU_01"),
        ("Private Tags (continued)", None),
        ("Private Attributes (Table 5)", None),
        (
            "Private Creator \u201dUCSF BIRP PRIVATE CREATOR 011710xx\u201d",
            "UCSF BIRP PRIVATE CREATOR 011710xx",
        ),
        (
            "Private Creator Code UCSF BIRP PRIVATE CREATOR 011710xx",
            "UCSF BIRP PRIVATE CREATOR 011710xx",
        ),
        ("Name Private Owner Element Value VM Presence Defined Notes", None),
    ],
)
def test_titles_and_creators_that_hold_the_keyword(caption: str, creator: str | None) -> None:
    assert from_caption(caption) == creator


@pytest.mark.parametrize(
    "line",
    [
        "These data elements are identified by the Private Creator Data Element value",
        "Private Creator \u201dUCSF BIRP PRIVATE CREATOR",  # one-sided curly quotes, wrapped
        "Private Creator:",
    ],
)
def test_a_creator_statement_goes_on_on_the_next_line(line: str) -> None:
    assert goes_on(line)
    assert not goes_on('Private Creator: "AGFA", which the product writes.')


def test_a_mention_inside_the_value_is_part_of_it() -> None:
    assert from_reservation("UCSF BIRP PRIVATE CREATOR 011710xx", "", "") == (
        "UCSF BIRP PRIVATE CREATOR 011710xx"
    )
    assert from_reservation("", "Private Creator = GEMS_PARM_01", "") == "GEMS_PARM_01"
    # one description column per cell: the value and a remark in two columns are not one creator
    assert from_reservation(
        "", "Siemens: Thorax/Multix FD", "Reserves the (0021,10xx) Range", ""
    ) == ("Siemens: Thorax/Multix FD")


@pytest.mark.parametrize(
    ("text", "creator"),
    [
        ("SIEMENS MED OCS TABLE OFFSET", "SIEMENS MED OCS TABLE OFFSET"),
        ("ATL PRIVATE TAGS", "ATL PRIVATE TAGS"),
        ("ATL HDI V1.0 ATL Private Scaling Tags", None),
        ("CONTINUED", None),
        ("Table 5", None),
    ],
)
def test_caption_words_in_capitals_belong_to_the_creator(text: str, creator: str | None) -> None:
    assert clean(text) == creator


def test_nearest_evidence_first() -> None:
    state = CreatorState()
    state.caption("GEMS_ACQU_01", 1, 0x29)
    state.column("SIEMENS CSA HEADER", 1)
    wildcard = Tag(0x29, 0x08, None)
    assert state.lookup(wildcard, 1) == ("SIEMENS CSA HEADER", "column")
    state.reserve(0x29, None, "SIEMENS MEDCOM HEADER", 2)  # read after the column: nearer
    assert state.lookup(wildcard, 2) == ("SIEMENS MEDCOM HEADER", "reservation")
    state.column("SIEMENS CSA HEADER", 2)
    assert state.lookup(wildcard, 2) == ("SIEMENS CSA HEADER", "column")
    state.end_columns()  # a table without a creator column
    assert state.lookup(wildcard, 3) == ("SIEMENS MEDCOM HEADER", "carried")
    assert state.lookup(Tag(0x19, 0x08, None), 3) is None, "another group's creator row"


def test_unreadable_evidence_hides_older_evidence() -> None:
    state = CreatorState()
    state.caption("GEMS_ACQU_01", 1)
    state.column("SIEMENS CSA HEADER", 1)
    state.reserve(0x21, None, None, 1)  # a creator row whose creator could not be read
    assert state.lookup(Tag(0x21, 0x03, None), 1) is None
    assert state.lookup(Tag(0x23, 0x03, None), 1) == ("SIEMENS CSA HEADER", "column")
    state.reserve(0x29, 0x10, None, 1)
    assert state.lookup(Tag(0x29, 0x08, 0x10), 1) is None
    state.caption(None, 2)
    assert state.lookup(Tag(0x23, 0x03, None), 2) is None


@pytest.mark.parametrize(
    "value",
    [
        "GEMS_ACQU_01",
        "SIEMENS MR HEADER",
        "Philips Imaging DD 001",
        "astm.org/diconde/iod/NdeUsEquipment",
        "Canon Inc.",
        "HOLOGIC, Inc.",
        "Siemens: Thorax/Multix FD Lab Settings",
        "SIEMENS MED OCS NUMBER OF FRAMES",
    ],
)
def test_creator_shaped(value: str) -> None:
    assert creator_shaped(value)


@pytest.mark.parametrize(
    "value",
    [
        "Number of Frames",
        "Reference to Applicator Database",
        "0 = off, 1 = on",
        "in mm",
        "degrees",
        "YES, NO",
        "NONE, AXIAL",
        "Coordinate System",
        "GraphType",  # an attribute keyword
        "see description",
        "The value is set by the operator.",
    ],
)
def test_not_creator_shaped(value: str) -> None:
    assert not creator_shaped(value)


def test_header_less_creator_column_by_its_values() -> None:
    run = ["GEMS_ACQU_01", "", "", "SIEMENS MR HEADER", ""]
    assert holds_creators(run)
    assert holds_creators(["GEMS_ACQU_01"] * 3 + ["SIEMENS MR HEADER"] * 3)
    assert not holds_creators(["in mm", "in mm", "degrees", "degrees"])  # repeated values
    assert not holds_creators(["Number of Frames", "", "", "", ""])  # sparse names
    assert not holds_creators(["Cell Spacing", "Table Speed", "Tube Angle"])  # distinct names
    assert holds_creators(["GEMS_ACQU_01", "", "", ""])  # printed once, at the head of the run
    assert not holds_creators(["DatasetROIMapping", ""])  # one row: nothing shows a creator
    assert not holds_creators(["", "GEMS_ACQU_01", "", ""])
    competing = [Role.TAG, Role.CREATOR_BY_VALUES, Role.NAME, Role.CREATOR_BY_VALUES]
    assert one_creator_column(competing) == [
        Role.TAG,
        Role.DESCRIPTION,
        Role.NAME,
        Role.DESCRIPTION,
    ]
    assert one_creator_column(competing[:3]) == competing[:3]
