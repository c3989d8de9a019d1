"""Vendor dictionaries of dicom-private-dicts, each in its own format (real data, commit 1833fe7)."""

import json
from collections import Counter

import pytest
from dicom_map_compiler.rows import RawRow, Unreadable
from dicom_map_compiler.sources import vendor_dicts
from sourcedata import SHARED

BASE = SHARED / "dicom-private-dicts"


@pytest.fixture(scope="module")
def rows():
    assert BASE.is_dir(), f"shared sources missing: {BASE}"
    out: dict[str, list] = {}
    for r in vendor_dicts.read(SHARED):
        out.setdefault(r.source, []).append(r)
    return out


def one(rows, **kw):
    hits = [
        r for r in rows if isinstance(r, RawRow) and all(getattr(r, k) == v for k, v in kw.items())
    ]
    assert len(hits) == 1, (kw, hits)
    return hits[0]


def lines(rel, skip):
    text = (BASE / rel).read_bytes().decode("latin-1")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith(skip)]


def test_counts_and_no_line_lost(rows):
    counts = {s: Counter(type(r).__name__ for r in rs) for s, rs in rows.items()}
    assert counts == {
        "siemens-syngo-pfl": {"RawRow": 3758},
        "siemens-syngo-fv": {"RawRow": 3677},
        "philips-r32": {"RawRow": 485},
        "ge-dv24": {"RawRow": 2389},
        "ge-dict-dat": {"RawRow": 2083, "Unreadable": 1},
    }
    assert len(lines("diction.pfl", "\0")) == len(rows["siemens-syngo-pfl"])
    assert len(lines("syngo_fV.txt", ";")) == len(rows["siemens-syngo-fv"])
    assert len(lines("PMS-R32-dict.txt", "#")) == len(rows["philips-r32"])
    assert len(lines("gems/gems-dicom-dict-DV24.txt", "#")) == len(rows["ge-dv24"])
    assert len(lines("legacy/gems/DICT.DAT", "//")) == len(rows["ge-dict-dat"])


def test_siemens_pfl(rows):
    rs = rows["siemens-syngo-pfl"]
    r = one(rs, group="0009", element="xx10", creator="SIEMENS CM VA0  CMS")
    assert (r.vr, r.vm, r.name, r.locator) == ("CS", "1", "Storage Mode", "line 219")
    r = one(rs, locator="line 2")
    assert (r.group, r.element, r.creator, r.name, r.retired) == (
        "0000",
        "0001",
        None,
        "Length to End RETIRED",
        True,
    )
    r = one(rs, locator="line 2579")
    assert (r.group, r.element, r.creator, r.vr) == (
        "1135",
        "xx08",
        "Voxar 2.16.124.113543.6003.1999.12.20.12.5.0",
        "SQ",
    )
    assert r.notes == ("spaces around a field stripped",)
    r = one(rs, locator="line 3726")
    assert (r.group, r.element, r.creator, r.name, r.notes) == (
        "601E",
        "1303",
        None,
        "ROI Standard Deviation",
        ("trailing comma: a public row",),
    )
    assert sum(1 for r in rs if r.creator) == 1089
    assert Counter(r.vm for r in rs)["N"] == 82


def test_siemens_fv(rows):
    rs = rows["siemens-syngo-fv"]
    r = one(rs, group="0029", element="xx04", creator="SIEMENS MED DISPLAY")
    assert (r.vr, r.vm, r.name, r.retired, r.locator) == (
        "CS",
        "1",
        "Photometric Interpretation RETIRED",
        True,
        "line 2714",
    )
    r = one(rs, group="0051", element="xx0A")  # a private row in the '#' public form: no creator
    assert (r.creator, r.name, r.vr) == (None, "Meas Duration", "LO")
    assert sum(1 for r in rs if r.creator) == 1668


def test_philips_creators_from_conversion(rows):
    rs = rows["philips-r32"]
    r = one(rs, group="2001", element="xx01")
    assert (r.creator, r.vr, r.vm, r.name, r.locator) == (
        "Philips Imaging DD 001",
        "FL",
        "1",
        "MRImageChemicalShift",
        "line 75",
    )
    assert r.notes == ("creator from pms/PMS-R32-dict.xml; element written 1001: block offset",)
    r = one(rs, group="2005", element="xx01", creator="Philips MR Imaging DD 003")
    assert (r.vr, r.name) == ("UL", "MRNoOfFilmConsumption")
    assert Counter(r.creator for r in rs) == {
        "Philips MR Imaging DD 001": 165,
        "Philips Imaging DD 001": 107,
        "Philips MR Imaging DD 004": 92,
        "Philips MR Imaging DD 005": 70,
        "Philips MR Imaging DD 002": 23,
        "Philips MR Imaging DD 003": 21,
        None: 7,
    }
    missing = [r for r in rs if r.creator is None]
    assert [(r.group, r.element) for r in missing][:2] == [("1001", "1002"), ("1001", "1007")]
    assert len(missing) == 7


def test_ge_dv24_has_no_creators(rows):
    rs = rows["ge-dv24"]
    r = one(rs, group="0009", element="1001")
    assert (r.creator, r.vr, r.vm, r.name, r.notes) == (
        None,
        "LO",
        "1",
        "FullFidelity",
        ("no private creator in this dictionary",),
    )
    r = one(rs, group="0010", element="0010")
    assert (r.name, r.vr, r.notes) == ("PatientsName", "PN", ())
    r = one(rs, locator="line 2248")
    assert (r.group, r.element, r.vr, r.name, r.vm) == (
        "0043",
        "10B3",
        "DS",
        "HoecCorrection",
        "1-n",
    )
    assert r.notes[0] == "fields separated by spaces, not tabs"
    assert all(r.creator is None for r in rs)
    assert (
        sum(1 for r in rs if r.notes and r.notes[-1] == "no private creator in this dictionary")
        == 690
    )


def test_ge_dict_dat_creators_from_reservations(rows):
    rs = rows["ge-dict-dat"]
    r = one(rs, group="0029", element="0060")
    assert (r.creator, r.name, r.vr) == ("RadWorksMarconi", "RadWorksMarconi", "LO")
    r = one(rs, group="3113", element="xx02")  # a private element written with DATA_ELEM
    assert (r.creator, r.vr, r.name) == ("Applicare/RadStore/Version 1.0", "SL", "Id1")
    hits = [r for r in rs if isinstance(r, RawRow) and r.group == "0025" and r.element == "xx2F"]
    assert len(hits) == 2  # the spliced second copy of the GE DL section
    assert {(r.creator, r.vr, r.name, r.description) for r in hits} == {
        (
            "GEMS_DL_FRAME_01",
            "IS",
            "Spectral Filter Status",
            "DCM_DL_FRAME_SPECTRAL_FILTER_FILTER_STATUS",
        )
    }
    r = one(rs, group="0010", element="0010")
    assert (r.creator, r.name, r.vr, r.vm) == (None, "Patient's Name", "PN", "")
    bad = [r for r in rs if isinstance(r, Unreadable)]
    assert [(b.locator, b.text) for b in bad] == [("line 2207", 's")')]
    private = [
        r for r in rs if isinstance(r, RawRow) and r.group[-1] in "13579BDF" and r.group > "0008"
    ]
    assert all(r.creator for r in private)


def test_sources_match_manifest():
    manifest = json.loads((SHARED / "MANIFEST.json").read_text())["sources"]["dicom-private-dicts"]
    for s in vendor_dicts.SOURCES:
        assert s["commit"] == manifest["commit"]
        for f in s["files"]:
            assert f.removeprefix("dicom-private-dicts/") in manifest["files"], f
