"""Harvest from real explicit-VR files in pinned packages: keys, creators and VRs as the files state."""

from dicom_map_compiler.rows import RawRow, Unreadable
from dicom_map_compiler.sources import real_files


def test_harvest_from_real_files():
    items = list(real_files.read())
    rows = [r for r in items if isinstance(r, RawRow)]
    docs = {d for d, _ in real_files.files()}
    assert len(docs) > 80  # pydicom's and nibabel's test files
    assert len(rows) > 5000
    assert all(r.element.startswith("xx") and int(r.group, 16) % 2 == 1 for r in rows)
    assert all(r.vr and r.vr != "UN" and r.name == "" for r in rows)
    # The GE Genie files state these VRs (the evidence behind data/overrides.csv).
    genie = {
        (r.group, r.element, r.vr)
        for r in rows
        if r.creator == "GEMS_GENIE_1" and "JPEG-lossy" in r.document
    }
    assert {("0009", "xx40", "LO"), ("0013", "xx12", "SL"), ("0013", "xx1C", "FD")} <= genie
    # A creator no dictionary has: SonoSite in an explicit-VR JPEG file.
    assert any(r.creator == "SonoSite Private Data" for r in rows)
    # Nothing unreadable is dropped silently.
    assert all(isinstance(u, Unreadable) and u.reason for u in items if not isinstance(u, RawRow))
