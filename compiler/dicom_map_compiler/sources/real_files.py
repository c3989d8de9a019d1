"""Private elements harvested from real DICOM files shipped in pinned registry packages.

An explicit-VR file written by a vendor's device states, for every private element it holds, the
creator that reserved its block and the VR the device wrote. That is evidence (kind ``harvested``)
of the same nature as GDCM's ``HarvestedPrivate.xml``: no names, but real keys and real VRs.

Files read: the DICOM files of pydicom's and nibabel's test data (gzipped ones too), and of the
test-data packages pinned by version and sha256 in :mod:`..testdata` (``pydicom-data``,
``deid-data``, ``heudiconv``). Only
explicit-VR transfer syntaxes count (an implicit-VR file states no VR); elements written as ``UN``
say nothing about the VR and are skipped, like elements whose block has no creator element.
A file pydicom cannot parse is reported as :class:`Unreadable`, never dropped silently.

**Only files the device wrote count** (:func:`writer`). A file re-encoded or exported by a toolkit,
archive or viewer (dcm4che, DCMTK, dicom3tools, GDCM, OsiriX, a PACS) carries the VRs of *that*
tool's dictionary, not the device's. The file meta tells: the implementation class UID's root and
the implementation version name name the software that wrote the file. A file counts when its
implementation root is a device maker's (:data:`VENDOR_ROOTS`) and its manufacturer is that maker;
a file a storage receiver wrote as it received it (:data:`RECEIVERS`) counts too; toolkits
(:data:`TOOLKIT_ROOTS`, :data:`TOOLKIT_NAMES`) and unknown roots do not; every other explicit-VR file
is reported once as :class:`Unreadable` with the writer it was found to be, so the harvest says
which files it used and why the others do not count.

**Device-written files kept aside** (:func:`device_identity`): of the device-written files of one
device (manufacturer, model and software version), only the first read is harvested; the others
are reported as kept aside and serve only the validation (``tests/test_registry_real_files.py``),
which so checks the harvest of one file of a device against another file of the same device that
the build never read.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import warnings
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import testdata
from ..rows import RawRow, Unreadable

SOURCE_ID = "real-files"
#: (package, folder inside the package) holding test DICOM files.
PACKAGES = (("pydicom", "data"), ("nibabel", "nicom/tests/data"), ("nibabel", "tests/data"))
_IMPLICIT = "1.2.840.10008.1.2"

#: Implementation class UID roots of software that rewrites files it did not acquire.
TOOLKIT_ROOTS = {
    "1.2.40.0.13.1": "dcm4che (archive/toolkit)",
    "1.2.276.0.7230010.3": "OFFIS DCMTK (toolkit)",
    "1.3.6.1.4.1.5962": "dicom3tools (toolkit)",
    "1.2.826.0.1.3680043.2.1143": "GDCM (toolkit)",
    "1.2.826.0.1.3680043.8.498": "pydicom (toolkit)",
    "1.2.826.0.1.3680043.2.11": "GDCM/Medical Connections (toolkit)",
    "1.2.276.0.7238010": "OsiriX (viewer export)",
    "1.2.410.200010": "INFINITT (PACS)",
    "1.3.6.1.4.1.30071.8": "fo-dicom (toolkit)",
}
#: Storage receivers that write a received dataset's bytes as the sender encoded them (no
#: re-encoding): the VRs in the file are the sending device's.
RECEIVERS = {"PYNETDICOM": "pynetdicom storage SCP (stores the sender's encoding unchanged)"}
#: Implementation version names of the same kinds of software (prefixes, upper case).
TOOLKIT_NAMES = (
    "OFFIS_DCMTK",
    "DCTOOL",
    "DCM4CHE",
    "OSIRIX",
    "HOROS",
    "GDCM",
    "PYDICOM",
    "FO-DICOM",
    "INFINITT",
    "DCMJS",
    "ORTHANC",
    "CLEARCANVAS",
)


#: Implementation class UID roots of device makers, with the manufacturer spelling they write
#: (prefix, upper case): a file counts when both agree.
VENDOR_ROOTS = {
    "1.3.12.2.1107": "SIEMENS",
    "1.2.840.113619": "GE ",
    "1.3.46.670589": "PHILIPS",
    "1.2.840.114340": "SONOSITE",
    "1.2.124.113532": "AGFA",
    "1.2.840.113564": "AGFA",
    "1.2.392.200036.9116": "TOSHIBA",
    "1.2.392.200036.9125": "FUJI",
    "1.2.840.113681": "HOLOGIC",
    # Mortara Rangoni (Bologna) under Italy's arc; the ECG cart's own implementation name.
    "1.3.76.13": "MORTARA",
}


def writer(ds: object) -> tuple[bool, str]:
    """(written by the device, who wrote it): from the file meta's implementation class UID and
    version name, and the file's manufacturer."""
    meta = getattr(ds, "file_meta", None)
    get = getattr(meta, "get", None)
    uid = str(get("ImplementationClassUID", "") or "") if get else ""
    name = str(get("ImplementationVersionName", "") or "") if get else ""
    manufacturer = str(getattr(ds, "get", lambda *_: "")("Manufacturer", "") or "").strip()
    who = f"implementation {uid or '-'} {name or '-'}, manufacturer {manufacturer or '-'}"
    for root, tool in TOOLKIT_ROOTS.items():
        if uid == root or uid.startswith(root + "."):
            return False, f"rewritten by {tool}: {who}"
    if name.upper().startswith(TOOLKIT_NAMES):
        return False, f"rewritten by a toolkit ({name}): {who}"
    for prefix, receiver in RECEIVERS.items():
        if name.upper().startswith(prefix):
            return True, f"received and stored by {receiver}: {who}"
    for root, maker in VENDOR_ROOTS.items():
        if uid == root or uid.startswith(root + "."):
            if manufacturer.upper().startswith(maker):
                return True, f"written by the device ({maker.strip()} root): {who}"
            return False, f"{maker.strip()} root but another manufacturer: {who}"
    return False, f"writer unknown (implementation root of no known device maker): {who}"


