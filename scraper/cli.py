"""The command line: ``python -m scraper FILE_OR_DIR... -o out.jsonl [--rejects rejects.jsonl]``.

Directories are searched recursively for ``*.pdf``. Files are read in parallel, one worker process per
core (``--jobs``); a single big file has its pages read on those cores instead. Output is written in
the order given (directories sorted; inputs that do not exist are reported first), so the same inputs
give the same output bytes. Records go to ``-o`` (default stdout), one JSON object per line; rejects
(rows, pages, files) to ``--rejects``; diagnostics and the summary to stderr.

Exit status: 0 every file was read; 1 at least one file could not be read (the others were written);
2 usage error, no PDF found, or an output file that cannot be written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TextIO

from .progress import Progress
from .records import FileResult, Reject
from .workers import DEFAULT_MEMORY, DEFAULT_TIMEOUT, Limits, scrape_limited


def find_pdfs(inputs: Sequence[str]) -> tuple[list[Path], list[FileResult]]:
    """The PDFs named or found under the inputs, and a failed result for each input that is missing."""
    found: list[Path] = []
    missing: list[FileResult] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
            )
        elif path.is_file():
            found.append(path)
        else:
            result = FileResult(path=item, error="missing")
            result.rejects.append(Reject("file", path.name, "no such file or directory"))
            missing.append(result)
    return found, missing


def scrape_all(
    paths: Sequence[Path], jobs: int, limits: Limits | None = None, explain: bool = False
) -> Iterator[FileResult]:
    """Scrape every path, each in its own limited worker, ``jobs`` at a time, in input order."""
    return scrape_limited(paths, jobs, limits or Limits(), explain)


def _cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m scraper",
        description="Harvest private-tag tables from DICOM conformance-statement PDFs into JSON Lines.",
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="FILE_OR_DIR", help="PDF files, or directories to search"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="records, one JSON object a line (default, or '-': stdout)",
    )
    parser.add_argument(
        "--rejects", metavar="FILE", help="rows, pages and files not turned into records, and why"
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=_cores(), help="worker processes (default: one per core)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"wall-clock limit per file; a file that hits it is reported failed "
        f"(default {DEFAULT_TIMEOUT:g}; 0: none)",
    )
    parser.add_argument(
        "--max-memory",
        type=int,
        default=DEFAULT_MEMORY,
        metavar="MIB",
        help=f"address-space limit per file's worker (default {DEFAULT_MEMORY}; 0: none)",
    )
    parser.add_argument(
        "--explain-pages",
        action="store_true",
        help="say on stderr, page by page, what was found and why a page gave no records",
    )
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.timeout < 0 or args.max_memory < 0:
        parser.error("--jobs must be at least 1; --timeout and --max-memory must not be negative")

    paths, missing = find_pdfs(args.inputs)
    if not paths and not missing:
        print("scraper: no PDF found in the inputs", file=sys.stderr)
        return 2
    tally = Tally()
    with ExitStack() as stack:
        try:
            out = (
                stack.enter_context(_open(args.output))
                if args.output not in (None, "-")
                else sys.stdout
            )
            rejects = (
                sys.stdout
                if args.rejects == "-"
                else stack.enter_context(_open(args.rejects))
                if args.rejects
                else None
            )
        except OSError as error:  # a missing folder, no permission, a full disk
            print(f"scraper: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
            return 2
        progress = Progress(len(paths) + len(missing), sys.stderr)
        limits = Limits(args.timeout, args.max_memory)
        for result in chain(missing, scrape_all(paths, args.jobs, limits, args.explain_pages)):
            for record in result.records:
                out.write(record.to_json() + "\n")
            if rejects is not None:
                for reject in result.rejects:
                    rejects.write(reject.to_json() + "\n")
            for line in result.explained:
                print(f"scraper: {line}", file=sys.stderr)
            if result.error:
                progress.clear()
                print(f"scraper: {result.path}: {_why(result)}", file=sys.stderr)
            tally.add(result)
            progress.update(tally.files, tally.records, len(tally.failed))
        progress.clear()
    tally.report(sys.stderr)
    return 1 if tally.failed else 0


@dataclass
class Tally:
    """The batch summary, counted as results stream past (records are not kept)."""

    files: int = 0
    records: int = 0
    pages: int = 0
    screened: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.records += len(result.records)
        self.pages += result.pages
        self.screened += len(result.screened)
        self.reasons.update(r.reason for r in result.rejects if r.kind != "file")
        if result.error:
            self.failed.append((result.path, _why(result)))

    def report(self, err: TextIO) -> None:
        print(
            f"scraper: {self.files} files: {self.files - len(self.failed)} read, {len(self.failed)} failed; "
            f"{self.records} records from {self.screened} of {self.pages} pages kept by the screen; "
            f"{sum(self.reasons.values())} rows or pages rejected",
            file=err,
        )
        for reason, count in sorted(self.reasons.items(), key=lambda item: (-item[1], item[0])):
            print(f"scraper:   rejected {count} x {reason}", file=err)
        for path, why in self.failed:
            print(f"scraper:   failed {path}: {why}", file=err)


def _why(result: FileResult) -> str:
    reject = next(r for r in result.rejects if r.kind == "file")
    return f"{reject.reason} ({reject.text})" if reject.text else reject.reason


def _open(name: str) -> TextIO:
    return open(name, "w", encoding="utf-8", newline="\n")
