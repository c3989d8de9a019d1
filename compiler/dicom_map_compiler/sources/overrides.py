"""Hand-kept corrections, each backed by a real DICOM file: ``data/overrides.csv``.

A dictionary can be wrong where a real file is not: an explicit-VR file written by the vendor's own
device states the VR of every element it holds. When such a file contradicts the sources, we add a
row here naming the file (``evidence``) and what it shows (``note``). The merge lets an override
decide (kind ``override``), and the other sources' values stay visible as conflict candidates.

Columns: ``group,element,creator,vr,vm,name,evidence,note``; empty fields are not overridden.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..rows import RawRow, Unreadable

SOURCE_ID = "override"
COLUMNS = ["group", "element", "creator", "vr", "vm", "name", "evidence", "note"]


def describe(path: Path) -> dict[str, Any]:
    return {
        "id": SOURCE_ID,
        "title": "dicom-map overrides, each proven by a real DICOM file (data/overrides.csv)",
        "version": "",
        "url": "",
        "license": "MIT OR Apache-2.0 (this project)",
        "files": [path.name],
    }


def read(path: Path) -> Iterator[RawRow | Unreadable]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            yield Unreadable(
                SOURCE_ID, path.name, "header", f"columns must be {COLUMNS}", str(reader.fieldnames)
            )
            return
        for n, row in enumerate(reader, start=2):
            if not row["evidence"].strip():
                yield Unreadable(
                    SOURCE_ID, path.name, f"line {n}", "an override needs its evidence", str(row)
                )
                continue
            yield RawRow(
                source=SOURCE_ID,
                document=row["evidence"].strip(),
                locator=f"line {n}",
                group=row["group"].strip(),
                element=row["element"].strip(),
                creator=row["creator"].strip() or None,
                vr=row["vr"].strip(),
                vm=row["vm"].strip(),
                name=row["name"].strip(),
                description="",
                notes=(row["note"].strip(),),
            )
