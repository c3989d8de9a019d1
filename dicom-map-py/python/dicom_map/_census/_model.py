"""What a census returns: :class:`CensusRow` (one key) and :class:`Census` (all of them, the totals,
the damaged files), with the report writers as methods.

Rows are plain frozen data; :meth:`CensusRow.to_record` is the flat form every report format
writes (the same keys, in the same order, in CSV, JSON lines and Parquet).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

__all__ = ["COLUMNS", "Census", "CensusRow"]

PathLike = Union[str, "os.PathLike[str]"]

#: The report's columns, in order (``CensusRow.to_record`` keys).
COLUMNS = (
    "kind",
    "group",
    "element",
    "creator",
    "creator_state",
    "status",
    "creator_match",
    "keyword",
    "name",
    "dict_vr",
    "vr_agreement",
    "elements",
    "files",
    "vrs",
    "implicit_elements",
    "nested_elements",
    "blocks",
    "candidates",
    "examples",
)


@dataclass(frozen=True)
class CensusRow:
    """One key of the census: a private ``(group, creator, low byte)``, a private creator, a
    reserved element of an odd group, or (with ``public``) a public tag."""

    kind: str
    """``private``, ``creator`` (a private creator element ``(gggg,00BB)``), ``reserved`` (group
    length or reserved element of an odd group), ``public``."""
    group: int
    element: int
    """The low byte ``EE`` of ``(gggg,BBEE)`` for ``private``; 0 for ``creator``; the whole
    element otherwise."""
    creator: Optional[str]
    """The creator as written (spaces and NULs trimmed); ``""`` empty, ``None`` missing or not
    applicable."""
    creator_state: Optional[str]
    """``present``, ``missing``, ``empty`` or ``anonymised`` (private and creator rows)."""
    status: str
    """``resolved``, ``unknown element``, ``unknown creator``, ``no creator``, ``empty
    creator``, ``anonymised creator``, ``known creator``, ``group length`` or ``reserved``."""
    creator_match: Optional[str]
    """How the dictionary matched the creator: ``exact`` or ``folded`` (case and spaces)."""
    keyword: Optional[str]
    name: Optional[str]
    dict_vr: Optional[str]
    """The dictionary's VR (``US or SS``) for the key."""
    vr_agreement: str
    """Whether the VRs the files wrote (``UN`` aside) are the dictionary's: ``agree``, ``partial``,
    ``disagree``, or ``unknown`` (no explicit VR seen, or no dictionary VR)."""
    elements: int
    files: int
    vrs: Dict[str, int]
    """The VRs written in explicit-VR files, with counts, most frequent first."""
    implicit_elements: int
    """Elements read from implicit-VR files (no VR written)."""
    nested_elements: int
    """Elements inside sequence items."""
    blocks: Tuple[int, ...]
    """The private blocks (``BB``) it was found in."""
    candidates: Tuple[str, ...]
    """For an unattributed private key: the creators whose entries define ``(group, low byte)``,
    those seen elsewhere in the archive first."""
    examples: Tuple[str, ...]
    """A few files holding it (the smallest paths)."""

    @property
    def tag(self) -> str:
        """``(0019,xx0C)`` for a private key, ``(0019,00xx)`` for a creator, else ``(GGGG,EEEE)``."""
        return f"({self.group:04X},{self.element_text})"

    @property
    def element_text(self) -> str:
        if self.kind == "private":
            return f"xx{self.element:02X}"
        if self.kind == "creator":
            return "00xx"
        return f"{self.element:04X}"

    @property
    def resolved(self) -> bool:
        """Whether the dictionary knows the key (a known creator counts)."""
        return self.status in ("resolved", "known creator", "group length")

    def to_record(self) -> Dict[str, Any]:
        """The row as JSON-ready data: ``group`` as ``0019``, ``element`` as ``xx0C``/``00xx``/
        ``0005``, lists for ``blocks`` (hex text), ``candidates`` and ``examples``. Keys in
        :data:`COLUMNS` order; they are stable."""
        return {
            "kind": self.kind,
            "group": f"{self.group:04X}",
            "element": self.element_text,
            "creator": self.creator,
            "creator_state": self.creator_state,
            "status": self.status,
            "creator_match": self.creator_match,
            "keyword": self.keyword,
            "name": self.name,
            "dict_vr": self.dict_vr,
            "vr_agreement": self.vr_agreement,
            "elements": self.elements,
            "files": self.files,
            "vrs": dict(self.vrs),
            "implicit_elements": self.implicit_elements,
            "nested_elements": self.nested_elements,
            "blocks": [f"{b:02X}" for b in self.blocks],
            "candidates": list(self.candidates),
            "examples": list(self.examples),
        }


