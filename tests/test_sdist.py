"""The source distribution on its own: what pip does on every platform without a wheel (macOS,
Windows, ARM, musl). It must hold the dictionary and every file the build reads, and a fresh
virtualenv must build it from scratch and install it, with the dictionary compiled in.

``make test-sdist`` builds the sdist with ``maturin sdist`` and passes its path in
``DICOM_MAP_SDIST``. pip fetches the build backend (maturin) from PyPI and cargo fetches the crates
the sdist's Cargo.lock pins from crates.io. Cargo's output goes to ``$CARGO_TARGET_DIR`` when the
Makefile sets it, so a second run compiles only this project's crates.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

SDIST = os.environ.get("DICOM_MAP_SDIST")
ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not SDIST, reason="set DICOM_MAP_SDIST to a built sdist (make test-sdist does)"
)


def _members() -> dict[str, tarfile.TarInfo]:
    assert SDIST
    with tarfile.open(SDIST) as t:
        return {m.name.split("/", 1)[1]: m for m in t.getmembers() if "/" in m.name}


def _read(name: str) -> bytes:
    assert SDIST
    with tarfile.open(SDIST) as t:
        top = t.getnames()[0].split("/", 1)[0]
        f = t.extractfile(f"{top}/{name}")
        assert f is not None, name
        return f.read()


def test_the_sdist_holds_the_dictionary_and_the_licences_as_files() -> None:
    members = _members()
    links = [n for n, m in members.items() if m.issym() or m.islnk()]
    assert not links, f"links do not survive every unpacker: {links}"
    # The bundled dictionary, byte for byte the repository's.
    dmap = _read("dicom-map/tags.dmap")
    want = (ROOT / "dicom-map" / "tags.dmap").read_bytes()
    assert hashlib.sha256(dmap).digest() == hashlib.sha256(want).digest()
    for name in ("LICENSE-MIT", "LICENSE-APACHE", "THIRD_PARTY_LICENSES.md"):
        assert _read(name) == (ROOT / name).read_bytes(), name
        assert _read(f"dicom-map/{name}") == (ROOT / name).read_bytes(), name
    # Everything the build reads: the lockfile (pinned crates), both crates, the Python facade.
    assert {
        "Cargo.lock",
        "pyproject.toml",
        "dicom-map-py/Cargo.toml",
        "dicom-map-py/python/dicom_map/__init__.py",
        "dicom-map-py/python/dicom_map/_native.pyi",
        "dicom-map-py/python/dicom_map/py.typed",
    } <= set(members)
    pkg_info = _read("PKG-INFO").decode()
    assert "License-Expression: MIT OR Apache-2.0" in pkg_info.splitlines()
    for name in ("LICENSE-MIT", "LICENSE-APACHE", "THIRD_PARTY_LICENSES.md"):
        assert f"License-File: {name}" in pkg_info.splitlines()


def test_the_sdist_builds_and_installs_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    assert SDIST
    venv = tmp_path / "venv"
    # With pip, as a user has it: pip builds the sdist in an isolated environment of its own.
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DMAP_"))
    }
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", SDIST],
        cwd=tmp_path,
        env=env,
        check=True,
    )

    def run(*args: str) -> str:
        return subprocess.run(
            list(args), cwd=tmp_path, env=env, capture_output=True, text=True, check=True
        ).stdout

    out = run(str(python), "-c", "import dicom_map; print(dicom_map.open().lookup(8, 5))")
    assert "'keyword': 'SpecificCharacterSet'" in out and "'vr': 'CS'" in out
    where = run(str(python), "-c", "import dicom_map; print(dicom_map.__file__)").strip()
    assert Path(where).resolve().is_relative_to(venv.resolve())
    # The console script came with it, and the licences are in the installed metadata.
    script = bindir / ("dicom-map.exe" if os.name == "nt" else "dicom-map")
    assert "SpecificCharacterSet" in run(str(script), "lookup", "0008", "0005")
    licenses = run(
        str(python),
        "-c",
        "from importlib.metadata import files; "
        "print('\\n'.join(sorted(str(f) for f in files('dicom-map') if 'licenses' in str(f))))",
    ).split()
    assert sorted(Path(f).name for f in licenses) == [
        "LICENSE-APACHE",
        "LICENSE-MIT",
        "THIRD_PARTY_LICENSES.md",
    ]
