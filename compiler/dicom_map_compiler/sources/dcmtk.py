"""DCMTK's data dictionaries (``.dic`` files of Debian's ``libdcmtk17``, fetched by
:mod:`.dcmtk_fetch`).

Files read (all under the source id ``dcmtk``; the file is the row's ``document``):
``dicom.dic`` (PS3.6, with DICOS rows), ``diconde.dic`` (DICONDE, public and
``astm.org/diconde/...`` private rows), ``private.dic`` (the private dictionary) and
``acrnema.dic`` (retired ACR-NEMA 2 elements, which the package also ships).

Format: one entry a line, fields separated by a single tab: ``Tag  VR  Name  VM  Version``;
``#`` starts a comment line. The tag field, as DCMTK's ``parseWholeTagField`` reads it:

* ``(gggg,eeee)``: public;
* ``(gggg,"CREATOR",ee)``: private, ``ee`` a block offset → canonical ``xxEE``;
* ``(gggg,"CREATOR",eeee)`` (``eeee`` ≥ ``1000``): private element that holds only in the fixed
  block ``BB`` → canonical ``BBEE`` as written;
* ranges ``lo-hi`` in the group or the element, optionally with a restriction marker ``lo-o-hi``
  (odd numbers only), ``lo-e-hi`` (even only), ``lo-u-hi`` (all); a bare ``lo-hi`` is **even only**
  (DCMTK's default). A range becomes a canonical mask when it covers whole hex digits once the
  marker is taken into account: ``6000-60FF`` → ``60xx``, ``(6001-o-60ff,"PAPYRUS 3.0",00)`` →
  group ``60xx``, ``(0020,3100-31FF)`` → element ``31xx``. Parity the mask cannot say is carried as
  a note when it is not implied (even public groups and odd private groups are implied; an element
  range restricted to even numbers is noted). A range that is no mask (DCMTK's generic
  ``(0009-o-FFFF,0010-u-00FF) PrivateCreator``, ``(0000-u-FFFF,0000) GenericGroupLength``...) is
  :class:`Unreadable`: the canonical spelling cannot state it, and the ``.dmap`` format has its own
  synthetic entries for group lengths and private creators.

Other fields and quirks:

* VR: passed through as written, including DCMTK's lower-case pseudo-VRs ``xs ox px lt up na``
  (``lt`` is "US, SS or OW", not ``LT``) for ``normalise`` to map;
* Name: DCMTK's identifier (``PatientName``, ``RETIRED_SourceImageIDs``, ``Unknown`` for unnamed
  private tags). Public rows also get it as the keyword (without ``RETIRED_``: it is the PS3.6
  keyword); private rows do not (they are DCMTK's own identifiers, not vendor keywords);
* Version: ``DICOM/retired`` (or a ``RETIRED_`` name) marks the row retired; values other than
  ``DICOM`` and ``PrivateTag`` (``DICONDE10``, ``DICOM/DICOS``, ``ACR/NEMA2``...) are noted;
* the PAPYRUS row ``(0041,"PAPYRUS",b3) UL InternalOffsetToImage 1-n`` has **four fields** (no
  version column; DCMTK then defaults it to ``DICOM``): read with a note;
* a line with 3 fields has no VM (DCMTK defaults it to 1): read with an empty VM and a note; any other
  field count is :class:`Unreadable`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..rows import RawRow, Unreadable
from ._common import require

SOURCE_ID = "dcmtk"
FILES = ("dicom.dic", "diconde.dic", "private.dic", "acrnema.dic")

SOURCE: dict[str, Any] = {
    "id": SOURCE_ID,
    "title": "DCMTK data dictionaries (Debian libdcmtk17: dicom.dic, diconde.dic, private.dic, acrnema.dic)",
    "package": "libdcmtk17 (Debian)",
    # Filled from the fetch record by source(): the upstream DCMTK version. Not the Debian
    # revision nor the .deb's hash: the dictionaries' hashes (in "files") are the pin, and a Debian
    # point release that leaves them alone must not change the registry (dcmtk_fetch's docs).
    "version": "",
    "url": "https://packages.debian.org/bookworm/libdcmtk17",
    "license": "BSD-3-Clause (OFFIS e.V., DCMTK COPYRIGHT)",
    # Relative to the unpacked package's dictionary directory, not to the shared sources.
    "files": list(FILES),
    "files_root": "usr/share/libdcmtk17 of the libdcmtk17 .deb",
    "kind": "curated",
}

_RANGE = re.compile(r"^([0-9A-Fa-f]{1,4})(?:-(?:([oOeEuU])-)?([0-9A-Fa-f]{1,4}))?$")
_TAG = re.compile(r'^\(\s*([^,"]+?)\s*,\s*(?:"([^"]*)"\s*,\s*)?([^,")]+?)\s*\)$')
_STANDARD_VERSIONS = {"DICOM", "PrivateTag", "DICOM/retired"}


def source(dic_dir: Path) -> dict[str, Any]:
    """:data:`SOURCE` with the upstream DCMTK version of the fetch that made ``dic_dir``
    (``3.6.7`` of Debian's ``3.6.7-9~deb12u4``)."""
    out = dict(SOURCE)
    for parent in [dic_dir, *dic_dir.parents]:
        record = parent / "fetch.json"
        if record.is_file():
            data = json.loads(record.read_text())
            out["version"] = data["version"].split("-")[0]
            break
    return out


class _NotAMask(ValueError):
    pass


def _field(text: str, width: int, *, is_group: bool, private: bool) -> tuple[str, str]:
    """One side of a tag (``6001-o-60ff``) → (canonical spelling, note or ``""``)."""
    m = _RANGE.match(text.strip())
    if not m:
        raise _NotAMask(f"not hex or a range: {text!r}")
    lo_s, marker, hi_s = m.groups()
    if hi_s is None:
        return lo_s.upper().zfill(width), ""
    lo, hi = int(lo_s, 16), int(hi_s, 16)
    parity = {"o": "odd", "e": "even", "u": "all"}[marker.lower()] if marker else "even"
    lo2 = lo & ~1 if parity == "odd" else lo
    hi2 = hi | 1 if parity in ("odd", "even") else hi
    for k in range(1, 5):
        span = 16**k - 1
        if lo2 & span == 0 and hi2 & span == span and lo2 >> 4 * k == hi2 >> 4 * k:
            spelled = f"{lo2 >> 4 * k:0{4 - k}X}" + "x" * k if k < 4 else "xxxx"
            implied = parity == "all" or (is_group and parity == ("odd" if private else "even"))
            note = "" if implied else f"DCMTK range {text} matches {parity} numbers only"
            return spelled, note
    raise _NotAMask(f"range {text} is not a hex-digit mask")


def parse_tag(text: str) -> tuple[str, str, str | None, tuple[str, ...]]:
    """DCMTK's tag field → (group, element, creator, notes); ``ValueError`` if unreadable."""
    m = _TAG.match(text.strip())
    if not m:
        raise ValueError(f"not a DCMTK tag field: {text!r}")
    group_s, creator, element_s = m.groups()
    private = creator is not None
    notes = []
    try:
        group, note = _field(group_s, 4, is_group=True, private=private)
        if note:
            notes.append(note)
        if private and _RANGE.match(element_s) and "-" not in element_s and len(element_s) <= 2:
            element = "xx" + element_s.upper().zfill(2)
        else:
            element, note = _field(element_s, 4, is_group=False, private=private)
            if note:
                notes.append(note)
            if private and "x" not in element and int(element, 16) < 0x1000:
                notes.append(f"element {element_s} is 4 digits but below 1000")
    except _NotAMask as exc:
        raise ValueError(str(exc)) from None
    return group, element, creator, tuple(notes)


def read_file(path: Path, document: str) -> Iterator[RawRow | Unreadable]:
    """Rows of one ``.dic`` file."""
    text = require(path).read_text(encoding="latin-1")
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        locator = f"line {number}"
        fields = [f.strip() for f in line.rstrip("\r\n").split("\t")]
        notes: list[str] = []
        if len(fields) == 5:
            tag, vr, name, vm, version = fields
        elif len(fields) == 4:
            tag, vr, name, vm = fields
            version = ""
            notes.append("4 fields: no version column (DCMTK defaults it to DICOM)")
        elif len(fields) == 3:
            tag, vr, name = fields
            vm = version = ""
            notes.append("3 fields: no VM column (DCMTK defaults it to 1)")
        else:
            yield Unreadable(
                SOURCE_ID, document, locator, f"{len(fields)} tab-separated fields", line
            )
            continue
        try:
            group, element, creator, tag_notes = parse_tag(tag)
        except ValueError as exc:
            yield Unreadable(SOURCE_ID, document, locator, str(exc), line)
            continue
        notes.extend(tag_notes)
        if version and version not in _STANDARD_VERSIONS:
            notes.append(f"version column {version}")
        retired = version == "DICOM/retired" or name.startswith("RETIRED_")
        keyword = "" if creator is not None else name.removeprefix("RETIRED_")
        yield RawRow(
            source=SOURCE_ID,
            document=document,
            locator=locator,
            group=group,
            element=element,
            creator=creator,
            vr=vr,
            vm=vm,
            name=name,
            keyword=keyword,
            retired=retired,
            notes=tuple(notes),
        )


def read(dic_dir: Path) -> Iterator[RawRow | Unreadable]:
    """Rows of every file in :data:`FILES` found in ``dic_dir`` (all must be there)."""
    for name in FILES:
        yield from read_file(dic_dir / name, name)
