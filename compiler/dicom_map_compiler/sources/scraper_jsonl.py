"""Vendor conformance statements, as harvested by ``python -m scraper`` into JSON Lines.

Each line of a scraper output file is one private tag read from a table of a vendor's PDF
(``scraper/records.py`` documents the fields): ``group`` and ``element`` are integers, ``element``
being the low byte and ``block`` the fixed block byte (``null`` when the document writes ``xxEE``);
``creator``, ``vr``, ``vm``, ``name``, ``description`` as read; ``source`` is ``file.pdf#pN``; ``sha256``
is the PDF's digest.

A line becomes a :class:`RawRow` with page-level provenance: ``document`` is the PDF's file name,
``page`` the ``N`` of ``#pN``, ``locator`` the JSONL file and line; the element is spelled ``xxEE``, or
``BBEE`` for a fixed block. A line that is not such a record (not JSON, a field missing or of the wrong
type, a ``source`` without its page) is :class:`Unreadable`, with the reason. Blank lines are skipped.
The PDFs' digests go into ``sources.json`` through :func:`describe`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..rows import RawRow, Unreadable
from . import _jsonl

SOURCE_ID = "scraper"
_SOURCE = re.compile(r"^(?P<document>.+)#p(?P<page>[1-9][0-9]*)$")
_TEXT_FIELDS = ("vr", "vm", "name", "description")
#: How the scraper found each row's creator (``creator_from``), as a note for the reports.
_CREATOR_FROM = {
    "caption": "creator from the table's caption",
    "reservation": "creator from a (gggg,00BB) private creator row",
    "column": "creator from the row's creator column",
    "carried": "creator carried over from an earlier page",
}


def describe(paths: list[Path]) -> dict[str, Any]:
    """The source description for ``sources.json``: the JSONL files and every PDF they were read from."""
    digest, found = _jsonl.records(paths)
    documents: dict[str, str] = {}
    for record in found:
        source, sha = record.get("source"), record.get("sha256")
        if isinstance(sha, str) and isinstance(source, str) and (where := _SOURCE.match(source)):
            documents[where.group("document")] = sha
    return {
        "id": SOURCE_ID,
        "title": "vendor DICOM conformance statements (PDF), private-tag tables read by python -m scraper",
        "version": f"sha256:{digest}",
        "url": "",
        "license": "facts (tags, names, VRs) read from vendor documents; see each document's terms",
        "files": [str(p.resolve()) for p in paths],
        "documents": dict(sorted(documents.items())),
    }


def read_all(paths: list[Path]) -> Iterator[RawRow | Unreadable]:
    """Every row of every scraper output file, in order."""
    for path in paths:
        yield from read(path)


def read(path: Path) -> Iterator[RawRow | Unreadable]:
    """The rows of one scraper output file."""
    return _jsonl.lines(path, lambda line, number: _row(line, f"{path.name} line {number}"))


def _row(line: str, locator: str) -> RawRow | Unreadable:
    def bad(reason: str, document: str = "") -> Unreadable:
        return Unreadable(SOURCE_ID, document, locator, reason, line.strip())

    try:
        record = json.loads(line)
    except ValueError as err:
        return bad(f"not JSON: {err}")
    if not isinstance(record, dict):
        return bad("not a JSON object")
    source = record.get("source")
    where = _SOURCE.match(source) if isinstance(source, str) else None
    if where is None:
        return bad("source is not 'file.pdf#pN'")
    document = where.group("document")
    group, element, block = record.get("group"), record.get("element"), record.get("block")
    if not _jsonl.integer(group, 0, 0xFFFF):
        return bad("group is not an integer 0-FFFF", document)
    if not _jsonl.integer(element, 0, 0xFF):
        return bad("element is not the low byte, an integer 0-FF", document)
    if block is not None and not _jsonl.integer(block, 0, 0xFF):
        return bad("block is neither null nor an integer 0-FF", document)
    creator = record.get("creator")
    if not isinstance(creator, str) or not creator.strip():
        return bad("creator missing", document)
    if any(not isinstance(record.get(f, ""), str) for f in _TEXT_FIELDS):
        return bad(f"one of {', '.join(_TEXT_FIELDS)} is not a string", document)
    notes = tuple(
        note
        for note in (
            f"printed as {record['tag']}"
            if isinstance(record.get("tag"), str) and record["tag"]
            else "",
            _CREATOR_FROM.get(record["creator_from"], f"creator from {record['creator_from']}")
            if isinstance(record.get("creator_from"), str)
            else "",
        )
        if note
    )
    return RawRow(
        source=SOURCE_ID,
        document=document,
        locator=locator,
        group=f"{group:04X}",
        element=f"{'xx' if block is None else f'{block:02X}'}{element:02X}",
        creator=creator,
        vr=record.get("vr", ""),
        vm=record.get("vm", ""),
        name=record.get("name", ""),
        description=record.get("description", ""),
        page=int(where.group("page")),
        notes=notes,
    )
