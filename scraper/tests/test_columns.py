"""Header texts to column roles; header rows told from data rows; roles guessed without a header."""

from __future__ import annotations

import pytest

from scraper.columns import Role, header_roles, infer_roles, role_of


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Tag", Role.TAG),
        ("Attribute Tag", Role.TAG),
        ("(Group,Element)", Role.TAG),
        ("Group", Role.GROUP),
        ("Element", Role.ELEMENT),
        ("Attribute Name", Role.NAME),
        ("Tag Name", Role.NAME),
        ("Name", Role.NAME),
        ("VR", Role.VR),
        ("Value Representation", Role.VR),
        ("VM", Role.VM),
        ("VR/VM", Role.VRVM),
        ("Private Owner Code", Role.CREATOR),
        ("DICOM Private\nCreator", Role.CREATOR),
        ("Attribute Description", Role.DESCRIPTION),
        ("Comments", Role.DESCRIPTION),
        ("Value", Role.VALUE),
        ("Type", Role.TYPE),
        ("Presence of Value", Role.TYPE),
        ("Requirement", Role.TYPE),
        ("Defined Terms", Role.VALUE),
        ("Enumerated Values", Role.VALUE),
    ],
)
def test_role_of(header: str, role: Role) -> None:
    assert role_of(header) is role


def test_header_rows() -> None:
    assert header_roles(["Tag", "Name", "VR", "VM"]) == [Role.TAG, Role.NAME, Role.VR, Role.VM]
    assert header_roles(["Group", "Element", "Name"]) == [Role.GROUP, Role.ELEMENT, Role.NAME]
    assert header_roles(["(0019,0010)", "Private Creator", "LO", "1"]) is None, (
        "a creator row is data"
    )
    assert header_roles(["Name", "Description"]) is None, "no tag column"
    assert header_roles(["Tag", "Tag", "VR"]) == [Role.TAG, Role.OTHER, Role.VR]


def test_roles_inferred_from_cells() -> None:
    rows = [["(0019,xx01)", "Cell Spacing", "DS", "1"], ["(0019,xx02)", "Table Speed", "FL", "1-n"]]
    assert infer_roles(rows) == [Role.TAG, Role.NAME, Role.VR, Role.VM]
    assert infer_roles([["0019", "xx01", "Cell Spacing"], ["0019", "xx02", "Speed"]])[:2] == [
        Role.GROUP,
        Role.ELEMENT,
    ]
    assert infer_roles([["Some", "prose"]]) is None
