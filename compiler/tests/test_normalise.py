import pytest
from dicom_map_compiler.normalise import (
    PrivateKey,
    PublicKey,
    Reject,
    RepeaterKey,
    Row,
    fold_creator,
    normalise,
    normalise_creator,
    normalise_vm,
)
from dicom_map_compiler.rows import RawRow


def raw(group, element, creator=None, vr="LO", vm="1", name="A Name", keyword=""):
    return RawRow("test", "doc", "line 1", group, element, creator, vr, vm, name, keyword)


def test_public_exact_and_masks():
    assert normalise(raw("0010", "0010")).key == PublicKey(0x00100010)
    assert normalise(raw("60xx", "3000")).key == RepeaterKey(0xFF00FFFF, 0x60003000)
    assert normalise(raw("0028", "04x0")).key == RepeaterKey(0xFFFFFF0F, 0x00280400)
    assert normalise(raw("1010", "xxxx")).key == RepeaterKey(0xFFFF0000, 0x10100000)


def test_private_spellings():
    r = normalise(raw("0019", "xx0C", "SIEMENS MR HEADER "))
    assert isinstance(r, Row)
    assert r.key == PrivateKey(0x0019, 0xFFFF, "SIEMENSMRHEADER", 0x0C, 0)
    assert r.creator == "SIEMENS MR HEADER"
    fixed = normalise(raw("00E1", "1021", "ELSCINT1"))
    assert fixed.key == PrivateKey(0x00E1, 0xFFFF, "ELSCINT1", 0x21, 0x10)
    caret = normalise(raw("0029", "xx01", "TOSHIBA_MEC_MR3^12"))
    assert caret.key == PrivateKey(0x0029, 0xFFFF, "TOSHIBA_MEC_MR3", 0x01, 0x12)
    assert caret.creator == "TOSHIBA_MEC_MR3"
    rep = normalise(raw("70xx", "xx04", "DLX_ANNOT_01"))
    assert rep.key == PrivateKey(0x7000, 0xFF00, "DLX_ANNOT_01", 0x04, 0)


@pytest.mark.parametrize(
    "row,reason",
    [
        (raw("0003", "xx01", "ACME"), "group 0003 is reserved"),
        (raw("0032", "xx01", "ACME"), "not private"),
        (raw("FFFF", "xx01", "ACME"), "not private"),
        (raw("0019", "0010", "ACME"), "creator reservation row"),
        (raw("0019", "10xx", "ACME"), "creator reservation row"),
        (raw("0019", "xx01", "Private Creator"), "placeholder creator"),
        (raw("0019", "xx01", "  "), "placeholder creator"),
        (raw("0019", "xx01", "Anon"), "placeholder creator"),
        (raw("0019", "xx01", "ACME", vr="LD"), "not a VR"),
        (raw("0019", "xx01", "ACME", vr="US (VM=4)"), "not a VR"),
        (raw("0019", "xx01", "ACME", vr="SW"), "not a VR"),
        (raw("0019", "1101", "ACME^12"), "contradicts"),
        (raw("0019", "zz01", "ACME"), "bad tag spelling"),
        (raw("0011", "0005"), "without a private creator"),
    ],
)
def test_rejections_carry_their_reason(row, reason):
    out = normalise(row)
    assert isinstance(out, Reject), out
    assert reason in out.reason


def test_placeholder_names_never_count():
    for name in ("?", "Unknown", "Private data", "", "  unknown  "):
        assert normalise(raw("0019", "xx01", "ACME", name=name)).name == ""
    assert normalise(raw("0019", "xx01", "ACME", name="Real  Name ")).name == "Real Name"


def test_creator_and_vm_spelling():
    assert normalise_creator("  GEMS_ACQU_01\x00 ") == "GEMS_ACQU_01"
    assert fold_creator("Siemens  mr\tHeader\x00") == "SIEMENSMRHEADER"
    assert fold_creator("ünï") == "üNï"  # only ASCII letters change case
    assert normalise_vm("1 - n") == "1-n"
    assert normalise_vm("2-2N") == "2-2n"
    assert normalise_vm("one") == ""
