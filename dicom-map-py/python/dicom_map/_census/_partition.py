"""The per-partition function and its mergeable result: the one piece every runner shares.

:func:`census_partition` reads the headers of a list of files and returns a :class:`Partial`:
counts per key, totals, damaged and skipped files. It needs no dictionary (resolution happens once
per distinct key, after the merge), holds no open resources, and its result pickles small, so the
same function runs in a local process pool, a Dask task or a Spark ``mapPartitions``.

:meth:`Partial.merge` is associative and commutative and keeps example paths as the smallest
ones seen, so any partitioning of the same files, merged in any order, gives the same result:
that is what makes a Dask or Spark run equal to a local one.
"""

from __future__ import annotations

import mmap
import os
from typing import Dict, Iterable, List, Optional, Set, Tuple

from dicom_map._census._header import DamagedFile, Element, Header, NeedMore, NotDicom, read_header

__all__ = [
    "EXAMPLES",
    "Key",
    "KeyStats",
    "Partial",
    "TOTALS",
    "census_partition",
]

#: Example paths kept per key (the smallest, so that every partitioning keeps the same ones).
EXAMPLES = 3
#: Paths of files that are not DICOM kept as examples (the smallest).
NOT_DICOM_EXAMPLES = 10
#: The first read of a file (most headers are smaller); a longer header reads on, up to four times
#: as much, then the rest of the file.
FIRST_READ = 16 * 1024
#: Files at least this big are memory-mapped rather than read (only the header's pages load).
MAP_FROM = 4 * 1024 * 1024

#: ``(kind, group, creator, element)``. ``kind``: ``private`` (``element`` is the low byte;
#: ``creator`` the text of the reserving element, ``""`` empty, ``None`` missing), ``creator``
#: (a private creator element; ``element`` 0), ``reserved`` (another element of an odd group:
#: group length, reserved elements, groups 0001-0007; full element, no creator), ``public``
#: (even groups, with ``public=True``; full element).
Key = Tuple[str, int, Optional[str], int]

#: The counters of :attr:`Partial.totals`, in report order.
TOTALS = (
    "paths",  # files looked at
    "dicom_files",  # read to the end of their header
    "not_dicom",  # skipped: no DICM prefix and no dataset at byte 0
    "damaged",  # DICOM (or claiming to be) but unreadable; listed with the reason
    "no_preamble",  # read without the DICM prefix
    "explicit_files",
    "implicit_files",
    "elements",  # every data element, at every depth, file meta included
    "private_elements",  # private data elements (gggg,BBEE), BB >= 10
    "creator_elements",  # private creator elements (gggg,0010-00FF)
    "reserved_elements",  # other elements of odd groups
    "nested_elements",  # private data elements inside sequence items
    "header_bytes",  # header bytes walked (up to the pixel data)
)


class KeyStats:
    """What the census counts for one key."""

    __slots__ = ("elements", "files", "vrs", "implicit", "nested", "blocks", "examples")

    def __init__(self) -> None:
        self.elements = 0
        """Elements with this key, at every depth."""
        self.files = 0
        """Files holding at least one."""
        self.vrs: Dict[str, int] = {}
        """The VRs written in explicit-VR files, with their counts."""
        self.implicit = 0
        """Elements read from implicit-VR files (no VR written)."""
        self.nested = 0
        """Elements inside sequence items."""
        self.blocks: Set[int] = set()
        """Private blocks (``BB`` of ``(gggg,BBEE)``) the key was found in."""
        self.examples: List[str] = []
        """Up to :data:`EXAMPLES` paths of files holding it, the smallest first."""

    def merge(self, other: "KeyStats") -> None:
        self.elements += other.elements
        self.files += other.files
        for vr, n in other.vrs.items():
            self.vrs[vr] = self.vrs.get(vr, 0) + n
        self.implicit += other.implicit
        self.nested += other.nested
        self.blocks |= other.blocks
        if other.examples:
            self.examples = sorted(set(self.examples) | set(other.examples))[:EXAMPLES]

    def state(self) -> Tuple[object, ...]:
        """Everything, as plain comparable values (for equality and tests)."""
        return (
            self.elements,
            self.files,
            sorted(self.vrs.items()),
            self.implicit,
            self.nested,
            sorted(self.blocks),
            list(self.examples),
        )


