"""The private dictionary compiled into python-gdcm 3.2.6, printed by PrintXML (real data)."""

from collections import Counter

import pytest
from dicom_map_compiler.rows import RawRow
from dicom_map_compiler.sources import gdcm_printxml
from sourcedata import find


@pytest.fixture(scope="module")
def dump():
    return gdcm_printxml.dump()


@pytest.fixture(scope="module")
def rows(dump):
    out = list(gdcm_printxml.read(dump))
    assert all(isinstance(r, RawRow) for r in out)
    return out


def test_version_and_counts(dump, rows):
    assert gdcm_printxml.SOURCE["version"] == "3.2.6"
    assert dump.count("<entry") == len(rows) == 11802
    assert len({r.creator for r in rows}) == 499
    assert all(r.element.startswith("xx") for r in rows)


def test_output_is_not_xml_until_repaired(dump):
    from xml.parsers import expat

    with pytest.raises(expat.ExpatError):
        expat.ParserCreate().Parse(dump.encode(), True)


def test_ampersand_and_angle_repaired(rows):
    notes = Counter(n for r in rows for n in r.notes)
    assert notes == {
        "escaped bare < in attribute name": 65,
        "escaped bare & in attribute owner": 7,
        "escaped bare & in attribute name": 4,
        "escaped bare > in attribute name": 1,
    }
    r = find(rows, group="0003", element="xx00", creator="MEDIS_IS&C 1.0")
    assert (r.vr, r.vm, r.name, r.locator) == ("US", "1", "?", "line 3")
    assert r.notes == ("escaped bare & in attribute owner",)
    r = find(rows, group="0009", element="xx53", creator="QVA")
    assert r.name == "percent of chords with hyperkinesis <- 2 SD"
    assert (
        find(rows, group="4101", element="xx01", creator="Applicare/Print/Version 5.1").name
        == "<internal"
    )


def test_real_rows(rows):
    r = find(rows, group="0003", element="xx01", creator="ELSCINT1")
    assert (r.vr, r.vm, r.name, r.document) == (
        "OW",
        "1",
        "Offset List Structure",
        "gdcm.PrivateDict.PrintXML()",
    )
    # the compiled dictionary has no repeating groups: GDCM's 60xx/70xx rows come out as 6001/7001
    assert not any("x" in r.group for r in rows)
    r = find(rows, group="6001", element="xx10", creator="PAPYRUS 3.0")
    assert (r.vr, r.vm, r.name) == ("US", "1", "Overlays Rows")
    assert any(r.creator == "TOSHIBA_MEC_MR3^12" for r in rows)


def test_sentinel_passed_through(rows):
    r = rows[-1]
    assert (r.group, r.element, r.creator, r.vr, r.vm, r.name) == (
        "FFFF",
        "xxFF",
        "GDCM Private Sentinel",
        "??",
        "INVALID",
        "",
    )


def test_marked_as_copy_of_gdcm_xml():
    assert gdcm_printxml.SOURCE["copy_of"] == "gdcm-xml"
