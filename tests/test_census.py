"""dicom_map.census and ``python -m dicom_map census`` on real files and generated archives.

Real files: pydicom's and nibabel's test data. Generated archives: random private blocks (groups,
creators real, invented, empty, missing or anonymised, blocks, low bytes, VRs, nesting) written by
pydicom in every transfer syntax family; the generator's own record is the expected census.
Seeds 1-3 were used while developing; each run adds a fresh seed (printed on failure) that no
code was tuned on.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
import shutil
import subprocess
import sys
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import dicom_map
import pytest
from conftest import ROOT, nibabel_file, pydicom_file

pydicom = pytest.importorskip("pydicom")
from dicom_map._census import _header, census_partition, finish  # noqa: E402
from dicom_map._census._model import COLUMNS  # noqa: E402

ITEM_LE = b"\xfe\xff\x00\xe0"
HELD_OUT_SEED = random.SystemRandom().randrange(1 << 30)


# ----------------------------------------------------------------------------- real files


def _pydicom_data() -> Path:
    return Path(pydicom.__file__).parent / "data" / "test_files"


#: Real files that end inside an element or an item: pydicom reads them leniently, without a
#: warning; the census lists them as damaged (test_cut_short_real_files_are_damaged).
CUT_SHORT = {"rtplan_truncated.dcm": "truncated", "DICOMDIR-nooffset": "past the end"}


def test_cut_short_real_files_are_damaged(tmp_path: Path) -> None:
    paths = [p for p in _pydicom_data().rglob("*") if p.name in CUT_SHORT]
    assert len(paths) == len(CUT_SHORT)
    c = dicom_map.census(paths, workers=1)
    assert c.totals["damaged"] == len(paths) and c.totals["dicom_files"] == 0
    for path, reason in c.damaged:
        assert CUT_SHORT[Path(path).name] in reason
        assert str(Path(path).stat().st_size) in reason or "byte" in reason


def _clean_real_files() -> List[Path]:
    """Real files pydicom reads without force and without a warning (not truncated, not damaged),
    nibabel's gzipped ones unzipped elsewhere (see ``real_archive``)."""
    out = []
    for p in sorted(_pydicom_data().rglob("*")) + sorted(
        nibabel_file("0.dcm").parent.glob("*.dcm")
    ):
        if not p.is_file() or p.suffix in (".py", ".pyc", ".json") or p.name in CUT_SHORT:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                pydicom.dcmread(p, stop_before_pixels=True)
        except Exception:
            continue
        out.append(p)
    return out


def _straightforward(ds: Any, depth: int, out: Counter, meta: bool = True) -> None:
    """Count elements the plain pydicom way: every element at every depth, a UN value that holds
    items read as the implicit-VR sequence it is (PS3.5 6.2.2)."""
    from pydicom.filereader import read_sequence

    if meta and getattr(ds, "file_meta", None) is not None:
        out["elements"] += len(ds.file_meta)
    for el in ds:
        out["elements"] += 1
        g, e = el.tag.group, el.tag.element
        if g & 1 and 0x0008 < g < 0xFFFF:
            if e >= 0x1000:
                out["private_elements"] += 1
                out["nested_elements"] += depth > 0
                creator = ds.get((g << 16) | (e >> 8))
                text = None if creator is None else str(creator.value or "").strip(" \x00")
                out[("key", g, text, e & 0xFF)] += 1
            elif 0x0010 <= e <= 0x00FF:
                out["creator_elements"] += 1
            else:
                out["reserved_elements"] += 1
        elif g & 1:
            out["reserved_elements"] += 1
        items: Any = None
        if el.VR == "SQ":
            items = el.value
        elif el.VR == "UN" and isinstance(el.value, bytes) and el.value[:4] == ITEM_LE:
            items = read_sequence(io.BytesIO(el.value), True, True, len(el.value), "latin-1")
        for item in items or ():
            _straightforward(item, depth + 1, out, meta=False)


