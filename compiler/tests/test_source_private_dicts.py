"""malaterre's dicom-private-dicts per-PDF tables, read from the shared sources (commit 1833fe7)."""

import json
import re
from collections import Counter

import pytest
from dicom_map_compiler.rows import RawRow, Unreadable
from dicom_map_compiler.sources import private_dicts
from sourcedata import SHARED

BASE = SHARED / "dicom-private-dicts"


@pytest.fixture(scope="module")
def rows():
    assert BASE.is_dir(), f"shared sources missing: {BASE}"
    return list(private_dicts.read(SHARED))


def of_file(rows, rel, **kw):
    return [
        r
        for r in rows
        if r.locator.startswith(rel + " line") and all(getattr(r, k) == v for k, v in kw.items())
    ]


def one(rows, rel, **kw):
    hits = of_file(rows, rel, **kw)
    assert len(hits) == 1, (rel, kw, hits)
    return hits[0]


def test_plan():
    plan = private_dicts.plan(BASE)
    assert len(plan.read) == 274
    assert len(plan.duplicates) == 21
    assert plan.duplicates["legacy/gems/2014451_386r4.xml"] == "gems/2014451_386r4.xml"
    # 20 legacy copies, and one table that the Ventri PDF's extraction wrote twice
    assert sum(1 for d in plan.duplicates if d.startswith("legacy/")) == 20
    assert plan.duplicates["gems/GEHC-DICOM-Conformance_Ventri_5179057DHF_Rev1_4.xml"] == (
        "gems/GEHC-DICOM-Conformance_Ventri_5179057DHF_Rev1_16.xml"
    )
    for skipped in [
        *private_dicts.AGGREGATES,
        *private_dicts.VENDOR_DICT_CONVERSIONS,
        *private_dicts.COPIES,
    ]:
        assert skipped not in plan.read
    assert not any(r.endswith("index.xml") for r in plan.read)
    files = private_dicts.files(SHARED)
    manifest = json.loads((SHARED / "MANIFEST.json").read_text())["sources"]["dicom-private-dicts"]
    assert all(f.removeprefix("dicom-private-dicts/") in manifest["files"] for f in files)
    assert private_dicts.SOURCE["commit"] == manifest["commit"]


def test_counts(rows):
    kinds = Counter(type(r).__name__ for r in rows)
    assert kinds == {"RawRow": 14166, "Unreadable": 129}
    unread = Counter(r.locator.split(" line")[0] for r in rows if isinstance(r, Unreadable))
    assert unread == {
        "legacy/other/555-1.00015cib-00-masterplan_dicom_conf_statement.xml": 109,
        "legacy/pms/acqsimctscanner.xml": 19,
        "legacy/pms/spi.xml": 1,
    }


def test_no_entry_lost(rows):
    """Each file's <entry> elements (outside comments) are all rows; raw-text files' tag lines are
    all Unreadable."""
    per_file = Counter(r.locator.split(" line")[0] for r in rows if isinstance(r, RawRow))
    for rel in private_dicts.plan(BASE).read:
        text = (BASE / rel).read_bytes().decode("utf-8", "replace")
        text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
        assert per_file[rel] == len(re.findall(r"<entry\b", text)), rel


def test_inherited_owner_and_pdf_url(rows):
    r = one(rows, "agfa/000410_tcm583-21790_0.xml", element="xx10")
    assert (r.group, r.creator, r.vr, r.vm, r.name) == (
        "0019",
        "1.2.840.113681",
        "ST",
        "1",
        "CR Image Params Common",
    )
    assert (
        r.document == "http://www.agfahealthcare.com/he/france/fr/binaries/000410_tcm583-21790.pdf"
    )
    assert r.description.startswith("A short text (1024 bytes or less)")
    assert r.notes == ("pdf md5 2e52b0254d8591c9839d1f855f08ee35",)
    # a PDF whose URL has another name: paired through lists.md5's line order
    r = of_file(rows, "agfa/001537_IMPAX_6.7_DICOM_Conformance_Statement_0.xml")[0]
    assert (
        r.document == "http://www.agfahealthcare.com/global/en/he/library/libraryopen?ID=54472549"
    )
    assert (r.group, r.element, r.creator, r.name) == (
        "0029",
        "xx00",
        "Mitra Markup 1.0",
        "Markup1",
    )
    # the <dicts url=...> attribute
    r = one(rows, "pms/DCS-Digital-Diagnost15-05.xml", element="0012")
    assert (
        r.document
        == "http://www.medical.philips.com/main/company/connectivity/assets/docs/dicomcs/DCS-Digital-Diagnost15-05.pdf"
    )
    # no URL anywhere: the file itself, with a note
    r = one(rows, "other/ims.xml", group="3F03", element="xx01")
    assert r.document == "dicom-private-dicts/other/ims.xml"
    assert "no PDF URL known for this file" in r.notes


