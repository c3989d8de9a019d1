"""``explain`` and ``patch_pydicom`` against the pydicom work they replace (pytest-benchmark).

Not collected by ``pytest tests``; BENCHMARKS.md has the command.

- explain: ``list(dicom_map.explain(path))`` against reading the same file with pydicom (already
  patched, so it knows the names) and naming each private element (``elem.name`` for every
  private element of ``ds.iterall()``), on nibabel's real Philips file (6,400 private elements,
  nested sequences) and a real Siemens file.
- patch: ``patch_pydicom()`` alone, from a pristine pydicom each round (``unpatch_pydicom()``
  runs untimed between rounds), then ``patch_pydicom()`` + ``unpatch_pydicom()`` together; beside
  them, pydicom's own ``add_private_dict_entries`` adding the same private entries (those keyed
  ``ggggxxEE``, the form it can write: 8,572 of the 10,751 writes), with no checks and no undo
  log: the least a pure-Python patch could cost.
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path
from typing import Any, Callable, Dict, Tuple

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
    benchmark.group = "patch_pydicom"
    benchmark.pedantic(
        dicom_map.patch_pydicom, args=(d,), setup=dicom_map.unpatch_pydicom, rounds=15
    )
    assert dicom_map._pydicom.is_patched()
    dicom_map.unpatch_pydicom()


def test_patch_and_unpatch(benchmark: Any) -> None:
    d = dicom_map.open()

    def once() -> int:
        n = dicom_map.patch_pydicom(d)
        dicom_map.unpatch_pydicom()
        return n

    benchmark.group = "patch_pydicom"
    assert benchmark(once) > 1000


def _what_patch_writes() -> Dict[str, Dict[int, Tuple[str, ...]]]:
    """The private entries ``patch_pydicom()`` writes that are keyed ``ggggxxEE``, per creator,
    as ``add_private_dict_entries`` takes them (tag ints, block 0x10)."""
    from pydicom import datadict

    before = {c: dict(v) for c, v in datadict.private_dictionaries.items()}
    dicom_map.patch_pydicom()
    try:
        out: Dict[str, Dict[int, Tuple[str, ...]]] = {}
        for creator, entries in datadict.private_dictionaries.items():
            old = before.get(creator, {})
            for key, value in entries.items():
                if key[4:6] == "xx" and "x" not in key[:4] + key[6:] and old.get(key) != value:
                    tag = int(key[:4], 16) << 16 | 0x1000 | int(key[6:], 16)
                    out.setdefault(creator, {})[tag] = value
        return out
    finally:
        dicom_map.unpatch_pydicom()


def pydicom_adds_the_same_entries() -> Tuple[Callable[[], None], Callable[[], None], int]:
    """``(add, restore, n)``: ``add`` has pydicom's ``add_private_dict_entries`` write the ``n``
    entries of :func:`_what_patch_writes`; ``restore`` puts pydicom's private dictionaries back
    as they were (the same inner dicts, the same contents)."""
    from pydicom import datadict

    private = datadict.private_dictionaries
    saved = {c: (v, dict(v)) for c, v in private.items()}
    new = _what_patch_writes()

    def restore() -> None:
        for creator in [c for c in private if c not in saved]:
            del private[creator]
        for creator, (inner, content) in saved.items():
            inner.clear()
            inner.update(content)
            private[creator] = inner

    def add() -> None:
        for creator, entries in new.items():
            datadict.add_private_dict_entries(creator, entries)

    return add, restore, sum(map(len, new.values()))


def test_pydicom_add_private_dict_entries(benchmark: Any) -> None:
    add, restore, n = pydicom_adds_the_same_entries()
    benchmark.group = "patch_pydicom"
    try:
        benchmark.pedantic(add, setup=restore, rounds=15)
    finally:
        restore()
    assert n > 5_000
