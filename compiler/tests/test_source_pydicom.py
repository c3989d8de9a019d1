"""pydicom's dictionaries read as they are, key spellings translated right (real data: pydicom 3.0.2)."""

from collections import Counter

from dicom_map_compiler.rows import RawRow
from dicom_map_compiler.sources import pydicom_dict


def test_public_rows():
    rows = list(pydicom_dict.read_public())
    assert all(isinstance(r, RawRow) for r in rows)
    assert len(rows) == 5091 + 88
    by = {(r.group, r.element): r for r in rows}
    r = by[("0008", "0005")]
    assert (r.vr, r.vm, r.name, r.keyword, r.retired) == (
        "CS",
        "1-n",
        "Specific Character Set",
        "SpecificCharacterSet",
        False,
    )
    assert by[("60xx", "3000")].keyword == "OverlayData"
    assert by[("0028", "04x0")].keyword == "RowsForNthOrderCoefficients"
    assert by[("0028", "04x0")].retired


def test_private_key_spellings():
    rows = [r for r in pydicom_dict.read_private() if isinstance(r, RawRow)]
    assert len(rows) == 10545
    spell = Counter(
        "fixed" if r.element[:2] not in ("xx",) and "x" not in r.element else r.element[:2]
        for r in rows
    )
    assert spell["xx"] == 8839 + 1627 + 27  # ggggxxEE, gggg00EE and ggxxxxEE are all block offsets
    assert spell["fixed"] == 41
    canon = [
        r
        for r in rows
        if r.creator == "CANON_MEC_MR3" and r.group == "0029" and r.element == "xx01"
    ]
    assert canon and canon[0].name == "Other Private Data"  # written 00290001 by pydicom
    rep = [r for r in rows if r.creator == "DLX_ANNOT_01" and r.element == "xx04"]
    assert rep[0].group == "70xx"
    assert any(r.creator == "TOSHIBA_MEC_MR3^12" for r in rows)