def device_identity(ds: object) -> tuple[str, str, str]:
    """(manufacturer, model name, software versions) of a file, upper case: one device's files."""
    get = getattr(ds, "get", lambda *_: "")

    def text(keyword: str) -> str:
        value = get(keyword, "") or ""
        if isinstance(value, Sequence) and not isinstance(value, str):  # pydicom's MultiValue
            value = "\\".join(str(v) for v in value)
        return str(value).strip().upper()

    return text("Manufacturer"), text("ManufacturerModelName"), text("SoftwareVersions")


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
    return out + testdata.files()


def describe() -> dict[str, Any]:
    site = _package_root("pydicom").parent
    pinned = {f"{p.name}-{p.version}": p.sha256 for p in testdata.PACKAGES}
    return {
        "files": [p.relative_to(site).as_posix() for _, p in files() if p.is_relative_to(site)],
        "testdata_sha256": pinned,
        "id": SOURCE_ID,
        "title": "private elements of real explicit-VR DICOM files the device wrote, in the test "
        "data of pydicom, nibabel, pydicom-data, deid-data and heudiconv",
        "version": ";".join(
            [f"{pkg}-{metadata.version(pkg)}" for pkg in ("pydicom", "nibabel")] + sorted(pinned)
        ),
        "url": "https://pypi.org/project/pydicom/ https://pypi.org/project/nibabel/ "
        + " ".join(f"https://pypi.org/project/{p.name}/" for p in testdata.PACKAGES),
        "license": "pydicom test data (MIT and per-file notices), nibabel test data (MIT), "
        + ", ".join(f"{p.name} ({p.licence_name})" for p in testdata.PACKAGES),
    }


def read() -> Iterator[RawRow | Unreadable]:
    import pydicom

    harvested: dict[tuple[str, str, str], str] = {}
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
                device, who = writer(ds)
                if not device:
                    yield Unreadable(SOURCE_ID, document, "file", "not the device's VRs", who)
                    continue
                first = harvested.setdefault(device_identity(ds), document)
                if first != document:
                    why = f"the same device as {first} (harvested); {who}"
                    yield Unreadable(SOURCE_ID, document, "file", "kept aside for validation", why)
                    continue
                yield from _walk(ds, document, "")
        except Exception as exc:  # a broken test file is reported, the harvest goes on
            yield Unreadable(
                SOURCE_ID,
                document,
                "file",
                f"pydicom could not read it: {type(exc).__name__}",
                str(exc)[:200],
            )


def _walk(ds: Any, document: str, path: str) -> Iterator[RawRow]:
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
