"""dicom_map lookups against pydicom's datadict, side by side in one run (pytest-benchmark).

Not collected by ``pytest tests`` (the file is not ``test_*.py``); BENCHMARKS.md has the command.
Each group compares the same question asked of both libraries:

- public hit: the VR of (0008,0005);
- private hit: the entry of (0019,100C) of "SIEMENS MR HEADER", as a file holds it;
- miss: a private element of a creator neither knows.

``dicom_map.vr`` is the fast path (no dict built); ``dicom_map.lookup`` builds the full entry dict
(sources, vendors, candidates), which pydicom has no counterpart for.
"""

from __future__ import annotations

from typing import Any, Callable

import dicom_map
import pytest

datadict = pytest.importorskip("pydicom.datadict")

D = dicom_map.open()
CREATOR = "SIEMENS MR HEADER"
NOBODY = "NO SUCH CREATOR 42"


def _pydicom_private_vr(tag: int, creator: str) -> Any:
    try:
        return datadict.get_private_entry(tag, creator)[0]
    except KeyError:
        return None


def _pydicom_public_vr(tag: int) -> Any:
    try:
        return datadict.dictionary_VR(tag)
    except KeyError:
        return None


CASES = {
    "public hit": {
        "dicom_map.vr": lambda: D.vr(0x0008, 0x0005),
        "dicom_map.lookup": lambda: D.lookup(0x0008, 0x0005),
        "pydicom.dictionary_VR": lambda: _pydicom_public_vr(0x00080005),
    },
    "private hit": {
        "dicom_map.vr": lambda: D.vr(0x0019, 0x100C, CREATOR),
        "dicom_map.lookup": lambda: D.lookup(0x0019, 0x100C, CREATOR),
        "pydicom.get_private_entry": lambda: _pydicom_private_vr(0x0019100C, CREATOR),
    },
    "miss": {
        "dicom_map.vr": lambda: D.vr(0x0019, 0x10FE, NOBODY),
        "dicom_map.lookup": lambda: D.lookup(0x0019, 0x10FE, NOBODY),
        "pydicom.get_private_entry": lambda: _pydicom_private_vr(0x001910FE, NOBODY),
    },
}


@pytest.mark.parametrize(
    ("group", "name"),
    [(g, n) for g, fns in CASES.items() for n in fns],
    ids=lambda x: str(x).replace(" ", "-"),
)
def test_lookup(benchmark: Any, group: str, name: str) -> None:
    fn: Callable[[], Any] = CASES[group][name]
    benchmark.group = group
    result = benchmark(fn)
    if group == "miss":
        assert result is None
    else:
        assert result is not None
