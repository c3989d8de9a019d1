"""VR and VM as vendors write them, alone or packed into a ``VR = FL, VM = 1`` phrase."""

from __future__ import annotations

import pytest

from scraper.vrvm import find_phrase, read_vm, read_vr


@pytest.mark.parametrize(
    ("text", "vr"),
    [
        ("US or SS", "US or SS"),
        ("US/SS", "US or SS"),
        ("us or\nss", "US or SS"),
        ("OB | OW", "OB or OW"),
        ("FL", "FL"),
        ("  LO ", "LO"),
        ("text", "text"),
        ("", ""),
    ],
)
def test_vr(text: str, vr: str) -> None:
    assert read_vr(text) == vr


@pytest.mark.parametrize(
    ("text", "vm"),
    [
        ("1", "1"),
        ("1 - n", "1-n"),
        ("1-N", "1-n"),
        ("2-2n", "2-2n"),
        ("1 -\nn", "1-n"),
        ("1-3", "1-3"),
        ("many", "many"),
    ],
)
def test_vm(text: str, vm: str) -> None:
    assert read_vm(text) == vm


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("VR = FL, VM = 1", ("FL", "1", "")),
        ("Slice spacing. VR = FL, VM = 1", ("FL", "1", "Slice spacing.")),
        ("VR = US or SS, VM = 1 - n", ("US or SS", "1-n", "")),
        ("(VR = DS, VM = 2-n) Pixel size", ("DS", "2-n", "Pixel size")),
        ("VR: LO", ("LO", "", "")),
        ("vr = zz", None),
        ("VR = FLOAT", None),
        ("no phrase here", None),
    ],
)
def test_phrase(text: str, found: tuple[str, str, str] | None) -> None:
    assert find_phrase(text) == found
