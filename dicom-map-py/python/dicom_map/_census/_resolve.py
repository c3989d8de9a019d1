"""From counts to rows: how the dictionary resolves each key the census found.

Runs once, in the process that merged the partitions, with one lookup per distinct key (an archive
of a million files holds a few thousand keys), so workers need no dictionary at all.

- A private key ``(group, creator, low byte)`` is looked up with the block it was found in (the
  smallest, when several: block-specific entries differ by block); the entry must be the creator's
  (``private`` or ``private-repeater``). Unresolved, it is an ``unknown element`` of a creator the
  dictionary knows, an ``unknown creator``, or one of the unattributed states: ``no creator`` (no
  ``(gggg,00BB)`` in the dataset), ``empty creator``, ``anonymised creator`` (``Anon``,
  ``REMOVED``, ``XXXX`` and the like, when the dictionary has no such creator). Unattributed rows
  list as ``candidates`` the creators whose entries define that ``(group, low byte)``.
- The VRs the files wrote (``UN`` aside, which fits anything) are compared with the dictionary's:
  ``agree`` (all among them), ``disagree`` (none), ``partial``, or ``unknown`` (nothing to compare).
"""

from __future__ import annotations

import re
from typing import Dict as TDict
from typing import List, Optional, Set, Tuple

from dicom_map._census._model import CensusRow
from dicom_map._census._partition import Key, KeyStats
from dicom_map._native import Dict

__all__ = ["ANONYMISED", "resolve_rows"]

#: Creator values that anonymisers write in place of the real one (compared upper-cased, trimmed).
ANONYMISED = re.compile(
    r"^(ANON[A-Z]*|ANONYMI[SZ](ED|ATION)?|REMOVED|DELETED|REDACTED|DE-?IDENTIFIED|DEID|"
    r"UNKNOWN|NONE|NULL|N/?A|PRIVATE|X+|\*+|-+|\?+|0+)$"
)

_KIND_ORDER = {"private": 0, "creator": 1, "reserved": 2, "public": 3}
_PRIVATE_KINDS = ("private", "private-repeater")


def sort_key(key: Key) -> Tuple[int, int, str, int, int]:
    kind, group, creator, element = key
    return (_KIND_ORDER[kind], group, creator or "", creator is not None, element)


class _Resolver:
    def __init__(self, dmap: Dict, keys: TDict[Key, KeyStats]) -> None:
        self.dmap = dmap
        self.known: TDict[str, Optional[str]] = {}
        self.candidates_index: Optional[TDict[Tuple[int, int], Set[str]]] = None
        # Creators seen in the archive, per group: candidates found there rank first.
        self.seen: TDict[int, Set[str]] = {}
        for kind, group, creator, _ in keys:
            if kind == "creator" and creator:
                self.seen.setdefault(group, set()).add(creator)

    def creator_match(self, creator: str) -> Optional[str]:
        """``exact``/``folded`` when the dictionary knows the creator, else ``None``."""
        if creator not in self.known:
            found = self.dmap.creator(creator)
            self.known[creator] = found[0]["match"] if found else None
        return self.known[creator]

    def candidates(self, group: int, low: int) -> Tuple[str, ...]:
        if self.candidates_index is None:
            index: TDict[Tuple[int, int], Set[str]] = {}
            for entry in self.dmap:
                if entry["kind"] in _PRIVATE_KINDS and entry["creator"]:
                    index.setdefault((entry["group"], entry["element"] & 0xFF), set()).add(
                        entry["creator"]
                    )
            self.candidates_index = index
        names = self.candidates_index.get((group, low), set())
        here = self.seen.get(group, set())
        return tuple(sorted(names, key=lambda n: (n not in here, n)))

    def state(self, creator: Optional[str]) -> str:
        if creator is None:
            return "missing"
        if not creator:
            return "empty"
        if self.creator_match(creator) is None and ANONYMISED.match(creator.upper()):
            return "anonymised"
        return "present"


def _agreement(vrs: TDict[str, int], dict_vrs: Tuple[str, ...]) -> str:
    seen = {vr for vr in vrs if vr != "UN"}
    if not seen or not dict_vrs:
        return "unknown"
    fit = seen & set(dict_vrs)
    if fit == seen:
        return "agree"
    return "partial" if fit else "disagree"


def _row(r: _Resolver, key: Key, s: KeyStats) -> CensusRow:
    kind, group, creator, element = key
    blocks = tuple(sorted(s.blocks))
    state: Optional[str] = None
    entry = None
    candidates: Tuple[str, ...] = ()
    match: Optional[str] = None
    if kind == "private":
        state = r.state(creator)
        if state == "present":
            assert creator is not None
            block = blocks[0] if blocks else 0x10
            entry = r.dmap.lookup(group, block << 8 | element, creator)
            if entry is not None and entry["kind"] not in _PRIVATE_KINDS:
                entry = None
            if entry is not None:
                status = "resolved"
                match = entry["creator_match"]
            else:
                known = r.creator_match(creator) is not None
                status = "unknown element" if known else "unknown creator"
        else:
            status = {"missing": "no creator", "empty": "empty creator"}.get(
                state, "anonymised creator"
            )
            candidates = r.candidates(group, element)
    elif kind == "creator":
        state = r.state(creator)
        if state == "present":
            assert creator is not None
            match = r.creator_match(creator)
            status = "known creator" if match else "unknown creator"
        else:
            status = "empty creator" if state == "empty" else "anonymised creator"
        entry = r.dmap.lookup(group, blocks[0] if blocks else 0x10)
    else:
        entry = r.dmap.lookup(group, element)
        if kind == "reserved":
            status = "group length" if element == 0 else "reserved"
        else:
            status = "resolved" if entry is not None else "unknown element"
    dict_vrs: Tuple[str, ...] = tuple(entry["vrs"]) if entry is not None else ()
    return CensusRow(
        kind=kind,
        group=group,
        element=element,
        creator=creator,
        creator_state=state,
        status=status,
        creator_match=match,
        keyword=entry["keyword"] if entry is not None else None,
        name=entry["name"] if entry is not None else None,
        dict_vr=entry["vr"] if entry is not None else None,
        vr_agreement=_agreement(s.vrs, dict_vrs),
        elements=s.elements,
        files=s.files,
        vrs=dict(sorted(s.vrs.items(), key=lambda kv: (-kv[1], kv[0]))),
        implicit_elements=s.implicit,
        nested_elements=s.nested,
        blocks=blocks,
        candidates=candidates,
        examples=tuple(s.examples),
    )


def resolve_rows(dmap: Dict, keys: TDict[Key, KeyStats]) -> List[CensusRow]:
    """One :class:`CensusRow` per key, in report order (kind, group, creator, element)."""
    r = _Resolver(dmap, keys)
    return [_row(r, key, keys[key]) for key in sorted(keys, key=sort_key)]
