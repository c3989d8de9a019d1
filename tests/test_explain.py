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
    # One line per element, in file order, each starting with its tag; under a heading, the
    # heading's dataset (its creator element's path) and the tag make the element's path. The
    # name and every source, uncut (a source id never split), on the indented lines below it.
    paths = []
    container = ""
    for line in lines[1:]:
        if line.startswith("-- ("):
            container = line.split()[1][: -len("(gggg,00BB)")]
        elif line.startswith("-- outside any creator block"):
            container = ""
        elif line.startswith("("):
            paths.append(container + line.split()[0])
    elements = [r for r in records if r.kind != "private-creator"]
    assert paths == [r.path for r in elements]
    assert any(r.depth >= 2 for r in elements)  # nested rows were checked too
    words = {w.strip(",()") for line in lines for w in line.split()}
    for r in elements:
        for source in r.sources:
            assert source in words
    # The creator blocks are headed by their creator.
    creators = {r.creator for r in records if r.kind == "private-creator"}
    headings = [line for line in lines if line.startswith("-- (")]
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


# --- values, VM, length ------------------------------------------------------------------------


def test_records_carry_the_value_vm_and_length_as_in_the_file(philips: Path) -> None:
    ds = read_dicom(philips)
    raw_lengths = {int(t): getattr(ds.get_item(t), "length", None) for t in list(ds.keys())}
    records = [r for r in dicom_map.explain(philips) if r.depth == 0]
    assert records
    for r in records:
        raw_length = raw_lengths[r.tag]
        elem = ds[r.tag]
        assert r.vm_file == elem.VM
        assert r.length == (None if raw_length in (None, 0xFFFFFFFF) else raw_length)
        assert r.value is not None and len(r.value) <= dicom_map._explain.VALUE_WIDTH
        if elem.VR == "SQ":
            assert r.value.startswith("(sequence, ")
        elif (isinstance(elem.value, str) or elem.VR in ("DS", "IS")) and elem.value:
            assert r.value.startswith("[")  # text in brackets, as dcmdump shows it
        if r.kind not in ("private-creator", "group-length") and r.resolved:
            assert r.block is not None and r.block.endswith(f"{r.tag >> 8 & 0xFF:02X})")


# --- damaged and deeply nested files (issue 10, item 8) ----------------------------------------


def _damaged_variants(data: bytes, count: int, seed: int) -> List[bytes]:
    """Truncations and byte flips of a real file, past its preamble and meta header."""
    rng = __import__("random").Random(seed)
    out = []
    for i in range(count):
        buf = bytearray(data)
        if i % 2:
            buf = buf[: rng.randrange(400, len(buf))]
        else:
            for _ in range(rng.randrange(1, 8)):
                buf[rng.randrange(400, len(buf))] = rng.randrange(256)
        out.append(bytes(buf))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_damaged_files_never_raise_after_yielding(philips: Path, tmp_path: Path, seed: int) -> None:
    """Read (or refused) before anything is yielded; once yielding starts, no exception: the last
    record says "damaged" and why. Damaged variants of a real Philips file."""
    for i, data in enumerate(_damaged_variants(philips.read_bytes(), 8, seed)):
        path = tmp_path / f"v{i}.dcm"
        path.write_bytes(data)
        try:
            records = dicom_map.explain(path)
        except Exception:
            continue  # refused up front: fine, nothing was yielded
        got = list(records)  # must not raise
        statuses = [r.status for r in got]
        assert "damaged" not in statuses[:-1]
        if statuses and statuses[-1] == "damaged":
            assert got[-1].reason and got[-1].reason.startswith("damaged: ")


def _nested(depth: int) -> Any:
    from pydicom.dataset import Dataset
    from pydicom.sequence import Sequence

    top = Dataset()
    ds = top
    for _ in range(depth):
        ds.add_new(0x00290010, "LO", "SIEMENS CSA HEADER")
        ds.add_new(0x00291010, "OB", b"\x01\x02")
        item = Dataset()
        ds.add_new(0x00081111, "SQ", Sequence([item]))
        ds = item
    return top


