"""dicom_map.open() and Dict: the lookup rules, fast paths, listing, errors, lifetime, threads."""

from __future__ import annotations

import copy
import json
import pickle
import random
import re
import struct
import threading
import time
import zlib
from pathlib import Path
from typing import Any, List, Optional, Tuple

import dicom_map
import pytest
from conftest import DATA_DMAP

ENTRY_KEYS = {
    "group",
    "element",
    "tag",
    "pattern",
    "kind",
    "creator",
    "creator_match",
    "keyword",
    "keyword_generated",
    "name",
    "has_real_name",
    "vr",
    "vrs",
    "vm",
    "description",
    "retired",
    "block_offset",
    "block",
    "sources",
    "vendors",
    "confidence",
    "conflict",
    "candidates",
    "entry_id",
}
SIEMENS_MR = "SIEMENS MR HEADER"


# --- opening -----------------------------------------------------------------------------------


def test_open_without_a_path_is_the_bundled_dictionary(dmap: dicom_map.Dict) -> None:
    assert isinstance(dmap, dicom_map.Dict)
    assert dmap.path is None
    assert len(dmap) > 10_000
    assert dmap.edition
    assert "bundled" in repr(dmap)


def test_open_a_file_by_str_or_pathlike(dmap_file: Path) -> None:
    for arg in (str(dmap_file), dmap_file):
        with dicom_map.open(arg) as d:
            assert d.path == str(dmap_file.resolve())
            assert d.lookup(0x0008, 0x0005)["keyword"] == "SpecificCharacterSet"  # type: ignore[index]


def test_the_bundled_dictionary_is_the_repository_one(dmap: dicom_map.Dict) -> None:
    # The wheel embeds dicom-map/tags.dmap as it was when the wheel was built.
    with dicom_map.open(DATA_DMAP) as d:
        stale = "the installed dicom_map bundles another dicom-map/tags.dmap: rebuild it (make test-python)"
        assert d.info()["metadata"] == dmap.info()["metadata"], stale
        assert len(d) == len(dmap), stale


# --- lookup rules ------------------------------------------------------------------------------


def test_public_tag(dmap: dicom_map.Dict) -> None:
    e = dmap.lookup(0x0008, 0x0005)
    assert e is not None
    assert set(e) == ENTRY_KEYS
    assert (e["group"], e["element"], e["tag"]) == (0x0008, 0x0005, "(0008,0005)")
    assert (e["kind"], e["pattern"]) == ("public", "(0008,0005)")
    assert (e["keyword"], e["name"], e["vr"], e["vrs"]) == (
        "SpecificCharacterSet",
        "Specific Character Set",
        "CS",
        ("CS",),
    )
    assert e["vm"] == "1-n"
    assert e["retired"] is False and e["creator"] is None and e["block_offset"] is False
    assert e["sources"] and all(set(s) == {"id", "document", "page"} for s in e["sources"])
    assert isinstance(e["vendors"], tuple) and isinstance(e["candidates"], tuple)
    assert isinstance(e["sources"], tuple) and isinstance(e["vrs"], tuple)


def test_multi_vr_and_no_vr(dmap: dicom_map.Dict) -> None:
    e = dmap.lookup(0x0028, 0x0106)  # Smallest Image Pixel Value
    assert e is not None and (e["vr"], e["vrs"]) == ("US or SS", ("US", "SS"))
    item = dmap.lookup(0xFFFE, 0xE000)
    assert item is not None and (item["vr"], item["vrs"]) == ("NONE", ())


def test_private_element_full_or_low_byte(dmap: dicom_map.Dict) -> None:
    full = dmap.lookup(0x0019, 0x100C, SIEMENS_MR)
    low = dmap.lookup(0x0019, 0x000C, SIEMENS_MR)
    assert full is not None and low is not None
    assert full["entry_id"] == low["entry_id"]
    assert (full["kind"], full["pattern"]) == ("private", "(0019,xx0C)")
    assert (full["group"], full["element"], full["tag"]) == (0x0019, 0x100C, "(0019,100C)")
    assert full["creator"] == SIEMENS_MR and full["creator_match"] == "exact"
    assert full["block_offset"] is True and full["block"] is None
    assert full["name"] and full["keyword"] and full["vr"]
    assert full["vendors"] and "siemens" in full["vendors"][0].lower()


