"""The command line: output fields, parallel directories, rejects file, stdout, exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from layouts import LAYOUTS, notations
from pdfgen import build

from scraper.cli import main, scrape_all

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {
    "group": int,
    "element": int,
    "creator": str,
    "vr": str,
    "vm": str,
    "name": str,
    "description": str,
    "source": str,
    "sha256": str,
    "tag": str,
    "creator_from": str,
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """Four statements, one in a subdirectory, and a file that is not a PDF (ignored)."""
    root = tmp_path_factory.mktemp("statements")
    (root / "sub").mkdir()
    expected = 0
    for n, (name, style) in enumerate(
        [
            ("caption_paren", "ruled"),
            ("creator_column", "borderless"),
            ("ranges", "double"),
            ("vr_vm", "hrules"),
        ]
    ):
        doc = LAYOUTS[name](style)
        build(doc, (root / "sub" if n == 3 else root) / f"{name}.pdf")
        expected += len(doc.truths())
    (root / "notes.txt").write_text("(0019,xx01) not a PDF")
    return root, expected


def test_records_have_the_documented_fields(folder: tuple[Path, int], tmp_path: Path) -> None:
    root, expected = folder
    out = tmp_path / "out.jsonl"
    assert main([str(root), "-o", str(out), "--jobs", "1"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == expected
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*.pdf")}
    for line in lines:
        record = json.loads(line)
        for key, kind in FIELDS.items():
            assert isinstance(record[key], kind), key
        assert record["block"] is None or isinstance(record["block"], int)
        name, page = record["source"].rsplit("#p", 1)
        assert int(page) >= 1 and record["sha256"] == digests[name]
        assert record["group"] % 2 == 1 and 0 <= record["element"] <= 0xFF


def test_a_directory_is_read_in_parallel_with_the_same_output(
    folder: tuple[Path, int], tmp_path: Path
) -> None:
    root, _ = folder
    serial, parallel = tmp_path / "serial.jsonl", tmp_path / "parallel.jsonl"
    assert main([str(root), "-o", str(serial), "--jobs", "1"]) == 0
    assert main([str(root), "-o", str(parallel), "--jobs", "2"]) == 0
    assert parallel.read_bytes() == serial.read_bytes()


def test_explain_pages_says_what_each_page_held(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build(notations("borderless"), tmp_path / "n.pdf")
    assert main([str(path), "-o", str(tmp_path / "o.jsonl"), "--explain-pages"]) == 0
    err = capsys.readouterr().err
    assert "n.pdf#p1: table without rules of" in err
    assert "[tag/name/vr/vm/description]" in err
    assert "rejected 2 x group is not private" in err
    assert main([str(path), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert "#p1:" not in capsys.readouterr().err, "quiet without the option"


def test_python_dash_m_scraper(folder: tuple[Path, int], tmp_path: Path) -> None:
    root, expected = folder
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "scraper", str(root), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(out.read_text().splitlines()) == expected
    assert f"4 files: 4 read, 0 failed; {expected} records" in done.stderr
    assert done.stdout == ""


def test_records_go_to_stdout_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build(notations("ruled"), tmp_path / "n.pdf")
    assert main([str(path)]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == len(notations("ruled").truths())
    assert "1 files: 1 read, 0 failed" in captured.err


def test_dash_means_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build(notations("ruled"), tmp_path / "n.pdf")
    monkeypatch.chdir(tmp_path)
    assert main([str(path), "-o", "-"]) == 0
    assert not (tmp_path / "-").exists()  # not a file named "-"
    assert len(capsys.readouterr().out.splitlines()) == len(notations("ruled").truths())


def test_rejects_file_and_summary_name_each_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build(notations("borderless"), tmp_path / "n.pdf")
    rejects = tmp_path / "rejects.jsonl"
    assert main([str(path), "-o", str(tmp_path / "o.jsonl"), "--rejects", str(rejects)]) == 0
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert sorted(r["reason"] for r in lines) == sorted(notations("borderless").rejects())
    assert all(
        r["kind"] == "row" and r["source"].startswith("n.pdf#p") and r["text"] for r in lines
    )
    err = capsys.readouterr().err
    assert "rejected 2 x group is not private" in err and "rejected 1 x not a tag notation" in err


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 2, "no PDF found"
    assert main([str(tmp_path / "missing.pdf"), "-o", str(tmp_path / "o.jsonl")]) == 1
    assert "no such file or directory" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main([])
    assert usage.value.code == 2
    pdf = build(notations("ruled"), tmp_path / "n.pdf")
    for option in ("-o", "--rejects"):
        assert main([str(pdf), option, str(tmp_path / "no" / "such" / "x.jsonl")]) == 2
        assert "scraper: cannot write" in capsys.readouterr().err  # one line, no traceback


def test_scrape_all_keeps_input_order(folder: tuple[Path, int]) -> None:
    root, _ = folder
    paths = sorted(root.rglob("*.pdf"), reverse=True)
    assert [Path(r.path) for r in scrape_all(paths, jobs=2)] == paths
