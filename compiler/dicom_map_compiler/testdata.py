"""Real DICOM files from test-data packages on PyPI, beyond pydicom's and nibabel's own.

The packages are pinned by version and sha256 (:mod:`.pinned`), fetched into ``.cache/testdata``
and unpacked there, never installed. The harvest (``sources.real_files``) uses the few files among
them that the device wrote; the others (toolkit re-encodings) only serve validation
(``tests/test_registry_real_files.py``), which counts keys leave-one-out.

Run as a script to fetch them: ``python -m dicom_map_compiler.testdata``.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

from .pinned import CACHE, fetch

#: (distribution, version, sha256 of the archive on PyPI).
PACKAGES = (
    ("pydicom-data", "1.0.0", "622ac97265f1d91f76b5120b5bd6eb0f57737c392ef863b72c71779c91e33637"),
    ("deid-data", "0.0.20", "33d455f13c82f76a39e8eb52d2808a35d7cde29c120819e246c863432281b8ed"),
)
DEFAULT_CACHE = CACHE / "testdata"
_NOT_DICOM = (".py", ".pyc", ".md", ".txt", ".cfg", ".json", ".toml", ".in", ".typed")


def _unpack(archive: Path, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    if archive.name.endswith(".whl"):
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(into)
    else:
        with tarfile.open(archive) as tf:
            tf.extractall(into, filter="data")


def files(cache: Path = DEFAULT_CACHE) -> list[tuple[str, Path]]:
    """``(document, path)`` of every candidate file of every pinned package, sorted."""
    out = []
    for name, version, digest in PACKAGES:
        archive = fetch(name, version, digest, cache)
        root = cache / f"{name}-{version}"
        done = root / ".unpacked"
        if not done.is_file():
            _unpack(archive, root)
            done.write_text(digest + "\n")
        for p in sorted(root.rglob("*")):
            if p.is_file() and p != done and not p.name.endswith(_NOT_DICOM):
                out.append((f"{name}-{version}:{p.relative_to(root).as_posix()}", p))
    return out


if __name__ == "__main__":
    found = files(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CACHE)
    print(f"{len(found)} files")