@pytest.mark.parametrize(
    ("spelling", "how"),
    [
        ("SIEMENS MR HEADER ", "exact"),  # DICOM pads values with spaces ...
        ("SIEMENS MR HEADER\0", "exact"),  # ... or a NUL
        ("  SIEMENS MR HEADER", "exact"),
        ("siemens mr header", "folded"),  # case and whitespace are ignored, reported as folded
        ("Siemens MR  Header", "folded"),
        ("SIEMENSMRHEADER", "folded"),
    ],
)
def test_creator_normalisation_and_folding(dmap: dicom_map.Dict, spelling: str, how: str) -> None:
    e = dmap.lookup(0x0019, 0x100C, spelling)
    assert e is not None
    assert e["creator"] == SIEMENS_MR and e["creator_match"] == how


def test_private_fallbacks(dmap: dicom_map.Dict) -> None:
    # No creator, or one the dictionary does not know: the element is unknown ...
    assert dmap.lookup(0x0019, 0x100C) is None
    assert dmap.lookup(0x0019, 0x100C, "NO SUCH CREATOR 42") is None
    # ... but what a private creator element and a group length are needs no creator.
    creator = dmap.lookup(0x0019, 0x0010, "NO SUCH CREATOR 42")
    assert creator is not None and (creator["kind"], creator["vr"]) == ("private-creator", "LO")
    assert creator["pattern"] == "(gggg,0010-00FF)"
    length = dmap.lookup(0x0019, 0x0000)
    assert length is not None and (length["kind"], length["vr"]) == ("group-length", "UL")
    # Reserved private elements match nothing, whatever the creator.
    assert dmap.lookup(0x0019, 0x0005, SIEMENS_MR) is None
    assert dmap.lookup(0x0019, 0x0100, SIEMENS_MR) is None


def test_repeating_groups(dmap: dicom_map.Dict) -> None:
    overlay = dmap.lookup(0x6002, 0x3000)
    assert overlay is not None
    assert (overlay["kind"], overlay["pattern"], overlay["keyword"]) == (
        "repeater",
        "(60xx,3000)",
        "OverlayData",
    )
    assert (overlay["group"], overlay["element"]) == (0x6002, 0x3000)
    curve = dmap.lookup(0x5006, 0x3000)
    assert curve is not None and (curve["kind"], curve["pattern"]) == ("repeater", "(50xx,3000)")
    # A masked element digit: (0028,04x0) covers (0028,0400), (0028,0410), ... unless a public
    # entry claims one of them; (0028,04F0) is claimed by none.
    rows = dmap.lookup(0x0028, 0x04F0)
    assert rows is not None and rows["kind"] == "repeater" and rows["pattern"] == "(0028,04x0)"
    length = dmap.lookup(0x0008, 0x0000)
    assert (
        length is not None and length["vr"] == "UL" and length["kind"] in ("group-length", "public")
    )


def _first(dmap: dicom_map.Dict, pred: Any) -> Any:
    return next(e for e in dmap if pred(e))


def test_block_specific_entries_win_in_their_block_only(dmap: dicom_map.Dict) -> None:
    e = _first(dmap, lambda e: e["kind"] == "private" and e["block"] is not None)
    group, block, low = e["group"], e["block"], e["element"] & 0xFF
    found = dmap.lookup(group, (block << 8) | low, e["creator"])
    assert found is not None and found["entry_id"] == e["entry_id"]
    assert found["block_offset"] is False and found["block"] == block
    # In another block the block-specific entry does not apply.
    other = next(b for b in range(0x10, 0x100) if b != block)
    elsewhere = dmap.lookup(group, (other << 8) | low, e["creator"])
    assert elsewhere is None or elsewhere["entry_id"] != e["entry_id"]


