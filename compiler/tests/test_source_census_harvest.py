"""A census harvest (``python -m dicom_map census --harvest``) as a source: good lines become
harvested rows with their evidence; every bad line is reported with its reason, none dropped."""

from __future__ import annotations

import json
import random
from pathlib import Path

from dicom_map_compiler.normalise import PrivateKey, Row, normalise
from dicom_map_compiler.rows import RawRow, Unreadable
from dicom_map_compiler.sources import census_harvest


def _record(**over: object) -> dict:
    record = {
        "harvest": 1,
        "group": 0x0019,
        "element": 0x0C,
        "blocks": [0x10, 0x11],
        "creator": "ACME MR 1.1",
        "vr": "DS",
        "vrs": {"DS": 40, "UN": 2, "FD": 1},
        "elements": 43,
        "files": 20,
        "examples": ["/archive/a.dcm", "/archive/b.dcm"],
        "reason": "unknown creator",
        "dict_vr": None,
        "dictionary": "2024c",
    }
    record.update(over)
    return record


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_good_line_is_a_harvested_row_with_its_evidence(tmp_path: Path) -> None:
    path = _write(tmp_path / "site.jsonl", [json.dumps(_record()), ""])
    (row,) = list(census_harvest.read(path))
    assert isinstance(row, RawRow)
    assert (row.source, row.document, row.locator) == ("census-harvest", "site.jsonl", "line 1")
    assert (row.group, row.element, row.creator, row.vr, row.name) == (
        "0019",
        "xx0C",
        "ACME MR 1.1",
        "DS",
        "",
    )
    assert row.notes[0] == "seen 40 times as DS in 20 files (43 elements)"
    assert "also written as FD x1, UN x2" in row.notes
    assert "for example /archive/a.dcm" in row.notes
    out = normalise(row)
    assert isinstance(out, Row)
    assert out.key == PrivateKey(0x0019, 0xFFFF, out.key.creator, 0x0C, 0)
    assert out.vrs == frozenset({"DS"})
    described = census_harvest.describe([path])
    assert described["id"] == "census-harvest" and described["compared_with"] == ["2024c"]
    assert described["version"].startswith("sha256:")


BAD = [
    ("not json", "not JSON"),
    ("[1, 2]", "not a JSON object"),
    (json.dumps(_record(harvest=2)), "harvest version"),
    (json.dumps(_record(group=0x0018)), "group is not an odd integer"),
    (json.dumps(_record(group="0019")), "group is not an odd integer"),
    (json.dumps(_record(group=True)), "group is not an odd integer"),
    (json.dumps(_record(element=0x100C)), "element is not the low byte"),
    (json.dumps(_record(creator="  ")), "creator missing"),
    (json.dumps(_record(creator=None)), "creator missing"),
    (json.dumps(_record(vr="UN", vrs={"UN": 3})), "vr is not a VR other than UN"),
    (json.dumps(_record(vr="ds")), "vr is not a VR other than UN"),
    (json.dumps(_record(vrs={"FD": 1})), "vrs is not a map"),
    (json.dumps(_record(vrs={"DS": 0})), "vrs is not a map"),
    (json.dumps(_record(files=0)), "files is not a positive integer"),
    (json.dumps(_record(elements="3")), "elements is not a positive integer"),
    (json.dumps(_record(examples="/a.dcm")), "examples is not a list"),
]


def test_every_bad_line_is_reported_with_its_reason(tmp_path: Path) -> None:
    lines = [text for text, _ in BAD]
    random.Random(15).shuffle(lines)
    path = _write(tmp_path / "bad.jsonl", lines)
    items = list(census_harvest.read(path))
    assert len(items) == len(BAD)
    assert all(isinstance(i, Unreadable) for i in items)
    reasons = {text: reason for text, reason in BAD}
    for number, (item, text) in enumerate(zip(items, lines), start=1):
        assert isinstance(item, Unreadable)
        assert item.locator == f"line {number}" and item.document == "bad.jsonl"
        assert reasons[text] in item.reason, (text, item.reason)
