import pytest
from dicom_map_compiler import vr


@pytest.mark.parametrize(
    "text,expected",
    [
        ("US or SS", {"US", "SS"}),
        ("US_SS", {"US", "SS"}),
        ("XS", {"US", "SS"}),
        ("xs", {"US", "SS"}),
        ("OB or OW", {"OB", "OW"}),
        ("OB_OW", {"OB", "OW"}),
        ("ox", {"OB", "OW"}),
        ("OX", {"OB", "OW"}),
        ("px", {"OB", "OW"}),
        ("lt", {"US", "SS", "OW"}),
        ("LT", {"LT"}),
        ("US or SS or OW", {"US", "SS", "OW"}),
        ("up", {"UL"}),
        ("na", {"NONE"}),
        ("NONE", {"NONE"}),
        ("", set()),
        (" fl ", {"FL"}),
    ],
)
def test_spellings(text, expected):
    assert vr.parse_vr(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["LD", "SW", "US (VM=4)", "See Note", "NONE or US", "??"])
def test_not_a_vr(text):
    with pytest.raises(vr.BadVR):
        vr.parse_vr(text)


def test_bits_follow_the_spec_order():
    assert vr.vr_bits(frozenset({"AE"})) == 1
    assert vr.vr_bits(frozenset({"US", "SS"})) == (1 << 31) | (1 << 22)
    assert vr.vr_bits(frozenset({"UV"})) == 1 << 33
    assert vr.vr_bits(frozenset({"NONE"})) == 1 << 63
    assert vr.vr_text(frozenset({"US", "SS"})) == "US or SS"
    assert vr.vr_text(frozenset({"US", "SS", "OW"})) == "US or SS or OW"
    assert vr.vr_text(frozenset({"OB", "OW"})) == "OB or OW"
    assert vr.vr_text(frozenset()) == "UN"