def test_private_repeating_group(dmap: dicom_map.Dict) -> None:
    e = _first(dmap, lambda e: e["kind"] == "private-repeater")
    pattern_group = e["pattern"][1:5]  # e.g. 70xx
    group = int(pattern_group.replace("x", "0"), 16) | 0x0001  # an odd group the mask matches
    if "x" not in pattern_group[2:]:
        group = int(pattern_group, 16)
    found = dmap.lookup(group, 0x1000 | (e["element"] & 0xFF), e["creator"])
    assert found is not None and found["kind"] == "private-repeater"
    assert found["entry_id"] == e["entry_id"]


def test_conflicts_list_candidates(dmap: dicom_map.Dict) -> None:
    e = _first(dmap, lambda e: e["conflict"])
    assert len(e["candidates"]) >= 2
    assert sum(c["chosen"] for c in e["candidates"]) == 1
    chosen = next(c for c in e["candidates"] if c["chosen"])
    assert chosen["vr"] == e["vr"]
    assert all(c["sources"] for c in e["candidates"])


def test_lookup_text_and_keyword(dmap: dicom_map.Dict) -> None:
    by_text = dmap.lookup_text("(0019,xx0C)", SIEMENS_MR)
    assert by_text is not None and by_text["pattern"] == "(0019,xx0C)"
    assert dmap.lookup_text("00080005")["keyword"] == "SpecificCharacterSet"  # type: ignore[index]
    assert dmap.lookup_text("SpecificCharacterSet")["tag"] == "(0008,0005)"  # type: ignore[index]
    with pytest.raises(ValueError, match="invalid tag"):
        dmap.lookup_text("(0019,10")
    assert dmap.lookup_keyword("PatientName")["tag"] == "(0010,0010)"  # type: ignore[index]


# --- fast paths, listing -----------------------------------------------------------------------


def test_fast_paths_agree_with_lookup(dmap: dicom_map.Dict) -> None:
    rng = random.Random(4)
    entries = list(dmap)
    for e in rng.sample(entries, 500):
        creator = e["creator"]
        element = (
            e["element"] if creator is None or e["block"] is not None else 0x1000 | e["element"]
        )
        group = e["group"]
        if e["kind"] in ("repeater", "private-repeater"):
            continue  # their key is a pattern, not a tag
        full = dmap.lookup(group, element, creator)
        assert full is not None
        assert dmap.vr(group, element, creator) == full["vr"]
        assert dmap.keyword(group, element, creator) == full["keyword"]
    assert dmap.vr(0x0008, 0x0005) == "CS"
    assert dmap.keyword(0x0008, 0x0005) == "SpecificCharacterSet"
    assert dmap.vr(0x0019, 0x100C) is None and dmap.keyword(0x0019, 0x100C) is None


def test_tag_for_keyword(dmap: dicom_map.Dict) -> None:
    assert dmap.tag_for_keyword("SpecificCharacterSet") == 0x00080005
    assert dmap.tag_for_keyword("PatientName") == 0x00100010
    assert dmap.tag_for_keyword("OverlayData") == 0x60003000
    assert dmap.tag_for_keyword("NoSuchKeywordAnywhere") is None


def test_search(dmap: dicom_map.Dict) -> None:
    hits = dmap.search("character set")
    assert "SpecificCharacterSet" in {h["keyword"] for h in hits}
    assert all(
        "character set" in (h["name"] + " " + h["keyword"]).lower()
        or "characterset" in h["keyword"].lower()
        for h in hits
    )
    assert len(dmap.search("character set", limit=2)) == 2
    assert dmap.search("no entry is named like this") == []