class Census:
    """The census of an archive: iterate it for its :class:`CensusRow` rows.

    ``totals`` counts files and elements (see :data:`TOTALS`); ``damaged`` lists ``(path,
    reason)`` of every file that could not be read (sorted); ``not_dicom`` a few of the paths
    skipped as not DICOM. ``edition`` is the dictionary's.
    """

    def __init__(
        self,
        rows: List[CensusRow],
        totals: Dict[str, int],
        damaged: List[Tuple[str, str]],
        not_dicom: List[str],
        edition: str,
    ) -> None:
        self.rows = rows
        self.totals = totals
        self.damaged = damaged
        self.not_dicom = not_dicom
        self.edition = edition

    def __iter__(self) -> Iterator[CensusRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Census):
            return NotImplemented
        return (self.rows, self.totals, self.damaged, self.not_dicom) == (
            other.rows,
            other.totals,
            other.damaged,
            other.not_dicom,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        t = self.totals
        return (
            f"<Census {t['dicom_files']} files, {len(self.rows)} keys, "
            f"{t['private_elements']} private elements, {t['damaged']} damaged>"
        )

    def unresolved(self) -> List[CensusRow]:
        """Private rows the dictionary does not resolve, most files first."""
        rows = [r for r in self.rows if r.kind == "private" and not r.resolved]
        return sorted(rows, key=lambda r: (-r.files, -r.elements, r.group, r.creator or ""))

    def vr_disagreements(self) -> List[CensusRow]:
        """Rows whose files wrote a VR the dictionary does not give, or (unresolved) whose files
        wrote more than one VR, most elements first."""
        rows = [
            r
            for r in self.rows
            if r.vr_agreement in ("disagree", "partial")
            or (not r.resolved and len({v for v in r.vrs if v != "UN"}) > 1)
        ]
        return sorted(rows, key=lambda r: (-r.elements, r.group, r.creator or ""))

    def to_csv(self, path: PathLike) -> None:
        """One line per row; ``vrs`` as ``OB:3 UN:1``, ``blocks`` as ``10 11``, lists as JSON."""
        from dicom_map._census._writers import write_csv

        write_csv(self, path)

    def to_jsonl(self, path: PathLike) -> None:
        """One JSON object per row (:meth:`CensusRow.to_record`)."""
        from dicom_map._census._writers import write_jsonl

        write_jsonl(self, path)

    def to_parquet(self, path: PathLike) -> None:
        """A Parquet table (needs pyarrow): ``vrs`` a map, lists as lists."""
        from dicom_map._census._writers import write_parquet

        write_parquet(self, path)

    def write(self, path: PathLike) -> None:
        """The report in the format of ``path``'s extension: ``.csv``, ``.jsonl`` or ``.parquet``
        (``ValueError`` for another)."""
        from dicom_map._census._writers import write_report

        write_report(self, path)

    def to_harvest(self, path: PathLike) -> int:
        """Write what the archive teaches the dictionary (JSON lines the compiler reads as a
        source, see ``dicom_map_compiler.sources.census_harvest``); returns the lines written."""
        from dicom_map._census._writers import write_harvest

        return write_harvest(self, path)

    def summary(self, top: int = 10) -> str:
        """The text summary: totals, the top unresolved keys, VR disagreements, damaged files."""
        from dicom_map._census._summary import summary

        return summary(self, top)
