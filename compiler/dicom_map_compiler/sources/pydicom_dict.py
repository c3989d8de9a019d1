"""pydicom's data dictionaries: the public PS3.6 table, its repeating-group masks, and the private
dictionary (a copy of GDCM's, so it never votes independently of GDCM: ``copy_of``).

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

from ..rows import RawRow, Unreadable

PUBLIC_ID = "pydicom"
PRIVATE_ID = "pydicom-private"

#: The PS3.6 release pydicom 3.0's dictionary was generated from (pydicom 3.0 release notes).
EDITION = "2024c"


def _version() -> str:
    return metadata.version("pydicom")


SOURCES = [
    {
        "id": PUBLIC_ID,
        "title": "pydicom data dictionary (PS3.6 public tags and repeating groups)",
        "package": "pydicom",
        "version": _version(),
        "url": "https://pypi.org/project/pydicom/",
        "license": "MIT",
        "files": ["pydicom/_dicom_dict.py"],
        "kind": "standard",
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


def _split_key(key: str) -> tuple[str, str] | None:
    if len(key) != 8:
        return None
    group, element = key[:4].upper().replace("X", "x"), key[4:].upper().replace("X", "x")
    return group, element


def read_public() -> Iterator[RawRow | Unreadable]:
    """Rows of ``DicomDictionary`` and ``RepeatersDictionary``."""
    from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary

    doc = "pydicom/_dicom_dict.py"
    for tag, (vr, vm, name, retired, keyword) in DicomDictionary.items():
        yield RawRow(
            source=PUBLIC_ID,
            document=doc,
            locator=f"DicomDictionary[0x{tag:08X}]",
            group=f"{tag >> 16:04X}",
            element=f"{tag & 0xFFFF:04X}",
            creator=None,
            vr=vr,
            vm=vm,
            name=name,
            keyword=keyword,
            retired=retired == "Retired",
        )
    for mask, (vr, vm, name, retired, keyword) in RepeatersDictionary.items():
        split = _split_key(mask)
        if split is None:
            yield Unreadable(
                PUBLIC_ID, doc, f"RepeatersDictionary[{mask!r}]", "key is not 8 characters", mask
            )
            continue
        yield RawRow(
            source=PUBLIC_ID,
            document=doc,
            locator=f"RepeatersDictionary[{mask!r}]",
            group=split[0],
            element=split[1],
            creator=None,
            vr=vr,
            vm=vm,
            name=name,
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
