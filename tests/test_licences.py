"""The licences as shipped: README.md's data licence section covers every source the dictionary is
built from, and what it says about the data is true of the committed data/tags.csv."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import dicom_map

ROOT = Path(__file__).resolve().parent.parent
GE = {"ge-dv24", "ge-dict-dat"}


def _licence_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("\n## Licences\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_says_what_every_source_s_terms_mean() -> None:
    # The sources the compiler read, and those the bundled dictionary names (which include the
    # rules taken from the standard itself).
    sources = set(json.loads((ROOT / "data" / "sources.json").read_text(encoding="utf-8")))
    sources |= {s["id"] for s in dicom_map.open().info()["sources"]}
    table = [line for line in _licence_section().splitlines() if line.startswith("| ")]
    named = {m for line in table for m in re.findall(r"`([a-z0-9.-]+)`", line.split(" | ")[0])}
    missing = sorted(sources - named)
    assert not missing, f"README.md's Licences table does not cover: {missing}"
    # The table's ids are real sources (a renamed source must be renamed there too).
    assert not named - sources, sorted(named - sources)


def test_no_entry_rests_on_a_ge_file_alone() -> None:
    """README.md says dropping GE's dictionaries changes no entry: each has another source."""
    assert "None of today's entries rests on a GE file alone" in _licence_section()
    with (ROOT / "data" / "tags.csv").open(encoding="utf-8", newline="") as f:
        alone = [
            (r["group"], r["element"], r["creator"])
            for r in csv.DictReader(f)
            if set(r["sources"].split(";")) <= GE
        ]
    assert not alone, f"{len(alone)} entries come from GE's files only, e.g. {alone[:3]}"


def test_the_licence_files_are_the_crate_s_too() -> None:
    for name in ("LICENSE-MIT", "LICENSE-APACHE", "THIRD_PARTY_LICENSES.md"):
        assert (ROOT / name).is_file(), name
        # dicom-map/ holds links to them, which cargo package stores as files.
        assert (ROOT / "dicom-map" / name).resolve() == (ROOT / name).resolve(), name
    assert "Apache License" in (ROOT / "LICENSE-APACHE").read_text(encoding="utf-8")
    assert "MIT License" in (ROOT / "LICENSE-MIT").read_text(encoding="utf-8")
