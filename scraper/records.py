"""What the scraper writes: a record per private tag, a reject per unusable row, a result per file.

Output is JSON Lines. A :class:`Record` carries at least ``group`` and ``element`` (integers:
``element`` is the low byte; ``block`` is the block byte when the document gives a fixed block such
as ``(0019,1008)``, else ``null``), ``creator``, ``vr``, ``vm``, ``name``, ``description``, ``source``
(``file.pdf#pN``) and the PDF's ``sha256``. A :class:`Reject` is anything not turned into a record:
a row that looks like a tag row but cannot be used (``kind`` ``row``), a page that could not be read
(``page``) or a whole file (``file``), always with the reason.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Record:
    """One private tag read from a vendor table."""

    group: int
    element: int
    block: int | None
    creator: str
    vr: str
    vm: str
    name: str
    description: str
    #: ``file.pdf#pN``: the PDF's file name and the 1-based page the row was printed on.
    source: str
    sha256: str
    #: The tag as printed, wrapped lines joined by a space (split group and element columns joined by
    #: a comma); every record of a range row carries the whole range.
    tag: str
    #: Where the creator was found: ``caption``, ``reservation``, ``column`` or ``carried``.
    creator_from: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


@dataclass(frozen=True)
class Reject:
    """Something the scraper read but did not emit, and why."""

    kind: str
    #: ``file.pdf#pN`` for rows and pages, ``file.pdf`` for whole files.
    source: str
    reason: str
    #: The row's cells joined with `` | ``, or the error's detail.
    text: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


@dataclass
class FileResult:
    """Everything one PDF gave: its records, its rejects, and the error if it could not be read."""

    path: str
    sha256: str = ""
    pages: int = 0
    #: 1-based numbers of the pages the text screen kept for table extraction.
    screened: list[int] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    #: ``malformed``, ``encrypted``, ``empty``, ``timeout``, ``memory``, ``crashed`` ... when the
    #: file could not be read at all.
    error: str | None = None
    #: With ``--explain-pages``: one line per page saying what was found and why it gave no records.
    explained: list[str] = field(default_factory=list)
