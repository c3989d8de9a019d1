"""Writes `queries.txt` beside this file: the tags found in real DICOM files, for the benchmarks.

The benchmarks (`lookup.rs`, and `dicom-map-ffi/benches/ffi.rs`) ask every question over this set
rather than one tag, so that one hot cache line cannot flatter a kind of lookup: the public tags
present in real files, and the group, element and creator of their private elements. The files
are the test data of the pinned pydicom and nibabel in `.venv` (every file pydicom reads), so the
set is what real scanners write. One line per distinct question, sorted:

    P gggg eeee              an element of an even group
    X gggg eeee <creator>    a private element (gggg odd, eeee from 1000) and the creator that
                             reserved its block, as written in the file (trailing padding kept)

Run from the repository root: ``.venv/bin/python dicom-map/benches/make_queries.py``.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import sys
import warnings
from pathlib import Path
from typing import Iterator

import pydicom
from pydicom.dataset import Dataset


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, name
    return Path(spec.origin).parent


def _datasets() -> Iterator[tuple[str, Dataset]]:
    files = sorted((_package_dir("pydicom") / "data" / "test_files").rglob("*"))
    files += sorted((_package_dir("nibabel") / "nicom" / "tests" / "data").rglob("*"))
    for path in files:
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        try:
            ds = pydicom.dcmread(io.BytesIO(raw), stop_before_pixels=True, force=True)
            # Touch every element now, so a file pydicom cannot parse is skipped whole.
            list(ds.iterall())
        except Exception:  # noqa: BLE001 - not DICOM, or DICOM pydicom cannot read: skipped
            continue
        # `force` reads any bytes as elements: a file without one identifying element (group
        # 0008) is not DICOM (a text or pixel file of the test data).
        if not any(int(e.tag) >> 16 == 0x0008 for e in ds):
            continue
        yield path.name, ds


def _lines(ds: Dataset) -> Iterator[str]:
    stack = [ds]
    while stack:
        d = stack.pop()
        for elem in d:
            tag = int(elem.tag)
            group, element = tag >> 16, tag & 0xFFFF
            if elem.VR == "SQ":
                stack.extend(item for item in elem.value if isinstance(item, Dataset))
            if group % 2 == 0:
                yield f"P {group:04X} {element:04X}"
            elif group > 0x0008 and element >= 0x1000:
                creator = d.get((group << 16) | (element >> 8))
                value = creator.value if creator is not None else None
                if isinstance(value, bytes):
                    value = value.decode("latin-1")
                if isinstance(value, str) and value.strip(" \0") and "\n" not in value:
                    yield f"X {group:04X} {element:04X} {value}"


def main() -> int:
    warnings.simplefilter("ignore")  # pydicom's warnings about odd values in its own test files
    lines: set[str] = set()
    files = 0
    for _, ds in _datasets():
        files += 1
        lines.update(_lines(ds))
    out = Path(__file__).with_name("queries.txt")
    out.write_text("".join(f"{line}\n" for line in sorted(lines)), encoding="utf-8")
    kinds = {k: sum(1 for line in lines if line.startswith(k)) for k in "PX"}
    print(f"{out}: {len(lines)} questions from {files} files ({kinds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
