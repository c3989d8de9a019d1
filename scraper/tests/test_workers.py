"""Per-file limits: a stalling file and a memory-eating file fail alone; the batch goes on.

The fixtures come from ``gen/robust.py``: a ~60 KB PDF whose content stream inflates to one 64 MB
comment (pdfminer's parser stalls on it for minutes; the issue measured 284 s for a 63 KB one), and
a 13 KB PDF whose doubly Flate-encoded stream inflates to a gibibyte of zeros.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from layouts import caption_paren
from pdfgen import build

from scraper.cli import main
from scraper.workers import Limits, scrape_limited

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scraper.tests.gen.robust import dying_worker_pdf, huge_comment_pdf  # noqa: E402

#: Generous: the good file takes a few seconds even on a loaded machine; the stall takes minutes.
TIMEOUT = 45.0


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    root = tmp_path_factory.mktemp("batch")
    huge_comment_pdf(root / "a-huge-comment.pdf", inflated=64_000_000)
    dying_worker_pdf(root / "b-dying.pdf")
    doc = caption_paren("ruled")
    build(doc, root / "c-good.pdf")
    return root, len(doc.truths())


def test_limits_fail_only_their_own_file(batch: tuple[Path, int], tmp_path: Path) -> None:
    root, expected = batch
    paths = sorted(root.glob("*.pdf"))
    results = list(scrape_limited(paths, 2, Limits(timeout=TIMEOUT, memory=600)))
    assert [Path(r.path).name for r in results] == [p.name for p in paths], "input order kept"
    huge, dying, good = results
    assert huge.error == "timeout"
    assert huge.rejects[0].reason == f"the time limit ({TIMEOUT:g} s) was reached: killed"
    assert dying.error in ("memory", "crashed", "timeout", "malformed"), dying.rejects
    assert good.error is None and len(good.records) == expected


def test_the_command_line_reports_the_failed_files_and_writes_the_rest(
    batch: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, expected = batch
    out, rejects = tmp_path / "o.jsonl", tmp_path / "r.jsonl"
    argv = [str(root), "-o", str(out), "--rejects", str(rejects), "--timeout", str(TIMEOUT)]
    assert main([*argv, "--max-memory", "600", "-j", "2"]) == 1
    assert len(out.read_text().splitlines()) == expected
    files = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert {r["source"] for r in files if r["kind"] == "file"} >= {"a-huge-comment.pdf"}
    err = capsys.readouterr().err
    assert "3 files: " in err and "the time limit" in err
    assert "\r" not in err, "no progress line when stderr is not a terminal"