@pytest.fixture(scope="module")
def real_archive(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, List[Path]]:
    """Every clean real file, nibabel's gzipped ones unzipped, in nested folders; plus text files
    that are not DICOM."""
    root = tmp_path_factory.mktemp("archive")
    files = []
    for i, src in enumerate(_clean_real_files()):
        dest = root / f"d{i % 7}" / f"s{i % 3}" / f"{i:03d}_{src.name}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        files.append(dest)
    for gz in sorted(nibabel_file("0.dcm").parent.glob("*.dcm.gz")):
        dest = root / "gz" / gz.name[:-3]
        dest.parent.mkdir(exist_ok=True)
        dest.write_bytes(gzip.decompress(gz.read_bytes()))
        files.append(dest)
    (root / "notes").mkdir()
    (root / "notes" / "README.txt").write_text("not a DICOM file\n" * 20)
    (root / "notes" / "empty").write_bytes(b"")
    shutil.copyfile(nibabel_file("0.dcm").parent / "ascconv_sample.txt", root / "notes" / "a.txt")
    return root, files


def test_totals_equal_a_straightforward_count(real_archive: Tuple[Path, List[Path]]) -> None:
    root, files = real_archive
    expected: Counter = Counter()
    for path in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _straightforward(pydicom.dcmread(path, stop_before_pixels=True), 0, expected)
    c = dicom_map.census([root], workers=1)
    t = c.totals
    assert len(files) > 150
    assert t["paths"] == len(files) + 3
    assert (t["dicom_files"], t["not_dicom"], t["damaged"]) == (len(files), 3, 0)
    assert t["explicit_files"] + t["implicit_files"] == len(files)
    for name in (
        "elements",
        "private_elements",
        "creator_elements",
        "reserved_elements",
        "nested_elements",
    ):
        assert t[name] == expected[name], name
    by_key = {
        (r.group, r.creator, r.element): r.elements
        for r in c
        if r.kind == "private" and r.creator_state in ("present", "anonymised", "empty")
    }
    by_key.update(
        {(r.group, None, r.element): r.elements for r in c if r.creator_state == "missing"}
    )
    want = {k[1:]: n for k, n in expected.items() if isinstance(k, tuple)}
    assert by_key == want
    assert sum(r.elements for r in c if r.kind == "private") == t["private_elements"]


def test_header_reader_finds_what_pydicom_finds_in_every_real_file() -> None:
    checked = 0
    for path in _clean_real_files():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = pydicom.dcmread(path, stop_before_pixels=True)
            want: Counter = Counter()
            _straightforward(ds, 0, want)
        header = _header.read_header(path.read_bytes(), complete=True)
        got = Counter(
            (t >> 16, c if (t & 0xFFFF) >= 0x1000 else None, t & 0xFF)
            for t, _, c, _ in header.elements
            if (t & 0xFFFF) >= 0x1000 and (t >> 16) > 8 and (t >> 16) != 0xFFFF
        )
        assert got == Counter({k[1:]: n for k, n in want.items() if isinstance(k, tuple)}), path
        assert header.count == want["elements"], path
        if header.explicit:  # the VR written, as pydicom reads it without replacing UN
            pydicom.config.replace_un_with_known_vr = False
            pydicom.config.settings.infer_sq_for_un_vr = False
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    raw = pydicom.dcmread(path, stop_before_pixels=True)
            finally:
                pydicom.config.replace_un_with_known_vr = True
                pydicom.config.settings.infer_sq_for_un_vr = True
            for t, vr, _, depth in header.elements:
                if depth == 0 and t >> 16 != 2:
                    assert vr == raw.get_item(t).VR, (path, hex(t))
        checked += 1
    assert checked > 150


def test_siemens_file_resolves_exactly(dmap: dicom_map.Dict) -> None:
    path = pydicom_file("examples_overlay.dcm")
    c = dicom_map.census(path, workers=1)
    private = [r for r in c if r.kind == "private"]
    assert private and all(r.status == "resolved" for r in private)
    assert all(r.creator_match == "exact" and r.vr_agreement == "agree" for r in private)
    for r in private:
        entry = dmap.lookup(r.group, r.blocks[0] << 8 | r.element, r.creator)
        assert entry is not None and (entry["keyword"], entry["vr"]) == (r.keyword, r.dict_vr)
        assert r.examples == (str(path),) and r.files == 1
    creators = {r.creator: r.status for r in c if r.kind == "creator"}
    assert creators == {
        "SIEMENS MEDCOM HEADER": "known creator",
        "SIEMENS MEDCOM OOG": "known creator",
    }


