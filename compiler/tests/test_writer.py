"""The writer against the specification, and reproducibility on the real build."""

import random
import struct

import pytest
from dicom_map_compiler import build, synthetic
from dicom_map_compiler.dmap import writer
from dicom_map_compiler.merge import SourceInfo, merge
from dicom_map_compiler.normalise import normalise
from dicom_map_compiler.rows import RawRow
from spec_decode import decode

SOURCES = {"a": SourceInfo("a", "curated", "a", 0), "b": SourceInfo("b", "document", "b", 1)}
RECORDS = [writer.SourceRecord(s, s, "1", "", "MIT", 2, False) for s in ("a", "b")] + [
    synthetic.SOURCE
]


def _rows(seed=None):
    raws = [
        RawRow("a", "a.xml", "1", "0010", "0010", None, "PN", "1", "Patient's Name", "PatientName"),
        RawRow(
            "a", "a.xml", "2", "60xx", "3000", None, "OB or OW", "1", "Overlay Data", "OverlayData"
        ),
        RawRow("a", "a.xml", "3", "0019", "xx0C", "SIEMENS MR HEADER", "IS", "1", "B Value"),
        RawRow(
            "b",
            "https://x/y.pdf",
            "4",
            "0019",
            "xx0C",
            "Siemens MR Header",
            "DS",
            "1",
            "B value",
            page=12,
        ),
        RawRow(
            "b",
            "https://x/y.pdf",
            "5",
            "0019",
            "xx0C",
            "SIEMENS MR HEADER",
            "DS",
            "1",
            "B Value",
            page=12,
        ),
        RawRow("a", "a.xml", "6", "0029", "xx01", "TOSHIBA_MEC_MR3^12", "SQ", "1", "?"),
        RawRow(
            "a",
            "a.xml",
            "7",
            "70xx",
            "xx04",
            "DLX_ANNOT_01",
            "ST",
            "1",
            "Text",
            description="A note",
        ),
    ]
    if seed is not None:
        random.Random(seed).shuffle(raws)
    return [normalise(r) for r in raws]


def _write(rows):
    return writer.write(
        merge(rows, SOURCES), RECORDS, synthetic.ENTRIES, {"edition": "2024c"}, "2024c"
    )


def test_same_rows_any_order_same_bytes():
    first = _write(_rows())
    for seed in range(5):
        assert _write(_rows(seed)) == first


def test_layout_follows_the_spec():
    d = decode(_write(_rows()))
    assert d.header == dict(flags=1, public=1, repeaters=1, private=3, creators=3, edition="2024c")
    publ = d.records(b"PUBL")
    tag, name, kw, prov, typ, flags = struct.unpack("<IIIIHH", publ[0])
    assert (
        tag == 0x00100010 and d.string(name) == "Patient's Name" and d.string(kw) == "PatientName"
    )
    assert flags >> 8 == 50  # one curated source alone
    # The conflict: IS (a) against DS (b, a vendor document) — DS wins, both listed.
    priv = d.records(b"PRIV")
    key = [struct.unpack("<HHHBB", r[:8]) for r in priv]
    assert key[0][0] == 0x0019 and key[0][3:] == (0x0C, 0)
    flags = struct.unpack("<H", priv[0][22:24])[0]
    assert flags & 2  # conflict
    vrbits, vm, _ = struct.unpack(
        "<QII", d.records(b"TYPE")[struct.unpack("<H", priv[0][20:22])[0]]
    )
    assert vrbits == 1 << 5 and d.string(vm) == "1"  # DS
    cands = [struct.unpack("<IIHH", c) for c in d.records(b"CAND")]
    assert len(cands) == 2 and sum(c[3] & 1 for c in cands) == 1
    # Block-specific ^12 entry, nameless: generated keyword (not stored), flag bit 2.
    toshiba = [r for r, k in zip(priv, key) if k[0] == 0x0029][0]
    assert struct.unpack("<BB", toshiba[6:8]) == (0x01, 0x12)
    name, kw = struct.unpack("<II", toshiba[8:16])
    f = struct.unpack("<H", toshiba[22:24])[0]
    assert (name, kw) == (0, 0) and f & 4 and f & 8
    # Repeating private group in PRPT, its description in DESC.
    prpt = d.records(b"PRPT")
    assert struct.unpack("<HH", prpt[0][:4]) == (0x7000, 0xFF00)
    entry_id, desc = struct.unpack("<II", d.records(b"DESC")[0])
    assert entry_id == 1 + 1 + 2 and d.string(desc) == "A note"
    # Creators: canonical spelling is the most common one; the other is an alias.
    crtr = [d.string(struct.unpack("<II", r)[0]) for r in d.records(b"CRTR")]
    assert "SIEMENS MR HEADER" in crtr
    spellings = [d.string(struct.unpack("<II", r)[0]) for r in d.records(b"CSPL")]
    assert spellings == sorted(spellings, key=str.encode) and "Siemens MR Header" in spellings


def test_writer_refuses_what_v1_cannot_hold():
    res = merge(_rows(), SOURCES)
    with pytest.raises(writer.WriteError):
        writer.write(res, RECORDS[:1], synthetic.ENTRIES, {}, "2024c")  # source b unknown
    with pytest.raises(writer.WriteError):
        writer.write(res, RECORDS, synthetic.ENTRIES, {}, "too-long-edition")


def test_real_build_is_reproducible():
    shared = build.Path(__file__).resolve().parents[3] / "shared"
    a = build.run(shared)
    b = build.run(shared)
    assert a.files == b.files
    d = decode(a.files["tags.dmap"])
    assert d.header["public"] >= 5091 and d.header["private"] > 10000
    assert (
        len(a.files["tags.dmap"])
        / (d.header["public"] + d.header["repeaters"] + d.header["private"])
        <= 60
    )
