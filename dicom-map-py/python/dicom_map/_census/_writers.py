"""The census report files (CSV, JSON lines, Parquet) and the harvest for the compiler.

Every format writes the same columns (:data:`~dicom_map._census._model.COLUMNS`) in the same row
order, so the three are interchangeable. Files are written whole to a temporary name beside the
target and renamed, so an interrupted run never leaves half a report.

The harvest (:func:`write_harvest`) keeps the private keys the dictionary lacks (``unknown
element``, ``unknown creator``) or contradicts (files wrote a VR the dictionary does not give),
among those seen with an explicit VR other than ``UN``: one JSON object per line, each with its
evidence (VR counts, element and file counts, example files, the dictionary it was compared
with). ``dicom_map_compiler.sources.census_harvest`` reads it as a source (``make dict
HARVEST=file``).
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Union

from dicom_map._census._model import COLUMNS, Census, CensusRow

__all__ = ["FORMATS", "write_csv", "write_harvest", "write_jsonl", "write_parquet", "write_report"]

PathLike = Union[str, "os.PathLike[str]"]

#: The harvest format's version (``"harvest"`` of every line).
HARVEST_VERSION = 1


def _atomic(path: PathLike, write: Callable[[Path], None]) -> None:
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _csv_cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if name == "vrs":
        return " ".join(f"{vr}:{n}" for vr, n in value.items())
    if name == "blocks":
        return " ".join(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return value


def write_csv(census: Census, path: PathLike) -> None:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS)
            for row in census:
                record = row.to_record()
                w.writerow([_csv_cell(c, record[c]) for c in COLUMNS])

    _atomic(path, write)


def _json_lines(records: Iterator[Dict[str, Any]]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def write_jsonl(census: Census, path: PathLike) -> None:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as f:
            f.writelines(_json_lines(r.to_record() for r in census))

    _atomic(path, write)


def write_parquet(census: Census, path: PathLike) -> None:
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - pinned in requirements-dev.txt
        raise ImportError("a Parquet report needs pyarrow (pip install pyarrow)") from exc
    text, count = pa.string(), pa.int64()
    schema = pa.schema(
        [
            ("kind", text),
            ("group", text),
            ("element", text),
            ("creator", text),
            ("creator_state", text),
            ("status", text),
            ("creator_match", text),
            ("keyword", text),
            ("name", text),
            ("dict_vr", text),
            ("vr_agreement", text),
            ("elements", count),
            ("files", count),
            ("vrs", pa.map_(text, count)),
            ("implicit_elements", count),
            ("nested_elements", count),
            ("blocks", pa.list_(text)),
            ("candidates", pa.list_(text)),
            ("examples", pa.list_(text)),
        ]
    )
    assert tuple(schema.names) == COLUMNS
    records = [r.to_record() for r in census]
    columns: Dict[str, List[Any]] = {c: [r[c] for r in records] for c in COLUMNS}
    columns["vrs"] = [list(v.items()) for v in columns["vrs"]]
    table = pa.table(columns, schema=schema)
    _atomic(path, lambda tmp: pq.write_table(table, str(tmp)))


#: Report writers by file extension.
FORMATS: Dict[str, Callable[[Census, PathLike], None]] = {
    ".csv": write_csv,
    ".jsonl": write_jsonl,
    ".parquet": write_parquet,
}


def report_format(path: PathLike) -> Callable[[Census, PathLike], None]:
    """The writer for ``path``'s extension; ``ValueError`` naming the known ones otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            f"{os.fspath(path)}: unknown report format {suffix or '(no extension)'!r}; "
            f"use {', '.join(FORMATS)}"
        )
    return FORMATS[suffix]


def write_report(census: Census, path: PathLike) -> None:
    report_format(path)(census, path)


def _harvest_reason(row: CensusRow) -> str:
    if row.status in ("unknown element", "unknown creator"):
        return row.status
    return "vr contradicts dictionary"


def harvest_rows(census: Census) -> List[CensusRow]:
    """The private rows the harvest keeps (see the module docs)."""
    return [
        r
        for r in census
        if r.kind == "private"
        and r.creator_state == "present"
        and any(vr != "UN" for vr in r.vrs)
        and (
            r.status in ("unknown element", "unknown creator")
            or r.vr_agreement in ("disagree", "partial")
        )
    ]


def harvest_record(row: CensusRow, edition: str) -> Dict[str, Any]:
    seen = {vr: n for vr, n in row.vrs.items() if vr != "UN"}
    vr = max(sorted(seen), key=lambda v: seen[v])  # most frequent, ties alphabetical
    return {
        "harvest": HARVEST_VERSION,
        "group": row.group,
        "element": row.element,
        "blocks": list(row.blocks),
        "creator": row.creator,
        "vr": vr,
        "vrs": dict(row.vrs),
        "elements": row.elements,
        "files": row.files,
        "examples": list(row.examples),
        "reason": _harvest_reason(row),
        "dict_vr": row.dict_vr,
        "dictionary": edition,
    }


def write_harvest(census: Census, path: PathLike) -> int:
    rows = harvest_rows(census)
    buf = io.StringIO()
    buf.writelines(_json_lines(harvest_record(r, census.edition) for r in rows))

    def write(tmp: Path) -> None:
        tmp.write_text(buf.getvalue(), encoding="utf-8")

    _atomic(path, write)
    return len(rows)
