"""GDCM's private-dictionary XML files, read from the shared sources (real data, commit 2cd05d1)."""

import re
from collections import Counter

from dicom_map_compiler.rows import RawRow
from dicom_map_compiler.sources import gdcm_xml
from sourcedata import SHARED, find


def rows_by_file():
    assert SHARED.is_dir(), f"shared sources missing: {SHARED}"
    out = {}
    for r in gdcm_xml.read(SHARED):
        assert isinstance(r, RawRow), r
        out.setdefault(r.document, []).append(r)
    return out


def test_counts_per_file():
    counts = {doc: len(rows) for doc, rows in rows_by_file().items()}
    assert counts == {
        "gdcm/privatedicts.xml": 10504,
        "gdcm/HarvestedPrivate.xml": 2865,
        "gdcm/Siemens.xml": 47,
        "gdcm/Agfa.xml": 23,
        "gdcm/vital.xml": 10,
    }


def test_no_entry_lost():
    """Every <entry> of a file is a row, except those GDCM itself commented out."""
    by = rows_by_file()
    commented = 0
    for name in gdcm_xml.FILES:
        text = (SHARED / "gdcm" / name).read_text(encoding="utf-8")
        in_comments = sum(c.count("<entry") for c in re.findall(r"<!--.*?-->", text, re.DOTALL))
        assert len(by[f"gdcm/{name}"]) == text.count("<entry") - in_comments
        commented += in_comments
    assert commented == 15


def test_csa_header_is_not_read():
    assert "CSAHeader.xml" in gdcm_xml.SKIPPED
    assert not any("CSAHeader" in f for f in gdcm_xml.SOURCE["files"])


def test_block_offset_written_00ee():
    rows = rows_by_file()["gdcm/privatedicts.xml"]
    r = find(rows, group="0021", element="xx10", creator="SIEMENS MR FMRI")
    assert (r.vr, r.vm, r.name, r.locator) == ("SQ", "1", "?", "line 14")
    assert r.notes == ("element written 0010: GDCM's block-offset spelling",)
    # a ^NN block suffix is kept for normalise
    r = find(rows, group="0011", element="xx07", creator="TOSHIBA_MEC_MR3^10")
    assert (r.vr, r.vm) == ("US", "1-n")
    assert sum(1 for r in rows if r.notes and "block-offset spelling" in r.notes[0]) == 1627


def test_spellings_passed_through():
    rows = rows_by_file()["gdcm/privatedicts.xml"]
    assert Counter(r.element.startswith("xx") for r in rows) == {True: 10493, False: 11}
    # creator reservation rows are emitted for normalise to reject
    r = find(rows, group="0019", element="10xx", creator="GEMS_ACQU_01")
    assert (r.vr, r.vm, r.name) == ("LO", "1", "Private Element Creator")
    # repeating private groups
    r = find(rows, group="60xx", element="xxC0", creator="PAPYRUS 3.0")
    assert (r.vr, r.vm, r.name) == ("SQ", "1", "UIN Overlay Sequence")
    assert (
        find(rows, group="70xx", element="xx04", creator="DLX_ANNOT_01").name == "Text_annotation"
    )
    # multi-VR spellings as GDCM writes them
    assert {r.vr for r in rows} >= {"US_SS", "OB_OW"}
    # an XML-escaped name comes back unescaped
    assert (
        find(rows, group="4101", element="xx01", creator="Applicare/Print/Version 5.1").name
        == "<internal"
    )


def test_harvested_rows_have_no_name():
    rows = rows_by_file()["gdcm/HarvestedPrivate.xml"]
    assert all(r.name == "" for r in rows)
    r = find(
        rows, group="0011", element="xx10", creator="        MED NM"
    )  # creator kept as written
    assert (r.vr, r.vm, r.locator) == ("UN", "1", "line 20")


def test_reference_documents_noted():
    by = rows_by_file()
    r = find(by["gdcm/vital.xml"], group="5653", element="00xx", creator="VITREA")
    assert r.name == "Private Creator"
    assert r.notes == ("from http://www.vitalimages.com/Resources/Documents/dicomconformance.pdf",)
    r = find(by["gdcm/Siemens.xml"], group="0029", element="xx08", creator="SIEMENS CSA HEADER")
    assert (r.vr, r.vm, r.name) == ("CS", "1", "CSA Image Header Type")


def test_source_matches_manifest():
    import json

    manifest = json.loads((SHARED / "MANIFEST.json").read_text())["sources"]["gdcm"]
    assert gdcm_xml.SOURCE["commit"] == manifest["commit"]
    for f in gdcm_xml.SOURCE["files"]:
        assert f.removeprefix("gdcm/") in manifest["files"]
