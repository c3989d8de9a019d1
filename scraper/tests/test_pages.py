"""A big file's pages read on several cores give exactly what reading them in order gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from layouts import carried, repeated_header
from pdfgen import build

import scraper.pages
from scraper import scrape_file
from scraper.pages import read_pages, read_run


@pytest.mark.parametrize("style", ["borderless", "ruled"])
def test_split_reading_equals_reading_in_order(
    style: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The long table runs over pages 1-4 without a repeated header: in the borderless style every
    # continuation page needs the columns of the page before, including across the runs' seams.
    path = build(carried(style), tmp_path / "carried.pdf")
    data = path.read_bytes()
    numbers = [1, 2, 3, 4, 5]
    monkeypatch.setattr(scraper.pages, "MIN_RUN", 1)
    in_order = read_run(data, path, numbers)
    split = read_pages(data, path, numbers, jobs=3)
    assert [p.number for p in split] == numbers
    assert split == in_order
    if style == "borderless":
        assert all(p.carry is not None for p in in_order[:4]), "the seams really needed the carry"


def test_scrape_file_with_jobs_gives_the_same_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build(repeated_header("borderless"), tmp_path / "long.pdf")
    monkeypatch.setattr(scraper.pages, "MIN_RUN", 1)
    assert scrape_file(path, jobs=2) == scrape_file(path, jobs=1)
