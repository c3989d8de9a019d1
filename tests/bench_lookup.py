"""dicom_map lookups against pydicom's datadict, side by side in one run (pytest-benchmark).

Not collected by ``pytest tests`` (the file is not ``test_*.py``); BENCHMARKS.md has the command.
Each group asks both libraries the same question, over a query set rather than one tag, so that a
cache hit on one tag cannot flatter either side:

- public hit: the public tags of real files (pydicom's and nibabel's test data), get_entry;
- private hit: the private elements of those files with the creator written in them,
  get_private_entry;
- miss: a private element of a creator neither knows;
- keyword: keyword -> tag for the public keywords of those files;
- vr: the VR of the public tags.

``dicom_map.lookup`` returns the full entry dict (24 keys, sources, vendors, candidates).
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import dicom_map
import pytest

datadict = pytest.importorskip("pydicom.datadict")
pydicom = pytest.importorskip("pydicom")

D = dicom_map.open()
NOBODY = "NO SUCH CREATOR 42"


def _files() -> List[Any]:
    from pydicom.data import get_testdata_file

    out = []
    for name in ("CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm", "examples_overlay.dcm"):
        out.append(pydicom.dcmread(get_testdata_file(name)))
    spec = importlib.util.find_spec("nibabel")
    assert spec is not None and spec.origin is not None
    data = Path(spec.origin).parent / "nicom" / "tests" / "data"
    out.append(pydicom.dcmread(data / "0.dcm"))
    import io

    out.append(
        pydicom.dcmread(
            io.BytesIO(gzip.decompress((data / "siemens_dwi_1000.dcm.gz").read_bytes()))
        )
    )
    return out


def _queries() -> Tuple[List[int], List[Tuple[int, str]], List[str]]:
    public, private, keywords = set(), set(), set()
    for ds in _files():
        for elem in ds.iterall():
            tag = int(elem.tag)
            group, element = tag >> 16, tag & 0xFFFF
            if not group & 1:
                if tag in datadict.DicomDictionary:
                    public.add(tag)
                    keywords.add(datadict.keyword_for_tag(tag))
            elif element >= 0x1000:
                creator = ds.get((group << 16) | (element >> 8))
                if creator is not None and creator.value:
                    try:
                        datadict.get_private_entry(tag, str(creator.value))
                    except KeyError:
                        continue  # the comparison needs questions both can answer
                    private.add((tag, str(creator.value)))
    return sorted(public), sorted(private), sorted(k for k in keywords if k)


PUBLIC, PRIVATE, KEYWORDS = _queries()
PUBLIC_GE = [(t >> 16, t & 0xFFFF) for t in PUBLIC]
PRIVATE_GEC = [(t >> 16, t & 0xFFFF, c) for t, c in PRIVATE]


def _all(fn: Callable[..., Any], args: List[Any]) -> Callable[[], int]:
    def run() -> int:
        n = 0
        for a in args:
            if fn(*a) is not None:
                n += 1
        return n

    return run


def _pyd_private(tag: int, creator: str) -> Any:
    try:
        return datadict.get_private_entry(tag, creator)
    except KeyError:
        return None


def _pyd_entry(tag: int) -> Any:
    try:
        return datadict.get_entry(tag)
    except KeyError:
        return None


def _pyd_vr(tag: int) -> Any:
    try:
        return datadict.dictionary_VR(tag)
    except KeyError:
        return None


CASES: Dict[str, Dict[str, Callable[[], int]]] = {
    "public hit": {
        "dicom_map.lookup": _all(D.lookup, PUBLIC_GE),
        "pydicom.get_entry": _all(_pyd_entry, [(t,) for t in PUBLIC]),
    },
    "private hit": {
        "dicom_map.lookup": _all(D.lookup, PRIVATE_GEC),
        "pydicom.get_private_entry": _all(_pyd_private, [(t, c) for t, c in PRIVATE]),
    },
    "miss": {
        "dicom_map.lookup": _all(D.lookup, [(g, e, NOBODY) for g, e, _ in PRIVATE_GEC]),
        "pydicom.get_private_entry": _all(_pyd_private, [(t, NOBODY) for t, _ in PRIVATE]),
    },
    "keyword": {
        "dicom_map.tag_for_keyword": _all(D.tag_for_keyword, [(k,) for k in KEYWORDS]),
        "pydicom.tag_for_keyword": _all(datadict.tag_for_keyword, [(k,) for k in KEYWORDS]),
    },
    "vr": {
        "dicom_map.vr": _all(D.vr, PUBLIC_GE),
        "pydicom.dictionary_VR": _all(_pyd_vr, [(t,) for t in PUBLIC]),
    },
}


@pytest.mark.parametrize(
    ("group", "name"),
    [(g, n) for g, fns in CASES.items() for n in fns],
    ids=lambda x: str(x).replace(" ", "-"),
)
def test_lookup(benchmark: Any, group: str, name: str) -> None:
    fn = CASES[group][name]
    benchmark.group = f"{group} ({len(PUBLIC)} public, {len(PRIVATE)} private queries)"
    found = benchmark(fn)
    if group == "miss":
        assert found == 0
    else:
        assert found > 0
