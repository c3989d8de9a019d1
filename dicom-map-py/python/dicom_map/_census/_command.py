"""``python -m dicom_map census PATH... -o REPORT``: the census from the command line.

The report format follows the extension of ``-o`` (``.csv``, ``.jsonl``, ``.parquet``); the summary
goes to standard output, the progress bar to standard error (only on a terminal, never with
``--quiet``). ``--scheduler ADDR`` runs on a Dask cluster instead of local processes; ``--harvest
FILE`` also writes what the archive teaches the dictionary, for ``make dict HARVEST=FILE``;
``--damaged FILE`` lists every damaged file (CSV: path, reason). Exit 0 on success (damaged files
included: they are reported), 1 on an error (a path that does not exist, an unknown format).
"""

from __future__ import annotations

import argparse
import csv
import os
from typing import Any, TextIO

__all__ = ["add_command", "run_command"]


def add_command(sub: Any) -> None:
    """Register ``census`` on the subparsers ``sub`` of ``python -m dicom_map``."""
    c = sub.add_parser(
        "census",
        help="what private tags an archive holds: one report row per key",
        description="Census of the private tags of DICOM files and folders (recursively).",
    )
    c.add_argument("paths", nargs="+", metavar="PATH", help="DICOM files and folders")
    c.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="REPORT",
        help="the report: .csv, .jsonl or .parquet",
    )
    c.add_argument("--public", action="store_true", help="a row per public tag too")
    c.add_argument("--workers", type=int, default=None, metavar="N", help="local processes")
    c.add_argument("--scheduler", metavar="ADDR", help="run on this Dask scheduler")
    c.add_argument("--quiet", action="store_true", help="no progress bar")
    c.add_argument("--harvest", metavar="FILE", help="JSON lines for the compiler (make dict)")
    c.add_argument("--damaged", metavar="FILE", help="every damaged file, as CSV")
    c.add_argument("--file", metavar="PATH", help="a .dmap file (default: $DMAP_FILE, bundled)")


def run_command(ns: argparse.Namespace, out: TextIO) -> int:
    from dicom_map._census import census
    from dicom_map._census._writers import report_format

    if ns.workers is not None and ns.workers < 1:
        raise ValueError(f"--workers must be at least 1, not {ns.workers}")
    if ns.scheduler and ns.workers is not None:
        raise ValueError("give --workers (local processes) or --scheduler (Dask), not both")
    write = report_format(ns.output)  # an unknown format fails before any file is read
    dictionary = ns.file or os.environ.get("DMAP_FILE") or None
    progress = None if not ns.quiet else False
    if ns.scheduler:
        from distributed import Client

        with Client(ns.scheduler) as client:  # type: ignore[no-untyped-call]
            result = census(
                ns.paths, client=client, dictionary=dictionary, public=ns.public, progress=progress
            )
    else:
        result = census(
            ns.paths, workers=ns.workers, dictionary=dictionary, public=ns.public, progress=progress
        )
    write(result, ns.output)
    out.write(result.summary())
    out.write(f"\nreport       {ns.output} ({len(result)} rows)\n")
    if ns.harvest:
        n = result.to_harvest(ns.harvest)
        out.write(f"harvest      {ns.harvest} ({n} keys the dictionary lacks or contradicts)\n")
    if ns.damaged:
        with open(ns.damaged, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(("path", "reason"))
            w.writerows(result.damaged)
        out.write(f"damaged      {ns.damaged} ({len(result.damaged)} files)\n")
    elif result.damaged:
        out.write(f"damaged      {len(result.damaged)} files: list them all with --damaged FILE\n")
    return 0
