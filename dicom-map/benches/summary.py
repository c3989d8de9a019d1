"""Turns a run of `benches/lookup.rs` and `dicom-map-ffi/benches/ffi.rs` into the Markdown tables
of BENCHMARKS.md (`## Rust`).

Reads criterion's `new/estimates.json` of every benchmark written since `--since` (seconds since
the epoch; `make bench` passes the time the run started), in the order they finished. Medians with
criterion's 95% confidence interval, and per lookup for a benchmark over a query set (criterion's
throughput in elements). Then the ratios of the issue's targets, all from this one run: each kind
of lookup against the public hit (one question each, and over the real query set), dicom-map
against dicom-rs, and `dmap_lookup` against `Dict::lookup`.

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
        per = (meta.get("throughput") or {}).get("Elements") or 1
        rows.append(
            (
                mtime,
                meta["group_id"],
                meta.get("function_id") or "",
                median["point_estimate"] / per,
                ci["lower_bound"] / per,
                ci["upper_bound"] / per,
            )
        )
    if not rows:
        print(
            f"no benchmark results newer than {args.since} in {args.criterion_dir}", file=sys.stderr
        )
        return 1
    rows.sort()

    print("| group | benchmark | median per lookup | 95% CI |")
    print("| --- | --- | --- | --- |")
    for _, group, function, med, lo, hi in rows:
        print(f"| {group} | {function} | {fmt(med)} | {fmt(lo)} – {fmt(hi)} |")

    medians = {(g, f): m for _, g, f, m, _, _ in rows}
    ratios = []  # (question, numerator, denominator)
    for group, public in (
        ("dicom-map", "public hit (0008,0005)"),
        ("real query sets", "public hit"),
    ):
        for (g, f), _ in medians.items():
            if (
                g == group
                and f != public
                and not f.startswith("public hit")
                and "dicom-rs" not in f
            ):
                if "hit" in f or "miss, unknown" in f:
                    ratios.append((f"{g}: {f} / {public}", (g, f), (g, public)))
    for g in dict.fromkeys(g for _, g, *_ in rows):
        if (g, "dicom-map") in medians and (g, "dicom-rs") in medians:
            ratios.append((f"{g}: dicom-map / dicom-rs", (g, "dicom-map"), (g, "dicom-rs")))
        for ours, theirs in (
            ("public hit", "public hit, dicom-rs by_tag"),
            ("keyword -> tag", "keyword -> tag, dicom-rs by_name"),
        ):
            if (g, ours) in medians and (g, theirs) in medians:
                ratios.append((f"{g}: {ours} / {theirs}", (g, ours), (g, theirs)))
        for c, rust in (
            ("dmap_lookup", "Dict::lookup"),
            ("dmap_lookup_keyword", "Dict::lookup_keyword"),
        ):
            if (g, c) in medians and (g, rust) in medians:
                ratios.append((f"{g}: {c} / {rust}", (g, c), (g, rust)))
    if ratios:
        print()
        print("| ratio (same run) | numerator | denominator | ratio |")
        print("| --- | --- | --- | --- |")
        for name, a, b in ratios:
            print(
                f"| {name} | {fmt(medians[a])} | {fmt(medians[b])} | {medians[a] / medians[b]:.2f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
