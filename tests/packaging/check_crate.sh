#!/usr/bin/env bash
# The crate as crates.io would serve it: `cargo package -p dicom-map`, unpacked alone outside the
# workspace, must hold the bundled dictionary and the licence files, build with every feature and
# with none, pass its own tests, and `cargo install` from it must give a `dicom-lookup` that
# answers with the bundled dictionary, no flags and no file.
#
#   tests/packaging/check_crate.sh        (make test-package)
#
# Builds go to $CARGO_TARGET_DIR/packaged (default target/packaged), kept between runs so that only
# dicom-map itself is compiled again; the unpacked crate and the install root are removed on exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
target=$(realpath -m "${CARGO_TARGET_DIR:-$root/target}")
export CARGO_TARGET_DIR=$target/packaged
# Outside the repository (cargo would take the unpacked crate for part of its workspace), at a
# path fixed per checkout: the path is compiled in (CARGO_MANIFEST_DIR), and a fixed one keeps
# target/packaged from collecting a copy of the crate's artefacts per run.
work=${TMPDIR:-/tmp}/dicom-map-check-crate.$(printf %s "$root" | sha256sum | cut -c1-12)
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

fail() {
    echo "check_crate: $*" >&2
    exit 1
}

version=$(cd "$root" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "dicom-map"))')
crate=dicom-map-$version

# --allow-dirty: the test checks the working tree, committed or not. --no-verify: cargo's own
# verification builds the default features only; everything it would do is done below, and more.
(cd "$root" && CARGO_TARGET_DIR=$target cargo package --quiet -p dicom-map --allow-dirty --no-verify)
cp "$target/package/$crate.crate" "$work/"
listing=$(tar -tvzf "$work/$crate.crate")
if grep -q '^l' <<<"$listing"; then
    fail "the .crate holds symlinks, not files: $(grep '^l' <<<"$listing")"
fi
# -m: the files get the time of extraction, not the archive's, so cargo always compiles the
# unpacked crate again instead of trusting artefacts of an earlier run.
tar -xzmf "$work/$crate.crate" -C "$work"
pkg=$work/$crate
[[ ! -e $work/Cargo.toml ]] || fail "a Cargo.toml above the unpacked crate would make it part of a workspace"

# The bundled dictionary and the licence files are the repository's, byte for byte.
cmp "$pkg/tags.dmap" "$root/dicom-map/tags.dmap" || fail "tags.dmap differs from dicom-map/tags.dmap"
for f in LICENSE-MIT LICENSE-APACHE THIRD_PARTY_LICENSES.md README.md; do
    [[ -f $pkg/$f && ! -L $pkg/$f ]] || fail "$f is missing from the packaged crate"
    cmp "$pkg/$f" "$root/$f" || fail "the packaged $f differs from the repository's"
done
grep -q '^license = "MIT OR Apache-2.0"$' "$pkg/Cargo.toml" || fail "no licence in the packaged Cargo.toml"

cd "$pkg"
# Every feature, every target (the benchmark runs once, as a test), then the doctests.
cargo test --quiet --locked --all-features --all-targets
cargo test --quiet --locked --all-features --doc
# What a library user builds: no feature at all, and the reader with the bundled dictionary.
cargo build --quiet --locked --lib --no-default-features
cargo build --quiet --locked --lib --no-default-features --features embedded

# README.md's Rust section, as a user would follow it: a new project whose Cargo.toml has the
# dependency line the README gives (pointed at the unpacked crate) and whose main is the README's
# example, run from the repository so that its dicom-map/tags.dmap path exists.
app=$work/readme-example
mkdir -p "$app/src"
rust_section=$(awk '/^## Rust$/ { s = 1; next } s && /^## / { exit } s' "$root/README.md")
dependency=$(awk '/^```toml$/ { p = 1; next } p && /^```$/ { exit } p && /^dicom-map = /' <<<"$rust_section")
[[ $dependency == *'default-features = false'* ]] || fail "README.md's Cargo.toml line: $dependency"
{
    printf '[package]\nname = "readme-example"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
    printf '[dependencies]\n%s\n' "$(sed -E "s|version = \"[^\"]*\"|path = \"$pkg\"|" <<<"$dependency")"
} >"$app/Cargo.toml"
{
    echo 'fn main() -> Result<(), Box<dyn std::error::Error>> {'
    awk '/^```rust$/ { p = 1; next } p && /^```$/ { exit } p' <<<"$rust_section"
    echo '    Ok(())'
    echo '}'
} >"$app/src/main.rs"
cp "$pkg/Cargo.lock" "$app/Cargo.lock"
(cd "$app" && cargo build --quiet)
out=$(cd "$root" && "$CARGO_TARGET_DIR/debug/readme-example")
grep -q '^(0019,xx0C) BValue IS' <<<"$out" || fail "README.md's Rust example printed: $out"
# The example depends on the reader and the dictionary only: no clap, no serde_json.
if (cd "$app" && cargo tree --quiet --edges normal) | grep -Eq '^.*(clap|serde_json) v'; then
    fail "the README's dependency line pulls in the CLI's dependencies"
fi

# `cargo install dicom-map`: the default features give the CLI with the bundled dictionary.
cargo install --quiet --locked --path . --root "$work/root"
bin=$work/root/bin/dicom-lookup
[[ -x $bin ]] || fail "cargo install did not install dicom-lookup"
cd "$work"
# A clean environment: no $DMAP_FILE, no tags.dmap in reach; the answer must come from the binary.
run() { env -i HOME="$work" PATH=/usr/bin:/bin "$bin" "$@"; }
out=$(run 0008 0005)
grep -q 'SpecificCharacterSet' <<<"$out" || fail "dicom-lookup 0008 0005 printed: $out"
out=$(run 0029 1010 "SIEMENS CSA HEADER")
grep -q 'CSAImageHeaderInfo' <<<"$out" || fail "dicom-lookup 0029 1010 'SIEMENS CSA HEADER' printed: $out"
out=$(run verify)
grep -q '^ok' <<<"$out" || fail "dicom-lookup verify printed: $out"
out=$(run --version)
grep -q "^dicom-lookup $version" <<<"$out" || fail "dicom-lookup --version printed: $out"
status=0
run 0009 0001 >/dev/null 2>&1 || status=$?
[[ $status == 3 ]] || fail "an unknown tag exited $status, not 3"
echo "check_crate: $crate unpacked alone builds with all features and none, passes its tests;" \
    "cargo install gives a working dicom-lookup"
