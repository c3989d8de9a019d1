import pytest
from dicom_map_compiler.dmap.strings import StringPool


def _pool(strings):
    p = StringPool()
    for s in strings:
        p.add(s)
    return p, p.freeze()


def _read(pool_bytes, ref):
    return pool_bytes[ref : pool_bytes.index(b"\x00", ref)].decode()


def test_tails_share_storage_and_every_ref_reads_back():
    strings = ["Group Length", "Length", "th", "Patient's Name", "Name", "Ünïcode", "code", ""]
    p, data = _pool(strings)
    assert data[0] == 0 and data[-1] == 0
    for s in strings:
        assert _read(data, p.ref(s)) == s
    assert b"Length\x00" in data and data.count(b"Length\x00") == 1
    assert (
        len(data)
        == 1 + len("Group Length\x00") + len("Patient's Name\x00") + len("Ünïcode".encode()) + 1
    )


def test_layout_independent_of_insertion_order():
    a = ["b", "ab", "xyz", "yz", "q"]
    assert _pool(a)[1] == _pool(list(reversed(a)))[1]


def test_nul_is_refused():
    with pytest.raises(ValueError):
        StringPool().add("a\x00b")
