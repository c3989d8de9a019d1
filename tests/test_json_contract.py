"""One JSON contract for both command lines: ``dicom-lookup --json`` (Rust) and
``python -m dicom_map ... --json`` print the same bytes for the same question, and every object
they print validates against ``dicom-map/schema/lookup.schema.json``.

The questions come from real files: the private elements of pydicom's and nibabel's test files
(group, element and the creator written in the file), in every input form the CLIs accept, plus
public tags, repeaters, keywords, searches, creators, ``info`` and ``verify``. The Rust binary is
built by cargo if it is not there yet (``make test`` builds it in ``test-rust`` first).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, List, Sequence, Tuple

import dicom_map
import jsonschema
import pytest
from conftest import DATA_DMAP, ROOT, nibabel_file, pydicom_file

SCHEMA = json.loads((ROOT / "dicom-map" / "schema" / "lookup.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


@lru_cache(maxsize=1)
def rust_cli() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    subprocess.run(
        ["cargo", "build", "--quiet", "-p", "dicom-map", "--features", "embedded,cli"],
        cwd=ROOT,
        check=True,
    )
    return target / "debug" / "dicom-lookup"


def _env() -> dict:
    env = dict(os.environ)
    env.pop("DMAP_FILE", None)
    return env


def run_rust(args: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(rust_cli()), *args], capture_output=True, env=_env())


def run_python(args: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "dicom_map", *args], capture_output=True, env=_env()
    )


def both(rust_args: Sequence[str], python_args: Sequence[str]) -> List[Any]:
    """Runs both CLIs; asserts the same exit code and the same stdout bytes; returns the objects
    printed (one per line), each checked against the schema."""
    r, p = run_rust(rust_args), run_python(python_args)
    assert r.returncode == p.returncode, (rust_args, r.stderr, p.stderr)
    assert r.stdout == p.stdout, (rust_args, r.stdout[:300], p.stdout[:300])
    objects = [json.loads(line) for line in r.stdout.decode().splitlines()]
    for obj in objects:
        VALIDATOR.validate(obj)
    return objects


def _private_queries() -> List[Tuple[int, int, str]]:
    """(group, element, creator) of the private data elements of real files."""
    names = ("CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm", "examples_overlay.dcm")
    files = [pydicom_file(n) for n in names]
    files += [nibabel_file("0.dcm"), nibabel_file("csa_slice_norm.dcm")]
    seen = set()
    for path in files:
        for r in dicom_map.explain(path):
            if r.creator and r.tag & 0xFFFF >= 0x1000:
                seen.add((r.tag >> 16, r.tag & 0xFFFF, r.creator))
    return sorted(seen)


def test_private_elements_of_real_files_in_every_input_form() -> None:
    queries = _private_queries()
    assert len(queries) >= 20
    rng = random.Random(12)
    for group, element, creator in rng.sample(queries, 12):
        forms = [
            [f"{group:04X}", f"{element:04X}", creator],
            [f"({group:04X},{element:04X})", creator],
            [f"{group:04X}", f"xx{element & 0xFF:02X}", creator],
        ]
        for form in forms:
            out = both(["--json", *form], ["lookup", "--json", *form])
            assert len(out) in (0, 1)
            if out:
                assert out[0]["creator"] is not None
        if forms:
            low = both(["--json", *forms[2]], ["lookup", "--json", *forms[2]])
            if low:  # asked by its low byte: the tag shown is the pattern, not a reserved element
                assert "xx" in low[0]["tag"]


@pytest.mark.parametrize(
    "query",
    [
        ["0008", "0005"],
        ["(0010,0010)"],
        ["00100010"],
        ["0x0008", "0x0005"],
        ["PatientName"],
        ["BValue"],
        ["6002", "3000"],
        ["0019", "0010"],
        ["0029", "0000"],
        ["0029", "1010", "siemens csa header"],
        ["0029", "1010"],
        ["0019", "xx0C"],
        ["(0019,xx10)"],
        ["0019", "0C"],
        ["0008", "0003"],
        ["NoSuchKeywordAtAll"],
    ],
    ids=lambda q: "-".join(q),
)
def test_public_repeaters_keywords_and_misses(query: List[str]) -> None:
    out = both(["--json", *query], ["lookup", "--json", *query])
    assert len(out) <= 1


def _reason(p: "subprocess.CompletedProcess[bytes]") -> str:
    """stderr without the program's name (``dicom-lookup: `` or ``python -m dicom_map: ``)."""
    return p.stderr.decode().split(": ", 1)[1]


