"""fo-dicom's private dictionary (``FO-DICOM.Core/Dictionaries/Private Dictionary.xml``).

Format: ``<dictionaries>`` holding one ``<dictionary creator="...">`` per private creator, each
holding ``<tag group= element= vr= vm=>Name</tag>``. The creator is inherited from the enclosing
``<dictionary>``; the name is the element's text (``Unknown`` for unnamed elements: a placeholder,
passed through).

Elements:

* ``xxEE``: a block offset (4,477 of 4,567 rows) → canonical ``xxEE``;
* a full element ``BBEE``: fo-dicom looks it up as an *exact* tag, so it holds only in block ``BB``.
  fo-dicom sometimes writes ``BBEE`` where it means ``xxEE``, so each such row is decided by this
  rule, per (creator, group):

  1. when the creator's full elements in that group use **more than one** block byte, the blocks
     are vendor-specific (Philips ``PHILIPS MR/PART`` defines other elements in blocks 10, 11 and
     12): every row stays ``BBEE``;
  2. otherwise, when the one block byte is ``10`` (the first block a creator reserves) and the same
     creator also has ``xxEE`` rows in that group, the full element is read as a block offset:
     ``10EE`` → ``xxEE``;
  3. otherwise it stays ``BBEE`` (a fixed block).

  Every full-element row carries a note saying which case applied. In this snapshot all 90 full
  elements belong to ``PHILIPS MR/PART`` (blocks 10/11/12 in groups 0019 and 0021) and
  ``PHILIPS MR R5.5/PART``/``R5.6/PART`` (only ``(0019,1000)``, no ``xx`` rows): case 1 or 3, so all
  stay block-specific, which dicom3tools' ``PrivateBlock=`` agrees with.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..rows import RawRow, Unreadable
from ._common import hex_spelling, parse_xml, require

SOURCE_ID = "fo-dicom"
SUBDIR = "fo-dicom"
FILE = "Private Dictionary.xml"

SOURCE: dict[str, Any] = {
    "id": SOURCE_ID,
    "title": "fo-dicom private dictionary",
    "url": "https://github.com/fo-dicom/fo-dicom",
    "commit": "1b92c5980a06a1906f4fbb362b4234b9003949de",
    "version": "1b92c5980a06a1906f4fbb362b4234b9003949de",
    "license": "MS-PL (Microsoft Public License)",
    "files": [f"{SUBDIR}/{FILE}", f"{SUBDIR}/License.txt"],
    "kind": "curated",
}

_FULL = re.compile(r"^[0-9A-Fa-f]{4}$")


def decide_full_element(element: str, blocks: set[str], has_xx: bool) -> tuple[str, str]:
    """The rule of the module doc for one full element ``BBEE`` → (canonical element, note).

    ``blocks``: the block bytes of the creator's full elements in that group; ``has_xx``: whether
    the creator has ``xxEE`` rows in that group.
    """
    block = element[:2].upper()
    low = element[2:].upper()
    if block == "00":
        return "xx" + low, f"element written {element}: block offset"
    if len(blocks) > 1:
        return (
            block + low,
            f"full element {element}: creator uses blocks {','.join(sorted(blocks))} here, block-specific",
        )
    if block == "10" and has_xx:
        return (
            "xx" + low,
            f"full element {element} read as block offset xx{low} (block 10, creator's other rows are xx-form)",
        )
    return block + low, f"full element {element}: fixed block {block}"


def read(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """Rows of ``Private Dictionary.xml``."""
    document = f"{SUBDIR}/{FILE}"
    root = parse_xml(require(shared_sources / SUBDIR / FILE).read_bytes())
    tags = list(root.iter("tag"))
    blocks: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    has_xx: set[tuple[str | None, str]] = set()
    for node in tags:
        key = (node.ancestor_attr("creator"), node.attrib.get("group", "").upper())
        element = node.attrib.get("element", "")
        if _FULL.match(element) and element[:2] != "00":
            blocks[key].add(element[:2].upper())
        elif element[:2] in ("xx", "XX"):
            has_xx.add(key)
    for node in tags:
        a = node.attrib
        locator = f"line {node.line}"
        creator = node.ancestor_attr("creator")
        group, element = a.get("group", ""), a.get("element", "")
        if not group or not element or creator is None:
            yield Unreadable(
                SOURCE_ID, document, locator, "tag without group, element or creator", str(a)
            )
            continue
        notes: tuple[str, ...] = ()
        if _FULL.match(element):
            key = (creator, group.upper())
            element_c, note = decide_full_element(element, blocks[key], key in has_xx)
            notes = (note,)
        else:
            element_c = hex_spelling(element)
        yield RawRow(
            source=SOURCE_ID,
            document=document,
            locator=locator,
            group=hex_spelling(group),
            element=element_c,
            creator=creator,
            vr=a.get("vr", ""),
            vm=a.get("vm", ""),
            name=node.text.strip(),
            notes=notes,
        )