def test_nesting_hundreds_deep_is_walked_without_recursion() -> None:
    records = list(dicom_map.explain(_nested(400)))
    assert len(records) == 800
    assert max(r.depth for r in records) == 399
    assert all(r.resolved for r in records)
    assert max(r.path.count("[0]") for r in records) == 399


def test_cli_counts_one_private_element_in_the_singular(tmp_path: Path) -> None:
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian

    ds = Dataset()
    ds.add_new(0x00100010, "PN", "Doe^John")
    ds.add_new(0x00291234, "LO", "alone")  # no creator: one unresolved element
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.SOPInstanceUID = "1.2.3.4"
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    path = tmp_path / "one.dcm"
    ds.save_as(path, enforce_file_format=True)
    run = _cli("explain", str(path))
    assert run.returncode == 0, run.stderr
    assert "1 private element, 1 unresolved" in run.stderr


def test_cli_explain_without_pydicom_says_so_before_reading(tmp_path: Path) -> None:
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "pydicom.py").write_text("raise ImportError('pydicom is not installed here')\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(blocker), env.get("PYTHONPATH", "")])
    run = subprocess.run(
        [sys.executable, "-m", "dicom_map", "explain", str(tmp_path / "missing.dcm")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 1
    assert "needs pydicom" in run.stderr and "pip install" in run.stderr
    assert "missing.dcm" not in run.stderr  # the file was not touched


def test_cli_write_errors_exit_1_and_a_closed_pipe_is_quiet() -> None:
    closed = subprocess.run(
        f"{sys.executable} -m dicom_map search a >&-", shell=True, capture_output=True, text=True
    )
    assert closed.returncode == 1 and "cannot write output" in closed.stderr
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            run = subprocess.run(
                [sys.executable, "-m", "dicom_map", "search", "a"],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
            )
        assert run.returncode == 1 and run.stderr.count("\n") == 1, run.stderr
    piped = subprocess.run(
        f"{sys.executable} -m dicom_map search a | head -1",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert piped.stderr == "" and piped.stdout.count("\n") == 1


@pytest.mark.parametrize("name", ["0.dcm", "siemens_dwi_1000.dcm.gz"])
def test_cli_explain_lists_the_creators_of_an_element_whose_creator_was_removed(
    tmp_path: Path, name: str
) -> None:
    """An anonymiser that drops the private creator elements leaves the data elements without
    their creator: each is unresolved ("no creator"), and the table lists the creators that
    define it, the one the file had among them, as ``dicom-lookup`` does."""
    ds = read_dicom(nibabel_file(name))
    removed = {}
    for elem in list(ds):
        if elem.tag.is_private_creator:
            removed[(elem.tag.group, elem.tag.element)] = str(elem.value).strip()
            del ds[elem.tag]
    assert removed
    path = tmp_path / "anonymised.dcm"
    ds.save_as(path)
    run = _cli("explain", str(path))
    assert run.returncode == 0, run.stderr
    text = " ".join(run.stdout.split())
    dmap = dicom_map.open()
    checked = 0
    for r in dicom_map.explain(path):
        if r.depth or r.tag & 0xFFFF < 0x1000:
            continue
        assert not r.resolved and r.reason == "no creator"
        group, element = r.tag >> 16, r.tag & 0xFFFF
        names = dmap.creators_for(group, element)
        creator = removed[(group, element >> 8)]
        entry = dmap.lookup(group, element, creator)
        if not names:
            continue
        noun = "creator defines" if len(names) == 1 else "creators define"
        listed = f"{len(names)} {noun} ({group:04X},xx{element & 0xFF:02X}): "
        assert " ".join((listed + ", ".join(names[:6])).split()) in text
        if len(names) > 6:
            assert f"and {len(names) - 6} more (dicom-lookup {group:04X} {element:04X})" in text
        if entry is not None and entry["kind"] == "private":
            assert entry["creator"] in names  # the file's own creator is among them
            checked += 1
    assert checked >= 5
