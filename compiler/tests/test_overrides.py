"""Overrides: each row needs its evidence, and an override decides the VR while the sources it
contradicts stay visible as candidates."""

from pathlib import Path

from dicom_map_compiler.merge import SourceInfo, merge
from dicom_map_compiler.normalise import normalise
from dicom_map_compiler.rows import RawRow, Unreadable
from dicom_map_compiler.sources import overrides

DATA = Path(__file__).resolve().parents[2] / "data" / "overrides.csv"


def test_committed_overrides_all_have_evidence():
    rows = list(overrides.read(DATA))
    assert rows and all(isinstance(r, RawRow) for r in rows)
    assert all(r.document and r.notes[0] for r in rows)


def test_row_without_evidence_is_reported(tmp_path):
    p = tmp_path / "o.csv"
    p.write_text(",".join(overrides.COLUMNS) + "\n0019,xx01,ACME,LO,,,,no evidence\n")
    (out,) = overrides.read(p)
    assert isinstance(out, Unreadable) and "evidence" in out.reason


def test_override_decides_and_keeps_the_conflict_visible():
    sources = {
        "gdcm": SourceInfo("gdcm", "curated", "gdcm", 0),
        "dcmtk": SourceInfo("dcmtk", "curated", "dcmtk", 1),
        "override": SourceInfo("override", "override", "override", 2),
    }
    rows = [
        RawRow(
            "gdcm",
            "g.xml",
            "1",
            "0013",
            "xx1C",
            "GEMS_GENIE_1",
            "SL",
            "1",
            "Axial Acceptance Angle",
        ),
        RawRow(
            "dcmtk",
            "d.dic",
            "2",
            "0013",
            "xx1C",
            "GEMS_GENIE_1",
            "SL",
            "1",
            "Axial Acceptance Angle",
        ),
        RawRow("override", "real.dcm", "3", "0013", "xx1C", "GEMS_GENIE_1", "FD", "", ""),
    ]
    (e,) = merge([normalise(r) for r in rows], sources).entries
    assert e.vrs == frozenset({"FD"}) and e.conflict
    assert {(c.vrs, c.chosen) for c in e.candidates} == {
        (frozenset({"FD"}), True),
        (frozenset({"SL"}), False),
    }
    assert e.name == "Axial Acceptance Angle" and e.vm == "1"
