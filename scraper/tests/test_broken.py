"""Files that cannot be read are reported with the reason, and the batch goes on."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from layouts import notations
from pdfgen import build
from reportlab.lib.pdfencrypt import StandardEncryption

from scraper import scrape_file
from scraper import tables as tables_module
from scraper.cli import main
from scraper.workers import run_one


def good(tmp_path: Path) -> Path:
    return build(notations("ruled"), tmp_path / "good.pdf")


def truncated(tmp_path: Path) -> Path:
    data = good(tmp_path).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def random_bytes(tmp_path: Path) -> Path:
    path = tmp_path / "random.pdf"
    path.write_bytes(random.Random(6).randbytes(20_000))
    return path


def garbage_between_markers(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(7).randbytes(5_000) + b"\n%%EOF\n")
    return path


def encrypted(tmp_path: Path) -> Path:
    return build(
        notations("ruled"),
        tmp_path / "encrypted.pdf",
        encrypt=StandardEncryption("user-secret", ownerPassword="owner-secret", strength=128),
    )


def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    return path


def zero_pages(tmp_path: Path) -> Path:
    path = tmp_path / "zero-pages.pdf"
    pdf = pdfium.PdfDocument.new()
    pdf.save(path)
    pdf.close()
    return path


BROKEN: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "truncated": (truncated, "malformed", "truncated"),
    "random bytes": (random_bytes, "malformed", "not a PDF"),
    "garbage between PDF markers": (garbage_between_markers, "malformed", "malformed PDF"),
    "encrypted": (encrypted, "encrypted", "password"),
    "zero-byte file": (empty_file, "empty", "zero bytes"),
    "zero-page PDF": (zero_pages, "empty", "no pages"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_an_error_record(case: str, tmp_path: Path) -> None:
    make, kind, reason = BROKEN[case]
    result = scrape_file(make(tmp_path))
    assert result.error == kind
    assert result.records == []
    assert [r.kind for r in result.rejects] == ["file"]
    assert reason in result.rejects[0].reason


def test_owner_password_only_is_read_normally(tmp_path: Path) -> None:
    path = build(
        notations("ruled"),
        tmp_path / "restricted.pdf",
        encrypt=StandardEncryption("", ownerPassword="owner-secret", canPrint=0, strength=128),
    )
    result = scrape_file(path)
    assert result.error is None and len(result.records) == len(notations("ruled").truths())


def test_the_batch_goes_on_past_every_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for make, _, _ in BROKEN.values():
        make(folder)
    expected = len(notations("ruled").truths())
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    status = main([str(folder), "-o", str(out), "--rejects", str(rejects), "--jobs", "2"])
    err = capsys.readouterr().err
    assert status == 1
    assert len(out.read_text().splitlines()) == expected, "good.pdf still read"
    assert f"{len(BROKEN) + 1} files: 1 read, {len(BROKEN)} failed" in err
    for name in (
        "truncated.pdf",
        "random.pdf",
        "garbage.pdf",
        "encrypted.pdf",
        "empty.pdf",
        "zero-pages.pdf",
    ):
        assert f"failed {folder / name}" in err
    assert rejects.read_text().count('"kind": "file"') == len(BROKEN)


def test_a_page_that_fails_is_rejected_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from layouts import repeated_header

    doc = repeated_header("ruled")
    path = build(doc, tmp_path / "long.pdf")
    real = tables_module.read_page

    def failing(page, carry):  # type: ignore[no-untyped-def]
        if page.page_number == 2:
            raise ValueError("simulated pdfminer failure")
        return real(page, carry)

    monkeypatch.setattr("scraper.pages.read_page", failing)
    result = scrape_file(path)
    assert result.error is None
    pages = [r for r in result.rejects if r.kind == "page"]
    assert [(r.source, r.reason) for r in pages] == [("long.pdf#p2", "page could not be read")]
    assert {int(r.source.rsplit("#p", 1)[1]) for r in result.records} == {1}
    # The caption was on page 1; nothing may be carried over the unread page, so the rows after it are
    # reported, not guessed and not dropped.
    rows = [r for r in result.rejects if r.kind == "row"]
    assert {r.reason for r in rows} == {"no private creator known for this row"}
    assert {r.source for r in rows} >= {"long.pdf#p3"}
    on_page_2 = len(doc.truths()) - len(result.records) - len(rows)
    assert 20 < on_page_2 < 40


def test_a_scraper_bug_costs_one_file_not_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = good(tmp_path)

    def boom(_: Path, jobs: int = 1, explain: bool = False) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr("scraper.workers.scrape_file", boom)
    result = run_one(path)
    assert result.error == "internal" and not result.records
    assert [r.reason for r in result.rejects] == ["the scraper failed: RuntimeError: bug"]
