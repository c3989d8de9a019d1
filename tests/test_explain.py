"""dicom_map.explain and ``python -m dicom_map`` on real DICOM files."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import dicom_map
import pytest
from conftest import nibabel_file, pydicom_file, read_dicom

pytest.importorskip("pydicom")
from dicom_map import REASONS, ExplainRecord  # noqa: E402

RECORD_KEYS = {
    "tag",
    "path",
    "depth",
    "creator",
    "resolved",
    "reason",
    "kind",
    "pattern",
    "keyword",
    "name",
    "vr_file",
    "vr_dict",
    "vr_ok",
    "vm",
    "creator_match",
    "confidence",
    "conflict",
    "sources",
    "value",
    "vm_file",
    "length",
    "block",
    "status",
}


def _odd_group_elements(ds: Any) -> int:
    n = 0
    for elem in ds:
        n += elem.tag.group & 1
        if elem.VR == "SQ":
            n += sum(_odd_group_elements(item) for item in elem.value)
    return n


@pytest.fixture(scope="module")
def philips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """nibabel's real Philips MR file (explicit VR, private sequences nested in private
    sequences), unzipped."""
    out = tmp_path_factory.mktemp("dicom") / "philips_mprage.dcm"
    out.write_bytes(gzip.decompress(nibabel_file("philips_mprage.dcm.gz").read_bytes()))
    return out


def test_siemens_file_every_private_element_resolved(dmap: dicom_map.Dict) -> None:
    path = pydicom_file("examples_overlay.dcm")
    records = list(dicom_map.explain(path, dmap))
    assert len(records) == _odd_group_elements(read_dicom(path)) >= 5
    assert all(isinstance(r, ExplainRecord) for r in records)
    assert all(r.resolved and r.reason is None and r.status == "ok" for r in records)
    creators = [r for r in records if r.kind == "private-creator"]
    assert {r.creator for r in creators} == {"SIEMENS MEDCOM HEADER", "SIEMENS MEDCOM OOG"}
    assert all(r.vr_dict == "LO" for r in creators)
    for r in records:
        if r.kind == "private":
            assert r.name and r.keyword and r.sources and r.pattern
            assert r.vr_file is not None and r.vr_ok is True  # explicit VR: the file's VR fits
            entry = dmap.lookup(r.group, r.element, r.creator)
            assert entry is not None and (entry["name"], entry["vr"]) == (r.name, r.vr_dict)
    assert [r.path for r in records] == [r.tag_text for r in records]  # nothing nested
    assert [r.tag for r in records] == sorted(r.tag for r in records)  # file order


def test_dataset_or_path_or_file_object_give_the_same_records(dmap: dicom_map.Dict) -> None:
    path = pydicom_file("examples_overlay.dcm")
    by_path = list(dicom_map.explain(str(path), dmap))
    assert list(dicom_map.explain(read_dicom(path), dmap)) == by_path
    with open(path, "rb") as f:
        assert list(dicom_map.explain(f, dmap)) == by_path
    assert list(dicom_map.explain(path)) == by_path  # the bundled dictionary by default


def test_nested_private_sequences(dmap: dicom_map.Dict, philips: Path) -> None:
    records = list(dicom_map.explain(philips, dmap))
    assert len(records) == _odd_group_elements(read_dicom(philips))
    nested = [r for r in records if r.depth >= 1]
    deeper = [r for r in records if r.depth >= 2]
    assert nested and deeper
    for r in nested:
        assert r.path.endswith(r.tag_text) and r.path.count("[") == r.depth
    # An element inside a private sequence's item resolves through the creator of that item.
    inside = [
        r for r in nested if r.resolved and r.kind == "private" and r.path.startswith("(2005,")
    ]
    assert inside and all(r.creator and r.creator.startswith("Philips") for r in inside)
    # Explicit VR: wherever both are known, the file's VR is checked against the dictionary's.
    assert any(r.vr_ok is True for r in records)
    for r in records:
        if r.resolved and r.vr_file not in (None, "UN"):
            assert r.vr_ok == (r.vr_file in (r.vr_dict or "").split(" or "))


def test_implicit_file_has_no_file_vr_and_unknown_creators_are_marked() -> None:
    """pydicom's priv_SQ.dcm: implicit VR, a private element of a creator no dictionary knows."""
    records = list(dicom_map.explain(pydicom_file("priv_SQ.dcm")))
    assert [r.tag_text for r in records] == ["(3F03,0010)", "(3F03,1001)"]
    creator, element = records
    assert creator.resolved and creator.kind == "private-creator"
    assert creator.creator == "aaabbbccc MEDICAL SYSTEMS"
    assert (
        not element.resolved
        and element.reason == "unknown creator"
        and element.status == "unresolved"
    )
    assert (element.keyword, element.name, element.vr_dict, element.sources) == (
        None,
        None,
        None,
        (),
    )
    assert all(
        r.vr_file is None and r.vr_ok is None for r in records
    )  # implicit VR: no VR in the file


def test_elements_in_reserved_groups(dmap: dicom_map.Dict) -> None:
    """pydicom's nested_priv_SQ.dcm nests sequences in group 0001, which may not hold private
    data; every level is reported, and marked."""
    records = list(dicom_map.explain(pydicom_file("nested_priv_SQ.dcm"), dmap))
    assert {r.depth for r in records} == {0, 1, 2}
    assert {r.reason for r in records} == {"reserved group"}
    assert [r.path for r in records] == [
        "(0001,0001)",
        "(0001,0001)[0].(0001,0001)",
        "(0001,0001)[0].(0001,0001)[0].(0001,0001)",
        "(0001,0001)[0].(0001,0002)",
    ]


