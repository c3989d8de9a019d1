"""What a site's own archive taught: the ``--harvest`` JSON lines of ``python -m dicom_map census``.

A census harvest lists the private keys an archive holds that the dictionary lacked, or whose VR
the archive's explicit-VR files contradicted. Each line is one key with its evidence::

    {"harvest": 1, "group": 25, "element": 12, "blocks": [16], "creator": "ACME 1.1",
     "vr": "DS", "vrs": {"DS": 40, "UN": 2}, "elements": 42, "files": 20,
     "examples": ["/archive/a.dcm", ...], "reason": "unknown creator", "dict_vr": null,
     "dictionary": "2024c"}

``group`` (0-FFFF, odd) and ``element`` (the low byte, 0-FF) are integers; ``vr`` is the VR the
files wrote most often (never ``UN``), ``vrs`` every VR with its count. A line becomes a
:class:`RawRow` of kind ``harvested`` (like ``real-files``): element ``xxEE`` (any block), no name,
the evidence (counts, other VRs, the first example file, why it was harvested) in ``notes``;
``document`` is the harvest file's name, ``locator`` its line. A line that is not such a record
(not JSON, a field missing or of the wrong type, an even group, ``vr`` ``UN`` or not two capital
letters, ``vr`` absent from ``vrs``) is :class:`Unreadable` with the reason. Blank lines are
skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..rows import RawRow, Unreadable
from . import _jsonl

SOURCE_ID = "census-harvest"
#: The harvest format versions this adapter reads.
VERSIONS = (1,)
_VR = re.compile(r"^[A-Z]{2}$")


def describe(paths: list[Path]) -> dict[str, Any]:
    """The source description for ``sources.json``: the harvest files and their digest."""
    digest, found = _jsonl.records(paths)
    dictionaries = {r["dictionary"] for r in found if isinstance(r.get("dictionary"), str)}
    return {
        "id": SOURCE_ID,
        "title": "private keys and VRs seen in a site's own archive (python -m dicom_map census --harvest)",
        "version": f"sha256:{digest}",
        "url": "",
        "license": "facts (tags, creators, VRs) observed in the site's DICOM files",
        "files": [str(p.resolve()) for p in paths],
        "compared_with": sorted(dictionaries),
    }


def read_all(paths: list[Path]) -> Iterator[RawRow | Unreadable]:
    """Every row of every harvest file, in order."""
    for path in paths:
        yield from read(path)


def read(path: Path) -> Iterator[RawRow | Unreadable]:
    """The rows of one harvest file."""
    return _jsonl.lines(path, lambda line, number: _row(line, path.name, f"line {number}"))


def _row(line: str, document: str, locator: str) -> RawRow | Unreadable:
    def bad(reason: str) -> Unreadable:
        return Unreadable(SOURCE_ID, document, locator, reason, line.strip()[:200])

    try:
        record = json.loads(line)
    except ValueError as err:
        return bad(f"not JSON: {err}")
    if not isinstance(record, dict):
        return bad("not a JSON object")
    if record.get("harvest") not in VERSIONS:
        return bad(f"harvest version is not one of {VERSIONS}")
    group, element, creator = record.get("group"), record.get("element"), record.get("creator")
    if not _jsonl.integer(group, 0x0009, 0xFFFE) or group % 2 == 0:
        return bad("group is not an odd integer 0009-FFFD")
    if not _jsonl.integer(element, 0, 0xFF):
        return bad("element is not the low byte, an integer 0-FF")
    if not isinstance(creator, str) or not creator.strip():
        return bad("creator missing")
    vr, vrs = record.get("vr"), record.get("vrs")
    if not isinstance(vr, str) or not _VR.match(vr) or vr == "UN":
        return bad("vr is not a VR other than UN")
    if (
        not isinstance(vrs, dict)
        or not all(isinstance(k, str) and _jsonl.integer(n, 1, 2**63) for k, n in vrs.items())
        or vr not in vrs
    ):
        return bad("vrs is not a map of VRs to counts holding vr")
    for field in ("elements", "files"):
        if not _jsonl.integer(record.get(field), 1, 2**63):
            return bad(f"{field} is not a positive integer")
    examples = record.get("examples")
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        return bad("examples is not a list of paths")
    others = ", ".join(f"{v} x{n}" for v, n in sorted(vrs.items()) if v != vr)
    notes = tuple(
        n
        for n in (
            f"seen {vrs[vr]} times as {vr} in {record['files']} files "
            f"({record['elements']} elements)",
            f"also written as {others}" if others else "",
            f"harvested: {record['reason']}" if isinstance(record.get("reason"), str) else "",
            f"for example {examples[0]}" if examples else "",
        )
        if n
    )
    return RawRow(
        source=SOURCE_ID,
        document=document,
        locator=locator,
        group=f"{group:04X}",
        element=f"xx{element:02X}",
        creator=creator,
        vr=vr,
        vm="",
        name="",
        notes=notes,
    )
