"""GDCM's private-dictionary XML files (``Source/DataDictionary/`` of malaterre/GDCM).

Format: ``<dict>`` holding ``<entry group= element= vr= vm= name= owner=/>`` (attribute order
varies). Files read, all under the one source id ``gdcm-xml`` with the file as the row's
``document``:

* ``privatedicts.xml``: GDCM's main private dictionary (the one compiled into the library);
* ``HarvestedPrivate.xml``: entries harvested from real files with ``gdcmdump``: VR and VM seen in
  files, **no name** (``name`` is empty on every row);
* ``Siemens.xml``, ``Agfa.xml``, ``vital.xml``: small extras, each from one conformance statement
  (its URL is in ``<dict ref=...>`` and is carried as a note).

One id rather than one per file: the five files are one upstream snapshot (same commit, licence and
maintainer), and ``document`` already tells them apart for the report and for any weighting.

``CSAHeader.xml`` is **not read**: it lists the element names of Siemens' CSA sub-header (a
proprietary structure stored inside ``(0029,xx10)``), not DICOM data elements.

Notation and quirks, translated to the canonical spelling of ``rows.py``:

* groups are lower-case hex, ``60xx``/``70xx`` for repeating private groups → upper-case hex,
  lower-case ``x``;
* ``xxEE``: a block offset (the usual form);
* ``00EE``: GDCM's other spelling of a block offset (GDCM compiles ``xx`` to ``00`` and looks private
  elements up by their low byte only), so it becomes ``xxEE``, with a note. 1,627 rows of
  ``privatedicts.xml`` are written so, many with a ``^NN`` creator suffix
  (``TOSHIBA_MEC_MR3^10``), which is kept as written for ``normalise``;
* ``10xx`` (``GEMS_*`` "Private Element Creator", BioPri3D) and ``00xx`` (vital's "Private Creator"):
  creator reservation rows, emitted as written for ``normalise`` to reject;
* placeholder names (``?``, ``?num?``, ``Private Creator``) and VRs such as ``US_SS``/``OB_OW`` are
  passed through;
* entries inside ``<!-- -->`` are entries GDCM itself disabled: not rows (15 in
  ``privatedicts.xml``); the test counts them so that no entry is lost silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..rows import RawRow, Unreadable
from ._common import hex_spelling, parse_xml, require

SOURCE_ID = "gdcm-xml"
SUBDIR = "gdcm"
FILES = ("privatedicts.xml", "HarvestedPrivate.xml", "Siemens.xml", "Agfa.xml", "vital.xml")
#: Shipped beside them but not DICOM tags (see the module doc).
SKIPPED = ("CSAHeader.xml",)

SOURCE: dict[str, Any] = {
    "id": SOURCE_ID,
    "title": "GDCM private dictionary XML (privatedicts, HarvestedPrivate, Siemens, Agfa, vital)",
    "url": "https://github.com/malaterre/GDCM",
    "commit": "2cd05d13222b175e791b5ae3c08feeabcc1ed1f0",
    "version": "2cd05d13222b175e791b5ae3c08feeabcc1ed1f0",
    "license": "BSD-3-Clause (GDCM, Mathieu Malaterre)",
    "files": [f"{SUBDIR}/{name}" for name in FILES] + [f"{SUBDIR}/Copyright.txt"],
    "kind": "curated",
}

_HEX4 = re.compile(r"^[0-9A-Fa-f]{4}$")


def translate_element(element: str) -> tuple[str, tuple[str, ...]]:
    """GDCM's element spelling → canonical spelling and notes."""
    if _HEX4.match(element) and element[:2] == "00":
        return "xx" + element[2:].upper(), (
            f"element written {element}: GDCM's block-offset spelling",
        )
    return hex_spelling(element), ()


def read_file(path: Path, document: str) -> Iterator[RawRow | Unreadable]:
    """Rows of one GDCM XML dictionary file."""
    root = parse_xml(require(path).read_bytes())
    for node in root.iter("entry"):
        a = node.attrib
        locator = f"line {node.line}"
        group, element, owner = a.get("group"), a.get("element"), a.get("owner")
        if not group or not element or owner is None:
            yield Unreadable(
                SOURCE_ID, document, locator, "entry without group, element or owner", str(a)
            )
            continue
        element_c, notes = translate_element(element)
        ref = node.ancestor_attr("ref")
        if ref:
            notes += (f"from {ref}",)
        yield RawRow(
            source=SOURCE_ID,
            document=document,
            locator=locator,
            group=hex_spelling(group),
            element=element_c,
            creator=owner,
            vr=a.get("vr", ""),
            vm=a.get("vm", ""),
            name=a.get("name", ""),
            notes=notes,
        )


def read(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """Rows of every file in :data:`FILES`, in that order."""
    for name in FILES:
        yield from read_file(shared_sources / SUBDIR / name, f"{SUBDIR}/{name}")
