"""The classes of names one creator reuses (issue 14, item 3), on the committed dictionary and on
keys built to sit on each side of every rule."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from dicom_map_compiler import keywords, name_reuse
from dicom_map_compiler.name_reuse import Key, classify

TAGS_CSV = Path(__file__).resolve().parents[2] / "data" / "tags.csv"


def _committed() -> tuple[list[Key], dict[tuple[str, str, str], dict[str, str]]]:
    keys, rows = [], {}
    with TAGS_CSV.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if not r["creator"] or not r["name"]:
                continue
            el = r["element"]
            block = 0 if el[:2].lower() == "xx" else int(el[:2], 16)
            keys.append(Key(r["creator"], r["name"], r["group"], block, int(el[2:], 16)))
            rows[(r["creator"], r["group"], el)] = r
    return keys, rows


def _kind(found: list[name_reuse.Reuse], creator: str, name: str) -> str:
    return next(r.kind for r in found if r.creator == creator and r.name == name)


def test_every_reused_name_of_the_dictionary_has_one_class() -> None:
    keys, rows = _committed()
    found = classify(keys)
    names = Counter((k.creator.upper(), " ".join(k.name.lower().split())) for k in keys)
    assert len(found) == sum(1 for n in names.values() if n > 1) > 300
    counts = Counter(r.kind for r in found)
    assert set(counts) == set(name_reuse.CLASSES)
    # the copy errors the audit named: X twice where the second is Y
    assert _kind(found, "Siemens: Thorax/Multix FD Lab Settings", "Label Left Percentage X") == (
        name_reuse.SUSPECT_COPY
    )
    # Multix's processing table xx16-xx29 repeated at xx66-xx8D
    assert _kind(found, "SIEMENS_FLCOMPACT_VA01A_PROC", "Contrast") == name_reuse.REPEATED_TABLE
    # a document's BBEE spelling of an xxEE element
    assert _kind(found, "DIDI TO PCR 1.1", "Gamma") == name_reuse.BLOCK_FORMS
    # the same field in each of a creator's groups
    assert _kind(found, "GEMS_PETD_01", "PET software_version") == name_reuse.REPEATED_TABLE
    # keywords under a reused name stay apart, ignoring case, and a generated one is the name's
    for r in found:
        kws = []
        for k in r.keys:
            el = f"{'xx' if k.block == 0 else f'{k.block:02X}'}{k.element:02X}"
            row = rows[(k.creator, k.group, el)]
            kws.append(row["keyword"].lower())
            if row["keyword_generated"] == "1":
                assert row["keyword"].startswith(keywords.from_name(row["name"])), row["keyword"]
        assert len(set(kws)) == len(kws), (r.creator, r.name, kws)


def _k(name: str, group: str, element: int, block: int = 0, creator: str = "ACME 1") -> Key:
    return Key(creator, name, group, block, element)


def test_rule_on_each_side_of_each_class() -> None:
    keys = [
        _k("Gain", "0019", 0x02),
        _k("gain ", "0019", 0x02, block=0x10),  # the same element in block 10: block forms
        _k("Version", "0019", 0x03),
        _k("Version", "0021", 0x03),  # one per group: across groups
        _k("Width X", "0029", 0x10),
        _k("Width X", "0029", 0x11),  # adjacent, no table: suspect copy
        *[_k(f"Field {i}", "0043", 0x20 + i) for i in range(3)],
        *[_k(f"Field {i}", "0043", 0x60 + i) for i in range(3)],  # three at +0x40: a table
        _k("Pair", "0045", 0x01),
        _k("Pair", "0045", 0x41),  # +0x40 in another group than the table: suspect
        *[_k("Id", "0047", e) for e in (0x01, 0x17, 0x90)],  # three times: per-object field
        _k("Gain", "0019", 0x09, creator="OTHER"),  # another creator: not a reuse
    ]
    found = {r.name.lower().strip(): r.kind for r in classify(keys)}
    assert found == {
        "gain": name_reuse.BLOCK_FORMS,
        "version": name_reuse.ACROSS_GROUPS,
        "width x": name_reuse.SUSPECT_COPY,
        "field 0": name_reuse.REPEATED_TABLE,
        "field 1": name_reuse.REPEATED_TABLE,
        "field 2": name_reuse.REPEATED_TABLE,
        "pair": name_reuse.SUSPECT_COPY,
        "id": name_reuse.REPEATED_TABLE,
    }
