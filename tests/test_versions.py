"""One version for everything the project ships: the crate (and ``dicom-lookup``), the wheel
(``dicom_map.__version__``) and the C library (``dmap_version()``) all take
``[workspace.package] version`` from the root Cargo.toml, and CHANGELOG.md's newest release is it.

``make test-python`` runs this with the wheel installed in .venv; ``make test-c`` runs it again with
``DICOM_MAP_FFI_LIB`` set to the built shared library, for ``dmap_version()``.
"""

from __future__ import annotations

import ctypes
import os
import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = ("dicom-map", "dicom-map-py", "dicom-map-ffi")


def _toml(path: Path) -> dict[str, object]:
    with path.open("rb") as f:
        data: dict[str, object] = tomllib.load(f)
    return data


def _workspace_version() -> str:
    workspace = _toml(ROOT / "Cargo.toml")["workspace"]
    assert isinstance(workspace, dict)
    version = workspace["package"]["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?", version), version
    return str(version)


def test_every_crate_and_the_wheel_take_the_workspace_version() -> None:
    for member in MEMBERS:
        package = _toml(ROOT / member / "Cargo.toml")["package"]
        assert isinstance(package, dict)
        assert package["version"] == {"workspace": True}, member
    project = _toml(ROOT / "pyproject.toml")["project"]
    assert isinstance(project, dict)
    # maturin reads the version of tool.maturin.manifest-path's crate, a workspace member.
    assert "version" not in project and "version" in project["dynamic"]


def test_the_installed_package_reports_the_workspace_version() -> None:
    import dicom_map

    assert dicom_map.__version__ == _workspace_version()
    wheel = os.environ.get("DICOM_MAP_WHEEL")
    if wheel:
        assert Path(wheel).name.startswith(f"dicom_map-{_workspace_version()}-")


def test_the_changelog_s_newest_release_is_the_workspace_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d[^\]]*)\] - (\d{4}-\d{2}-\d{2})$", text, re.M)
    assert releases, "CHANGELOG.md has no release heading '## [x.y.z] - YYYY-MM-DD'"
    assert releases[0][0] == _workspace_version()
    # Every release heading has its link.
    for version, _ in releases:
        assert re.search(rf"^\[{re.escape(version)}\]: https://", text, re.M), version


def test_the_c_library_reports_the_workspace_version() -> None:
    lib = os.environ.get("DICOM_MAP_FFI_LIB")
    if not lib:
        pytest.skip("set DICOM_MAP_FFI_LIB to libdicom_map_ffi.so (make test-c does)")
    dll = ctypes.CDLL(lib)
    dll.dmap_version.restype = ctypes.c_char_p
    dll.dmap_version.argtypes = []
    assert dll.dmap_version().decode() == _workspace_version()
