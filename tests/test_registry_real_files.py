"""The registry validated on real DICOM files (issue "registry", section 6).

Walks the DICOM files shipped in pydicom's and nibabel's test data (pinned in requirements-dev.txt),
maps every private element ``(gggg,BBEE)`` to its creator through ``(gggg,00BB)`` in the same
dataset or sequence item, and asks the bundled dictionary. Reports the resolution rate twice:
with every source, and with the dictionary's *independent* sources only (the ``real-files`` source
harvests these same files, so counting it alone would be circular). For explicit-VR files it also
checks the VR the file wrote against the dictionary's VR set.
"""

from __future__ import annotations

import gzip
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import dicom_map
import nibabel
import pydicom
import pytest

IMPLICIT = "1.2.840.10008.1.2"
HARVEST = "real-files"

#: VR mismatches that are facts about the files, not errors in the data, each with its evidence.
KNOWN_VR_DISAGREEMENTS = {
    # Agfa's CR files (dicomdirtests/77654033/CR*) write LO; pydicom's charset files (made from
    # Agfa files) write SH. Both are real; the dictionary lists both as candidates.
    (0x0019, "AGFA", 0x10),
}


#: Creator values written by anonymisers in place of the real creator (nibabel's test files): they
#: name no vendor, so the registry rejects them and elements under them cannot be resolved.
ERASED_CREATORS = {"anon"}


def _files() -> list[Path]:
    roots = [Path(pydicom.__file__).parent / "data", Path(nibabel.__file__).parent]
    out = []
    for root in roots:
        for p in sorted(root.rglob("*")):
            if p.is_file() and (
                p.suffix == ".dcm" or p.name.endswith(".dcm.gz") or p.parent.name.startswith("CR")
            ):
                out.append(p)
    return out


@dataclass
class Tally:
    total: int = 0
    resolved: int = 0
    independent: int = 0
    no_creator: int = 0
    erased: int = 0
    vr_checked: int = 0
    vr_mismatch: list[tuple] = field(default_factory=list)
    unresolved: list[tuple] = field(default_factory=list)


def _walk(d: dicom_map.Dict, ds, name: str, explicit: bool, t: Tally) -> None:
    for el in ds:
        g, e = el.tag.group, el.tag.element
        if el.VR == "SQ" and el.value:
            for item in el.value:
                _walk(d, item, name, explicit, t)
        if g % 2 == 0 or g <= 0x0008 or g == 0xFFFF or e < 0x1000:
            continue
        creator_el = ds.get((g, e >> 8))
        if creator_el is None:
            t.no_creator += 1
            continue
        creator = str(creator_el.value)
        if creator.strip().lower() in ERASED_CREATORS:
            t.erased += 1
            continue
        t.total += 1
        hit = d.lookup(g, e, creator)
        if hit is None:
            t.unresolved.append((name, f"({g:04X},{e:04X})", creator))
            continue
        t.resolved += 1
        if any(s["id"] != HARVEST for s in hit["sources"]):
            t.independent += 1
        if explicit and el.VR not in (None, "UN") and "UN" not in hit["vrs"]:
            t.vr_checked += 1
            if (
                el.VR not in hit["vrs"]
                and (g, creator.strip().upper(), e & 0xFF) not in KNOWN_VR_DISAGREEMENTS
            ):
                t.vr_mismatch.append((name, f"({g:04X},{e:04X})", creator, el.VR, hit["vr"]))


@pytest.fixture(scope="module")
def tally() -> Tally:
    d = dicom_map.open()
    t = Tally()
    files = _files()
    assert len(files) > 80, "pydicom's and nibabel's test data should be installed (make venv)"
    for p in files:
        raw = gzip.decompress(p.read_bytes()) if p.name.endswith(".gz") else p.read_bytes()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                ds = pydicom.dcmread(io.BytesIO(raw), force=True)
                syntax = str(getattr(ds, "file_meta", {}).get("TransferSyntaxUID", "") or "")
                _walk(d, ds, p.name, bool(syntax) and syntax != IMPLICIT, t)
            except Exception:  # deliberately broken test files (truncated, bad VR...)
                continue
    return t


def test_private_elements_of_real_files_resolve(tally: Tally) -> None:
    rate = tally.resolved / tally.total
    independent = tally.independent / tally.total
    print(
        f"\nreal files: {tally.total} private elements with a creator ({tally.no_creator} without one, "
        f"{tally.erased} under an anonymiser's placeholder); "
        f"resolved {rate:.2%} with every source, {independent:.2%} by independent dictionaries"
    )
    for u in tally.unresolved:
        print("  unresolved:", *u)
    assert rate >= 0.995
    assert independent >= 0.985


def test_explicit_vr_matches_the_dictionary(tally: Tally) -> None:
    print(
        f"\nVR checked on {tally.vr_checked} explicit-VR private elements; mismatches: {len(tally.vr_mismatch)}"
    )
    assert tally.vr_checked > 1000
    assert tally.vr_mismatch == []
