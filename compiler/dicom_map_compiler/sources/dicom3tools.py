"""dicom3tools' element dictionary templates (``libsrc/standard/elmdict/*.tpl``, David Clunie).

Format: one element a line, ``(gggg,eeee)`` followed by ``Key="value"`` fields separated by blanks:
``VERS=`` (where the element comes from: ``3`` PS3.6, ``RET`` retired, ``DICONDE``, ``DICOS``, a
vendor code such as ``GEM``, ``SSPI``, or empty), ``VR=``, ``VM=``, ``Owner=`` (the private creator;
absent on public rows), ``Keyword=``, ``Name=``, and sometimes ``PrivateBlock=``, ``DefinedTerms=``,
``RenderAsString=``, ``Units=``. ``#`` starts a comment line.

Files: the vendor files (private rows: ``Owner=`` on every line) and the public tables
``dicom3.tpl`` (PS3.6), ``diconde.tpl`` (DICONDE), ``dicondep.tpl`` (DICONDE's private
``astm.org/diconde/...`` rows) and ``dicos.tpl`` (DICOS). All under the source id ``dicom3tools``;
the file is the row's ``document``, so DICONDE and DICOS origins stay visible. dicom3tools is the
only private source whose keywords are real keywords (``Keyword=``) rather than names.

Notation, translated to the canonical spelling of ``rows.py``:

* private elements are written as the block offset ``00EE`` → ``xxEE``;
* ``PrivateBlock="00BB"``: the element holds only in block ``BB`` (Philips' ``PHILIPS MR/PART``
  defines different elements per block) → fixed block ``BBEE``, with a note;
* a private element written in full (``(0019,1027) DLX_SERIE_01``, ``(0019,1000) CureMetrix``,
  ``(0045,0111) GEMS_IT_US_REPORT``): kept as written (``BBEE``, a fixed block), with a note;
  ``0111``'s block ``01`` is no block at all: ``normalise`` will reject it;
* repeating groups ``60xx``/``70xx`` (private, with ``Owner=``) and public masks ``50xx``,
  ``(0020,31xx)``, ``(0028,04x0)``, ``(1000,00x0)``, ``(1010,xxxx)``: kept as masks.

Quirks of the text, each repaired with a note on the row:

* ``KKeyword=`` (a typo for ``Keyword=``, ``philips.tpl``);
* a value with no closing quote at the end of the line (``Name="Gradient Matrix``);
* stray text after the last field: an extra ``"`` (``Name="Clinical Trial Series ID""``), a ``=``,
  or a trailing ``# comment``;
* ``VR=`` spellings passed through: ``US or SS``, ``OW/OB``, ``US\\US or SS\\US``, ``US or OW``,
  ``XS``, ``NONE`` (items and delimiters);
* placeholder ``Keyword="?" Name="?"`` on unnamed private elements: passed through;
* ``VERS="RET"`` marks the row retired; ``DefinedTerms=``/``Units=`` go to the description.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..rows import RawRow, Unreadable
from ._common import hex_spelling, read_text, require

SOURCE_ID = "dicom3tools"
SUBDIR = "dicom3tools"
PUBLIC_FILES = ("dicom3.tpl", "diconde.tpl", "dicondep.tpl", "dicos.tpl")
VENDOR_FILES = (
    "acuson.tpl",
    "agfa.tpl",
    "camtron.tpl",
    "elscint.tpl",
    "gems.tpl",
    "hitachi.tpl",
    "isg.tpl",
    "other.tpl",
    "papyrus.tpl",
    "philips.tpl",
    "picker.tpl",
    "siemens.tpl",
    "spi.tpl",
    "toshiba.tpl",
)
FILES = PUBLIC_FILES + VENDOR_FILES

SOURCE: dict[str, Any] = {
    "id": SOURCE_ID,
    "title": "dicom3tools element dictionary templates (PS3.6, DICONDE, DICOS and vendor files)",
    "url": "https://github.com/QIICR/dicom3tools",
    "commit": "72beb60088b5ba5b68a26a2bda7fd6a440a11197",
    "version": "72beb60088b5ba5b68a26a2bda7fd6a440a11197",
    "license": "BSD-3-Clause (David A. Clunie, PixelMed Publishing)",
    "files": [f"{SUBDIR}/{name}" for name in FILES] + [f"{SUBDIR}/COPYRIGHT"],
    "kind": "curated",
}

_LINE = re.compile(r"^\(\s*([0-9A-Fa-fxX]{4})\s*,\s*([0-9A-Fa-fxX]{4})\s*\)(.*)$")
_FIELD = re.compile(r'([A-Za-z]+)="([^"]*)("|$)')
_KNOWN = {
    "VERS",
    "VR",
    "VM",
    "Owner",
    "Keyword",
    "Name",
    "PrivateBlock",
    "DefinedTerms",
    "RenderAsString",
    "Units",
}


def _fields(rest: str) -> tuple[dict[str, str], list[str]] | str:
    """The ``Key="value"`` fields of a line after the tag → (fields, repair notes), or a reason."""
    fields: dict[str, str] = {}
    notes: list[str] = []
    pos = 0
    for m in _FIELD.finditer(rest):
        between = rest[pos : m.start()]
        if between.strip():
            return f"unexpected text {between.strip()!r}"
        key, value, close = m.groups()
        if key == "KKeyword":
            notes.append("field KKeyword= read as Keyword=")
            key = "Keyword"
        if key not in _KNOWN:
            return f"unknown field {key}="
        if not close:
            notes.append(f"{key}= value has no closing quote")
        fields[key] = value
        pos = m.end()
    tail = rest[pos:].strip()
    if tail:
        if tail.startswith("#"):
            notes.append(f"trailing comment: {tail}")
        else:
            notes.append(f"stray text after the last field: {tail!r}")
    return fields, notes


def read_file(path: Path, document: str) -> Iterator[RawRow | Unreadable]:
    """Rows of one ``.tpl`` file."""
    for number, line in enumerate(read_text(require(path)).splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        locator = f"line {number}"
        m = _LINE.match(stripped)
        if not m:
            yield Unreadable(SOURCE_ID, document, locator, "line is not (gggg,eeee) fields", line)
            continue
        group, element, rest = m.groups()
        parsed = _fields(rest)
        if isinstance(parsed, str):
            yield Unreadable(SOURCE_ID, document, locator, parsed, line)
            continue
        f, notes = parsed
        if "VR" not in f or "Name" not in f:
            yield Unreadable(SOURCE_ID, document, locator, "no VR= or Name= field", line)
            continue
        owner = f.get("Owner")
        group_c, element_c = hex_spelling(group), hex_spelling(element)
        if owner is not None:
            block = f.get("PrivateBlock")
            if block is not None:
                if not re.fullmatch(r"00[0-9A-Fa-f]{2}", block) or element_c[:2] != "00":
                    yield Unreadable(
                        SOURCE_ID,
                        document,
                        locator,
                        f"PrivateBlock={block!r} with element {element}",
                        line,
                    )
                    continue
                element_c = block[2:].upper() + element_c[2:]
                notes.append(f"PrivateBlock={block}: holds only in block {block[2:].upper()}")
            elif element_c[:2] == "00":
                element_c = "xx" + element_c[2:]
            elif "x" not in element_c[:2]:
                notes.append(
                    f"private element written in full ({element}): kept as block {element_c[:2]}"
                )
        description = "; ".join(f"{k}: {f[k]}" for k in ("DefinedTerms", "Units") if f.get(k))
        yield RawRow(
            source=SOURCE_ID,
            document=document,
            locator=locator,
            group=group_c,
            element=element_c,
            creator=owner,
            vr=f["VR"],
            vm=f.get("VM", ""),
            name=f["Name"],
            keyword=f.get("Keyword", ""),
            description=description,
            retired=f.get("VERS") == "RET",
            notes=tuple(notes),
        )


def read(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """Rows of every file in :data:`FILES`: public tables first, then the vendor files."""
    for name in FILES:
        yield from read_file(shared_sources / SUBDIR / name, f"{SUBDIR}/{name}")
