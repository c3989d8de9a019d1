"""JSON-lines input shared by the adapters that read one record per line (not an adapter itself).

The scraper's output (:mod:`.scraper_jsonl`) and a site's census harvest (:mod:`.census_harvest`)
are both JSON lines: each adapter checks its own record fields, while reading the files, the
digest that versions them and the integer checks are the same, so they live here once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

T = TypeVar("T")


def integer(value: object, low: int, high: int) -> TypeGuard[int]:
    """Whether ``value`` is an ``int`` (not a ``bool``) in ``low..=high``."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def records(paths: list[Path]) -> tuple[str, list[dict[str, Any]]]:
    """(the first 16 hex digits of a sha256 over every file's sha256, every line that is a JSON
    object): what ``describe()`` needs. Lines that are not JSON objects are skipped here; the
    adapter's ``read()`` reports them."""
    digest = hashlib.sha256()
    found: list[dict[str, Any]] = []
    for path in paths:
        data = path.read_bytes()
        digest.update(hashlib.sha256(data).digest())
        for line in data.decode("utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                found.append(record)
    return digest.hexdigest()[:16], found


def lines(path: Path, row: Callable[[str, int], T]) -> Iterator[T]:
    """``row(line, number)`` for every non-blank line of ``path`` (numbered from 1), in order."""
    with path.open(encoding="utf-8", errors="replace") as text:
        for number, line in enumerate(text, start=1):
            if line.strip():
                yield row(line, number)