def _variant(src: Path, dest: Path, change: Any) -> Path:
    ds = pydicom.dcmread(src)
    change(ds)
    ds.save_as(dest)
    return dest


def test_creator_states_folded_anonymised_empty_missing(tmp_path: Path) -> None:
    src = pydicom_file("examples_overlay.dcm")
    ds = pydicom.dcmread(src)
    (block,) = [
        e
        for e in ds
        if e.tag.group == 0x0029
        and e.tag.element in range(0x10, 0x100)
        and e.value == "SIEMENS MEDCOM HEADER"
    ]
    creator_tag = int(block.tag)
    low_bytes = {
        int(e.tag) & 0xFF
        for e in ds
        if e.tag.group == 0x0029 and e.tag.element >> 8 == creator_tag & 0xFF
    }

    def set_creator(value: Optional[str]) -> Any:
        def change(d: Any) -> None:
            if value is None:
                del d[creator_tag]
            else:
                d[creator_tag].value = value

        return change

    for name, value in [
        ("folded", "siemens  medcom header"),
        ("anon", "Anonymized"),
        ("empty", ""),
        ("missing", None),
    ]:
        _variant(src, tmp_path / f"{name}.dcm", set_creator(value))
    c = dicom_map.census(tmp_path, workers=1)
    rows = [r for r in c if r.kind == "private" and r.group == 0x0029]
    folded = [r for r in rows if r.creator == "siemens  medcom header"]
    assert {r.element for r in folded} == low_bytes
    assert all(r.status == "resolved" and r.creator_match == "folded" for r in folded)
    for state, status in [
        ("anonymised", "anonymised creator"),
        ("empty", "empty creator"),
        ("missing", "no creator"),
    ]:
        these = [r for r in rows if r.creator_state == state]
        assert {r.element for r in these} == low_bytes, state
        assert all(r.status == status and r.keyword is None for r in these)
        # The real creator defines these low bytes in group 0029: it is a candidate.
        assert all("SIEMENS MEDCOM HEADER" in r.candidates for r in these), state
    assert c.totals["damaged"] == 0 and c.totals["dicom_files"] == 4


def test_vr_disagreement_is_reported_and_harvested(tmp_path: Path) -> None:
    src = pydicom_file("examples_overlay.dcm")
    ds = pydicom.dcmread(src)
    target = next(
        e for e in ds if e.tag.group == 0x0029 and e.tag.element >= 0x1000 and e.VR == "CS"
    )

    def change(d: Any) -> None:
        d[target.tag].VR = "LO"

    _variant(src, tmp_path / "lo.dcm", change)
    shutil.copyfile(src, tmp_path / "cs.dcm")
    c = dicom_map.census(tmp_path, workers=1)
    (row,) = [r for r in c.vr_disagreements()]
    assert (row.group, row.element, row.dict_vr) == (0x0029, target.tag.element & 0xFF, "CS")
    assert row.vrs == {"CS": 1, "LO": 1} and row.vr_agreement == "partial"
    assert "VR disagreements (1 of 1)" in c.summary()
    harvest = tmp_path / "h.jsonl"
    assert c.to_harvest(harvest) == 1
    (line,) = [json.loads(x) for x in harvest.read_text().splitlines()]
    assert line["reason"] == "vr contradicts dictionary" and line["vrs"] == {"CS": 1, "LO": 1}
    assert line["examples"] == sorted(str(tmp_path / n) for n in ("cs.dcm", "lo.dcm"))


# ----------------------------------------------------------------------------- damaged input