class Partial:
    """The census of some files: mergeable with the census of any others."""

    __slots__ = ("keys", "totals", "damaged", "not_dicom")

    def __init__(self) -> None:
        self.keys: Dict[Key, KeyStats] = {}
        self.totals: Dict[str, int] = dict.fromkeys(TOTALS, 0)
        self.damaged: List[Tuple[str, str]] = []
        """``(path, reason)`` of every damaged or unreadable file."""
        self.not_dicom: List[str] = []
        """The smallest :data:`NOT_DICOM_EXAMPLES` paths skipped as not DICOM."""

    def merge(self, other: "Partial") -> "Partial":
        """Add ``other`` into this one (and return it)."""
        for key, stats in other.keys.items():
            mine = self.keys.get(key)
            if mine is None:
                self.keys[key] = stats
            else:
                mine.merge(stats)
        for name, n in other.totals.items():
            self.totals[name] = self.totals.get(name, 0) + n
        self.damaged.extend(other.damaged)
        self.not_dicom = _smallest(self.not_dicom, other.not_dicom, NOT_DICOM_EXAMPLES)
        return self

    def add_file(self, path: str, elements: Iterable[Element], explicit: bool) -> None:
        """Count one file's elements (as :func:`read_header` kept them)."""
        keys = self.keys
        totals = self.totals
        seen: Dict[Key, KeyStats] = {}
        for tag, vr, creator, depth in elements:
            group, element = tag >> 16, tag & 0xFFFF
            block = 0
            if not group & 1:
                key: Key = ("public", group, None, element)
            elif group <= 0x0007 or group == 0xFFFF:
                key = ("reserved", group, None, element)
                totals["reserved_elements"] += 1
            elif element >= 0x1000:
                key = ("private", group, creator, element & 0xFF)
                block = element >> 8
                totals["private_elements"] += 1
                if depth:
                    totals["nested_elements"] += 1
            elif element >= 0x0010 and element <= 0x00FF:
                key = ("creator", group, creator, 0)
                block = element
                totals["creator_elements"] += 1
            else:
                key = ("reserved", group, None, element)
                totals["reserved_elements"] += 1
            stats = seen.get(key)
            if stats is None:
                stats = seen[key] = keys.get(key) or KeyStats()
                if key not in keys:
                    keys[key] = stats
                stats.files += 1
                examples = stats.examples
                if len(examples) < EXAMPLES or path < examples[-1]:
                    examples.append(path)
                    examples.sort()
                    del examples[EXAMPLES:]
            stats.elements += 1
            if vr is None:
                stats.implicit += 1
            else:
                stats.vrs[vr] = stats.vrs.get(vr, 0) + 1
            if depth:
                stats.nested += 1
            if block:
                stats.blocks.add(block)
        totals["explicit_files" if explicit else "implicit_files"] += 1


def _read(path: str, public: bool) -> Header:
    """The header of the file at ``path``; raises what :func:`read_header` raises, and
    ``OSError``. Reads as little of the file as the header needs."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size >= MAP_FROM:
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                header = read_header(mapped, complete=True, public=public)  # type: ignore[arg-type]
                return header
        buf = f.read(FIRST_READ if size > 2 * FIRST_READ else size)
        while True:
            try:
                return read_header(buf, complete=len(buf) >= size, public=public)
            except NeedMore:
                more = f.read(size if len(buf) * 8 > size else len(buf) * 3)
                if not more:  # the file shrank while being read: what is there is all of it
                    size = len(buf)
                buf += more


def census_partition(paths: Iterable[str], public: bool = False) -> Partial:
    """Census of the files at ``paths``: read each header, count its elements by key.

    A file that is not DICOM is skipped (counted; a few paths kept as examples); one that cannot
    be read (an ``OSError``) or is damaged (:class:`~dicom_map._census._header.DamagedFile`) is
    listed with the reason, and none of its elements are counted; the partition goes on either
    way. ``public`` counts even-group elements too.
    """
    part = Partial()
    totals = part.totals
    for path in paths:
        path = os.fspath(path)
        totals["paths"] += 1
        try:
            header = _read(path, public)
        except NotDicom:
            totals["not_dicom"] += 1
            part.not_dicom = _smallest(part.not_dicom, [path], NOT_DICOM_EXAMPLES)
            continue
        except (DamagedFile, OSError, MemoryError, RecursionError) as exc:
            totals["damaged"] += 1
            reason = str(exc) if isinstance(exc, DamagedFile) else _os_reason(exc)
            part.damaged.append((path, reason))
            continue
        totals["dicom_files"] += 1
        totals["header_bytes"] += header.end
        totals["elements"] += header.count
        if not header.preamble:
            totals["no_preamble"] += 1
        part.add_file(path, header.elements, header.explicit)
    return part


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"cannot read it: {exc.strerror or exc}"
    return f"cannot read it: {type(exc).__name__}"  # pragma: no cover - hostile input


def _smallest(a: List[str], b: List[str], n: int) -> List[str]:
    return sorted(set(a) | set(b))[:n]
