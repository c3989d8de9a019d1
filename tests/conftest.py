"""Fixtures of the Python package's tests: the bundled dictionary, real DICOM files, pydicom state.

The DICOM files are real ones shipped in pinned packages (requirements-dev.txt): pydicom's test
data, and nibabel's Siemens and Philips MR files. The dictionary grows as sources are merged, so
tests assert facts that stay true (a Siemens element resolves with a name), not counts.
"""

from __future__ import annotations

import copy
import gzip
import importlib.util
import io
import shutil
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Tuple

import dicom_map
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_DMAP = ROOT / "dicom-map" / "tags.dmap"


@pytest.fixture(scope="session")
def dmap() -> dicom_map.Dict:
    """The bundled dictionary."""
    return dicom_map.open()


@pytest.fixture()
def dmap_file(tmp_path: Path) -> Path:
    """A private copy of dicom-map/tags.dmap (tests may damage it)."""
    dest = tmp_path / "tags.dmap"
    shutil.copyfile(DATA_DMAP, dest)
    return dest


def pydicom_file(name: str) -> Path:
    """A file of pydicom's test data."""
    from pydicom.data import get_testdata_file

    path = get_testdata_file(name)
    assert path is not None, name
    return Path(str(path))


def nibabel_file(name: str) -> Path:
    """A file of nibabel's DICOM test data (real Siemens and Philips MR images)."""
    # Located, not imported: importing nibabel.nicom warns that its readers are experimental.
    spec = importlib.util.find_spec("nibabel")
    assert spec is not None and spec.origin is not None, "nibabel (requirements-dev.txt)"
    path = Path(spec.origin).parent / "nicom" / "tests" / "data" / name
    assert path.exists(), path
    return path


def read_dicom(path: Path, **kwargs: Any) -> Any:
    """pydicom.dcmread, unzipping ``.gz`` files."""
    import pydicom

    if path.suffix == ".gz":
        return pydicom.dcmread(io.BytesIO(gzip.decompress(path.read_bytes())), **kwargs)
    return pydicom.dcmread(path, **kwargs)


PydicomState = Tuple[Any, ...]


def pydicom_state() -> PydicomState:
    """Deep copies of every pydicom dictionary the adapter may touch."""
    from pydicom import datadict as dd

    return copy.deepcopy(
        (
            dd.DicomDictionary,
            dd.RepeatersDictionary,
            dd.keyword_dict,
            dd.masks,
            dd.REPEATER_KEYWORDS,
            dd.private_dictionaries,
        )
    )


@pytest.fixture()
def pristine_pydicom() -> Iterator[Callable[[], PydicomState]]:
    """Unpatches and checks pydicom is exactly as before the test, whatever the test did."""
    pytest.importorskip("pydicom")
    before = pydicom_state()
    yield pydicom_state
    dicom_map.unpatch_pydicom()
    assert pydicom_state() == before


@pytest.fixture()
def without_creators(pristine_pydicom: Any) -> Iterator[Callable[..., None]]:
    """``without_creators("SIEMENS MR HEADER", ...)``: remove creators from pydicom's private
    dictionary for this test (an older pydicom edition that lacked them); put back afterwards."""
    from pydicom import datadict as dd

    removed: Dict[str, Any] = {}

    def remove(*creators: str) -> None:
        for creator in creators:
            removed[creator] = dd.private_dictionaries.pop(creator)

    yield remove
    dicom_map.unpatch_pydicom()
    dd.private_dictionaries.update(removed)
