"""Vendor dictionaries kept in malaterre's dicom-private-dicts, each in its own format and under its
own source id (:data:`SOURCES`; :func:`read` yields all of them, ``read_<name>`` one).

``siemens-syngo-pfl`` — ``diction.pfl`` (Siemens syngo dictionary, CSV, no header):

* public rows ``Name,Group,Element,VR,VM``; private rows ``Name,Group,Owner,Element,VR,VM`` with the
  element as the two-digit block offset → ``xxEE``;
* a name ending ``RETIRED`` marks the row retired (the name is kept as written);
* VM spellings ``1-N``, ``N`` (= ``1-n``), and empty; fields with stray spaces (``, SQ``) are
  stripped, with a note; names may hold an unquoted enumeration (``... 0 None 1 Any 2 All``).
* ``legacy/siemens/diction.pfl`` is an older edition of the same file (its private rows are the
  same; it lacks newer public rows): not read.

``siemens-syngo-fv`` — ``syngo_fV.txt`` (Siemens syngo fV): ``;`` comment lines; public rows
``gggg#eeee#Name#VR#VM#RET`` (``RET`` in the last field: retired) and private rows in the same CSV
form as ``diction.pfl``. Its private part has ~740 keys that ``diction.pfl`` lacks.

``philips-r32`` — ``PMS-R32-dict.txt`` (Philips MR release 3.2): ``(gggg,eeee)<TAB>VR<TAB>Name<TAB>VM``;
``#`` lines are comments (including the commented-out public rows it lists). **The file names no
private creator**: Philips puts each creator in its own block (``(2005,10xx)`` "Philips MR Imaging DD
001", ``(2005,11xx)`` "... DD 002" ...). The creator of each row is taken from the author's own
conversion of this file, ``pms/PMS-R32-dict.xml`` (which groups the same rows under their
``owner``), matched by group, low byte and name; the row then becomes ``xxEE`` with a note. A row
the conversion lacks keeps its full element ``BBEE`` and has no creator (``normalise`` rejects it).

``ge-dv24`` — ``gems/gems-dicom-dict-DV24.txt`` (GE's MATLAB dictionary, DV24): the same
tab-separated form as the Philips file, public and private rows. **It names no private creator at
all** (its ``(gggg,0010)`` rows are called ``GEMSPrivateGroupCreator_gggg_10xx``), and no other file
maps it: private rows are emitted with ``creator=None`` and their full element, with a note, and
``normalise`` rejects them; they are kept for the record (their names and VRs may still corroborate
other sources by hand). Names are MATLAB identifiers, not keywords.

``ge-dict-dat`` — ``legacy/gems/DICT.DAT`` (GE's C dictionary, 2004): ``DATA_ELEM(gggg, eeee, VR,
"Name") // comment`` and ``PRIVATE_ELEM(gggg, BBEE, VR, SYMBOL, "Name")``; ``//`` comment lines
(including commented-out elements). The private creator is stated in the file itself by a
reservation line ``DATA_ELEM(gggg, 00BB, LO, "CREATOR")`` before its elements: each
``PRIVATE_ELEM(gggg, BBEE)`` takes the creator of the last preceding reservation of block ``BB`` in
group ``gggg`` and becomes ``xxEE`` (note). The reservation lines themselves are emitted as
reservation rows (element ``00BB``, creator and name the reserved string) for ``normalise`` to
reject. Quirks: a stray fragment line ``s")`` where a second copy of the GE DL section was spliced
in (:class:`Unreadable`), the spliced part has CRLF line ends, and the file is Latin-1.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..rows import RawRow, Unreadable
from ._common import hex_spelling, read_text, require

SUBDIR = "dicom-private-dicts"
COMMIT = "1833fe7683b79e4e2648a199f573c9d1057683e8"
_BASE = {
    "url": "https://github.com/malaterre/dicom-private-dicts",
    "commit": COMMIT,
    "version": COMMIT,
    "kind": "vendor",
}
SOURCES: list[dict[str, Any]] = [
    {
        **_BASE,
        "id": "siemens-syngo-pfl",
        "title": "Siemens syngo data dictionary (diction.pfl)",
        "license": "vendor dictionary, distributed in dicom-private-dicts (BSD-3-Clause collection)",
        "files": [f"{SUBDIR}/diction.pfl"],
    },
    {
        **_BASE,
        "id": "siemens-syngo-fv",
        "title": "Siemens syngo fV data dictionary (syngo_fV.txt)",
        "license": "vendor dictionary, distributed in dicom-private-dicts (BSD-3-Clause collection)",
        "files": [f"{SUBDIR}/syngo_fV.txt"],
    },
    {
        **_BASE,
        "id": "philips-r32",
        "title": "Philips MR R3.2 DICOM dictionary (PMS-R32-dict.txt)",
        "license": "vendor dictionary, distributed in dicom-private-dicts (BSD-3-Clause collection)",
        "files": [f"{SUBDIR}/PMS-R32-dict.txt", f"{SUBDIR}/pms/PMS-R32-dict.xml"],
    },
    {
        **_BASE,
        "id": "ge-dv24",
        "title": "GE Medical Systems MATLAB DICOM dictionary DV24",
        "license": "vendor dictionary (Copyright 2003 General Electric), distributed in dicom-private-dicts",
        "files": [f"{SUBDIR}/gems/gems-dicom-dict-DV24.txt"],
    },
    {
        **_BASE,
        "id": "ge-dict-dat",
        "title": "GE Medical Systems DICT.DAT dictionary (2004)",
        "license": "vendor dictionary ((c)2004 GE Medical Systems), distributed in dicom-private-dicts",
        "files": [f"{SUBDIR}/legacy/gems/DICT.DAT"],
    },
]
SOURCE_BY_ID = {s["id"]: s for s in SOURCES}

_HEX4 = re.compile(r"^[0-9A-Fa-fxX]{4}$")
_HEX2 = re.compile(r"^[0-9A-Fa-f]{2}$")


# --- Siemens CSV (diction.pfl and the private part of syngo_fV.txt) ---------------------------


def _siemens_csv(source: str, document: str, number: int, line: str) -> RawRow | Unreadable:
    locator = f"line {number}"
    raw = line.split(",")
    fields = [f.strip() for f in raw]
    notes: list[str] = []
    if any(f != r for f, r in zip(fields[1:], raw[1:])):
        notes.append("spaces around a field stripped")
    if len(fields) == 6 and fields[5] == "" and _HEX4.match(fields[2]):
        fields, raw = fields[:5], raw[:5]
        notes.append("trailing comma: a public row")
    if len(fields) == 6:
        name, group, owner, element, vr, vm = fields
        if not _HEX4.match(group) or not _HEX2.match(element):
            return Unreadable(
                source, document, locator, "private row: group or element is not hex", line
            )
        group_c, element_c, creator = hex_spelling(group), "xx" + element.upper(), raw[2]
    elif len(fields) == 5:
        name, group, element, vr, vm = fields
        if not _HEX4.match(group) or not _HEX4.match(element):
            return Unreadable(
                source, document, locator, "public row: group or element is not hex", line
            )
        group_c, element_c, creator = hex_spelling(group), hex_spelling(element), None
    else:
        return Unreadable(source, document, locator, f"{len(fields)} comma-separated fields", line)
    name = raw[0]
    retired = name.rstrip().endswith("RETIRED")
    return RawRow(
        source=source,
        document=document,
        locator=locator,
        group=group_c,
        element=element_c,
        creator=creator,
        vr=vr,
        vm=vm,
        name=name,
        retired=retired,
        notes=tuple(notes),
    )


def read_siemens_pfl(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """``diction.pfl``: every non-blank line is a row."""
    source, rel = "siemens-syngo-pfl", f"{SUBDIR}/diction.pfl"
    for number, line in enumerate(read_text(require(shared_sources / rel)).splitlines(), 1):
        if line.strip():
            yield _siemens_csv(source, rel, number, line)


def read_siemens_fv(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """``syngo_fV.txt``: ``;`` comments, ``#``-separated public rows, CSV private rows."""
    source, rel = "siemens-syngo-fv", f"{SUBDIR}/syngo_fV.txt"
    for number, line in enumerate(read_text(require(shared_sources / rel)).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        if "#" not in line:
            yield _siemens_csv(source, rel, number, line)
            continue
        fields = line.split("#")
        locator = f"line {number}"
        if (
            len(fields) != 6
            or not _HEX4.match(fields[0].strip())
            or not _HEX4.match(fields[1].strip())
        ):
            yield Unreadable(source, rel, locator, "not gggg#eeee#Name#VR#VM#RET", line)
            continue
        group, element, name, vr, vm, ret = (f.strip() for f in fields)
        yield RawRow(
            source=source,
            document=rel,
            locator=locator,
            group=hex_spelling(group),
            element=hex_spelling(element),
            creator=None,
            vr=vr,
            vm=vm,
            name=name,
            retired=ret.upper() == "RET",
        )


# --- Tab-separated (gggg,eeee) VR Name VM (Philips R3.2, GE DV24) -------------------------------

_TAB_TAG = re.compile(r"^\(([0-9A-Fa-fxX]{4}),([0-9A-Fa-fxX]{4})\)$")


def _tab_rows(
    source: str, rel: str, text: str
) -> Iterator[tuple[int, str, str, str, str, str, tuple[str, ...]] | Unreadable]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        notes: tuple[str, ...] = ()
        if len(fields) > 4 and "" in fields:
            fields = [f for f in fields if f]
            notes = ("empty tab-separated field dropped",)
        elif len(fields) == 1 and len(line.split()) == 4:
            fields = line.split()
            notes = ("fields separated by spaces, not tabs",)
        m = _TAB_TAG.match(fields[0])
        if len(fields) != 4 or not m:
            yield Unreadable(
                source, rel, f"line {number}", "not (gggg,eeee)<TAB>VR<TAB>Name<TAB>VM", line
            )
            continue
        yield (
            number,
            hex_spelling(m.group(1)),
            hex_spelling(m.group(2)),
            fields[1],
            fields[2],
            fields[3],
            notes,
        )


def _is_private(group: str) -> bool:
    return "x" not in group and int(group, 16) & 1 == 1 and int(group, 16) > 8


def philips_creators(shared_sources: Path) -> dict[tuple[str, str, str], str]:
    """(group, low byte, name) → owner, from the author's ``pms/PMS-R32-dict.xml``."""
    root = ET.parse(require(shared_sources / SUBDIR / "pms/PMS-R32-dict.xml")).getroot()
    out: dict[tuple[str, str, str], str] = {}
    for d in root.iter("dict"):
        for e in d.iter("entry"):
            key = (
                e.get("group", "").upper(),
                e.get("element", "").upper()[-2:],
                e.get("name", "").strip(),
            )
            out[key] = d.get("owner", "")
    return out


def read_philips_r32(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """``PMS-R32-dict.txt``, private creators from ``pms/PMS-R32-dict.xml``."""
    source, rel = "philips-r32", f"{SUBDIR}/PMS-R32-dict.txt"
    creators = philips_creators(shared_sources)
    for item in _tab_rows(source, rel, read_text(require(shared_sources / rel))):
        if isinstance(item, Unreadable):
            yield item
            continue
        number, group, element, vr, name, vm, notes = item
        creator = None
        if _is_private(group):
            creator = creators.get((group, element[2:], name))
            if creator and element[:2] != "00":
                notes += (
                    f"creator from pms/PMS-R32-dict.xml; element written {element}: block offset",
                )
                element = "xx" + element[2:]
            else:
                notes += ("no private creator in the file, and none in pms/PMS-R32-dict.xml",)
        yield RawRow(
            source=source,
            document=rel,
            locator=f"line {number}",
            group=group,
            element=element,
            creator=creator,
            vr=vr,
            vm=vm,
            name=name,
            notes=notes,
        )


def read_ge_dv24(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """``gems/gems-dicom-dict-DV24.txt`` (no private creators: see the module doc)."""
    source, rel = "ge-dv24", f"{SUBDIR}/gems/gems-dicom-dict-DV24.txt"
    for item in _tab_rows(source, rel, read_text(require(shared_sources / rel))):
        if isinstance(item, Unreadable):
            yield item
            continue
        number, group, element, vr, name, vm, notes = item
        if _is_private(group):
            notes += ("no private creator in this dictionary",)
        yield RawRow(
            source=source,
            document=rel,
            locator=f"line {number}",
            group=group,
            element=element,
            creator=None,
            vr=vr,
            vm=vm,
            name=name,
            notes=notes,
        )


# --- GE DICT.DAT --------------------------------------------------------------------------------

_DATA_ELEM = re.compile(
    r'^DATA_ELEM\(\s*([0-9A-Fa-fxX]{4})\s*,\s*([0-9A-Fa-fxX]{4})\s*,\s*([A-Za-z]{2})\s*,\s*"([^"]*)"\s*\)\s*(?://(.*))?$'
)
_PRIVATE_ELEM = re.compile(
    r'^PRIVATE_ELEM\(\s*([0-9A-Fa-f]{4})\s*,\s*([0-9A-Fa-f]{4})\s*,\s*([A-Za-z]{2})\s*,\s*(\w+)\s*,\s*"([^"]*)"\s*\)\s*(?://(.*))?$'
)


def read_ge_dict_dat(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """``legacy/gems/DICT.DAT``; creators from its own reservation lines."""
    source, rel = "ge-dict-dat", f"{SUBDIR}/legacy/gems/DICT.DAT"
    reserved: dict[tuple[str, str], str] = {}
    for number, line in enumerate(read_text(require(shared_sources / rel)).splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        locator = f"line {number}"
        m = _DATA_ELEM.match(stripped)
        p = None if m else _PRIVATE_ELEM.match(stripped)
        if m is None and p is None:
            yield Unreadable(source, rel, locator, "not a DATA_ELEM/PRIVATE_ELEM line", line)
            continue
        creator: str | None = None
        notes: tuple[str, ...] = ()
        if m is not None:
            group, element, vr, name, comment = m.groups()
            group, element = hex_spelling(group), hex_spelling(element)
            description = (comment or "").strip()
            if _is_private(group) and element[:2] == "00" and "x" not in element:
                creator = name
                reserved[(group, element[2:])] = name
                notes = ("reservation line: the creator of block " + element[2:],)
            elif _is_private(group) and "x" not in element and int(element[:2], 16) >= 0x10:
                # a private element written with DATA_ELEM (RadStore): same rule as PRIVATE_ELEM
                creator, element, notes = _reserved_block(
                    reserved, group, element, "DATA_ELEM in a private group; "
                )
        else:
            assert p is not None
            group, element, vr, symbol, name, comment = p.groups()
            group, element = hex_spelling(group), hex_spelling(element)
            description = " ".join(x for x in (symbol, (comment or "").strip()) if x)
            creator, element, notes = _reserved_block(reserved, group, element, "")
        yield RawRow(
            source=source,
            document=rel,
            locator=locator,
            group=group,
            element=element,
            creator=creator,
            vr=vr,
            vm="",
            name=name,
            description=description,
            notes=notes,
        )


def _reserved_block(
    reserved: dict[tuple[str, str], str], group: str, element: str, what: str
) -> tuple[str | None, str, tuple[str, ...]]:
    """(creator, element, notes) of a private element ``BBEE`` from the ``DATA_ELEM(gggg, 00BB)``
    reservation earlier in the file: element ``xxEE`` (block offset) when there is one."""
    creator = reserved.get((group, element[:2]))
    if creator is None:
        return None, element, (f"no reservation of block {element[:2]} before it in the file",)
    note = (
        f"{what}creator from DATA_ELEM({group}, 00{element[:2]}); "
        f"element written {element}: block offset"
    )
    return creator, "xx" + element[2:], (note,)


READERS = {
    "siemens-syngo-pfl": read_siemens_pfl,
    "siemens-syngo-fv": read_siemens_fv,
    "philips-r32": read_philips_r32,
    "ge-dv24": read_ge_dv24,
    "ge-dict-dat": read_ge_dict_dat,
}


def read(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """Rows of every vendor dictionary, in :data:`SOURCES` order."""
    for s in SOURCES:
        yield from READERS[s["id"]](shared_sources)
