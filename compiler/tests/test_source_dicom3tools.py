"""dicom3tools' .tpl dictionaries, read from the shared sources (real data, commit 72beb60)."""

import json
from collections import Counter

import pytest
from dicom_map_compiler.rows import RawRow
from dicom_map_compiler.sources import dicom3tools
from sourcedata import SHARED, find


@pytest.fixture(scope="module")
def rows():
    assert SHARED.is_dir(), f"shared sources missing: {SHARED}"
    out = list(dicom3tools.read(SHARED))
    assert all(isinstance(r, RawRow) for r in out)
    return out


def test_counts(rows):
    counts = Counter(r.document.removeprefix("dicom3tools/") for r in rows)
    assert counts == {
        "dicom3.tpl": 4897,
        "diconde.tpl": 294,
        "dicondep.tpl": 146,
        "dicos.tpl": 88,
        "siemens.tpl": 3248,
        "other.tpl": 2565,
        "gems.tpl": 2297,
        "philips.tpl": 2036,
        "elscint.tpl": 284,
        "toshiba.tpl": 265,
        "hitachi.tpl": 208,
        "agfa.tpl": 185,
        "isg.tpl": 121,
        "acuson.tpl": 100,
        "papyrus.tpl": 59,
        "camtron.tpl": 33,
        "picker.tpl": 24,
        "spi.tpl": 23,
    }
    assert sum(1 for r in rows if r.creator is None) == 4897 + 294 + 88
    assert len({r.creator for r in rows if r.creator}) == 534


def test_no_line_lost(rows):
    for name in dicom3tools.FILES:
        lines = (SHARED / "dicom3tools" / name).read_text(encoding="utf-8").splitlines()
        entries = [ln for ln in lines if ln.strip() and not ln.strip().startswith("#")]
        assert all(ln.startswith("(") for ln in entries)
        assert len(entries) == sum(1 for r in rows if r.document == f"dicom3tools/{name}")


def test_private_block_offset_and_keyword(rows):
    r = find(
        rows, document="dicom3tools/gems.tpl", group="0009", element="xx01", creator="GEMS_PETD_01"
    )
    assert (r.vr, r.vm, r.name, r.keyword, r.retired, r.locator, r.notes) == (
        "LO",
        "2",
        "Implementation Version Name",
        "ImplementationVersionName",
        False,
        "line 1",
        (),
    )


def test_private_block(rows):
    r = find(rows, group="0019", element="1000", creator="PHILIPS MR R5.5/PART")
    assert (r.vr, r.name, r.keyword) == ("DS", "Field of View", "FieldOfView")
    assert r.notes == ("PrivateBlock=0010: holds only in block 10",)
    r = find(rows, group="0019", element="1101", creator="PHILIPS MR/PART")
    assert (r.vr, r.vm, r.name, r.description) == (
        "IS",
        "1-n",
        "Stack Type",
        "DefinedTerms: 0=Par,1=Rad,2=Vol",
    )
    assert find(rows, group="0009", creator="PHILIPS MR/PART 12").element == "2110"
    assert Counter(
        r.element[:2] for r in rows if any(n.startswith("PrivateBlock") for n in r.notes)
    ) == {"10": 117, "11": 37, "12": 5, "21": 1}


def test_full_private_elements_kept(rows):
    full = [
        r for r in rows if any(n.startswith("private element written in full") for n in r.notes)
    ]
    assert sorted((r.group, r.element, r.creator) for r in full) == [
        ("0019", "1000", "CureMetrix"),
        ("0019", "1027", "DLX_SERIE_01"),
        ("0019", "1028", "DLX_SERIE_01"),
        ("0045", "0111", "GEMS_IT_US_REPORT"),
        ("0045", "0112", "GEMS_IT_US_REPORT"),
        ("0045", "0113", "GEMS_IT_US_REPORT"),
        ("0051", "1001", "GEMS_CT_VES_01"),
    ]


def test_text_quirks_repaired(rows):
    r = find(rows, document="dicom3tools/philips.tpl", locator="line 1184")
    assert (r.creator, r.element, r.keyword, r.name) == (
        "PHILIPS MR IMAGING DD 001",
        "xx27",
        "PackageMode",
        "Package Mode",
    )
    assert r.notes == ("field KKeyword= read as Keyword=",)
    r = find(rows, document="dicom3tools/other.tpl", locator="line 2346")
    assert (r.creator, r.group, r.element, r.name) == (
        "UCSF MRSC Fitting PRIVATE CREATOR 011911xx",
        "0119",
        "xx41",
        "Gradient Matrix",
    )
    assert r.notes == ("Name= value has no closing quote",)
    r = find(rows, document="dicom3tools/dicom3.tpl", group="0012", element="0071")
    assert r.name == "Clinical Trial Series ID" and "stray text" in r.notes[0]
    r = find(rows, document="dicom3tools/gems.tpl", group="0051", element="xx0C")
    assert r.notes[0].startswith("trailing comment: # in MRI")


def test_public_tables(rows):
    r = find(rows, document="dicom3tools/dicom3.tpl", group="0000", element="0001")
    assert (r.vr, r.keyword, r.retired, r.creator) == ("UL", "CommandLengthToEnd", True, None)
    assert find(rows, group="0020", element="31xx").keyword == "SourceImageIDs"
    assert find(rows, group="0028", element="04x0").retired
    assert find(rows, group="1010", element="xxxx").keyword == "ZonalMap"
    r = find(rows, document="dicom3tools/dicos.tpl", locator="line 1")
    assert (r.group, r.element, r.keyword) == ("0008", "0101", "ExtendedCodeValue")
    r = find(rows, document="dicom3tools/dicondep.tpl", locator="line 1")
    assert (r.group, r.element, r.creator, r.vm) == (
        "0011",
        "xx23",
        "astm.org/diconde/iod/Component",
        "1-n",
    )
    # repeating private groups keep their mask
    assert (
        find(rows, group="70xx", element="xx04", creator="DLX_ANNOT_01").keyword == "TextAnnotation"
    )


def test_vr_spellings(rows):
    vrs = Counter(r.vr for r in rows)
    for v in ("US or SS", "OW/OB", "US\\US or SS\\US", "US or OW", "XS", "NONE"):
        assert vrs[v] > 0, v


def test_source_matches_manifest():
    manifest = json.loads((SHARED / "MANIFEST.json").read_text())["sources"]["dicom3tools"]
    assert dicom3tools.SOURCE["commit"] == manifest["commit"]
    assert {f.removeprefix("dicom3tools/") for f in dicom3tools.SOURCE["files"]} == set(
        manifest["files"]
    )
