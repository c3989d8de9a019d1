"""The registry's targets, checked on the committed data/ (issue "registry", section 5).

Counts come from ``data/tags.csv`` (what users get); the lists they are checked against come from the
sources themselves (pydicom's tables, dicom3tools' DICONDE and DICOS templates), not from numbers
typed here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from dicom_map_compiler.normalise import PublicKey, RepeaterKey, Row, normalise
from dicom_map_compiler.rows import RawRow
from dicom_map_compiler.sources import dicom3tools, pydicom_dict
from sourcedata import SHARED

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with (DATA / "tags.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _key(r: dict[str, str]) -> tuple[str, str]:
    return r["group"], r["element"]


def test_private_targets(rows):
    private = [r for r in rows if r["kind"].startswith("private")]
    distinct = {(r["group"], r["creator"].upper(), r["element"]) for r in private}
    assert len(distinct) >= 17_000
    assert sum(1 for r in private if r["name"]) >= 12_000
    assert len({r["creator"].upper() for r in private}) >= 700
    assert all(r["creator"] for r in private), "a private row without a creator"
    for r in private:
        if "x" not in r["group"]:
            g = int(r["group"], 16)
            assert g % 2 == 1 and g > 0x0008 and g != 0xFFFF, r


def test_every_row_has_a_source(rows):
    assert all(r["sources"] for r in rows)


def _public_keys(raw_rows) -> set:
    out = set()
    for raw in raw_rows:
        if isinstance(raw, RawRow) and raw.creator is None:
            n = normalise(raw)
            if isinstance(n, Row):
                out.add(n.key)
    return out


def _csv_keys(rows) -> set:
    out = set()
    for r in rows:
        if r["kind"] in ("public", "repeater"):
            raw = RawRow("csv", "tags.csv", "", r["group"], r["element"], None, "", "", "")
            out.add(normalise(raw).key)
    return out


def test_all_public_tags_of_pydicom_and_diconde_and_dicos(rows):
    have = _csv_keys(rows)
    assert _public_keys(pydicom_dict.read_public()) <= have
    for name in ("diconde.tpl", "dicos.tpl"):
        wanted = {
            k
            for k in _public_keys(dicom3tools.read_file(SHARED / "dicom3tools" / name, name))
            if not (isinstance(k, RepeaterKey) and k.mask >> 16 == 0)
        }
        assert wanted, name
        # An exact tag inside a standard repeating group is carried by that group's entry.
        missing = {
            k
            for k in wanted - have
            if not (
                isinstance(k, PublicKey)
                and any(isinstance(m, RepeaterKey) and k.tag & m.mask == m.value for m in have)
            )
        }
        assert not missing, f"{name}: {sorted(missing)[:5]}"


def test_no_repeater_in_the_wrong_group(rows):
    from pydicom._dicom_dict import RepeatersDictionary

    repeaters = {_key(r) for r in rows if r["kind"] == "repeater"}
    # Every standard mask is spelled back exactly as pydicom writes it: (0028,04x0) stays in 0028.
    for mask in RepeatersDictionary:
        spelled = (mask[:4].upper().replace("X", "x"), mask[4:].upper().replace("X", "x"))
        assert spelled in repeaters, mask
    for g, e in repeaters:
        key = _csv_keys([{"kind": "repeater", "group": g, "element": e}]).pop()
        group_value, group_mask = key.value >> 16, key.mask >> 16
        assert not (group_mask & 1 and group_value & 1), f"({g},{e}) is in a private (odd) group"
        assert group_value > 0x0007 or group_value in (0x0000, 0x0002, 0x0004, 0x0006), (g, e)
    assert ("0028", "0410") not in {_key(r) for r in rows if r["kind"] == "public"}
