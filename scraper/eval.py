"""Evaluation on the generated corpus: ``python -m scraper.eval --part tune --count 100 --out r.md``.

Generates documents (:mod:`scraper.tests.gen`), runs :func:`scraper.scrape_file` on each, and
writes a Markdown report: recall, precision, creator accuracy and VR accuracy overall and one line
per phenomenon, then every miss, false positive, wrong creator and wrong VR, with the seed. Each
document is generated and read in a worker process with a time limit, so a document that hangs or
kills its worker is reported as failed (all its truths missed) and the run goes on.

Tune on ``--part tune`` only. ``--part heldout`` is for the numbers in scraper/README.md.

``--corpus vendor`` scores the vendor-style corpus instead (:mod:`scraper.tests.vendor`: one
document per table style, whole vendors held out), per style and per phenomenon.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, TimeoutError
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from scraper.tests.gen import PHENOMENA, generate, seeds, spec_for
from scraper.tests.gen.score import Counts, Tally


@dataclass
class Outcome:
    seed: int
    records: list  # type: ignore[type-arg]  # scraper.Record, kept loose for pickling
    error: str | None
    seconds: float


def run_one(seed: int, keep: str | None) -> Outcome:
    """Generate the document of ``seed`` and scrape it (in a worker process)."""
    from scraper import scrape_file

    with tempfile.TemporaryDirectory(prefix="scraper-eval-") as tmp:
        doc = generate(seed, keep or tmp)
        start = time.perf_counter()
        result = scrape_file(doc.path)
        return Outcome(seed, result.records, result.error, time.perf_counter() - start)


def run_vendor(index: int, keep: str | None) -> Outcome:
    """Print the vendor style ``STYLES[index]`` and scrape it (in a worker process)."""
    from scraper import scrape_file
    from scraper.tests.vendor import STYLES, build

    with tempfile.TemporaryDirectory(prefix="scraper-eval-") as tmp:
        doc = build(STYLES[index], keep or tmp)
        start = time.perf_counter()
        result = scrape_file(doc.path)
        return Outcome(index, result.records, result.error, time.perf_counter() - start)


Worker = Callable[[int, Optional[str]], Outcome]


def run(
    seed_list: Sequence[int],
    jobs: int,
    keep: str | None,
    timeout: float,
    worker: Worker = run_one,
) -> list[Outcome]:
    """Every seed's outcome, in order; a hung or dead worker fails only its own document.

    When a worker dies or hangs, the documents finished so far are kept and the rest are read one
    worker at a time, where the document that breaks the pool is the one being read.
    """
    outcomes: dict[int, Outcome] = {}
    pending = list(seed_list)
    while pending:
        done, broken = _batch(pending, jobs, keep, timeout, worker)
        outcomes.update(done)
        pending = [s for s in pending if s not in outcomes]
        if broken and jobs == 1 and pending:
            outcomes[pending[0]] = Outcome(pending[0], [], broken, 0.0)
            pending = pending[1:]
        elif broken:
            jobs = 1
    return [outcomes[s] for s in seed_list]


def _batch(
    seed_list: Sequence[int], jobs: int, keep: str | None, timeout: float, worker: Worker
) -> tuple[dict[int, Outcome], str | None]:
    """The outcomes one pool gives before it finishes or breaks, and why it broke."""
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    futures = {seed: pool.submit(worker, seed, keep) for seed in seed_list}
    done: dict[int, Outcome] = {}
    broken: str | None = None
    wait = timeout + 30 if jobs == 1 else 2 * timeout + 30  # 30 s: a spawned worker's start
    for seed, future in futures.items():
        try:
            done[seed] = future.result(timeout=wait)
        except BrokenProcessPool:
            broken = "worker died"
        except TimeoutError:
            broken = f"no result within {timeout:.0f} s"
        except Exception as err:  # noqa: BLE001 - any generator or scraper bug is a failure
            done[seed] = Outcome(seed, [], f"{type(err).__name__}: {err}", 0.0)
        if broken:
            break
    if broken is None:
        pool.shutdown()
        return done, None
    for seed, future in futures.items():  # keep what other workers finished
        if seed not in done and future.done() and not future.cancelled():
            if future.exception() is None:
                done[seed] = future.result()
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()  # a hung worker would otherwise keep the pool alive
    pool.shutdown(wait=False, cancel_futures=True)
    return done, broken


def tally(outcomes: Sequence[Outcome]) -> Tally:
    result = Tally()
    for outcome in outcomes:
        result.add(spec_for(outcome.seed), outcome.records, outcome.error)
    return result


def _line(label: str, c: Counts) -> str:
    vr = f"{c.vr:.3f}" if c.vr_total else "-"
    return (
        f"| {label} | {c.truths} | {c.recall:.3f} | {c.precision:.3f} | {c.creator:.3f} | {vr} "
        f"| {c.name:.3f} |"
    )


def report(t: Tally, title: str, limit: int) -> str:
    lines = [
        f"# {title}",
        "",
        f"{t.documents} documents, {t.overall.truths} private tags expected, "
        f"{t.overall.records} records, {len(t.failed)} documents failed.",
        "",
        "| phenomenon | truths | recall | precision | creator | VR | name |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        _line("**overall**", t.overall),
    ]
    for name in PHENOMENA:
        if name in t.by_phenomenon:
            lines.append(_line(name, t.by_phenomenon[name]))
    for heading, items in (
        ("Failed documents", t.failed),
        ("Missed", t.missed),
        ("False positives", t.false_positives),
        ("Wrong creator", t.wrong_creator),
        ("Wrong VR", t.wrong_vr),
    ):
        lines += ["", f"## {heading} ({len(items)})", ""]
        lines += [f"- {item}" for item in items[:limit]]
        if len(items) > limit:
            lines.append(f"- ... and {len(items) - limit} more")
    return "\n".join(lines) + "\n"


def parse_seeds(text: str) -> list[int]:
    """``1,2,10-19`` -> [1, 2, 10, ..., 19]."""
    out: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        low, _, high = part.partition("-")
        out.extend(range(int(low), int(high or low) + 1))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scraper.eval", description=__doc__)
    parser.add_argument("--corpus", choices=("gen", "vendor"), default="gen")
    parser.add_argument("--part", choices=("tune", "heldout", "all"), default="tune")
    parser.add_argument("--count", type=int, default=100, help="documents (default 100)")
    parser.add_argument("--start", type=int, default=0, help="first seed's index in the part")
    parser.add_argument("--seeds", help="explicit seeds, e.g. 3,7,20-29 (overrides --part)")
    parser.add_argument("--out", default="-", help="report file (default: stdout)")
    parser.add_argument("--keep", help="keep the generated PDFs in this directory")
    parser.add_argument("--jobs", type=int, default=max(1, min(2, multiprocessing.cpu_count())))
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per document")
    parser.add_argument("--limit", type=int, default=200, help="items listed per section")
    args = parser.parse_args(argv)
    if args.corpus == "vendor":
        return _vendor(args)
    if args.part == "all":
        parser.error("--part all: only with --corpus vendor")
    if args.seeds:
        try:
            seed_list = parse_seeds(args.seeds)
        except ValueError:
            parser.error(f"--seeds: not a list of seeds: {args.seeds!r}")
        title = f"Scraper on generated statements, seeds {args.seeds}"
    else:
        seed_list = list(seeds(args.part, args.count, args.start))
        title = (
            f"Scraper on generated statements: {args.part} part, seeds "
            f"{seed_list[0]}-{seed_list[-1]}"
        )
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    outcomes = run(seed_list, max(1, args.jobs), args.keep, args.timeout)
    text = report(tally(outcomes), title, args.limit)
    elapsed = time.perf_counter() - started
    text += f"\nScraping took {sum(o.seconds for o in outcomes):.1f} s; the run {elapsed:.1f} s.\n"
    _emit(text, args.out)
    return 0


def _emit(text: str, out: str) -> None:
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)


def _vendor(args: argparse.Namespace) -> int:
    """The vendor corpus's report (``--part``: tune, heldout or all styles)."""
    from scraper.tests.vendor import STYLES, truths_of
    from scraper.tests.vendor.score import VendorTally
    from scraper.tests.vendor.score import report as vendor_report

    chosen = [i for i, s in enumerate(STYLES) if args.part in ("all", s.part)]
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    outcomes = run(chosen, max(1, args.jobs), args.keep, args.timeout, run_vendor)
    scored = VendorTally()
    for outcome in outcomes:
        style = STYLES[outcome.seed]
        scored.add(style.name, truths_of(style), outcome.records, outcome.error)
    title = f"Scraper on the vendor-style corpus: {args.part} part, {len(chosen)} styles"
    text = vendor_report(scored, title, args.limit)
    elapsed = time.perf_counter() - started
    text += f"\nScraping took {sum(o.seconds for o in outcomes):.1f} s; the run {elapsed:.1f} s.\n"
    _emit(text, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
