#!/usr/bin/env bash
# Runs each cargo-fuzz target for a set time and prints one line per target: executions, corpus
# size, and the outcome. Used by `make fuzz`; needs nightly Rust and cargo-fuzz.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     (default: 60 s each, every target)
#
# FUZZ_SANITIZER=none builds without AddressSanitizer (in target-nosan/, with debug assertions,
# so integer overflow still panics): several times the executions per second, for the
# dictionary-free `parse` target whose code is all safe Rust.
#
# The working corpus grows in fuzz/corpus/<target> (ignored by git), seeded from the committed
# fuzz/seeds/<target>. A crash stops that target, leaves its input in fuzz/artifacts/<target>/,
# and makes this script exit 1: minimise it (`cargo +nightly fuzz tmin <target> <file>`), fix the
# bug, and commit the minimised input to fuzz/regressions/<target>/ so the test suite replays it.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(parse text bytes mutated search)
fi
mkdir -p logs
failed=0
build=()
if [ "${FUZZ_SANITIZER:-address}" = none ]; then
    build=(-s none -a --target-dir target-nosan)
fi
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    log="logs/$t.log"
    # -rss_limit_mb bounds memory; -timeout turns a slow input (a hang) into a reported failure.
    if cargo +nightly fuzz run "${build[@]}" "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 >"$log" 2>&1; then
        outcome="no crash, hang or leak"
    else
        outcome="FAILED (see fuzz/$log and fuzz/artifacts/$t/)"
        failed=1
    fi
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo "?")
    printf '%-8s %12s executions in %ss (sanitizer %s), corpus %5s files: %s\n' \
        "$t" "$execs" "$seconds" "${FUZZ_SANITIZER:-address}" "$(find "corpus/$t" -type f | wc -l)" \
        "$outcome"
done
exit "$failed"
