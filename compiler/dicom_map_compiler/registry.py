"""The list of sources the build reads, and how much each one's word counts.

Each adapter module says what its source *is* (``SOURCE``/``SOURCES``: id, title, version, licence,
files); this module says how the merge should *weigh* it (``kind``, ``family``) and in which order
sources are preferred when everything else ties. Adding a source is one line in ``ADAPTERS``.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .merge import SourceInfo
from .rows import RawRow, Unreadable
from .sources import overrides, pydicom_dict


@dataclass(frozen=True)
class Adapter:
    """One source as the build sees it."""

    id: str
    kind: str  # standard | document | harvested | curated
    family: str  # sources of one family vote once
    describe: dict
    read: Callable[[], Iterator[RawRow | Unreadable]]
    #: Base directory the ``files`` of ``describe`` are relative to.
    base: Path


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"package {name} is not installed (make venv)")
    return Path(spec.origin).parent.parent


#: The project's own data folder (overrides live there).
DATA = Path(__file__).resolve().parents[2] / "data"


def adapters(shared_sources: Path | None) -> list[Adapter]:
    """Every source, in preference order. ``shared_sources`` is ``../shared/sources`` (or None)."""
    site = _package_dir("pydicom")
    ov = DATA / "overrides.csv"
    pub, priv = pydicom_dict.SOURCES
    out = [
        Adapter(pub["id"], "standard", "pydicom", pub, pydicom_dict.read_public, site),
        Adapter(priv["id"], "curated", "gdcm", priv, pydicom_dict.read_private, site),
        Adapter(overrides.SOURCE_ID, "override", "override", overrides.describe(ov), lambda: overrides.read(ov), DATA),
    ]
    del shared_sources
    return out


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_infos(items: list[Adapter]) -> dict[str, SourceInfo]:
    return {a.id: SourceInfo(a.id, a.kind, a.family, rank) for rank, a in enumerate(items)}
