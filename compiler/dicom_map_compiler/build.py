"""The one command that rebuilds ``data/`` from every source.

    python -m dicom_map_compiler.build --shared ../shared --out data

Reads every adapter (``registry``), normalises each row (rejected rows go to
``reports/rejects.csv`` with their reason), merges, and writes ``tags.csv``, ``tags.dmap``,
``sources.json`` and the reports. Same inputs, same bytes: nothing here reads the clock, the host or
the order of a directory listing.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, csv_out, licenses, registry, reports, synthetic
from .dmap import writer
from .merge import STANDARD_SOURCES, MergeResult, merge
from .normalise import PrivateKey, PublicKey, Reject, RepeaterKey, Row, normalise
from .rows import RawRow, Unreadable
from .sources import dicom3tools_fetch
from .sources.pydicom_dict import EDITION, EDITIONS


@dataclass
class Build:
    """Everything one build produced, in memory."""

    result: MergeResult
    rows: list[Row]
    rejects: list[Reject]
    unreadable: list[Unreadable]
    files: dict[str, bytes]
    #: Outputs that live at the repository root rather than in data/ (THIRD_PARTY_LICENSES.md).
    root_files: dict[str, bytes]


def run(
    shared: Path, scraped: list[Path] | None = None, harvest: list[Path] | None = None
) -> Build:
    """Read, normalise, merge and render every output (nothing is written to disk here)."""
    items = registry.adapters(shared / "sources", scraped, harvest)
    infos = registry.source_infos(items)
    authority = {a.id for a in items if a.public_authority}

    rows: list[Row] = []
    rejects: list[Reject] = []
    unreadable: list[Unreadable] = []
    raw_count: dict[str, int] = {}
    for a in items:
        for item in a.read():
            if isinstance(item, Unreadable):
                unreadable.append(item)
                continue
            assert isinstance(item, RawRow)
            raw_count[a.id] = raw_count.get(a.id, 0) + 1
            out = normalise(item)
            if isinstance(out, Row):
                rows.append(out)
            else:
                rejects.append(out)

    rows = _restore_private_masks(rows)
    rows, dropped = _public_only_from_authorities(rows, authority)
    rejects += dropped
    result = merge(rows, infos)

    manifest = _manifest(items)
    records = [
        writer.SourceRecord(
            id=a.id,
            title=a.describe.get("title", a.id),
            version=str(a.describe.get("version", "")),
            url=a.describe.get("url", ""),
            license=a.describe.get("license", ""),
            weight=infos[a.id].weight,
            copy=bool(a.describe.get("copy_of")),
        )
        for a in items
    ] + [synthetic.SOURCE]
    digest = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()
    meta = {
        "edition": EDITION_LABEL,
        "edition.detail": _edition_detail(result),
        **{f"edition.{sid}": ed for sid, ed in sorted(EDITIONS.items())},
        "edition.dicom3tools-bin": f"dicom3tools {dicom3tools_fetch.VERSION} (hand-kept, not PS3.6)",
        "generator": f"dicom-map-compiler {__version__}",
        "sources": ";".join(r.id for r in records),
        "build": f"sha256:{digest}",
    }
    dmap = writer.write(result, records, synthetic.ENTRIES, meta, EDITION_LABEL)
    files = {
        "tags.csv": csv_out.render(result),
        "tags.dmap": dmap,
        "sources.json": (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode(),
        "reports/rejects.csv": reports.rejects_csv(rejects, unreadable),
        "reports/quality.md": reports.quality_md(
            result, rows, rejects, unreadable, raw_count, len(dmap)
        ),
    }
    dcmtk_root = Path(next(a.base for a in items if a.id == "dcmtk")).parents[2]
    root_files = {"THIRD_PARTY_LICENSES.md": licenses.render(items, shared / "sources", dcmtk_root)}
    return Build(result, rows, rejects, unreadable, files, root_files)


#: The header's 8-byte edition: PS3.6 2024d in full, plus newer tags ("+") from dicom3tools.
EDITION_LABEL = f"{EDITION}+"


def _edition_detail(result: MergeResult) -> str:
    """What the public dictionary is, in words, with the count of tags newer than the edition."""
    newer = sum(
        1
        for e in result.entries
        if isinstance(e.key, (PublicKey, RepeaterKey))
        and not any(p.source in STANDARD_SOURCES for p in e.provenance)
        and any(p.source == "dicom3tools-bin" for p in e.provenance)
        and not e.retired
    )
    return (
        f"PS3.6 {EDITION} (pydicom3 table) in full; {newer} current public tags no standard table "
        f"here has, from dicom3tools {dicom3tools_fetch.VERSION}"
    )


#: Sources whose format loses the mask of a private repeating group (the compiled dicom3tools
#: table stores ``(70xx,xx04)`` as ``(7001,xx04)``).
MASKLESS_SOURCES = frozenset({"dicom3tools-bin"})


def _restore_private_masks(rows: list[Row]) -> list[Row]:
    """A maskless source's exact private group joins the repeating group another source gives the
    same creator and element (``(7001,xx04) DLX_ANNOT_01`` → ``(70xx,xx04)``), instead of shadowing
    it in its first group."""
    masks: dict[tuple[str, int, int], list[PrivateKey]] = {}
    for r in rows:
        k = r.key
        if isinstance(k, PrivateKey) and k.group_mask != 0xFFFF:
            masks.setdefault((k.creator, k.element, k.block), []).append(k)
    out = []
    for r in rows:
        k = r.key
        if (
            r.raw.source in MASKLESS_SOURCES
            and isinstance(k, PrivateKey)
            and k.group_mask == 0xFFFF
        ):
            cover = sorted(
                m
                for m in masks.get((k.creator, k.element, k.block), [])
                if k.group & m.group_mask == m.group
            )
            if cover:
                r = dataclasses.replace(r, key=cover[0])
        out.append(r)
    return out


def _public_only_from_authorities(
    rows: list[Row], authority: set[str]
) -> tuple[list[Row], list[Reject]]:
    """Public tags and masks exist only where a standard table (or DICONDE/DICOS table) has them.

    A vendor dictionary's even-group row for a tag no standard source knows is not made public; a
    mask over every group (``xxxx,0000``) is a lookup rule (group length), not an entry; and an exact
    tag that a repeating group of the current standard covers (DCMTK's ``(0028,0410)``) joins that
    repeating-group entry instead of shadowing it.
    """
    std_exact = {
        r.key for r in rows if r.raw.source in STANDARD_SOURCES and isinstance(r.key, PublicKey)
    }
    std_masks = sorted(
        {
            r.key
            for r in rows
            if r.raw.source in STANDARD_SOURCES and isinstance(r.key, RepeaterKey)
        },
        key=lambda k: (-bin(k.mask).count("1"), k.value),
    )
    known = {r.key for r in rows if r.raw.source in authority and not isinstance(r.key, PrivateKey)}
    keep, dropped = [], []
    for r in rows:
        if isinstance(r.key, PublicKey) and r.key not in std_exact:
            mask = next((m for m in std_masks if r.key.tag & m.mask == m.value), None)
            if mask is not None:
                r = dataclasses.replace(r, key=mask)
        if isinstance(r.key, RepeaterKey) and r.key.mask >> 16 == 0:
            dropped.append(
                Reject(r.raw, "mask over every group: a lookup rule (group length), not an entry")
            )
        elif isinstance(r.key, PrivateKey) or r.key in known:
            keep.append(r)
        else:
            dropped.append(
                Reject(r.raw, "public tag not in any standard table (pydicom, dicom3tools, DCMTK)")
            )
    return keep, dropped


_STANDARD_FIELDS = {
    "id",
    "title",
    "version",
    "commit",
    "url",
    "license",
    "files",
    "kind",
    "copy_of",
}


def _manifest(items: list[registry.Adapter]) -> dict[str, Any]:
    out = {}
    for a in items:
        d = a.describe
        out[a.id] = {
            **{k: v for k, v in sorted(d.items()) if k not in _STANDARD_FIELDS},
            "title": d.get("title", a.id),
            "version": str(d.get("version", "")),
            "commit": d.get("commit", ""),
            "url": d.get("url", ""),
            "license": d.get("license", ""),
            "kind": a.kind,
            "family": a.family,
            "copy_of": d.get("copy_of", ""),
            "files": {f: registry.sha256_file(a.base / f) for f in d.get("files", [])},
        }
    return out


# Files that live outside data/, relative to the repository root (the parent of ``out``): the
# bundled dictionary sits inside the crate's directory so that `cargo package` ships it, and the
# wheel and the C library embed that same file.
OUTSIDE_DATA = {"tags.dmap": Path("dicom-map") / "tags.dmap"}


def destination(out: Path, name: str) -> Path:
    """Where the build file ``name`` is written, given the data directory ``out``."""
    if name in OUTSIDE_DATA:
        return out.resolve().parent / OUTSIDE_DATA[name]
    return out / name


def write(build: Build, out: Path) -> None:
    """Write data/ files under ``out`` (the bundled dictionary into the crate, see
    ``OUTSIDE_DATA``) and the root files beside ``out``."""
    for name, data in build.files.items():
        _write(destination(out, name), data)
    for name, data in build.root_files.items():
        _write(out.resolve().parent / name, data)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--shared",
        type=Path,
        default=Path("../shared"),
        help="the shared folder holding sources/ (default ../shared)",
    )
    p.add_argument("--out", type=Path, default=Path("data"), help="output folder (default data)")
    p.add_argument(
        "--scraped",
        type=Path,
        action="append",
        default=[],
        help="a JSONL file written by `python -m scraper` (repeatable)",
    )
    p.add_argument(
        "--harvest",
        type=Path,
        action="append",
        default=[],
        help="a census harvest, `python -m dicom_map census --harvest FILE` (repeatable)",
    )
    args = p.parse_args(argv)
    if not (args.shared / "sources").is_dir():
        print(f"error: {args.shared / 'sources'} not found", file=sys.stderr)
        return 1
    build = run(args.shared, args.scraped, args.harvest)
    write(build, args.out)
    r = build.result
    print(
        f"{len(r.entries)} entries, {len(r.creators)} creators, {len(build.rejects)} rows rejected, "
        f"{len(build.unreadable)} unreadable; tags.dmap {len(build.files['tags.dmap'])} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