def test_iteration_len_and_info(dmap: dicom_map.Dict) -> None:
    entries = list(dmap)
    assert len(entries) == len(dmap)
    assert all(set(e) == ENTRY_KEYS for e in entries[:: max(1, len(entries) // 200)])
    kinds = {e["kind"] for e in entries}
    assert {"public", "repeater", "private"} <= kinds
    assert [e["entry_id"] for e in entries] == list(range(len(entries)))
    info = dmap.info()
    assert info["total_entries"] == len(dmap)
    assert info["public_count"] + info["repeater_count"] + info["private_count"] + info[
        "private_repeater_count"
    ] == len(dmap)
    assert info["version"] == dicom_map.FORMAT_VERSION == 1
    assert info["edition"] == dmap.edition and info["path"] is None
    assert {"pydicom"} <= {s["id"] for s in info["sources"]}
    assert info["bytes_per_tag"] > 0


def test_creators(dmap: dicom_map.Dict) -> None:
    creators = dmap.creators()
    siemens = [c for c in creators if c["name"] == SIEMENS_MR]
    assert len(siemens) == 1 and SIEMENS_MR in siemens[0]["spellings"]
    folded = dmap.creator("siemens mr header")
    assert [c["name"] for c in folded] == [SIEMENS_MR] and folded[0]["match"] == "folded"
    assert dmap.creator("NO SUCH CREATOR 42") == []
    entries = dmap.entries_for_creator(SIEMENS_MR)
    assert entries and all(e["creator"] == SIEMENS_MR for e in entries)
    assert any(e["pattern"] == "(0019,xx0C)" for e in entries)


# --- arguments and errors ----------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-1, 0x10000, 2**70])
def test_out_of_range_is_value_error(dmap: dicom_map.Dict, bad: int) -> None:
    for call in (dmap.lookup, dmap.vr, dmap.keyword):
        with pytest.raises(ValueError, match="out of range"):
            call(bad, 0x0010)
        with pytest.raises(ValueError, match="out of range"):
            call(0x0010, bad)


@pytest.mark.parametrize("bad", [True, "8", 8.0, None])
def test_non_integers_are_type_errors(dmap: dicom_map.Dict, bad: Any) -> None:
    with pytest.raises(TypeError):
        dmap.lookup(bad, 0x0005)
    with pytest.raises(TypeError):
        dmap.vr(0x0008, bad)


def test_integer_like_objects_are_accepted(dmap: dicom_map.Dict) -> None:
    class Index:
        def __index__(self) -> int:
            return 0x0008

    assert dmap.vr(Index(), 0x0005) == "CS"  # type: ignore[arg-type]
    from pydicom.tag import Tag

    tag = Tag(0x0008, 0x0005)  # pydicom's BaseTag is an int
    assert dmap.vr(tag.group, tag.element) == "CS"


def test_creator_must_be_text(dmap: dicom_map.Dict) -> None:
    with pytest.raises(TypeError):
        dmap.lookup(0x0019, 0x100C, b"SIEMENS MR HEADER")  # type: ignore[arg-type]


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nope.dmap"
    with pytest.raises(FileNotFoundError) as info:
        dicom_map.open(missing)
    assert info.value.filename == str(missing)
    with pytest.raises(IsADirectoryError):
        dicom_map.open(tmp_path)


def _format_error(path: Path, verify: bool = True) -> str:
    with pytest.raises(dicom_map.FormatError) as info:
        dicom_map.open(path, verify=verify)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert str(path) in message
    # What is wrong, never where in memory: no pointers, no Rust debug output.
    assert not re.search(r"0x[0-9a-fA-F]{12,}|object at|Error \{|panicked", message), message
    return message


def _fix_header_crc(data: bytearray) -> None:
    struct.pack_into("<I", data, 60, zlib.crc32(bytes(data[:60])))


@pytest.mark.parametrize("length", [0, 1, 8, 63, 64, 100, 1000, -1])
def test_truncated_copies_are_format_errors(dmap_file: Path, length: int) -> None:
    data = dmap_file.read_bytes()
    dmap_file.write_bytes(data[:length] if length >= 0 else data[: len(data) - 1])
    message = _format_error(dmap_file)
    assert "truncated" in message or "length" in message or "bytes" in message


def test_corrupt_copies_are_format_errors(dmap_file: Path) -> None:
    data = bytearray(dmap_file.read_bytes())
    not_dmap = dmap_file.with_name("text.dmap")
    not_dmap.write_bytes(b"GGGG,EEEE,keyword\n" * 10)
    assert "not a .dmap file" in _format_error(not_dmap)

    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0xFF  # a byte of the body
    dmap_file.write_bytes(flipped)
    assert "checksum" in _format_error(dmap_file)
    # Without verification the damaged file opens (cheap checks only); verify() finds it.
    with dicom_map.open(dmap_file, verify=False) as d:
        with pytest.raises(dicom_map.FormatError, match="checksum"):
            d.verify()

    newer = bytearray(data)
    struct.pack_into("<I", newer, 12, 2)  # format version 2
    _fix_header_crc(newer)
    dmap_file.write_bytes(newer)
    message = _format_error(dmap_file)
    assert "version 2" in message and "version 1" in message

    header = bytearray(data)
    header[20] ^= 0x01  # section_count, without fixing the header checksum
    dmap_file.write_bytes(header)
    assert "header checksum" in _format_error(dmap_file)

    longer = bytes(data) + b"\0" * 8
    dmap_file.write_bytes(longer)
    assert "header says" in _format_error(dmap_file)


def test_damaged_files_never_crash_or_panic(dmap_file: Path) -> None:
    """Bytes flipped anywhere after the header: opening without verify succeeds or raises
    FormatError, and every call on what opened returns or raises a normal exception."""
    data = dmap_file.read_bytes()
    rng = random.Random(20240601)
    for round_ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.choice([1, 4, 64])):
            i = rng.randrange(64, len(damaged))
            damaged[i] ^= rng.randrange(1, 256)
        path = dmap_file.with_name(f"damaged{round_}.dmap")
        path.write_bytes(damaged)
        try:
            d = dicom_map.open(path, verify=False)
        except dicom_map.FormatError:
            continue
        with d:
            for group, element, creator in [
                (0x0008, 0x0005, None),
                (0x0019, 0x100C, SIEMENS_MR),
                (0x0019, 0x100C, "siemens mr header"),
                (0x6002, 0x3000, None),
                (0x0029, 0x1010, "SIEMENS CSA HEADER"),
                (0x7001, 0x1004, "DLX_ANNOT_01"),
            ]:
                d.lookup(group, element, creator)
                d.vr(group, element, creator)
            d.tag_for_keyword("PatientName")
            d.search("name", limit=5)
            d.info()
            d.creators()[:3]
            for i, _ in enumerate(d):
                if i > 300:
                    break
            with pytest.raises(dicom_map.FormatError):
                d.verify()


# --- lifetime: context manager, close, pickling, threads ---------------------------------------


def test_context_manager_releases_the_mapping(dmap_file: Path) -> None:
    with dicom_map.open(dmap_file) as d:
        assert not d.closed
        it = iter(d)
        assert next(it)["entry_id"] == 0
    assert d.closed
    assert "closed" in repr(d)
    for call in (
        lambda: d.lookup(8, 5),
        lambda: d.vr(8, 5),
        lambda: d.keyword(8, 5),
        lambda: len(d),
        lambda: d.info(),
        lambda: d.search("x"),
        lambda: d.verify(),
        lambda: next(it),
        lambda: d.tag_for_keyword("PatientName"),
        lambda: d.creators(),
    ):
        with pytest.raises(ValueError, match="dictionary is closed"):
            call()
    d.close()  # closing twice is harmless
    with pytest.raises(ValueError, match="dictionary is closed"):
        with d:
            pass


def test_closing_the_bundled_handle_leaves_others_open() -> None:
    a, b = dicom_map.open(), dicom_map.open()
    a.close()
    assert b.vr(0x0008, 0x0005) == "CS"


def test_pickles_by_path(dmap: dicom_map.Dict, dmap_file: Path) -> None:
    bundled = pickle.loads(pickle.dumps(dmap))
    assert bundled.path is None and len(bundled) == len(dmap)
    with dicom_map.open(dmap_file) as d:
        again = pickle.loads(pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL))
        assert again.path == d.path
        assert again.lookup(0x0019, 0x100C, SIEMENS_MR) == d.lookup(0x0019, 0x100C, SIEMENS_MR)
        assert copy.deepcopy(d).path == d.path


def test_threads_share_one_dictionary(dmap: dicom_map.Dict) -> None:
    queries: List[Tuple[int, int, Optional[str]]] = [
        (0x0008, 0x0005, None),
        (0x0010, 0x0010, None),
        (0x0019, 0x100C, SIEMENS_MR),
        (0x0029, 0x1010, "SIEMENS CSA HEADER"),
        (0x6002, 0x3000, None),
        (0x0019, 0x10FF, "NOPE"),
        (0x0028, 0x0106, None),
        (0x0019, 0x0010, "x"),
    ]
    expected = [dmap.lookup(*q) for q in queries]
    results: List[Any] = [None] * 4
    errors: List[BaseException] = []
    start = threading.Barrier(4)

    def work(i: int) -> None:
        try:
            start.wait()
            out = []
            for _ in range(500):
                out.append([dmap.lookup(*q) for q in queries])
                out.append([dmap.vr(*q) for q in queries])
            results[i] = out
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    vrs = [e["vr"] if e else None for e in expected]
    for out in results:
        assert out[0::2] == [expected] * 500
        assert out[1::2] == [vrs] * 500


def test_close_while_other_threads_look_up(dmap_file: Path) -> None:
    """close() in one thread while others look up: each call either answers or raises
    ValueError("dictionary is closed"); nothing crashes, and once closed it stays closed."""
    d = dicom_map.open(dmap_file)
    seen: List[List[str]] = []
    running = threading.Barrier(4)

    def work() -> None:
        mine: List[str] = []
        seen.append(mine)
        running.wait()
        for _ in range(1_000_000):
            try:
                assert d.vr(0x0008, 0x0005) == "CS"
                mine.append("ok")
            except ValueError as exc:
                assert str(exc) == "dictionary is closed"
                mine.append("closed")
                if len(mine) > 3 and mine[-3:] == ["closed"] * 3:
                    return

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    running.wait()
    time.sleep(0.02)
    d.close()
    for t in threads:
        t.join()
    for mine in seen:
        first_closed = mine.index("closed")
        assert set(mine[:first_closed]) <= {"ok"} and set(mine[first_closed:]) == {"closed"}


# --- errors keep their cause (issue 10, item 6) ---------------------------------------------------


def test_an_exception_from_index_propagates_and_no_message_shows_an_address(
    dmap: dicom_map.Dict,
) -> None:
    class Bad:
        def __index__(self) -> int:
            raise RuntimeError("boom from __index__")

    for call in (
        lambda: dmap.lookup(Bad(), 0x0010),
        lambda: dmap.vr(0x0008, Bad()),
        lambda: dmap.keyword(Bad(), Bad()),
        lambda: dmap.lookup_many([(Bad(), 1, None)]),
    ):
        with pytest.raises(RuntimeError, match="boom from __index__"):
            call()

    class Huge:
        def __index__(self) -> int:
            return 1 << 80

    class Odd:
        pass

    for bad, exc in ((Huge(), ValueError), (1 << 70, ValueError), (Odd(), TypeError)):
        with pytest.raises(exc) as info:
            dmap.lookup(bad, 0x0010)
        assert not re.search(r"0x[0-9a-f]{6,}", str(info.value)), str(info.value)
        assert " at 0x" not in str(info.value)


# --- lookup: a fresh dict per call, shared read-only parts -----------------------------------------


def test_lookup_returns_a_fresh_dict_whose_edits_do_not_leak(dmap: dicom_map.Dict) -> None:
    first = dmap.lookup(0x0019, 0x100C, SIEMENS_MR)
    assert first is not None and type(first) is dict
    pristine = copy.deepcopy(first)
    first["name"] = "changed"
    first["sources"] += ({"id": "x", "document": "y", "page": None},)
    first["vendors"] = ()
    with pytest.raises(TypeError):
        first["sources"][0]["id"] = "changed"  # type: ignore[index]
    again = dmap.lookup(0x0019, 0x100C, SIEMENS_MR)
    assert again == pristine
    assert json.loads(json.dumps(again)) == json.loads(json.dumps(pristine))
    # copy.deepcopy and pickle give plain, editable dicts.
    deep = copy.deepcopy(again)
    deep["sources"][0]["id"] = "editable"
    assert type(pickle.loads(pickle.dumps(again))["sources"][0]) is dict


def test_the_cache_answers_every_query_form_like_a_fresh_build(dmap: dicom_map.Dict) -> None:
    """Per-query keys (group, element, tag, creator_match) follow the query, not the first one
    that filled the cache: the same entry asked by full element, low byte and folded creator."""
    full = dmap.lookup(0x0019, 0x100C, SIEMENS_MR)
    low = dmap.lookup(0x0019, 0x000C, SIEMENS_MR)
    folded = dmap.lookup(0x0019, 0x110C, "siemens  mr header")
    assert full and low and folded
    assert full["entry_id"] == low["entry_id"] == folded["entry_id"]
    assert (full["element"], full["tag"], full["creator_match"]) == (0x100C, "(0019,100C)", "exact")
    assert (low["element"], low["tag"]) == (0x000C, "(0019,xx0C)")
    assert (folded["element"], folded["tag"], folded["creator_match"]) == (
        0x110C,
        "(0019,110C)",
        "folded",
    )
    # Repeaters: the group asked for.
    assert dmap.lookup(0x6002, 0x3000)["group"] == 0x6002  # type: ignore[index]
    assert dmap.lookup(0x6004, 0x3000)["tag"] == "(6004,3000)"  # type: ignore[index]


def test_lookup_many_matches_lookup_on_real_queries(dmap: dicom_map.Dict) -> None:
    rng = random.Random(5)
    entries = list(dmap)
    queries: List[Tuple[int, int, Optional[str]]] = []
    for e in rng.sample(entries, 300):
        element = e["element"] if e["element"] > 0xFF else 0x1000 | e["element"]
        queries.append((e["group"], element, e["creator"]))
    queries += [(0x0008, 0x0003, None), (0x0029, 0x1010, "NO SUCH CREATOR")]
    assert dmap.lookup_many(queries) == [dmap.lookup(*q) for q in queries]
    assert dmap.lookup_many([]) == []
    with pytest.raises(ValueError, match="length 3"):
        dmap.lookup_many([(1, 2)])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        dmap.lookup_many([5])  # type: ignore[list-item]


def test_creators_for_lists_exactly_the_creators_that_define_an_element(
    dmap: dicom_map.Dict,
) -> None:
    names = dmap.creators_for(0x0029, 0x1010)
    assert "SIEMENS CSA HEADER" in names
    for name in names:
        e = dmap.lookup(0x0029, 0x1010, name)
        assert e is not None and e["kind"] in ("private", "private-repeater")
    others = {c["name"] for c in dmap.creators()} - set(names)
    for name in random.Random(3).sample(sorted(others), 40):
        e = dmap.lookup(0x0029, 0x1010, name)
        assert e is None or e["kind"] not in ("private", "private-repeater")
    assert dmap.creators_for(0x0008, 0x0005) == []


def test_tag_for_keyword_answers_the_same_when_remembered(dmap: dicom_map.Dict) -> None:
    fresh = dicom_map.open(DATA_DMAP)
    keywords = [e["keyword"] for e in random.Random(9).sample(list(fresh), 200)]
    keywords += ["PatientName", "OverlayData", "NoSuchKeyword", ""]
    first = [fresh.tag_for_keyword(k) for k in keywords]
    assert [fresh.tag_for_keyword(k) for k in keywords] == first
    assert fresh.tag_for_keyword("PatientName") == 0x00100010
    assert fresh.tag_for_keyword("NoSuchKeyword") is None
    with pytest.raises(TypeError):
        fresh.tag_for_keyword(5)  # type: ignore[arg-type]


def test_search_ranks_whole_phrases_first(dmap: dicom_map.Dict) -> None:
    hits = dmap.search("b value")
    names = [h["name"].lower() for h in hits]
    assert names[0] == "b value"
    assert max(i for i, n in enumerate(names) if n == "b value") < min(
        i for i, n in enumerate(names) if "cielab" in n
    )
    # The same hits as an unranked substring search: only the order changes.
    assert {h["entry_id"] for h in hits} == {
        e["entry_id"] for e in dmap if "b value" in e["name"].lower()
    }
    assert dmap.search("specificcharacterset")[0]["tag"] == "(0008,0005)"
    assert len(dmap.search("value", limit=3)) == 3
