"""Private elements harvested from real DICOM files shipped in pinned registry packages.

An explicit-VR file written by a vendor's device states, for every private element it holds, the
creator that reserved its block and the VR the device wrote. That is evidence (kind ``harvested``)
of the same nature as GDCM's ``HarvestedPrivate.xml``: no names, but real keys and real VRs.

Files read: the DICOM files of pydicom's and nibabel's test data (gzipped ones too). Only
explicit-VR transfer syntaxes count (an implicit-VR file states no VR); elements written as ``UN``
say nothing about the VR and are skipped, like elements whose block has no creator element.
A file pydicom cannot parse is reported as :class:`Unreadable`, never dropped silently.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import warnings
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from ..rows import RawRow, Unreadable

SOURCE_ID = "real-files"
#: (package, folder inside the package) holding test DICOM files.
PACKAGES = (("pydicom", "data"), ("nibabel", "nicom/tests/data"), ("nibabel", "tests/data"))
_IMPLICIT = "1.2.840.10008.1.2"


def _package_root(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"package {name} is not installed (make venv)")
    return Path(spec.origin).parent


def _is_dicom_candidate(p: Path) -> bool:
    return (
        p.suffix == ".dcm"
        or p.name.endswith(".dcm.gz")
        or (p.suffix == "" and p.parent.name.startswith("CR"))
    )


def files() -> list[tuple[str, Path]]:
    """``(document, path)`` of every file read, sorted; the document names the package version."""
    out = []
    for pkg, sub in PACKAGES:
        root = _package_root(pkg)
        version = metadata.version(pkg)
        for p in sorted((root / sub).rglob("*")):
            if p.is_file() and _is_dicom_candidate(p):
                out.append((f"{pkg}-{version}:{pkg}/{p.relative_to(root).as_posix()}", p))
    return out


def describe() -> dict:
    site = _package_root("pydicom").parent
    return {
        "files": [p.relative_to(site).as_posix() for _, p in files()],
        "id": SOURCE_ID,
        "title": "private elements of real explicit-VR DICOM files in pydicom's and nibabel's test data",
        "version": ";".join(f"{pkg}-{metadata.version(pkg)}" for pkg in ("pydicom", "nibabel")),
        "url": "https://pypi.org/project/pydicom/ https://pypi.org/project/nibabel/",
        "license": "pydicom test data (MIT and per-file notices), nibabel test data (MIT)",
    }


def read() -> Iterator[RawRow | Unreadable]:
    import pydicom

    for document, path in files():
        try:
            raw = (
                gzip.decompress(path.read_bytes())
                if path.name.endswith(".gz")
                else path.read_bytes()
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ds = pydicom.dcmread(io.BytesIO(raw), force=True)
                syntax = str(getattr(ds, "file_meta", {}).get("TransferSyntaxUID", "") or "")
                if not syntax or syntax == _IMPLICIT:
                    continue  # implicit VR (or unknown): the file states no VR
                yield from _walk(ds, document, "")
        except Exception as exc:  # a broken test file is reported, the harvest goes on
            yield Unreadable(
                SOURCE_ID,
                document,
                "file",
                f"pydicom could not read it: {type(exc).__name__}",
                str(exc)[:200],
            )


def _walk(ds, document: str, path: str) -> Iterator[RawRow]:
    for el in ds:
        g, e = el.tag.group, el.tag.element
        if el.VR == "SQ" and el.value:
            for i, item in enumerate(el.value):
                yield from _walk(item, document, f"{path}({g:04X},{e:04X})[{i}]")
        if g % 2 == 0 or g <= 0x0008 or g == 0xFFFF or e < 0x1000:
            continue
        creator_el = ds.get((g, e >> 8))
        vr = el.VR
        if creator_el is None or vr in ("UN", None) or getattr(el, "is_raw", False):
            continue
        creator = str(creator_el.value).strip(" \x00")
        if not creator:
            continue
        yield RawRow(
            source=SOURCE_ID,
            document=document,
            locator=f"{path}({g:04X},{e:04X})",
            group=f"{g:04X}",
            element=f"xx{e & 0xFF:02X}",
            creator=creator,
            vr=vr,
            vm="",
            name="",
        )