def test_a_private_element_without_its_creator_lists_its_creators_in_every_form() -> None:
    """Asked without the creator written in the file, by full element or by low byte, both CLIs
    exit 3 with nothing on stdout, give the same reason, and list the file's creator."""
    dmap = dicom_map.open()
    rng = random.Random(29)
    named = 0
    for group, element, creator in rng.sample(_private_queries(), 10):
        low = element & 0xFF
        forms = [
            ([f"{group:04X}", f"{element:04X}"], element, f"({group:04X},{element:04X})"),
            ([f"({group:04X},xx{low:02X})"], 0x1000 | low, f"({group:04X},xx{low:02X})"),
            ([f"{group:04X}", f"xx{low:02X}"], 0x1000 | low, f"({group:04X},xx{low:02X})"),
        ]
        for form, asked, shown in forms:
            r, p = run_rust(["--json", *form]), run_python(["lookup", "--json", *form])
            assert r.returncode == p.returncode == 3, (form, r.stderr, p.stderr)
            assert r.stdout == p.stdout == b""
            assert _reason(r) == _reason(p)
            head, *listed = _reason(r).splitlines()
            assert head.startswith(f"{shown}: not found without a creator: a private element")
            assert listed == [f"  {c}" for c in dmap.creators_for(group, asked)]
            entry = dmap.lookup(group, asked, creator)
            if entry is not None and entry["kind"] in ("private", "private-repeater"):
                assert f"  {entry['creator']}" in listed, (form, creator)
                named += 1
    assert named >= 10  # the check above ran on real elements the dictionary knows


@pytest.mark.parametrize("text", ["b value", "character set", "siemens", "zzzz-no-hit"])
def test_search_is_json_lines_in_the_same_order(text: str) -> None:
    out = both(["--json", "search", text], ["search", "--json", text])
    if text == "b value":
        names = [e["name"].lower() for e in out]
        assert names[0] == "b value"
        first_cielab = next(i for i, n in enumerate(names) if "cielab" in n)
        assert max(i for i, n in enumerate(names) if n == "b value") < first_cielab


def test_info_verify_and_creator(tmp_path: Path) -> None:
    [info] = both(["--json", "info"], ["info", "--json"])
    assert info["path"] is None and info["total_entries"] > 20_000
    copy = tmp_path / "copy.dmap"
    copy.write_bytes(DATA_DMAP.read_bytes())
    [info] = both(["--json", "--file", str(copy), "info"], ["info", "--json", "--file", str(copy)])
    assert info["path"] == str(copy.resolve())
    [ok] = both(["--json", "verify"], ["verify", "--json"])
    assert ok == {"ok": True, "file": "embedded", "entries": info["total_entries"]}
    creators = both(
        ["--json", "creator", "siemens csa header"], ["creator", "--json", "siemens csa header"]
    )
    assert creators and all(c["entries"] for c in creators)


def test_help_and_behaviour_agree_on_one_tag_per_run() -> None:
    help_text = " ".join(run_python(["lookup", "--help"]).stdout.decode().split())
    assert "TAG [ELEMENT] [CREATOR]" in help_text and "one tag per run" in help_text
    assert "..." not in help_text
    rust_help = run_rust(["--help"]).stdout.decode()
    assert "TAG [ELEMENT] [CREATOR]" in rust_help and "[TAG]..." not in rust_help
    two = run_python(["lookup", "0008", "0005", "0010", "0010"])
    assert two.returncode == 2 and b"one tag per run" in two.stderr
    assert run_rust(["0008", "0005", "0010", "0010"]).returncode == 2
