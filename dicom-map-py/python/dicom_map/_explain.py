"""``explain``: what every private element of a DICOM file is, according to a ``.dmap`` dictionary.

A private element ``(gggg,BBEE)`` means nothing by itself: its meaning is that of element ``EE`` of
the private creator named by ``(gggg,00BB)`` *in the same dataset or sequence item*. ``explain``
walks a file (nested sequences included), finds each private element's creator, looks it up, and
yields one :class:`ExplainRecord` per private element: what it is, which VR the file used and which
the dictionary gives, who says so, and, when it could not be resolved, why.

Reading the file needs pydicom 3; the lookups use only the ``.dmap`` dictionary.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    BinaryIO,
    Iterator,
    Optional,
    Tuple,
    Union,
)
from typing import (
    Dict as TDict,
)

from dicom_map._native import Dict
from dicom_map._types import EntryDict

if TYPE_CHECKING:  # pragma: no cover
    from pydicom.dataset import Dataset

__all__ = ["ExplainRecord", "explain", "REASONS"]

#: Why an element could not be resolved (the ``reason`` of an unresolved record).
REASONS = {
    "reserved group": "groups 0001, 0003, 0005 and 0007 may not hold private data",
    "reserved element": "elements 0001-000F and 0100-0FFF of a private group are reserved",
    "no creator": "no private creator element (gggg,00BB) reserves this element's block",
    "empty creator": "the private creator element that reserves this block is empty",
    "unknown creator": "the dictionary has no entries for this private creator",
    "unknown element": "the dictionary knows the creator but not this element",
}


@dataclass(frozen=True)
class ExplainRecord:
    """One private element of a file, as :func:`explain` resolved it.

    ``vr_file`` is the VR written in the file, ``None`` when the file is implicit VR (its VRs come
    from a dictionary, not from the file). ``vr_ok`` is whether ``vr_file`` is one of the
    dictionary's VRs; ``None`` when either is missing or the file says ``UN`` (which fits any).
    """

    tag: int
    """``group << 16 | element``."""
    path: str
    """Where the element is: ``(0029,1010)`` at the top level, ``(2005,140F)[0].(2001,1001)``
    inside item 0 of a sequence."""
    depth: int
    """Sequence nesting: 0 at the top level."""
    creator: Optional[str]
    """The private creator as written in the file (``None``: none reserves the block)."""
    resolved: bool
    """Whether the dictionary has an entry for the element under its creator."""
    reason: Optional[str]
    """When not resolved, one of :data:`REASONS`' keys."""
    kind: Optional[str]
    """The entry kind: ``private``, ``private-repeater``, ``private-creator``, ``group-length``."""
    pattern: Optional[str]
    """The entry's pattern, e.g. ``(0019,xx0C)``."""
    keyword: Optional[str]
    name: Optional[str]
    vr_file: Optional[str]
    vr_dict: Optional[str]
    vr_ok: Optional[bool]
    vm: Optional[str]
    creator_match: Optional[str]
    """``exact`` or ``folded`` (the creator matched only ignoring case and spaces)."""
    confidence: Optional[int]
    conflict: bool
    """The sources disagree about the VR (see ``Dict.lookup(...)["candidates"]``)."""
    sources: Tuple[str, ...]
    """Ids of the sources that give the entry."""

    @property
    def group(self) -> int:
        return self.tag >> 16

    @property
    def element(self) -> int:
        return self.tag & 0xFFFF

    @property
    def tag_text(self) -> str:
        """``(GGGG,EEEE)``."""
        return f"({self.group:04X},{self.element:04X})"

    @property
    def status(self) -> str:
        """A one-word verdict for tables: ``ok``, ``vr-mismatch`` or ``unresolved``."""
        if not self.resolved:
            return "unresolved"
        return "vr-mismatch" if self.vr_ok is False else "ok"

    def to_json(self) -> TDict[str, Any]:
        """The record as JSON-ready data: every field, ``tag`` as ``(GGGG,EEEE)``, ``sources`` a
        list, plus ``status``. These keys are stable."""
        d = asdict(self)
        d["tag"] = self.tag_text
        d["sources"] = list(self.sources)
        d["status"] = self.status
        return d


def _is_reserved_group(group: int) -> bool:
    return group <= 0x0007 or group == 0xFFFF


def _creator_text(value: Any) -> Optional[str]:
    """A creator element's value as text (``None`` when empty)."""
    if value is None:
        return None
    if isinstance(value, bytes):  # UN or an undecoded value
        value = value.decode("latin-1")
    elif not isinstance(value, str):
        # A MultiValue ("A\\B") is not a valid creator; take its text as written.
        value = "\\".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
    value = value.strip(" \x00")
    return value or None


def _file_vr(raw: Any, implicit: Optional[bool]) -> Optional[str]:
    """The VR the file wrote, from the element as read (before pydicom replaced a ``UN`` or looked
    an implicit VR up): ``None`` for an implicit-VR file."""
    if implicit:
        return None
    vr = getattr(raw, "VR", None)
    return str(vr) if vr else None


