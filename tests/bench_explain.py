"""``explain`` and ``patch_pydicom`` against the pydicom work they replace (pytest-benchmark).

Not collected by ``pytest tests``; BENCHMARKS.md has the command.

- explain: ``list(dicom_map.explain(path))`` against reading the same file with pydicom (already
  patched, so it knows the names) and naming each private element (``elem.name`` for every
  private element of ``ds.iterall()``), on nibabel's real Philips file (6,400 private elements,
  nested sequences) and a real Siemens file.
- patch: ``patch_pydicom()`` then ``unpatch_pydicom()``, from a pristine pydicom each round.
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path
from typing import Any

import dicom_map
import pytest

pydicom = pytest.importorskip("pydicom")

DATA = Path(str(importlib.util.find_spec("nibabel").origin)).parent / "nicom" / "tests" / "data"  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = {}
    for name in ("philips_mprage.dcm.gz", "siemens_dwi_1000.dcm.gz"):
        path = tmp_path_factory.mktemp("dicom") / name[:-3]
        path.write_bytes(gzip.decompress((DATA / name).read_bytes()))
        out[name.split("_")[0]] = path
    return out


def _read_and_name(path: Path) -> int:
    ds = pydicom.dcmread(path)
    n = 0
    for elem in ds.iterall():
        if elem.tag.is_private:
            n += bool(elem.name)
    return n


@pytest.mark.parametrize("vendor", ["philips", "siemens"])
@pytest.mark.parametrize("what", ["dicom_map.explain", "pydicom read+name"])
def test_explain(benchmark: Any, files: dict, vendor: str, what: str) -> None:
    path = files[vendor]
    benchmark.group = f"explain {vendor}"
    dicom_map.patch_pydicom()
    try:
        if what == "dicom_map.explain":
            n = benchmark(lambda: len(list(dicom_map.explain(path))))
        else:
            n = benchmark(_read_and_name, path)
    finally:
        dicom_map.unpatch_pydicom()
    assert n > 10


def test_patch_pydicom(benchmark: Any) -> None:
    d = dicom_map.open()

    def once() -> int:
        n = dicom_map.patch_pydicom(d)
        dicom_map.unpatch_pydicom()
        return n

    benchmark.group = "patch_pydicom + unpatch"
    assert benchmark(once) > 1000