def test_element_spellings(rows):
    # yyEE / ZZEE: other letters for the block
    r = one(rows, "legacy/pms/evrad42.xml", element="xx10")
    assert (r.group, r.creator, r.vr, r.name) == (
        "0019",
        "SPI-P-PCR Release 2",
        "US",
        "Reader Mode",
    )
    assert r.notes[-1] == "element written ZZ10: block offset"
    yy = [
        r
        for r in of_file(rows, "legacy/pms/EasyAccessR101VFR4131plugin.xml")
        if "element written yy01: block offset" in r.notes
    ]
    assert [(r.group, r.element, r.name.strip()) for r in yy] == [("0029", "xx01", "Image info")]
    zz = one(rows, "legacy/pms/EasyAccessR101VFR4131plugin.xml", group="6001", element="00xx")
    assert zz.notes[-1] == "element written 00zz: creator reservation"
    # 00EE: a reservation row when the name says so, a block offset otherwise
    r = one(rows, "pms/DCS-Digital-Diagnost15-05.xml", element="0012")
    assert (r.creator, r.name) == (
        "SPI-P-Private-DiDi Release 1",
        "Private Creator Group 0019 Block 12",
    )
    r = one(rows, "other/ims.xml", group="3F03", element="xx01")
    assert (r.group, r.creator, r.vr, r.name) == (
        "3F03",
        "INTELERAD MEDICAL SYSTEMS",
        "SQ",
        "Attribute History",
    )
    assert "element written 0001: block offset (GDCM's 00EE convention)" in r.notes
    # BBEE: one block per creator -> block offset; several -> block-specific
    r = one(rows, "toshiba/miixr0010eac.xml", element="xx2B")
    assert (r.group, r.creator, r.retired, r.description) == (
        "7079",
        "TOSHIBA_MEC_XA3",
        True,
        "SHALL NOT BE USED",
    )
    assert r.notes[-1] == "element written 102B: the creator's one block, read as block offset"
    r = one(rows, "pms/HD11DCS.xml", element="3001")
    assert (r.group, r.creator, r.vr) == ("200D", "Eclispe 60", "LO")
    assert "block-specific" in r.notes[-1]
    # 60nn: a repeating group
    r = one(rows, "legacy/gems/cs_dlxc11.xml", group="60xx", element="xx01")
    assert (r.creator, r.vr, r.vm) == ("DLX_LKUP_01", "LT", "3")
    assert "group written 60nn: repeating group" in r.notes


def test_truncated_file_salvaged(rows):
    got = of_file(rows, "legacy/pms/spi.xml")
    bad = [r for r in got if isinstance(r, Unreadable)]
    good = [r for r in got if isinstance(r, RawRow)]
    assert len(bad) == 1 and bad[0].reason.startswith(
        "not well-formed XML (no element found: line 79"
    )
    assert len(good) == 49
    assert all("salvaged from a file that is not well-formed" in r.notes for r in good)
    last = good[-1]
    assert (last.group, last.element, last.creator, last.vr) == (
        "0029",
        "xx11",
        "SPI-P-Private_ICS Release 1;8",
        "SQ",
    )


def test_raw_text_file(rows):
    got = of_file(rows, "legacy/pms/acqsimctscanner.xml")
    assert len(got) == 19 and all(isinstance(r, Unreadable) for r in got)
    assert got[0].text.startswith("Private Group Identifier") and "<0011, 0010>" in got[0].text
    assert (
        got[0].document
        == "http://www.medical.philips.com/main/products/ros/assets/docs/acqsimctscanner.pdf"
    )


def test_rows_without_owner_kept(rows):
    no_owner = [r for r in rows if isinstance(r, RawRow) and r.creator is None]
    assert len(no_owner) == 15
    assert all("no owner in the file" in r.notes for r in no_owner)
