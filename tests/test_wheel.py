"""The built wheel on its own: installed into a fresh virtualenv with nothing else, it looks tags up
with no path, so the dictionary is inside it; it is portable (manylinux2014, glibc 2.17, as
auditwheel sees it), carries the licences and installs the ``dicom-map`` command.

``make test-python`` builds the wheel and passes its path in ``DICOM_MAP_WHEEL``.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

WHEEL = os.environ.get("DICOM_MAP_WHEEL")
ROOT = Path(__file__).resolve().parent.parent
LICENCES = ("LICENSE-MIT", "LICENSE-APACHE", "THIRD_PARTY_LICENSES.md")
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


def _dist_info(names: set[str]) -> str:
    dirs = {n.split("/", 1)[0] for n in names if n.split("/", 1)[0].endswith(".dist-info")}
    assert len(dirs) == 1, dirs
    return dirs.pop()


def test_the_wheel_carries_the_licences_and_the_console_script() -> None:
    assert WHEEL
    with zipfile.ZipFile(WHEEL) as z:
        names = set(z.namelist())
        info = _dist_info(names)
        for name in LICENCES:
            assert z.read(f"{info}/licenses/{name}") == (ROOT / name).read_bytes(), name
        metadata = z.read(f"{info}/METADATA").decode().splitlines()
        entry_points = z.read(f"{info}/entry_points.txt").decode()
    assert "License-Expression: MIT OR Apache-2.0" in metadata
    assert [f"License-File: {n}" for n in LICENCES] == [
        m for m in metadata if m.startswith("License-File:")
    ]
    assert re.search(
        r"^\[console_scripts\]\s*^dicom-map\s*=\s*dicom_map\._cli:main\s*$", entry_points, re.M
    )


def test_the_wheel_is_manylinux2014_as_auditwheel_sees_it() -> None:
    """Linked against nothing newer than glibc 2.17 (RHEL 7, Debian 8, Ubuntu 14.04 and later),
    tagged so, and with no shared library that a manylinux wheel may not assume."""
    assert WHEEL
    if not sys.platform.startswith("linux"):
        pytest.skip("manylinux wheels are built on Linux")
    arch = platform.machine()
    name = Path(WHEEL).name
    assert f"manylinux_2_17_{arch}" in name and f"manylinux2014_{arch}" in name, name
    out = subprocess.run(
        [str(Path(sys.executable).parent / "auditwheel"), "show", WHEEL],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    text = " ".join(out.split())
    assert f'is consistent with the following platform tag: "manylinux_2_17_{arch}"' in text, out
    glibc = {tuple(int(p) for p in v.split(".")) for v in re.findall(r"GLIBC_([0-9.]+)", text)}
    assert glibc and max(glibc) <= (2, 17), sorted(glibc)


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

    # The `dicom-map` command is `python -m dicom_map`: same output, same exit codes.
    script = python.parent / ("dicom-map.exe" if os.name == "nt" else "dicom-map")
    for args, code in [
        (["lookup", "0019", "100C", "SIEMENS MR HEADER"], 0),
        (["info"], 0),
        (["verify"], 0),
        (["search", "character set", "--limit", "3"], 0),
        (["lookup", "0009", "0001"], 3),
        (["frobnicate"], 2),
        ([], 2),
    ]:
        by_script = subprocess.run(
            [str(script), *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        by_module = subprocess.run(
            [str(python), "-m", "dicom_map", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert by_script.returncode == by_module.returncode == code, (args, by_script.stderr)
        assert by_script.stdout == by_module.stdout, args
