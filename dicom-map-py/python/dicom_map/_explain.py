"""``explain``: what every private element of a DICOM file is, according to a ``.dmap`` dictionary.

A private element ``(gggg,BBEE)`` means nothing by itself: its meaning is that of element ``EE`` of
the private creator named by ``(gggg,00BB)`` *in the same dataset or sequence item*. ``explain``
walks a file (nested sequences included), finds each private element's creator, looks it up, and
yields one :class:`ExplainRecord` per private element: what it is, which VR the file used and which
the dictionary gives, who says so, and, when it could not be resolved, why.

Reading the file needs pydicom 3; the lookups use only the ``.dmap`` dictionary.

The walk is iterative (an explicit stack, not recursion), so a file nested hundreds of sequences
deep is walked like any other. It converts only what it must: private elements and sequences; a
public element is neither read nor decoded. All lookups of a file go to the dictionary in one
batch (``Dict.lookup_many``), which runs without holding the interpreter lock.

A damaged file may fail part-way: pydicom reads elements lazily, so a broken value is found only
when it is decoded. ``explain`` then yields the records found so far, one more record whose
``status`` is ``"damaged"`` (its ``reason`` says what pydicom reported and where), and stops; it
never raises after yielding.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    BinaryIO,
    Iterator,
    List,
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
    "damaged": "the file could not be read past this point (the reason says why)",
}

#: Longest value text in a record, as dcmdump shortens long values.
VALUE_WIDTH = 64


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
    value: Optional[str] = None
    """The value as dcmdump shows it, shortened to :data:`VALUE_WIDTH` characters with ``...``:
    ``[text]`` for strings, numbers separated by ``\\``, bytes in hex (``01\\02``),
    ``(sequence, 2 items)``, ``(no value)`` when empty."""
    vm_file: Optional[int] = None
    """How many values the element holds (pydicom's ``VM``)."""
    length: Optional[int] = None
    """The value's length in bytes as written in the file; ``None`` for an undefined length (a
    sequence written with delimiters), and when pydicom had already decoded the element (it
    decodes sequences while reading) or the dataset was not read from bytes."""
    block: Optional[str] = None
    """Where the creator element reserving this element's block is, as a ``path``
    (``(0019,0010)``); ``None`` for creator elements, group lengths and elements without one."""

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
        """A one-word verdict for tables: ``ok``, ``vr-mismatch``, ``unresolved`` or ``damaged``
        (the file could not be read further; see ``reason``)."""
        if self.reason is not None and self.reason.startswith("damaged"):
            return "damaged"
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


def _shorten(text: str) -> str:
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 3] + "..."


