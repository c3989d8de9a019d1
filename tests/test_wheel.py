"""The built wheel on its own: installed into a fresh virtualenv with nothing else, it looks tags up
with no path, so the dictionary is inside it.

``make test-python`` builds the wheel and passes its path in ``DICOM_MAP_WHEEL``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

WHEEL = os.environ.get("DICOM_MAP_WHEEL")
ONE_LINER = "import dicom_map; print(dicom_map.open().lookup(0x0008, 0x0005))"

pytestmark = pytest.mark.skipif(
    not WHEEL, reason="set DICOM_MAP_WHEEL to a built wheel (make test-python does)"
)


def test_the_wheel_is_one_abi3_wheel_with_stub_and_marker() -> None:
    assert WHEEL
    name = Path(WHEEL).name
    assert name.startswith("dicom_map-") and "-cp39-abi3-" in name, name
    with zipfile.ZipFile(WHEEL) as z:
        names = set(z.namelist())
    assert {"dicom_map/__init__.py", "dicom_map/py.typed", "dicom_map/_native.pyi"} <= names
    native = [n for n in names if n.startswith("dicom_map/_native") and n.endswith((".so", ".pyd"))]
    assert len(native) == 1, native
    assert native[0].endswith(".pyd") or ".abi3." in native[0]
    # The dictionary is compiled into the extension: no data file ships beside it.
    assert not [n for n in names if n.endswith((".dmap", ".csv"))]


def test_the_wheel_works_alone_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    assert WHEEL
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-index",
            "--no-deps",
            WHEEL,
        ],
        check=True,
    )
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DMAP_"))
    }

    def run(*args: str) -> str:
        return subprocess.run(
            [str(python), *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
        ).stdout

    out = run("-c", ONE_LINER)
    assert "'keyword': 'SpecificCharacterSet'" in out and "'vr': 'CS'" in out
    # Imported from the fresh environment, not from the checkout, and without pydicom.
    where = run(
        "-c", "import sys, dicom_map; print(dicom_map.__file__); print('pydicom' in sys.modules)"
    )
    assert where.splitlines() == [where.splitlines()[0], "False"]
    assert Path(where.splitlines()[0]).resolve().is_relative_to(venv.resolve())
    assert "SpecificCharacterSet" in run("-m", "dicom_map", "lookup", "0008", "0005")