def _records(
    dmap: Dict, ds: "Dataset", implicit: Optional[bool], prefix: str, depth: int
) -> Iterator[ExplainRecord]:
    known_creators: TDict[str, bool] = {}

    def creator_known(creator: str) -> bool:
        if creator not in known_creators:
            known_creators[creator] = bool(dmap.creator(creator))
        return known_creators[creator]

    for key in list(ds.keys()):
        tag = int(key)
        group, element = tag >> 16, tag & 0xFFFF
        here = f"{prefix}({group:04X},{element:04X})"
        # The raw element first: converting it (ds[tag]) may replace the file's VR.
        vr_file = _file_vr(ds.get_item(tag), implicit)
        elem = ds[tag]
        if group & 1:
            yield _record(dmap, ds, elem, tag, here, depth, vr_file, creator_known)
        if elem.VR == "SQ" and elem.value is not None:
            for i, item in enumerate(elem.value):
                yield from _records(dmap, item, implicit, f"{here}[{i}].", depth + 1)


def _record(
    dmap: Dict,
    ds: "Dataset",
    elem: Any,
    tag: int,
    path: str,
    depth: int,
    vr_file: Optional[str],
    creator_known: Any,
) -> ExplainRecord:
    group, element = tag >> 16, tag & 0xFFFF
    creator: Optional[str] = None
    reason: Optional[str] = None
    entry: Optional[EntryDict] = None
    if _is_reserved_group(group):
        reason = "reserved group"
    elif 0x0001 <= element <= 0x000F or 0x0100 <= element <= 0x0FFF:
        reason = "reserved element"
    elif element == 0x0000 or 0x0010 <= element <= 0x00FF:
        # Group length, or a private creator element: what it is needs no creator.
        creator = _creator_text(elem.value) if element else None
        entry = dmap.lookup(group, element)
    else:
        creator_elem = ds.get((group << 16) | (element >> 8))
        if creator_elem is None:
            reason = "no creator"
        else:
            creator = _creator_text(creator_elem.value)
            if creator is None:
                reason = "empty creator"
            else:
                entry = dmap.lookup(group, element, creator)
                if entry is not None and entry["kind"] not in ("private", "private-repeater"):
                    entry = None  # a public repeater or the like: not this creator's element
                if entry is None:
                    reason = "unknown element" if creator_known(creator) else "unknown creator"
    if entry is None:
        return ExplainRecord(
            tag=tag,
            path=path,
            depth=depth,
            creator=creator,
            resolved=False,
            reason=reason or "unknown element",
            kind=None,
            pattern=None,
            keyword=None,
            name=None,
            vr_file=vr_file,
            vr_dict=None,
            vr_ok=None,
            vm=None,
            creator_match=None,
            confidence=None,
            conflict=False,
            sources=(),
        )
    vrs = entry["vrs"]
    vr_ok = None if (vr_file is None or vr_file == "UN" or not vrs) else vr_file in vrs
    return ExplainRecord(
        tag=tag,
        path=path,
        depth=depth,
        creator=creator,
        resolved=True,
        reason=None,
        kind=entry["kind"],
        pattern=entry["pattern"],
        keyword=entry["keyword"],
        name=entry["name"],
        vr_file=vr_file,
        vr_dict=entry["vr"],
        vr_ok=vr_ok,
        vm=entry["vm"],
        creator_match=entry["creator_match"],
        confidence=entry["confidence"],
        conflict=entry["conflict"],
        sources=tuple(dict.fromkeys(s["id"] for s in entry["sources"])),
    )


def explain(
    dataset_or_path: Union["Dataset", str, "os.PathLike[str]", BinaryIO],
    dictionary: Union[Dict, str, "os.PathLike[str]", None] = None,
    *,
    force: bool = False,
) -> Iterator[ExplainRecord]:
    """Yield one :class:`ExplainRecord` per private element of a DICOM file, in file order,
    the elements of each sequence item right after their sequence.

    ``dataset_or_path`` is a ``pydicom.Dataset`` or anything ``pydicom.dcmread`` reads (a path or
    a binary file); ``force`` is passed to ``dcmread`` (needed for files without the ``DICM``
    preamble). ``dictionary`` is a :class:`dicom_map.Dict`, a ``.dmap`` path, or ``None`` for the
    bundled dictionary.

    Raises what ``pydicom.dcmread`` raises for a file it cannot read (``FileNotFoundError``,
    ``pydicom.errors.InvalidDicomError``), and ``ImportError`` without pydicom.
    """
    try:
        from pydicom import dcmread
        from pydicom.dataset import Dataset
    except ImportError as exc:  # pragma: no cover - pydicom is a test dependency
        raise ImportError(
            "dicom_map.explain needs pydicom 3 (pip install 'dicom-map[pydicom]')"
        ) from exc
    if isinstance(dictionary, Dict):
        dmap = dictionary
    else:
        dmap = Dict(dictionary) if dictionary is not None else Dict()
    if isinstance(dataset_or_path, Dataset):
        ds = dataset_or_path
    else:
        ds = dcmread(dataset_or_path, force=force)
    encoding = getattr(ds, "original_encoding", (None, None))
    implicit: Optional[bool] = encoding[0] if encoding else None
    return _records(dmap, ds, implicit, "", 0)
