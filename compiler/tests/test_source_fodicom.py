"""fo-dicom's private dictionary, read from the shared sources (real data, commit 1b92c59)."""

import json
from collections import Counter

import pytest
from dicom_map_compiler.rows import RawRow
from dicom_map_compiler.sources import fodicom
from sourcedata import SHARED, find


@pytest.fixture(scope="module")
def rows():
    assert SHARED.is_dir(), f"shared sources missing: {SHARED}"
    out = list(fodicom.read(SHARED))
    assert all(isinstance(r, RawRow) for r in out)
    return out


def test_counts_and_no_tag_lost(rows):
    text = (SHARED / "fo-dicom" / "Private Dictionary.xml").read_text(encoding="utf-8")
    assert len(rows) == text.count("<tag ") == 4567
    assert len({r.creator for r in rows}) == 227
    assert Counter(r.element.startswith("xx") for r in rows) == {True: 4477, False: 90}


def test_inherited_creator_and_name(rows):
    r = rows[0]
    assert (r.group, r.element, r.creator, r.vr, r.vm, r.name, r.locator) == (
        "0011",
        "xx10",
        "MED NM",
        "UN",
        "1",
        "Unknown",
        "line 4",
    )
    r = find(rows, group="0019", element="xx0F", creator="MED NM")
    assert r.name == "Unknown"


def test_full_elements_decided(rows):
    notes = Counter(n.split(": ", 1)[1] for r in rows for n in r.notes)
    assert notes == {"creator uses blocks 10,11,12 here, block-specific": 88, "fixed block 10": 2}
    r = find(rows, group="0019", element="1000", creator="PHILIPS MR R5.5/PART")
    assert (r.vr, r.vm, r.name) == ("DS", "1", "Field Of View")
    r = find(rows, group="0019", element="1101", creator="PHILIPS MR/PART")
    assert (r.vr, r.vm, r.name) == ("IS", "1-n", "Stack Type")
    r = find(rows, group="0021", element="1221", creator="PHILIPS MR/PART")
    assert r.name == "Slice Gap"
    # the same creator's xx rows are untouched
    assert find(rows, group="0019", element="xx10", creator="PHILIPS MR/PART").name == "Unknown"


@pytest.mark.parametrize(
    "element,blocks,has_xx,expected",
    [
        ("1005", {"10", "11"}, True, "1005"),  # several blocks: block-specific
        ("1005", {"10"}, True, "xx05"),  # BBEE written for xxEE
        ("1005", {"10"}, False, "1005"),  # nothing says it is a block offset
        ("1105", {"11"}, True, "1105"),  # not the first block
        ("0005", set(), True, "xx05"),
    ],
)
def test_full_element_rule(element, blocks, has_xx, expected):
    assert fodicom.decide_full_element(element, blocks, has_xx)[0] == expected


def test_rule_applied_per_creator_and_group(tmp_path):
    (tmp_path / "fo-dicom").mkdir()
    (tmp_path / "fo-dicom" / "Private Dictionary.xml").write_text(
        '<dictionaries><dictionary creator="ACME 1">'
        '<tag group="0029" element="xx01" vr="LO" vm="1">A</tag>'
        '<tag group="0029" element="1002" vr="LO" vm="1">B</tag>'
        '<tag group="0031" element="1002" vr="LO" vm="1">C</tag>'
        "</dictionary></dictionaries>",
        encoding="utf-8",
    )
    got = [(r.group, r.element, r.name) for r in fodicom.read(tmp_path)]
    assert got == [("0029", "xx01", "A"), ("0029", "xx02", "B"), ("0031", "1002", "C")]


def test_source_matches_manifest():
    manifest = json.loads((SHARED / "MANIFEST.json").read_text())["sources"]["fo-dicom"]
    assert fodicom.SOURCE["commit"] == manifest["commit"]
