"""Harvest from real explicit-VR files in pinned packages: keys, creators and VRs as the files state,
only from files the device itself wrote (toolkit re-encodings and viewer exports are reported)."""

from dicom_map_compiler.rows import RawRow, Unreadable
from dicom_map_compiler.sources import real_files


def _harvest() -> tuple[list[RawRow], list[Unreadable]]:
    items = list(real_files.read())
    return [r for r in items if isinstance(r, RawRow)], [
        u for u in items if isinstance(u, Unreadable)
    ]


def test_harvest_only_from_files_the_device_wrote():
    rows, reported = _harvest()
    docs = {d for d, _ in real_files.files()}
    assert len(docs) > 80  # pydicom's and nibabel's test files
    assert all(r.element.startswith("xx") and int(r.group, 16) % 2 == 1 for r in rows)
    assert all(r.vr and r.vr != "UN" and r.name == "" for r in rows)
    used = {r.document.split(":", 1)[1] for r in rows}
    # Siemens' own MR software (implementation root 1.3.12.2.1107, MR_2004V_VB11A) wrote this one.
    assert "pydicom/data/test_files/examples_overlay.dcm" in used
    # A creator no dictionary has: SonoSite's own implementation wrote this JPEG file.
    assert any(r.creator == "SonoSite Private Data" for r in rows)
    # The GE Genie JPEG files were re-encoded by dicom3tools (DCTOOL100): their VRs are that
    # toolkit's, so they are reported, with the writer, and not harvested.
    genie = [u for u in reported if u.document.endswith("test_files/JPEG-lossy.dcm")]
    assert len(genie) == 1 and "dicom3tools" in genie[0].text and "DCTOOL100" in genie[0].text
    assert not any("JPEG-lossy" in r.document for r in rows)
    # dcm4che's Philips archive copies are not the scanner's either.
    assert any("dcm4che" in u.text for u in reported)
    # Nothing unreadable is dropped silently: every reported file says why.
    assert all(u.reason for u in reported)


def test_writer_rules():
    class Meta(dict):
        pass

    class File:
        def __init__(self, uid: str, name: str, maker: str):
            self.file_meta = Meta(ImplementationClassUID=uid, ImplementationVersionName=name)
            self._maker = maker

        def get(self, key: str, default: str = "") -> str:
            return self._maker if key == "Manufacturer" else default

    assert real_files.writer(File("1.3.12.2.1107.5.2", "MR_VB17", "SIEMENS"))[0]
    assert real_files.writer(File("1.2.840.113619.6.374", "GE_X", "GE MEDICAL SYSTEMS"))[0]
    assert not real_files.writer(File("1.2.840.113619.6.374", "GE_X", "SIEMENS"))[0]
    assert not real_files.writer(File("1.2.276.0.7230010.3.0.3.6.4", "OFFIS_DCMTK_364", "GE"))[0]
    assert not real_files.writer(File("1.3.12.2.1107.5.2", "OSIRIX", "SIEMENS"))[0]
    assert not real_files.writer(File("1.9.9.9", "SCANNER", "ACME"))[0]
    assert not real_files.writer(File("", "", "SIEMENS"))[0]
