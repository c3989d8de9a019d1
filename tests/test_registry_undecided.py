"""How an undecided entry presents itself to a Python user (issue 14: a tie is no decision).

An entry whose sources tie on the VR has no chosen candidate: ``tags.csv`` shows it as a conflict
with no ``*`` candidate, and the Python API, its CLI and the pydicom adapter must each let a user
see that (the flag, every tied candidate, a low confidence) rather than a VR that looks decided.
The Rust reader and ``dicom-lookup`` are tested the same way in ``dicom-map/tests``.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path
from typing import Any

import dicom_map
import pytest

ROOT = Path(__file__).resolve().parents[1]
DMAP = ROOT / "dicom-map" / "tags.dmap"


def _undecided_in_csv() -> dict[tuple[str, str, str], dict[str, str]]:
    with (ROOT / "data" / "tags.csv").open(encoding="utf-8", newline="") as f:
        return {
            (r["group"], r["element"], r["creator"]): r
            for r in csv.DictReader(f)
            if r["conflict"] == "1" and "*" not in r["vr_candidates"]
        }


def _undecided(e: Any) -> bool:
    return bool(e["conflict"]) and not any(c["chosen"] for c in e["candidates"])


@pytest.fixture(scope="module")
def dmap() -> dicom_map.Dict:
    return dicom_map.open(str(DMAP))


def test_every_undecided_row_of_tags_csv_is_undecided_in_the_dmap(dmap: dicom_map.Dict) -> None:
    rows = _undecided_in_csv()
    assert len(rows) >= 100
    checked = 0
    for (group, element, creator), row in rows.items():
        low = int(element[2:], 16) if element.lower().startswith("xx") else int(element, 16) & 0xFF
        e = dmap.lookup(int(group[:4].replace("x", "0"), 16), 0x1000 | low, creator)
        if e is None or e["creator"] is None:
            continue  # repeating or block-specific keys: asked for another way below
        if (e["group"], e["element"] & 0xFF) != (int(group, 16), low):
            continue
        assert _undecided(e), (group, element, creator)
        assert e["vr"] == row["vr"] and set(e["vrs"]) == set(row["vr"].split(" or "))
        checked += 1
    assert checked >= 90
    undecided = [e for e in dmap if _undecided(e)]
    assert len(undecided) == len(rows)


def test_an_undecided_entry_shows_every_tied_candidate(dmap: dicom_map.Dict) -> None:
    for e in (e for e in dmap if _undecided(e)):
        tied = [c for c in e["candidates"] if set(c["vr"].split(" or ")) <= set(e["vrs"])]
        assert len(tied) >= 2, e["tag"]
        assert {v for c in tied for v in c["vr"].split(" or ")} == set(e["vrs"])
        assert e["confidence"] < 50 and len(e["vrs"]) > 1


def test_the_python_cli_says_undecided_and_marks_tied_candidates() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "dicom_map", "lookup", "--file", str(DMAP), "0019", "xx10", "AGFA"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "(undecided: the sources tie" in out
    assert "= SH 1" in out and "= ST 1" in out  # tied
    assert "\n      LO 3" in out  # a candidate outside the tie
