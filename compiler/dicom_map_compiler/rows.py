"""The row every source adapter yields: one dictionary line, as its source wrote it.

Adapters only *read*: they turn their file format into :class:`RawRow` values and translate their own
tag notation into the canonical spelling described below. Everything that is judgement (is this a
real VR, a real creator, a placeholder name?) happens once, for all sources, in ``normalise``.

Canonical tag spelling (upper-case hex, ``x`` for a repeating digit):

* ``group``: four characters, e.g. ``0019``, ``60xx``, ``70xx``.
* ``element``: four characters:
  - public: ``0010``, ``31xx``, ``04x0``, ``xxx0``, ``xxxx``;
  - private block offset (the usual form, any block): ``xx0C``;
  - private element in a fixed block: ``100C`` (block ``10``, low byte ``0C``);
  - private creator reservation row: ``0010``–``00FF`` (rejected by ``normalise`` with a reason).
* ``creator``: the private creator exactly as the source spells it (``None`` for public rows).
  A ``^NN`` suffix (``TOSHIBA_MEC_MR3^12``) is kept as written; ``normalise`` turns it into a
  block-specific entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawRow:
    """One dictionary row from one source, before any judgement."""

    #: Source id, as listed in ``data/sources.json`` (``pydicom``, ``gdcm-xml``, ``dcmtk`` ...).
    source: str
    #: The document the row comes from: a file inside the source, or a PDF's URL.
    document: str
    #: Where in the input the row was read (``line 12``, ``entry 40``): for the rejects report.
    locator: str
    group: str
    element: str
    creator: str | None
    #: VR as the source spells it (``US or SS``, ``xs``, ``OB_OW``); empty when not given.
    vr: str
    #: VM as the source spells it (``1``, ``1-n``, ``1 - n``); empty when not given.
    vm: str
    name: str
    keyword: str = ""
    description: str = ""
    retired: bool = False
    #: Page of the document (1-based), 0 when unknown.
    page: int = 0
    #: Free-form notes the adapter wants to carry into the report (quirk repaired ...).
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Unreadable:
    """A piece of input an adapter could not turn into a row; goes to the rejects report."""

    source: str
    document: str
    locator: str
    reason: str
    text: str = ""
