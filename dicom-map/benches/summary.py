"""Turns a run of `benches/lookup.rs` into the Markdown table of BENCHMARKS.md (`## Rust`).

Reads criterion's `new/estimates.json` of every benchmark written since `--since` (seconds since
the epoch; `make bench` passes the time the run started), in the order they finished. Medians with
criterion's 95% confidence interval; for each group that has both a `dicom-map` and a `dicom-rs`
function, the ratio of the medians (ours / theirs: below 1 means dicom-map is faster).

    python3 dicom-map/benches/summary.py target/criterion --since 1700000000
"""

import argparse
import json
import sys
from pathlib import Path


def fmt(ns: float) -> str:
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("criterion_dir", type=Path)
    ap.add_argument("--since", type=float, default=0.0)
    args = ap.parse_args()

    rows = []
    for est in args.criterion_dir.glob("**/new/estimates.json"):
        mtime = est.stat().st_mtime
        if mtime < args.since:
            continue
        meta = json.loads((est.parent / "benchmark.json").read_text())
        median = json.loads(est.read_text())["median"]
        ci = median["confidence_interval"]
        rows.append(
            (
                mtime,
                meta["group_id"],
                meta.get("function_id") or "",
                median["point_estimate"],
                ci["lower_bound"],
                ci["upper_bound"],
            )
        )
    if not rows:
        print(
            f"no benchmark results newer than {args.since} in {args.criterion_dir}", file=sys.stderr
        )
        return 1
    rows.sort()

    print("| group | benchmark | median | 95% CI |")
    print("| --- | --- | --- | --- |")
    for _, group, function, med, lo, hi in rows:
        print(f"| {group} | {function} | {fmt(med)} | {fmt(lo)} – {fmt(hi)} |")

    medians = {(g, f): m for _, g, f, m, _, _ in rows}
    groups = [
        g
        for g in dict.fromkeys(g for _, g, *_ in rows)
        if (g, "dicom-map") in medians and (g, "dicom-rs") in medians
    ]
    if groups:
        print()
        print("| question | dicom-map | dicom-rs | ratio (dicom-map / dicom-rs) |")
        print("| --- | --- | --- | --- |")
        for g in groups:
            ours, theirs = medians[(g, "dicom-map")], medians[(g, "dicom-rs")]
            print(f"| {g} | {fmt(ours)} | {fmt(theirs)} | {ours / theirs:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