def test_damaged_files_are_listed_and_the_census_goes_on(tmp_path: Path) -> None:
    rng = random.Random(HELD_OUT_SEED)
    real = [p for p in _clean_real_files() if p.stat().st_size < 300_000]
    for i in range(60):
        data = rng.choice(real).read_bytes()
        mode = i % 3
        if mode == 0:  # truncated anywhere
            data = data[: rng.randrange(len(data))]
        elif mode == 1:  # a few bytes overwritten
            data = bytearray(data)
            for _ in range(rng.randrange(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data)
        else:  # a DICOM prefix before noise
            data = b"\0" * 128 + b"DICM" + rng.randbytes(rng.randrange(0, 4000))
        (tmp_path / f"{i:02d}.dcm").write_bytes(data)
    (tmp_path / "unreadable.dcm").write_bytes(b"\0" * 128 + b"DICM")
    os.chmod(tmp_path / "unreadable.dcm", 0)
    c = dicom_map.census(tmp_path, workers=1)
    t = c.totals
    assert t["paths"] == 61, HELD_OUT_SEED
    assert t["dicom_files"] + t["damaged"] + t["not_dicom"] == t["paths"], HELD_OUT_SEED
    assert t["damaged"] == len(c.damaged) >= 15, HELD_OUT_SEED  # the noise files, at least
    assert all(reason for _, reason in c.damaged)
    if os.geteuid() != 0:  # root reads anything
        assert any("unreadable.dcm" in p and "cannot read" in r for p, r in c.damaged)
    assert c.damaged == sorted(c.damaged)


def test_header_reader_never_fails_other_than_typed_on_noise() -> None:
    rng = random.Random(HELD_OUT_SEED)
    seeds = [p.read_bytes() for p in _clean_real_files()[:40]]
    for _ in range(400):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            _header.read_header(bytes(data), complete=True)
        except (_header.DamagedFile, _header.NotDicom):
            pass
    deep = (
        b"\0" * 128
        + b"DICM"
        + (b"\x09\x00\x10\x10SQ\0\0\xff\xff\xff\xff" + ITEM_LE + b"\xff" * 4) * 200
    )
    with pytest.raises(_header.DamagedFile, match="nested deeper"):
        _header.read_header(deep, complete=True)


# ----------------------------------------------------------------------------- generated archives

SYNTAXES = [
    ("1.2.840.10008.1.2", True, True),  # implicit VR little endian
    ("1.2.840.10008.1.2.1", False, True),  # explicit VR little endian
    ("1.2.840.10008.1.2.2", False, False),  # explicit VR big endian
    ("1.2.840.10008.1.2.1.99", False, True),  # deflated explicit VR little endian
]
VALUES = {
    "DS": lambda r: f"{r.uniform(-9, 9):.3f}",
    "LO": lambda r: "v" * r.randrange(1, 20),
    "SH": lambda r: "s" * r.randrange(1, 10),
    "CS": lambda r: "AB",
    "US": lambda r: r.randrange(65536),
    "SL": lambda r: r.randrange(-(2**31), 2**31),
    "FD": lambda r: r.random(),
    "UI": lambda r: "1.2.3." + str(r.randrange(10**6)),
    "OB": lambda r: r.randbytes(2 * r.randrange(0, 40)),
    "UN": lambda r: r.randbytes(2 * r.randrange(1, 20)),
    "UT": lambda r: "t" * r.randrange(0, 300),
}
REAL_CREATORS = ["SIEMENS CSA HEADER", "GEMS_ACQU_01", "Philips Imaging DD 001"]


class Generated:
    def __init__(self) -> None:
        self.keys: Dict[Tuple[int, Optional[str], int], Counter] = defaultdict(Counter)
        self.files: Dict[Tuple[int, Optional[str], int], set] = defaultdict(set)
        self.totals: Counter = Counter()


def _private_block(
    r: random.Random, ds: Any, path: str, g: Generated, implicit: bool, depth: int, used: set
) -> None:
    group = r.choice([0x0009, 0x0011, 0x0019, 0x0029, 0x0043, 0x2001, 0x7FDF])
    block = r.randrange(0x10, 0x100)
    if (group, block) in used:
        return
    used.add((group, block))
    state = r.choice(["real", "invented", "invented", "empty", "missing", "anon"])
    creator: Optional[str] = {
        "real": r.choice(REAL_CREATORS),
        "invented": f"ACME {r.randrange(100)}.{r.randrange(10)}",
        "empty": "",
        "missing": None,
        "anon": r.choice(["Anonymized", "REMOVED", "XXXX"]),
    }[state]
    if creator is not None:
        ds.add_new((group << 16) | block, "LO", creator)
        g.totals["creator_elements"] += 1
    for low in r.sample(range(256), r.randrange(1, 6)):
        tag = (group << 16) | (block << 8) | low
        if depth < 2 and r.random() < 0.15:
            item = pydicom.Dataset()
            used_inner: set = set()
            for _ in range(r.randrange(1, 3)):
                _private_block(r, item, path, g, implicit, depth + 1, used_inner)
            ds.add_new(tag, "SQ", pydicom.Sequence([item]))
            vr = "SQ"
        else:
            vr = r.choice(sorted(VALUES))
            ds.add_new(tag, vr, VALUES[vr](r))
        key = (group, creator, low)
        g.keys[key]["elements"] += 1
        g.keys[key]["implicit" if implicit else vr] += 1
        g.keys[key]["nested"] += depth > 0
        g.files[key].add(path)
        g.totals["private_elements"] += 1
        g.totals["nested_elements"] += depth > 0


def generate(root: Path, seed: int, n: int) -> Generated:
    r = random.Random(seed)
    g = Generated()
    for i in range(n):
        syntax, implicit, little = r.choice(SYNTAXES)
        ds = pydicom.Dataset()
        ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
        ds.SOPInstanceUID = f"1.2.3.{seed}.{i}"
        ds.PatientName = "Test^Census"
        ds.Modality = "OT"
        path = root / f"f{i // 10}" / f"{i:03d}.dcm"
        path.parent.mkdir(exist_ok=True)
        used: set = set()
        for _ in range(r.randrange(0, 5)):
            _private_block(r, ds, str(path), g, implicit, 0, used)
        if r.random() < 0.3:  # pixel data: a private group after it is not read
            ds.add_new(0x7FE00010, "OB", b"\0" * 64)
            ds.add_new(0x7FE10010, "LO", "AFTER PIXELS")
            ds.add_new(0x7FE11001, "LO", "not counted")
        ds.file_meta = pydicom.dataset.FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = syntax
        ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.save_as(path, enforce_file_format=True, implicit_vr=implicit, little_endian=little)
        g.totals["explicit_files" if not implicit else "implicit_files"] += 1
    return g


@pytest.mark.parametrize("seed", [1, 2, 3, HELD_OUT_SEED])
def test_generated_archive_census_matches_the_generator(tmp_path: Path, seed: int) -> None:
    g = generate(tmp_path, seed, 30)
    c = dicom_map.census(tmp_path, workers=1)
    for name in ("private_elements", "nested_elements", "creator_elements", "explicit_files"):
        assert c.totals[name] == g.totals[name], (seed, name)
    assert c.totals["dicom_files"] == 30 and c.totals["damaged"] == 0, seed
    got = {}
    for r in c:
        if r.kind != "private":
            continue
        creator = None if r.creator_state == "missing" else r.creator
        counts = Counter(r.vrs)
        counts["elements"] = r.elements
        counts["nested"] = r.nested_elements
        if r.implicit_elements:
            counts["implicit"] = r.implicit_elements
        got[(r.group, creator, r.element)] = (+counts, r.files, r.examples)
    want = {k: (+v, len(g.files[k]), tuple(sorted(g.files[k])[:3])) for k, v in g.keys.items()}
    assert got == want, seed
    states = {r.creator_state for r in c if r.kind == "private"}
    assert states <= {"present", "missing", "empty", "anonymised"}


# ----------------------------------------------------------------------------- runners, reports


def test_parallel_and_partitioned_runs_equal_the_serial_one(
    real_archive: Tuple[Path, List[Path]],
) -> None:
    root, _ = real_archive
    serial = dicom_map.census([root], workers=1, public=True)
    assert dicom_map.census([root], workers=2, public=True, partition_size=7) == serial
    # Any partitioning, merged in any order, gives the same census.
    files = sorted(str(p) for p in root.rglob("*") if p.is_file())
    random.Random(HELD_OUT_SEED).shuffle(files)
    parts = [census_partition(files[i : i + 13], True) for i in range(0, len(files), 13)]
    random.Random(HELD_OUT_SEED + 1).shuffle(parts)
    total = parts[0]
    for p in parts[1:]:
        total.merge(p)
    assert finish(total) == serial
    assert any(r.kind == "public" and (r.group, r.element) == (0x0008, 0x0005) for r in serial)


def test_dask_local_cluster_report_equals_the_local_one(
    real_archive: Tuple[Path, List[Path]], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    root, _ = real_archive
    local = dicom_map.census([root], workers=2)
    local.to_csv(tmp_path / "local.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # distributed's own deprecation and port warnings
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            on_dask = dicom_map.census([root], client=client, partition_size=16)
    on_dask.to_csv(tmp_path / "dask.csv")
    assert on_dask == local
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()


def test_reports_hold_the_same_rows_in_every_format(
    real_archive: Tuple[Path, List[Path]], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    root, _ = real_archive
    c = dicom_map.census([root], workers=1)
    records = [r.to_record() for r in c]
    assert records and all(list(rec) == list(COLUMNS) for rec in records)
    c.write(tmp_path / "r.jsonl")
    c.write(tmp_path / "r.csv")
    c.write(tmp_path / "r.parquet")
    jsonl = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert jsonl == records
    with open(tmp_path / "r.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(records)
    for row, rec in zip(rows, records):
        assert int(row["elements"]) == rec["elements"] and row["creator"] == (rec["creator"] or "")
        assert json.loads(row["examples"] or "[]") == rec["examples"]
        assert dict(kv.split(":") for kv in row["vrs"].split()) == {
            k: str(v) for k, v in rec["vrs"].items()
        }
    table = pq.read_table(tmp_path / "r.parquet").to_pylist()
    for rec in table:
        rec["vrs"] = dict(rec["vrs"])
    assert table == records
    with pytest.raises(ValueError, match="unknown report format"):
        c.write(tmp_path / "r.xlsx")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dicom_map", "census", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_cli_summary_report_harvest_and_the_compiler_reads_the_harvest(
    real_archive: Tuple[Path, List[Path]], tmp_path: Path
) -> None:
    root, _ = real_archive
    # One file from a vendor no dictionary knows, beside the real ones.
    vendor = tmp_path / "vendor"
    vendor.mkdir()
    ds = pydicom.Dataset()
    ds.SOPClassUID, ds.SOPInstanceUID = "1.2.840.10008.5.1.4.1.1.7", "1.2.3.4"
    ds.add_new(0x00290010, "LO", "CENSUS TEST VENDOR 1")
    ds.add_new(0x00291001, "DS", "2.5")
    ds.add_new(0x00291002, "US", 7)
    ds.save_as(vendor / "v.dcm", implicit_vr=False, little_endian=True)
    report, harvest, damaged = tmp_path / "r.jsonl", tmp_path / "h.jsonl", tmp_path / "d.csv"
    done = _cli(
        str(vendor),
        str(root),
        "-o",
        str(report),
        "--harvest",
        str(harvest),
        "--workers",
        "2",
        "--damaged",
        str(damaged),
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # not a terminal: no progress bar
    c = dicom_map.census([vendor, root], workers=1)
    assert done.stdout.startswith(c.summary())
    assert "top unresolved keys" in done.stdout
    assert [json.loads(x) for x in report.read_text().splitlines()] == [r.to_record() for r in c]
    assert damaged.read_text() == "path,reason\n"
    lines = [json.loads(x) for x in harvest.read_text().splitlines()]
    assert all(x["vr"] != "UN" and x["examples"] and x["files"] >= 1 for x in lines)
    ours = [x for x in lines if x["creator"] == "CENSUS TEST VENDOR 1"]
    assert [(x["group"], x["element"], x["vr"], x["reason"]) for x in ours] == [
        (0x0029, 0x01, "DS", "unknown creator"),
        (0x0029, 0x02, "US", "unknown creator"),
    ]
    assert ours[0]["examples"] == [str(vendor / "v.dcm")] and ours[0]["vrs"] == {"DS": 1}

    # The compiler reads it as a source: rows with the files' VRs and the evidence.
    sys.path.insert(0, str(ROOT / "compiler"))
    try:
        from dicom_map_compiler.normalise import PrivateKey, Row, normalise
        from dicom_map_compiler.sources import census_harvest
    finally:
        sys.path.remove(str(ROOT / "compiler"))
    rows = list(census_harvest.read(harvest))
    assert len(rows) == len(lines)
    for line, raw in zip(lines, rows):
        assert not hasattr(raw, "reason"), raw  # not Unreadable
        out = normalise(raw)
        assert isinstance(out, Row) and isinstance(out.key, PrivateKey)
        assert (out.key.group, out.key.element) == (line["group"], line["element"])
        assert out.vrs == frozenset({line["vr"]})
        assert any(n.startswith(f"seen {line['vrs'][line['vr']]} times") for n in raw.notes)


def test_cli_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    done = _cli(str(tmp_path / "missing"), "-o", str(tmp_path / "r.csv"))
    assert done.returncode == 1 and "No such file" in done.stderr and done.stdout == ""
    done = _cli(str(tmp_path), "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 1 and "unknown report format" in done.stderr
    done = _cli(str(tmp_path), "-o", str(tmp_path / "r.csv"), "--workers", "0")
    assert done.returncode == 1 and "--workers" in done.stderr
    done = _cli(str(tmp_path))
    assert done.returncode == 2 and "-o" in done.stderr


def test_api_argument_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        dicom_map.census(tmp_path / "nope")
    with pytest.raises(ValueError, match="workers"):
        dicom_map.census(tmp_path, workers=0)
    with pytest.raises(ValueError, match="not both"):
        dicom_map.census(tmp_path, workers=2, client=object())
    with pytest.raises(ValueError, match="no paths"):
        dicom_map.census([])
    empty = dicom_map.census(tmp_path, workers=1)
    assert len(empty) == 0 and empty.totals["paths"] == 0
    assert "0 looked at" in empty.summary()


def test_progress_bar_on_request_and_never_by_default_off_a_terminal(
    real_archive: Tuple[Path, List[Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, files = real_archive
    quiet = dicom_map.census([root], workers=1)
    assert capsys.readouterr().err == ""
    shown = dicom_map.census([root], workers=1, progress=True)
    err = capsys.readouterr().err
    assert f"{len(files) + 3} files" in err and "files/s" in err and "elements=" in err
    assert shown == quiet


def test_overlapping_paths_count_each_file_once(real_archive: Tuple[Path, List[Path]]) -> None:
    root, files = real_archive
    once = dicom_map.census([root], workers=1)
    twice = dicom_map.census([root, root / "d1", files[0], root], workers=1)
    assert twice == once


def test_large_files_are_mapped_and_read_only_to_the_pixel_data(tmp_path: Path) -> None:
    from dicom_map._census import _partition

    src = pydicom_file("examples_overlay.dcm")
    ds = pydicom.dcmread(src)
    ds.PixelData = b"\0" * (_partition.MAP_FROM + 1000)
    ds["PixelData"].VR = "OB"
    ds.save_as(tmp_path / "big.dcm")
    shutil.copyfile(src, tmp_path / "small.dcm")
    big = dicom_map.census(tmp_path / "big.dcm", workers=1)
    small = dicom_map.census(tmp_path / "small.dcm", workers=1)
    assert (tmp_path / "big.dcm").stat().st_size > _partition.MAP_FROM
    key = lambda c: [(r.kind, r.group, r.creator, r.element, r.elements, r.vrs) for r in c]  # noqa: E731
    assert key(big) == key(small) and big.totals["private_elements"] > 5
    assert big.totals["header_bytes"] < 100_000  # the header, not the pixels


def test_a_transfer_syntax_label_that_lies_is_overruled_by_the_bytes(tmp_path: Path) -> None:
    src = pydicom_file("examples_overlay.dcm")  # explicit VR little endian
    data = src.read_bytes()
    label = b"1.2.840.10008.1.2.1\0"
    assert data.count(label) == 1
    (tmp_path / "labelled_implicit.dcm").write_bytes(
        data.replace(label, b"1.2.840.10008.1.2\0\0\0")
    )
    shutil.copyfile(src, tmp_path / "true.dcm")
    c = dicom_map.census(tmp_path, workers=1)
    assert c.totals["explicit_files"] == 2 and c.totals["damaged"] == 0
    assert all(r.files == 2 and sum(r.vrs.values()) == r.elements for r in c)
