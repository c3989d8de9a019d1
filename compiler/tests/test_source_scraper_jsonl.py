"""The scraper's JSON Lines as a source: a real round trip through `python -m scraper`, then bad lines."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from dicom_map_compiler.normalise import PrivateKey, normalise
from dicom_map_compiler.rows import RawRow, Unreadable
from dicom_map_compiler.sources import scraper_jsonl
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

ROOT = Path(__file__).resolve().parents[2]


def statement(path: Path) -> Path:
    """Two pages: a captioned table of private tags (xx, fixed block, a range), then more on page 2."""
    header = ["Tag", "Attribute Name", "VR", "VM"]
    first = [
        header,
        ["(0019,xx08)", "Cell Spacing", "DS", "1"],
        ["(0019,1010)", "Table Speed", "US or SS", "1 - n"],
        ["(0019,xx20)-(0019,xx21)", "Reserved", "UN", "1"],
    ]
    second = [header, ["(0019,xx30)", "Mid Scan Time", "FD", "1"]]
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    heading = getSampleStyleSheet()["Heading2"]
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [
            Paragraph("Private Creator Identification (GEMS_ACQU_01)", heading),
            Table(first, style=style),
            PageBreak(),
            Table(second, style=style),
        ]
    )
    return path


def test_round_trip_from_a_generated_pdf(tmp_path: Path) -> None:
    pdf = statement(tmp_path / "ct-statement.pdf")
    out = tmp_path / "scraped.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "scraper", str(pdf), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr

    rows = list(scraper_jsonl.read_all([out]))
    assert all(isinstance(r, RawRow) for r in rows)
    got = [(r.group, r.element, r.creator, r.vr, r.vm, r.name, r.document, r.page) for r in rows]
    assert got == [
        ("0019", "xx08", "GEMS_ACQU_01", "DS", "1", "Cell Spacing", "ct-statement.pdf", 1),
        ("0019", "1010", "GEMS_ACQU_01", "US or SS", "1-n", "Table Speed", "ct-statement.pdf", 1),
        ("0019", "xx20", "GEMS_ACQU_01", "UN", "1", "Reserved", "ct-statement.pdf", 1),
        ("0019", "xx21", "GEMS_ACQU_01", "UN", "1", "Reserved", "ct-statement.pdf", 1),
        ("0019", "xx30", "GEMS_ACQU_01", "FD", "1", "Mid Scan Time", "ct-statement.pdf", 2),
    ]
    assert {r.source for r in rows} == {"scraper"}
    assert rows[0].locator == "scraped.jsonl line 1"
    assert rows[0].notes == ("printed as (0019,xx08)", "creator from the table's caption")
    assert rows[-1].notes == ("printed as (0019,xx30)", "creator carried over from an earlier page")
    # And the registry takes them: every row normalises to a private entry of GEMS_ACQU_01.
    keys = [normalise(r).key for r in rows]
    assert all(isinstance(k, PrivateKey) and k.creator == "GEMS_ACQU_01" for k in keys), keys

    described = scraper_jsonl.describe([out])
    assert described["id"] == "scraper" and described["files"] == [str(out.resolve())]
    assert described["documents"] == {
        "ct-statement.pdf": hashlib.sha256(pdf.read_bytes()).hexdigest()
    }


def test_bad_lines_are_unreadable_with_the_reason(tmp_path: Path) -> None:
    good = {
        "group": 0x19,
        "element": 8,
        "block": None,
        "creator": "GEMS_ACQU_01",
        "vr": "DS",
        "vm": "1",
        "name": "Cell Spacing",
        "description": "",
        "source": "a.pdf#p3",
        "sha256": "00",
    }
    lines = [
        json.dumps(good),
        "",
        "{not json",
        "[1, 2]",
        json.dumps({**good, "source": "a.pdf"}),
        json.dumps({**good, "group": "0019"}),
        json.dumps({**good, "element": 0x1008}),
        json.dumps({**good, "block": "10"}),
        json.dumps({**good, "creator": ""}),
        json.dumps({**good, "vr": None}),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    rows = list(scraper_jsonl.read(path))
    assert isinstance(rows[0], RawRow) and (rows[0].element, rows[0].page) == ("xx08", 3)
    bad = rows[1:]
    assert all(isinstance(r, Unreadable) for r in bad)
    assert [(r.locator.split()[-1], r.reason.split(":")[0]) for r in bad] == [
        ("3", "not JSON"),
        ("4", "not a JSON object"),
        ("5", "source is not 'file.pdf#pN'"),
        ("6", "group is not an integer 0-FFFF"),
        ("7", "element is not the low byte, an integer 0-FF"),
        ("8", "block is neither null nor an integer 0-FF"),
        ("9", "creator missing"),
        ("10", "one of vr, vm, name, description is not a string"),
    ]
    assert bad[3].document == "a.pdf" and bad[3].text == lines[5]