def _value_text(elem: Any) -> str:
    """The value as dcmdump shows it (see :attr:`ExplainRecord.value`)."""
    value = elem.value
    if elem.VR == "SQ":
        n = len(value) if value is not None else 0
        return f"(sequence, {n} item{'' if n == 1 else 's'})"
    if value is None or value == "" or value == b"":
        return "(no value)"
    if isinstance(value, (bytes, bytearray)):
        head = bytes(value[: VALUE_WIDTH // 3 + 1])
        text = "\\".join(f"{b:02x}" for b in head)
        return _shorten(text + ("\\..." if len(value) > len(head) else ""))
    if isinstance(value, str):
        return _shorten(f"[{value}]")
    if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
        parts = [str(v) for v in list(value)[:VALUE_WIDTH]]
        text = "\\".join(parts)
        return _shorten(f"[{text}]" if elem.VR in _STRING_VRS else text)
    return _shorten(f"[{value}]" if elem.VR in _STRING_VRS else str(value))


_STRING_VRS = frozenset(
    # The VRs dcmdump shows in brackets: text, including the decimal and integer strings.
    "AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT".split()
)


def _raw_length(raw: Any) -> Optional[int]:
    """The value length written in the file (``None``: undefined, or not read from bytes)."""
    length = getattr(raw, "length", None)
    if not isinstance(length, int) or length == 0xFFFFFFFF:
        return None
    return length


class _Found:
    """A private element found by the walk, before its lookup."""

    __slots__ = (
        "tag",
        "path",
        "depth",
        "creator",
        "reason",
        "query",
        "vr_file",
        "value",
        "vm_file",
        "length",
        "block",
    )

    def __init__(self, tag: int, path: str, depth: int) -> None:
        self.tag = tag
        self.path = path
        self.depth = depth
        self.creator: Optional[str] = None
        self.reason: Optional[str] = None
        # (group, element, creator) to look up, or None when no lookup can help.
        self.query: Optional[Tuple[int, int, Optional[str]]] = None
        self.vr_file: Optional[str] = None
        self.value: Optional[str] = None
        self.vm_file: Optional[int] = None
        self.length: Optional[int] = None
        self.block: Optional[str] = None


def _maybe_sequence(raw: Any, tag: int, implicit: Optional[bool], dmap: Dict) -> bool:
    """Whether a public element may be a sequence, judged without decoding it."""
    vr = getattr(raw, "VR", None)
    if vr is not None:
        return bool(vr == "SQ")
    # Implicit VR (or a raw element without one): ask the dictionary.
    found = dmap.vr(tag >> 16, tag & 0xFFFF)
    return found is not None and "SQ" in found


def _walk(
    dmap: Dict, ds: "Dataset", implicit: Optional[bool]
) -> Tuple[List[_Found], Optional[Tuple[str, str]]]:
    """Every private element of ``ds`` and its sequence items, in file order, depth first, with
    an explicit stack; and the damage that stopped the walk, ``(path, reason)`` (``None`` when
    it finished).

    Tags are visited in ascending order, so a block's creator element ``(gggg,00BB)`` is always
    met before the block's elements ``(gggg,BBxx)``: each frame remembers the creators met so far,
    and an element finds its creator there without asking pydicom again."""
    found: List[_Found] = []
    # Each frame: (dataset, its tags still to visit (reversed), path prefix, depth, creators).
    Frame = Tuple[Any, List[int], str, int, TDict[int, Optional[str]]]
    stack: List[Frame] = [(ds, sorted(ds._dict, reverse=True), "", 0, {})]
    prefix, tag = "", -1
    try:
        while stack:
            current, tags, prefix, depth, creators = stack[-1]
            if not tags:
                stack.pop()
                continue
            tag = tags.pop()
            group = tag >> 16
            raw = current._dict[tag]
            private = bool(group & 1)
            if not private and not _maybe_sequence(raw, tag, implicit, dmap):
                continue
            element = tag & 0xFFFF
            here = f"{prefix}({group:04X},{element:04X})"
            if private:
                # The VR the file wrote, read before conversion may replace a UN or look an
                # implicit VR up; None for an implicit-VR file.
                vr_file = None if implicit else (getattr(raw, "VR", None) or None)
                length = _raw_length(raw)
                elem = current[tag]
                f = _Found(tag, here, depth)
                f.vr_file = str(vr_file) if vr_file else None
                f.length = length
                f.value = _value_text(elem)
                f.vm_file = elem.VM
                _classify(f, creators, elem, group, element, prefix)
                found.append(f)
            else:
                elem = current[tag]
            if elem.VR == "SQ" and elem.value:
                items = list(elem.value)
                # Push the items in reverse, so that item 0 is walked first.
                for i in range(len(items) - 1, -1, -1):
                    item = items[i]
                    frame: Frame = (
                        item,
                        sorted(item._dict, reverse=True),
                        f"{here}[{i}].",
                        depth + 1,
                        {},
                    )
                    stack.append(frame)
    except Exception as exc:  # pydicom's errors on damaged data have no common base class
        here = f"{prefix}({tag >> 16:04X},{tag & 0xFFFF:04X})" if tag >= 0 else ""
        where = here or "the start"
        return found, (here, f"damaged: {type(exc).__name__} at {where}: {exc}")
    return found, None


def _classify(
    f: _Found,
    creators: TDict[int, Optional[str]],
    elem: Any,
    group: int,
    element: int,
    prefix: str,
) -> None:
    """Sets the creator, the reason it cannot be resolved, or the query to look up; remembers a
    creator element's value in ``creators`` (its dataset's creators met so far)."""
    if _is_reserved_group(group):
        f.reason = "reserved group"
    elif 0x0001 <= element <= 0x000F or 0x0100 <= element <= 0x0FFF:
        f.reason = "reserved element"
    elif element == 0x0000 or 0x0010 <= element <= 0x00FF:
        # Group length, or a private creator element: what it is needs no creator.
        if element:
            f.creator = _creator_text(elem.value)
            creators[(group << 16) | element] = f.creator
        f.query = (group, element, None)
    else:
        creator_tag = (group << 16) | (element >> 8)
        if creator_tag not in creators:
            f.reason = "no creator"
            return
        f.block = f"{prefix}({group:04X},{element >> 8:04X})"
        f.creator = creators[creator_tag]
        if f.creator is None:
            f.reason = "empty creator"
        else:
            f.query = (group, element, f.creator)


def _records(
    dmap: Dict, found: List[_Found], damage: Optional[Tuple[str, str]]
) -> Iterator[ExplainRecord]:
    queries = [f.query for f in found if f.query is not None]
    entries = iter(dmap.lookup_many(queries))
    known_creators: TDict[str, bool] = {}
    source_ids: TDict[Any, Tuple[str, ...]] = {}
    for f in found:
        entry: Optional[EntryDict] = next(entries) if f.query is not None else None
        reason = f.reason
        if f.query is not None and f.query[2] is not None:
            if entry is not None and entry["kind"] not in ("private", "private-repeater"):
                entry = None  # a public repeater or the like: not this creator's element
            if entry is None:
                creator = f.query[2]
                if creator not in known_creators:
                    known_creators[creator] = bool(dmap.creator(creator))
                reason = "unknown element" if known_creators[creator] else "unknown creator"
        yield _record(f, entry, reason, source_ids)
    if damage is not None:
        path, why = damage
        tag = int(path[-10:-1].replace(",", ""), 16) if path.endswith(")") else 0
        yield ExplainRecord(
            tag=tag,
            path=path,
            depth=path.count("["),
            creator=None,
            resolved=False,
            reason=why,
            vr_file=None,
            **_NO_ENTRY,
        )


#: The fields of an :class:`ExplainRecord` that come from a dictionary entry, for an element
#: no entry resolves.
_NO_ENTRY: TDict[str, Any] = dict(
    kind=None,
    pattern=None,
    keyword=None,
    name=None,
    vr_dict=None,
    vr_ok=None,
    vm=None,
    creator_match=None,
    confidence=None,
    conflict=False,
    sources=(),
)


def _record(
    f: _Found,
    entry: Optional[EntryDict],
    reason: Optional[str],
    source_ids: TDict[Any, Tuple[str, ...]],
) -> ExplainRecord:
    if entry is None:
        return _unresolved(f, reason or "unknown element")
    vrs = entry["vrs"]
    vr_file = f.vr_file
    # Spelled out rather than built from a dict: this runs once per private element.
    return ExplainRecord(
        tag=f.tag,
        path=f.path,
        depth=f.depth,
        creator=f.creator,
        resolved=True,
        reason=None,
        kind=entry["kind"],
        pattern=entry["pattern"],
        keyword=entry["keyword"],
        name=entry["name"],
        vr_file=vr_file,
        vr_dict=entry["vr"],
        vr_ok=None if (vr_file is None or vr_file == "UN" or not vrs) else vr_file in vrs,
        vm=entry["vm"],
        creator_match=entry["creator_match"],
        confidence=entry["confidence"],
        conflict=entry["conflict"],
        sources=_source_ids(entry, source_ids),
        value=f.value,
        vm_file=f.vm_file,
        length=f.length,
        block=f.block,
    )


def _unresolved(f: _Found, reason: str) -> ExplainRecord:
    """The record of an element no entry resolves: what the file says, and why."""
    return ExplainRecord(
        tag=f.tag,
        path=f.path,
        depth=f.depth,
        creator=f.creator,
        resolved=False,
        reason=reason,
        vr_file=f.vr_file,
        value=f.value,
        vm_file=f.vm_file,
        length=f.length,
        block=f.block,
        **_NO_ENTRY,
    )


def _source_ids(entry: EntryDict, cache: TDict[Any, Tuple[str, ...]]) -> Tuple[str, ...]:
    """The ids of an entry's sources, without repeats, worked out once per entry."""
    key = entry["entry_id"]
    ids = cache.get(key) if key is not None else None
    if ids is None:
        ids = tuple(dict.fromkeys(s["id"] for s in entry["sources"]))
        if key is not None:
            cache[key] = ids
    return ids


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

    Raises, before yielding anything, what ``pydicom.dcmread`` raises for a file it cannot read
    at all (``FileNotFoundError``, ``pydicom.errors.InvalidDicomError``), and ``ImportError``
    without pydicom. Damage found later, while decoding, is not raised: the last record's
    ``status`` is ``"damaged"`` (see the module docs).
    """
    try:
        from pydicom import dcmread
        from pydicom.dataset import Dataset
    except ImportError as exc:
        raise ImportError(
            "dicom_map.explain needs pydicom 3, which is not installed: "
            "pip install 'dicom-map[pydicom]'"
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
    found, damage = _walk(dmap, ds, implicit)
    return _records(dmap, found, damage)
