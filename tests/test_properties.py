"""Property tests (hypothesis) of the Python API's arguments: ``open``, ``lookup``,
``lookup_text``, ``search`` and ``explain``.

Each property says what an argument of any shape gives: a result that agrees with another way of
asking, or one documented exception type. ``FormatError`` (about the dictionary file) must never
come out of a call whose only fault is its argument, and nothing may crash the interpreter. The
runs are bounded (``max_examples``) so the suite stays quick; hypothesis replays failures it found
before from its database.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path
from typing import Any, Optional

import dicom_map
import pytest
from conftest import DATA_DMAP
from dicom_map import FormatError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

BOUNDED = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

DMAP = dicom_map.open()
# (tag, name, keyword) of every entry, in file order.
ALL = [(e["tag"], e["name"], e["keyword"]) for e in DMAP]
HEX_TAG = re.compile(r"[0-9A-Fa-f]{4}[0-9A-Fa-fxX]{2}[0-9A-Fa-f]{2}")

# Any Python value a caller might pass where an int is expected.
ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=2),
)
TAG_PART = st.integers(min_value=0, max_value=0xFFFF)
# Text of every kind: full Unicode (including lone surrogates, which cannot cross into Rust),
# tag-like fragments and NULs.
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789abcdefABCDEFxX(), \t\n\x00ö", max_size=16),
    st.from_regex(r"\(?[0-9A-Fa-f]{0,5}[, ]?[0-9A-Fa-fxX]{0,5}\)?", fullmatch=True),
    st.sampled_from(["000ö000", "(0019,xxö)", "\ud800", "0008\x000005", "😀" * 4]),
)
CREATOR = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(["SIEMENS MR HEADER", " siemens  mr header\x00", "GEMS_ACQU_01", ""]),
)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


@BOUNDED
@given(group=ANYTHING, element=ANYTHING, creator=CREATOR)
def test_lookup_accepts_only_tag_ints(group: Any, element: Any, creator: Optional[str]) -> None:
    def out_of_range(v: Any) -> bool:
        return _is_int(v) and not 0 <= v <= 0xFFFF

    try:
        result = DMAP.lookup(group, element, creator)
    except TypeError:
        assert not (_is_int(group) and _is_int(element)), (group, element)
        return
    except ValueError as exc:
        assert not isinstance(exc, FormatError)
        assert out_of_range(group) or out_of_range(element), (group, element)
        return
    assert _is_int(group) and _is_int(element)
    assert 0 <= group <= 0xFFFF and 0 <= element <= 0xFFFF
    assert result is None or isinstance(result, dict)


@BOUNDED
@given(group=TAG_PART, element=TAG_PART, creator=CREATOR)
def test_lookup_text_agrees_with_lookup(group: int, element: int, creator: Optional[str]) -> None:
    by_ints = DMAP.lookup(group, element, creator)
    for text in (
        f"({group:04X},{element:04X})",
        f"{group:04x}{element:04x}",
        f"0x{group:x} 0x{element:x}",
        f" {group:04X},{element:04X} ",
    ):
        assert DMAP.lookup_text(text, creator) == by_ints, text


@BOUNDED
@given(text=TEXT, creator=CREATOR)
def test_lookup_text_gives_an_entry_none_or_value_error(text: str, creator: Optional[str]) -> None:
    try:
        result = DMAP.lookup_text(text, creator)
    except ValueError as exc:
        # Not about the dictionary: the text (or, for a lone surrogate, its encoding) is at fault.
        assert not isinstance(exc, FormatError), exc
        assert "internal error" not in str(exc)
        return
    assert result is None or isinstance(result, dict)
    word = text.strip()
    if (
        result is not None
        and word.isidentifier()
        and word.isascii()
        and not HEX_TAG.fullmatch(word)
    ):
        # A keyword (not eight hex digits, which read as a tag): the entry has that keyword.
        assert result["keyword"] == word


@BOUNDED
@given(keyword=st.sampled_from(sorted({kw for _, _, kw in ALL[::37]})))
def test_keywords_round_trip_through_lookup_text(keyword: str) -> None:
    found = DMAP.lookup_text(keyword)
    assert found is not None and found["keyword"] == keyword


# A search scans every entry (milliseconds each): fewer examples.
@settings(BOUNDED, max_examples=40)
@given(text=TEXT, limit=st.one_of(st.none(), st.integers(min_value=0, max_value=50)))
def test_search_never_fails_and_honours_limit(text: str, limit: Optional[int]) -> None:
    try:
        hits = DMAP.search(text, limit=limit)
    except ValueError as exc:
        # Only text that cannot be encoded as UTF-8 (a lone surrogate) is refused.
        assert not isinstance(exc, FormatError)
        with pytest.raises(UnicodeEncodeError):
            text.encode("utf-8")
        return
    if limit is not None:
        assert len(hits) <= limit
    if text.isascii():
        needle = text.lower()
        for hit in hits:
            assert needle in hit["name"].lower() or needle in hit["keyword"].lower()


@settings(BOUNDED, max_examples=25)
@given(text=st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=6))
def test_search_finds_every_matching_entry(text: str) -> None:
    needle = text.lower()
    expected = [t for t, name, kw in ALL if needle in name.lower() or needle in kw.lower()]
    # Every match, each once; the order is the ranking's (best match first), checked elsewhere.
    assert sorted(e["tag"] for e in DMAP.search(text)) == sorted(expected)


# Random edits of the real file: opening either works (the edit was harmless) or raises
# FormatError; never another exception, a hang or a crash.
EDITS = st.lists(
    st.tuples(st.integers(min_value=0, max_value=2**31), st.binary(min_size=1, max_size=8)),
    min_size=1,
    max_size=4,
)


@settings(BOUNDED, max_examples=60)
@given(edits=EDITS, truncate=st.one_of(st.none(), st.integers(min_value=0, max_value=2**31)))
def test_open_damaged_files(tmp_path: Path, edits: Any, truncate: Optional[int]) -> None:
    data = bytearray(DATA_DMAP.read_bytes())
    for at, patch in edits:
        at %= len(data)
        data[at : at + len(patch)] = patch[: len(data) - at]
    if truncate is not None:
        del data[truncate % (len(data) + 1) :]
    path = tmp_path / "damaged.dmap"
    path.write_bytes(bytes(data))
    for mmap in (False, True):
        try:
            d = dicom_map.open(path, mmap=mmap)
        except FormatError:
            continue
        # Both checksums cover every byte: only an edit that changed nothing can open.
        assert bytes(data) == DATA_DMAP.read_bytes()
        assert d.lookup(0x0008, 0x0005) is not None
        d.close()


PATHS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", ".", "/", "/dev/null", "/dev/zero", "/proc/self/status", "\x00"]),
    st.binary(max_size=20).map(os.fsdecode),
)


@settings(BOUNDED, max_examples=100)
@given(path=PATHS)
def test_open_any_path_fails_with_os_or_value_errors(path: str) -> None:
    """No regular file is named, so the only outcomes are OSError (missing, not a regular file)
    and ValueError (an embedded NUL), never FormatError, a hang or a crash."""
    assume("\x00" in path or not Path(path).is_file())
    with pytest.raises((OSError, ValueError)) as info:
        dicom_map.open(path)
    assert not isinstance(info.value, FormatError), info.value


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_open_fifo_fails_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "tags.dmap"
    os.mkfifo(fifo)
    for mmap in (False, True):
        with pytest.raises(OSError, match="FIFO"):
            dicom_map.open(fifo, mmap=mmap)


def test_truncated_while_open_survives(tmp_path: Path) -> None:
    """The default open copies the file: truncating it cannot kill the process. Run in a child
    so a SIGBUS would show as its exit status, not kill the test run."""
    import subprocess
    import sys

    path = tmp_path / "tags.dmap"
    shutil.copyfile(DATA_DMAP, path)
    code = (
        "import os, sys, dicom_map\n"
        "d = dicom_map.open(sys.argv[1], mmap=sys.argv[2] == 'mmap')\n"
        "os.truncate(sys.argv[1], 1000)\n"
        "n = sum(1 for _ in d)\n"
        "assert d.lookup(0x0008, 0x0005)['keyword'] == 'SpecificCharacterSet'\n"
        "d.verify()\n"
        "print(n)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), "copy"], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    assert int(done.stdout) > 1000
    if sys.platform.startswith("linux"):
        shutil.copyfile(DATA_DMAP, path)
        mapped = subprocess.run(
            [sys.executable, "-c", code, str(path), "mmap"], capture_output=True, timeout=120
        )
        assert mapped.returncode == -7, mapped  # SIGBUS: the documented risk of mmap=True


# explain: a dataset of random private elements under random creators yields one record per
# private element (creators included), each resolved or with a documented reason.
pydicom = pytest.importorskip("pydicom")

PRIVATE_GROUP = st.integers(min_value=0x0009, max_value=0xFFFD).filter(lambda g: g & 1)
ELEMENTS = st.lists(
    st.tuples(
        st.integers(min_value=0x10, max_value=0xFF),  # block
        st.integers(min_value=0x00, max_value=0xFF),  # element offset
        st.sampled_from(["LO", "UN", "US", "DS", "SH", "OB"]),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda t: (t[0], t[1]),
)
VALUES = {"LO": "x", "UN": b"\x01\x02", "US": 7, "DS": "1.5", "SH": "y", "OB": b"\x00\x01"}


@settings(BOUNDED, max_examples=80)
@given(
    group=PRIVATE_GROUP,
    elements=ELEMENTS,
    creator=st.one_of(
        st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=64),
        st.sampled_from(["SIEMENS MR HEADER", "GEMS_ACQU_01", "Philips Imaging DD 001"]),
    ),
    dictionary=st.sampled_from(["default", "path", "bundled"]),
)
def test_explain_yields_one_record_per_private_element(
    group: int, elements: Any, creator: str, dictionary: str
) -> None:
    from pydicom.dataset import Dataset

    ds = Dataset()
    blocks = sorted({block for block, _, _ in elements})
    for block in blocks:
        ds.add_new((group << 16) | block, "LO", creator)
    for block, offset, vr in elements:
        ds.add_new((group << 16) | (block << 8) | offset, vr, VALUES[vr])
    arg: Any = {"default": None, "path": str(DATA_DMAP), "bundled": DMAP}[dictionary]
    records = list(dicom_map.explain(ds, arg))
    assert len(records) == len(blocks) + len(elements)
    for rec in records:
        assert (rec.tag >> 16) == group
        assert rec.resolved or rec.reason in dicom_map.REASONS
        if rec.resolved:
            assert rec.pattern is not None


# pydicom warns (UserWarning) about elements it cannot type; the suite turns warnings into errors,
# but the property is about what explain raises, so its warnings are let through here.
@pytest.mark.filterwarnings("ignore::UserWarning")
@settings(BOUNDED, max_examples=60)
@given(data=st.binary(max_size=300), force=st.booleans())
def test_explain_on_arbitrary_bytes_raises_what_dcmread_raises(data: bytes, force: bool) -> None:
    """explain's documented contract: for bytes pydicom cannot read, what dcmread raises."""
    from pydicom import dcmread

    try:
        dcmread(io.BytesIO(data), force=force)
    except Exception as exc:  # noqa: BLE001 - the property is about whatever pydicom raises
        with pytest.raises(type(exc)):
            list(dicom_map.explain(io.BytesIO(data), force=force))
        return
    for rec in dicom_map.explain(io.BytesIO(data), force=force):
        assert isinstance(rec, dicom_map.ExplainRecord)


@settings(BOUNDED, max_examples=40)
@given(dictionary=ANYTHING)
def test_explain_rejects_bad_dictionary_arguments(dictionary: Any) -> None:
    from pydicom.dataset import Dataset

    ds = Dataset()
    ds.PatientName = "x"
    try:
        records = list(dicom_map.explain(ds, dictionary))
    except (TypeError, OSError, ValueError):
        assert dictionary is not None
        return
    assert records == []
