"""The private dictionary compiled into GDCM, as python-gdcm prints it.

``gdcm.Global.GetInstance().GetDicts().GetPrivateDict().PrintXML()`` writes the whole compiled
private dictionary to the C++ ``std::cout`` (not Python's ``sys.stdout``), so :func:`dump` runs it in
a subprocess of the same interpreter and captures that process's standard output.

Format: ``<dict edition="2008">`` and one ``<entry group= element= vr= vm= owner= name=/>`` a line,
elements always ``xxEE`` (GDCM stores private elements by their low byte), groups lower-case hex
(``60xx``/``70xx`` for repeating private groups).

Quirks, and how they are handled:

* the output is **not well-formed XML**: attribute values are written unescaped, so creators such as
  ``MEDIS_IS&C 1.0`` contain a bare ``&`` and names such as ``<internal`` or ``... <- 2 SD`` a bare
  ``<``/``>``. Each line is repaired (:func:`._common.repair_attribute_text`) before parsing and the
  rows of repaired lines carry a note saying what was escaped;
* entries with no name have no ``name`` attribute: the row's name is empty;
* the last entry is GDCM's own sentinel ``(ffff,xxff) vr="??" vm="INVALID" owner="GDCM Private
  Sentinel"``: emitted as written (``normalise`` rejects group FFFF and the VR ``??``);
* groups 0001-0007 appear (``(0003,xx00) AEGIS_DICOM_2.00``...): emitted; ``normalise`` rejects;
* the compiled dictionary has **no repeating groups**: GDCM's ``60xx``/``70xx`` rows
  (``PAPYRUS 3.0``, ``DLX_LKUP_01``, ``DLX_ANNOT_01``) come out as groups ``6001``/``7001``. They are
  emitted as printed (nothing in the output tells a compiled mask from a real ``6001`` row);
* it is a different GDCM snapshot from the shared ``gdcm-xml`` files (release 3.2.6: ~1,300 keys
  only here, ~60 only there), but the same curator's dictionary: ``copy_of`` ``gdcm-xml``, so it does
  not vote independently.

Only ``PrivateDict`` has ``PrintXML`` in the bindings: the public ``Dict`` has none and its
``Begin()``/``End()`` iterators are not usable from Python, so the public dictionary is not read
here (probing it tag by tag showed nothing beyond pydicom's PS3.6 table: only the expansion of the
``(0020,31xx)``-style repeaters, and it lacks ~935 newer tags).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from functools import lru_cache
from importlib import metadata
from typing import Any
from xml.parsers import expat

from ..rows import RawRow, Unreadable
from ._common import hex_spelling, parse_xml, repair_attribute_text

SOURCE_ID = "gdcm-lib"
DOCUMENT = "gdcm.PrivateDict.PrintXML()"

_SCRIPT = "import gdcm\ngdcm.Global.GetInstance().GetDicts().GetPrivateDict().PrintXML()\n"


def version() -> str:
    """python-gdcm's version (the GDCM release the dictionary was compiled from)."""
    return metadata.version("python-gdcm")


SOURCE: dict[str, Any] = {
    "id": SOURCE_ID,
    "title": "GDCM compiled private dictionary (python-gdcm PrivateDict.PrintXML)",
    "package": "python-gdcm",
    "version": version(),
    "url": "https://pypi.org/project/python-gdcm/",
    "license": "BSD-3-Clause (GDCM)",
    "files": [],
    "kind": "curated",
    # Compiled from GDCM's privatedicts.xml of the release: it votes with gdcm-xml, not apart.
    "copy_of": "gdcm-xml",
}


@lru_cache(maxsize=1)
def dump() -> str:
    """The raw ``PrintXML`` text, captured from a subprocess of this interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return done.stdout.decode("utf-8", errors="surrogateescape")


def read(text: str | None = None) -> Iterator[RawRow | Unreadable]:
    """Rows of the compiled private dictionary (``text``: a captured dump, for tests)."""
    if text is None:
        text = dump()
    lines = text.splitlines()
    repaired: dict[int, tuple[str, ...]] = {}
    fixed_lines = []
    for number, line in enumerate(lines, 1):
        new, repairs = repair_attribute_text(line)
        if repairs:
            repaired[number] = tuple(repairs)
        fixed_lines.append(new)
    try:
        root = parse_xml("\n".join(fixed_lines).encode("utf-8", errors="surrogateescape"))
    except expat.ExpatError as exc:
        yield Unreadable(
            SOURCE_ID, DOCUMENT, f"line {exc.lineno}", f"not XML even after repair: {exc}"
        )
        return
    for node in root.iter("entry"):
        a = node.attrib
        locator = f"line {node.line}"
        if not a.get("group") or not a.get("element") or "owner" not in a:
            yield Unreadable(
                SOURCE_ID,
                DOCUMENT,
                locator,
                "entry without group, element or owner",
                lines[node.line - 1],
            )
            continue
        notes = repaired.get(node.line, ())
        yield RawRow(
            source=SOURCE_ID,
            document=DOCUMENT,
            locator=locator,
            group=hex_spelling(a["group"]),
            element=hex_spelling(a["element"]),
            creator=a["owner"],
            vr=a.get("vr", ""),
            vm=a.get("vm", ""),
            name=a.get("name", ""),
            notes=notes,
        )
