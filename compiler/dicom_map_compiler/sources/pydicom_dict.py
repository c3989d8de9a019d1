"""pydicom's data dictionaries: the public PS3.6 table, its repeating-group masks, and the private
dictionary (a copy of GDCM's, so it never votes independently of GDCM: ``copy_of``).

Two releases are read for the public table: ``pydicom3`` 3.1.0 (generated from PS3.6 2024d, the
newest standard table on PyPI) and ``pydicom`` 3.0.2 (2024c). Both are standard tables; the merge
prefers the newer edition (``merge.STANDARD_SOURCES``). pydicom3 spells the empty names PS3.6 gives
its retired placeholders as ``Retired-blank``; that spelling is read as the empty name it stands for.

pydicom's key spellings, and what they mean here:

* public ``DicomDictionary``: integer tags;
* ``RepeatersDictionary``: ``002031xx``, ``60xx3000``, ``1010xxxx`` (``x`` = any hex digit);
* ``private_dictionaries[creator]``:
  - ``ggggxxEE``: a block offset, any block (canonical ``xxEE``);
  - ``gggg00EE``: also a block offset (high byte ``00``) — pydicom itself never matches these, we do;
  - ``ggggBBEE`` with ``BB`` ≥ ``10``: an element that holds only in block ``BB`` (canonical ``BBEE``);
  - ``ggxxxxEE``: a repeating private group (``70xx``) with a block offset;
  - ``gggg10xx``: the creator reservation itself; passed on as ``10xx`` for ``normalise`` to reject;
  - a creator ending ``^NN`` (``TOSHIBA_MEC_MR3^12``): passed on as written; ``normalise`` turns it
    into a block-specific entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata
from typing import Any

from ..rows import RawRow, Unreadable

PUBLIC_ID = "pydicom"
PRIVATE_ID = "pydicom-private"
PUBLIC3_ID = "pydicom3"

#: The PS3.6 release each package's dictionary was generated from (their release notes).
EDITIONS = {PUBLIC_ID: "2024c", PUBLIC3_ID: "2024d"}
#: The newest PS3.6 edition read in full.
EDITION = EDITIONS[PUBLIC3_ID]
#: pydicom3's spelling of an empty retired name.
_BLANK = "Retired-blank"


def _version(package: str = "pydicom") -> str:
    return metadata.version(package)


SOURCES: list[dict[str, Any]] = [
    {
        "id": PUBLIC_ID,
        "title": "pydicom data dictionary (PS3.6 public tags and repeating groups)",
        "package": "pydicom",
        "version": _version(),
        "url": "https://pypi.org/project/pydicom/",
        "license": "MIT",
        "files": ["pydicom/_dicom_dict.py"],
        "kind": "standard",
        "edition": EDITIONS[PUBLIC_ID],
    },
    {
        "id": PRIVATE_ID,
        "title": "pydicom private dictionary (generated from GDCM's)",
        "package": "pydicom",
        "version": _version(),
        "url": "https://pypi.org/project/pydicom/",
        "license": "MIT (data from GDCM, BSD-3-Clause)",
        "files": ["pydicom/_private_dict.py"],
        "kind": "curated",
        "copy_of": "gdcm",
    },
]

SOURCE3: dict[str, Any] = {
    "id": PUBLIC3_ID,
    "title": "pydicom3 data dictionary (PS3.6 2024d public tags and repeating groups)",
    "package": "pydicom3",
    "version": _version("pydicom3"),
    "url": "https://pypi.org/project/pydicom3/",
    "license": "MIT",
    "files": ["pydicom3/_dicom_dict.py"],
    "kind": "standard",
    "edition": EDITIONS[PUBLIC3_ID],
}


def _split_key(key: str) -> tuple[str, str] | None:
    if len(key) != 8:
        return None
    group, element = key[:4].upper().replace("X", "x"), key[4:].upper().replace("X", "x")
    return group, element


def read_public() -> Iterator[RawRow | Unreadable]:
    """Rows of pydicom's ``DicomDictionary`` and ``RepeatersDictionary``."""
    from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary

    yield from _public_rows(PUBLIC_ID, "pydicom", DicomDictionary, RepeatersDictionary)


def read_public3() -> Iterator[RawRow | Unreadable]:
    """Rows of pydicom3's ``DicomDictionary`` and ``RepeatersDictionary`` (PS3.6 2024d)."""
    from pydicom3._dicom_dict import DicomDictionary, RepeatersDictionary

    yield from _public_rows(PUBLIC3_ID, "pydicom3", DicomDictionary, RepeatersDictionary)


def _public_rows(
    source: str,
    package: str,
    public: dict[int, tuple[str, str, str, str, str]],
    repeaters: dict[str, tuple[str, str, str, str, str]],
) -> Iterator[RawRow | Unreadable]:
    doc = f"{package}/_dicom_dict.py"
    for tag, (vr, vm, name, retired, keyword) in public.items():
        yield RawRow(
            source=source,
            document=doc,
            locator=f"DicomDictionary[0x{tag:08X}]",
            group=f"{tag >> 16:04X}",
            element=f"{tag & 0xFFFF:04X}",
            creator=None,
            vr=vr,
            vm=vm,
            name="" if name == _BLANK else name,
            keyword=keyword,
            retired=retired == "Retired",
        )
    for mask, (vr, vm, name, retired, keyword) in repeaters.items():
        split = _split_key(mask)
        if split is None:
            yield Unreadable(
                source, doc, f"RepeatersDictionary[{mask!r}]", "key is not 8 characters", mask
            )
            continue
        yield RawRow(
            source=source,
            document=doc,
            locator=f"RepeatersDictionary[{mask!r}]",
            group=split[0],
            element=split[1],
            creator=None,
            vr=vr,
            vm=vm,
            name="" if name == _BLANK else name,
            keyword=keyword,
            retired=retired == "Retired",
        )


def read_private() -> Iterator[RawRow | Unreadable]:
    """Rows of ``private_dictionaries``, key spellings translated as the module doc says."""
    from pydicom._private_dict import private_dictionaries

    doc = "pydicom/_private_dict.py"
    for creator, entries in private_dictionaries.items():
        for key, (vr, vm, name, retired) in entries.items():
            locator = f"private_dictionaries[{creator!r}][{key!r}]"
            split = _split_key(key)
            if split is None:
                yield Unreadable(PRIVATE_ID, doc, locator, "key is not 8 characters", key)
                continue
            group, element = split
            if element[:2] == "00" and "x" not in element:
                element = "xx" + element[2:]  # gggg00EE: a block offset
            yield RawRow(
                source=PRIVATE_ID,
                document=doc,
                locator=locator,
                group=group,
                element=element,
                creator=creator,
                vr=vr,
                vm=vm,
                name=name,
                retired=retired == "Retired",
            )


def read() -> Iterator[RawRow | Unreadable]:
    yield from read_public()
    yield from read_private()
