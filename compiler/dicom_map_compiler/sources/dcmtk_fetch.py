"""Fetch DCMTK's data dictionaries from Debian's ``libdcmtk17`` package, without installing it.

``fetch(cache)`` runs ``apt-get download libdcmtk17`` in ``cache`` and unpacks the ``.deb`` with
``dpkg -x`` (no install, no root needed beyond what ``apt-get download`` wants). Only when the
download fails because the package lists are missing or stale does it run ``apt-get update`` once
and try again. It records what it fetched in ``cache/fetch.json``::

    {"package": "libdcmtk17", "version": "3.6.7-9~deb12u4", "deb": "libdcmtk17_..._amd64.deb",
     "sha256": "...", "dic_dir": "root/usr/share/libdcmtk17"}

**The pin.** Debian keeps only the newest point release of a package on its mirrors, so pinning the
``.deb`` by version would break every fresh build at the next point release (it did, once: deb12u3
to deb12u4). What the build reads is the four dictionaries, so those are pinned: the download is
first asked for :data:`DEB_VERSION` exactly, and whichever ``.deb`` arrives must unpack to
dictionaries whose sha256 equal :data:`DICTIONARIES`, or :class:`FetchError` says which file
changed (then review the change, update both constants and rebuild). The registry records the
upstream DCMTK version and the dictionaries' hashes, never the Debian revision, so a point release
that leaves the dictionaries alone leaves ``tags.dmap`` byte-identical.

A later call with the same cache reuses the unpacked files when the ``.deb`` is still there and its
sha256 matches (no network). The dictionaries are then read by :mod:`.dcmtk` from
``cache/root/usr/share/libdcmtk17/``.

Run as a script to fetch into the default cache: ``python -m
dicom_map_compiler.sources.dcmtk_fetch [CACHE]``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from ..pinned import sha256

PACKAGE = "libdcmtk17"
#: The Debian version the dictionaries were reviewed in; asked for first.
DEB_VERSION = "3.6.7-9~deb12u4"
#: sha256 of each dictionary the build reads: the pin (see the module docs).
DICTIONARIES = {
    "acrnema.dic": "6fba77c356f7bd643279041c080f4b68c538425c3a3b449be3e2d917d2156de9",
    "dicom.dic": "7da64aebe4f31be6ef8b3a2ac26a20975185586a3249a4ff06a0303e06f8301b",
    "diconde.dic": "b2d72f2cad7b4ed71ddf5724db96c218ccc0de3d493d1a2b289c849efb3e9879",
    "private.dic": "ab0e0823ac0a6db8415bc7b5316814b47e8b9820879897945da9a6769c3da71c",
}
#: Where the package puts the dictionaries, inside the unpacked tree.
DIC_SUBDIR = Path("usr/share/libdcmtk17")
#: The default cache: ``<repo>/.cache/dcmtk`` (``.cache`` is git-ignored).
DEFAULT_CACHE = Path(__file__).resolve().parents[3] / ".cache" / "dcmtk"


class FetchError(RuntimeError):
    """``apt-get download`` or ``dpkg -x`` failed; the message carries their output."""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


def _download(cache: Path) -> Path:
    for old in cache.glob(f"{PACKAGE}_*.deb"):
        old.unlink()
    pinned, newest = f"{PACKAGE}={DEB_VERSION}", PACKAGE
    done = _run(["apt-get", "download", pinned], cache)
    if done.returncode != 0:
        # Missing or stale lists ("Unable to locate package", 404 on an old version): update once,
        # then take the pinned version if the mirror still has it, else the current one, whose
        # dictionaries fetch() then checks against the pin.
        upd = _run(["apt-get", "update"], cache)
        if upd.returncode != 0:
            raise FetchError(f"apt-get update failed:\n{upd.stderr}")
        done = _run(["apt-get", "download", pinned], cache)
        if done.returncode != 0:
            done = _run(["apt-get", "download", newest], cache)
        if done.returncode != 0:
            raise FetchError(f"apt-get download {PACKAGE} failed:\n{done.stderr}")
    debs = sorted(cache.glob(f"{PACKAGE}_*.deb"))
    if len(debs) != 1:
        raise FetchError(f"expected one {PACKAGE} .deb in {cache}, found {[d.name for d in debs]}")
    return debs[0]


def _deb_version(deb: Path) -> str:
    done = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def check_dictionaries(dic_dir: Path, version: str) -> None:
    """:class:`FetchError` unless ``dic_dir`` holds exactly the pinned :data:`DICTIONARIES`."""
    changed = [
        name
        for name, digest in sorted(DICTIONARIES.items())
        if not (dic_dir / name).is_file() or sha256(dic_dir / name) != digest
    ]
    if changed:
        raise FetchError(
            f"{PACKAGE} {version} ships dictionaries that differ from the pinned ones "
            f"(reviewed in {DEB_VERSION}): {', '.join(changed)}. Review the change, update "
            "DEB_VERSION and DICTIONARIES in dcmtk_fetch.py, and rebuild (make dict)."
        )


def fetch(cache: Path = DEFAULT_CACHE) -> dict[str, str]:
    """Make sure ``cache`` holds the unpacked package; return the record of ``fetch.json`` with
    ``dic_dir`` made absolute."""
    cache.mkdir(parents=True, exist_ok=True)
    record_path = cache / "fetch.json"
    if record_path.is_file():
        record = json.loads(record_path.read_text())
        deb = cache / record["deb"]
        dic_dir = cache / record["dic_dir"]
        if deb.is_file() and dic_dir.is_dir() and sha256(deb) == record["sha256"]:
            check_dictionaries(dic_dir, record["version"])
            return {**record, "dic_dir": str(dic_dir)}
    deb = _download(cache)
    root = cache / "root"
    if root.exists():
        shutil.rmtree(root)
    done = _run(["dpkg", "-x", deb.name, "root"], cache)
    if done.returncode != 0:
        raise FetchError(f"dpkg -x {deb.name} failed:\n{done.stderr}")
    record = {
        "package": PACKAGE,
        "version": _deb_version(deb),
        "deb": deb.name,
        "sha256": sha256(deb),
        "dic_dir": str(Path("root") / DIC_SUBDIR),
    }
    if not (cache / record["dic_dir"]).is_dir():
        raise FetchError(f"{deb.name} has no {DIC_SUBDIR}")
    check_dictionaries(cache / record["dic_dir"], record["version"])
    record_path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return {**record, "dic_dir": str(cache / record["dic_dir"])}


if __name__ == "__main__":
    print(json.dumps(fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CACHE), indent=1))