def test_no_creator_and_unknown_element(dmap: dicom_map.Dict) -> None:
    ds = read_dicom(pydicom_file("examples_overlay.dcm"))
    del ds[0x00290010]  # the creator reserving block 10 of group 0029
    # An element of a creator the dictionary knows, at a low byte it has no entry for.
    known = {e["element"] & 0xFF for e in dmap.entries_for_creator("SIEMENS MEDCOM OOG")}
    free = next(b for b in range(0xFF, 0, -1) if b not in known)
    ds.add_new((0x0029 << 16) | 0x1100 | free, "LO", "x")
    by_tag = {r.tag_text: r for r in dicom_map.explain(ds, dmap)}
    for tag in ("(0029,1031)", "(0029,1032)"):
        assert (
            not by_tag[tag].resolved
            and by_tag[tag].reason == "no creator"
            and by_tag[tag].creator is None
        )
    odd = by_tag[f"(0029,11{free:02X})"]
    assert (
        not odd.resolved and odd.reason == "unknown element" and odd.creator == "SIEMENS MEDCOM OOG"
    )
    assert by_tag["(0029,1108)"].resolved
    assert set(REASONS) >= {r.reason for r in by_tag.values() if r.reason}


def test_records_as_json(dmap: dicom_map.Dict, philips: Path) -> None:
    for r in dicom_map.explain(philips, dmap):
        d = r.to_json()
        assert set(d) == RECORD_KEYS
        assert d["tag"] == r.tag_text and isinstance(d["sources"], list)
        json.dumps(d)


# --- the command line --------------------------------------------------------------------------


def _cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("DMAP_FILE", None)
    return subprocess.run(
        [sys.executable, "-m", "dicom_map", *args],
        capture_output=True,
        text=True,
        env=env,
        **kwargs,
    )


def test_cli_explain_table(philips: Path) -> None:
    run = _cli("explain", str(philips))
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split() == ["TAG", "VR", "DICT", "VM", "LEN", "KEYWORD", "VALUE", "STATUS"]
    assert max(len(line) for line in lines) <= 100
    records = list(dicom_map.explain(philips))
    # One line per element, in file order, each starting with its path; the name and every
    # source, uncut, on the indented lines below it.
    rows = [line for line in lines[1:] if line.startswith("(")]
    elements = [r for r in records if r.kind != "private-creator"]
    assert [row.split()[0] for row in rows] == [r.path for r in elements]
    text = " ".join(line.strip() for line in lines)
    for r in elements:
        for source in r.sources:
            assert source in text
    # The creator blocks are headed by their creator.
    creators = {r.creator for r in records if r.kind == "private-creator"}
    headings = [line for line in lines if line.startswith("-- ")]
    assert headings and all(any(repr(c) in h for c in creators) for h in headings)
    assert {h.split()[1] for h in headings} == {
        r.path for r in records if r.kind == "private-creator"
    }
    assert f"{len(records)} private elements" in run.stderr


def test_cli_explain_wide_keeps_one_line_per_element(philips: Path) -> None:
    run = _cli("explain", "--wide", str(philips))
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    records = list(dicom_map.explain(philips))
    assert len(lines) == 1 + len(records)
    assert lines[0].split()[-2:] == ["NAME", "SOURCES"]
    for line, r in zip(lines[1:], records):
        assert line.startswith(r.path + " ")
        assert line.rstrip().endswith(",".join(r.sources) or "-")


def test_cli_explain_json_lines() -> None:
    path = pydicom_file("priv_SQ.dcm")
    run = _cli("explain", str(path), "--json")
    assert run.returncode == 0, run.stderr
    rows: List[Dict[str, Any]] = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["tag"] for r in rows] == ["(3F03,0010)", "(3F03,1001)"]
    assert all(set(r) == RECORD_KEYS for r in rows)
    assert rows[1]["resolved"] is False and rows[1]["reason"] == "unknown creator"
    assert _cli("explain", str(path), "--strict").returncode == 3


def test_cli_explain_errors(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a DICOM file\n")
    run = _cli("explain", str(text))
    assert run.returncode == 1 and run.stdout == ""
    assert "not a DICOM file" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    run = _cli("explain", str(tmp_path / "missing.dcm"))
    assert run.returncode == 1 and "No such file" in run.stderr
    assert _cli("explain").returncode == 2
    bad = tmp_path / "bad.dmap"
    bad.write_bytes(b"\x89DMAP\r\n\x1a" + b"\0" * 10)
    run = _cli("explain", str(pydicom_file("priv_SQ.dcm")), "--file", str(bad))
    assert run.returncode == 1 and "truncated" in run.stderr


def test_cli_lookup() -> None:
    run = _cli("lookup", "0019", "100C", "SIEMENS MR HEADER")
    assert run.returncode == 0 and "(0019,xx0C)" in run.stdout and "SIEMENS MR HEADER" in run.stdout
    run = _cli("lookup", "(0019,100C)", "SIEMENS MR HEADER", "--json")
    assert run.returncode == 0 and json.loads(run.stdout)["pattern"] == "(0019,xx0C)"
    assert json.loads(_cli("lookup", "SpecificCharacterSet", "--json").stdout)["vr"] == "CS"
    run = _cli("lookup", "0019", "10FF", "NO SUCH CREATOR")
    assert run.returncode == 3 and run.stdout == "" and "not found" in run.stderr
    assert _cli("lookup", "(0019,10").returncode == 2
    assert _cli("search", "character set", "--limit", "1").stdout.count("\n") == 1
    assert json.loads(_cli("info", "--json").stdout)["total_entries"] > 0
    assert _cli("verify").returncode == 0
