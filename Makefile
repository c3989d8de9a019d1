# The project's commands. Two of them are all a fresh machine needs:
#   make run    build the CLI and look up (0008,0005) in the bundled dictionary
#   make test   every test: Rust, the dictionary compiler, the scraper, Python, C
# Everything Python runs inside .venv, created here from the pinned requirements-dev.txt.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements-dev.txt | cut -c1-16)
SHARED ?= ../shared

.PHONY: run test venv lint lint-rust dict test-rust test-compiler test-scraper test-python test-c \
	test-rebuild bench wheel sdist test-crate test-sdist fuzz

run:
	cargo run --quiet --release -p dicom-map --features embedded,cli --bin dicom-lookup -- 0008 0005

test: venv lint lint-rust test-rust test-compiler test-scraper test-python test-c test-rebuild \
		test-crate test-sdist
	@echo "make test: every suite passed"

venv: $(STAMP)
$(STAMP): requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

# Rebuild data/ from every source (needs ../shared/sources and the registries).
# HARVEST="a.jsonl b.jsonl": add census harvests (python -m dicom_map census --harvest) as a source.
HARVEST ?=
dict: venv
	PYTHONPATH=compiler $(PY) -m dicom_map_compiler.build --shared $(SHARED) --out data \
		$(foreach h,$(HARVEST),--harvest $(h))

# Lints: ruff (rules and formatting) on every Python file of the repository.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Rust lints, on the toolchain rust-toolchain.toml pins: formatting, clippy on every target and
# feature with warnings as errors (and the MSRV of Cargo.toml, which clippy's incompatible_msrv
# checks), and the API docs (private items too) with every rustdoc warning, such as a broken
# intra-doc link, an error.
lint-rust:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --all-features --no-deps --document-private-items

test-rust:
	cargo nextest run --workspace --all-features --no-fail-fast
	cargo test --doc -p dicom-map --all-features

# The dictionary compiler: mypy --strict on the package (issue 11), then its tests.
test-compiler: venv
	cd compiler && ../$(PY) -m mypy --strict dicom_map_compiler
	cd compiler && ../$(PY) -m pytest -q

test-scraper: venv
	$(PY) -m mypy --config-file scraper/mypy.ini scraper
	cd scraper && ../$(PY) -m pytest -q

# The Python package (pyproject.toml, dicom-map-py/).
# `make wheel`: the one abi3 wheel, which embeds dicom-map/tags.dmap, portable to every Linux with
# glibc 2.17 or later (manylinux2014): zig (the pinned `ziglang` package, found by maturin as
# `python -m ziglang`, hence .venv/bin first on PATH) links it against glibc 2.17's symbols, no
# Docker needed. auditwheel checks the result in tests/test_wheel.py.
# `make sdist`: the source distribution, for every platform without a wheel.
PY_WHEELS := $(abspath $(or $(CARGO_TARGET_DIR),target))/wheels
MATURIN := PATH="$(abspath $(VENV))/bin:$$PATH" $(PY) -m maturin
wheel: venv
	rm -f $(PY_WHEELS)/dicom_map-*.whl
	$(MATURIN) build --release --quiet --zig --compatibility manylinux2014 --interpreter $(PY) \
		--out $(PY_WHEELS)

sdist: venv
	rm -f $(PY_WHEELS)/dicom_map-*.tar.gz
	$(MATURIN) sdist --out $(PY_WHEELS)

# Build the portable wheel; install it into .venv; check the hand-written stub against the
# compiled module and type-check the facade; run tests/ (warnings are errors), including
# tests/test_wheel.py, which checks the wheel with auditwheel, installs it into a fresh virtualenv
# and runs the README's one-liner and the `dicom-map` command there.
test-python: venv wheel
	$(PY) -m pip install --quiet --disable-pip-version-check --no-index --force-reinstall --no-deps \
		$(PY_WHEELS)/dicom_map-*.whl
	$(PY) -m mypy.stubtest dicom_map
	$(PY) -m mypy
	DICOM_MAP_WHEEL="$$(ls $(PY_WHEELS)/dicom_map-*.whl)" $(PY) -m pytest -q tests

# The C ABI (dicom-map-ffi): the committed header is exactly what cbindgen generates; a C99 test
# (tests/c/test_dicom_map.c, static library), the header as C++17 (tests/c/test_header.cpp) and
# the README's example (dicom-map-ffi/examples/lookup.c, shared library) compile with warnings as
# errors and run under valgrind, which fails on any memory error or definite/indirect leak; the
# output the README shows for the example is what it prints; dmap_version() is the workspace's.
C_BUILD := tests/c/build
# cargo's output directory (CARGO_TARGET_DIR when set).
FFI_LIB := $(abspath $(or $(CARGO_TARGET_DIR),target))/release
C_WARN := -Wall -Wextra -Werror -pedantic
VALGRIND := valgrind --quiet --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect

test-c: venv
	awk '/^## C and C\+\+/ { s = 1 } s && /^```c$$/ { p = 1; next } p && /^```$$/ { exit } p' README.md \
		| diff -u - dicom-map-ffi/examples/lookup.c
	cargo test --quiet -p dicom-map-ffi --test header
	cargo build --release -p dicom-map-ffi
	mkdir -p $(C_BUILD)
	gcc -std=c99 $(C_WARN) -O1 -g -Idicom-map-ffi/include tests/c/test_dicom_map.c \
		$(FFI_LIB)/libdicom_map_ffi.a -lpthread -ldl -lm -o $(C_BUILD)/test_dicom_map
	g++ -std=c++11 $(C_WARN) -fsyntax-only -Idicom-map-ffi/include tests/c/test_header.cpp
	g++ -std=c++17 $(C_WARN) -O1 -g -Idicom-map-ffi/include tests/c/test_header.cpp \
		-L$(FFI_LIB) -ldicom_map_ffi -Wl,-rpath,$(FFI_LIB) -o $(C_BUILD)/test_header_cpp
	gcc -std=c99 $(C_WARN) -Idicom-map-ffi/include dicom-map-ffi/examples/lookup.c \
		-L$(FFI_LIB) -ldicom_map_ffi -o $(C_BUILD)/lookup
	gcc -std=c99 $(C_WARN) -Idicom-map-ffi/include dicom-map-ffi/examples/lookup.c \
		$(FFI_LIB)/libdicom_map_ffi.a -lpthread -ldl -lm -o $(C_BUILD)/lookup_static
	$(VALGRIND) $(C_BUILD)/test_dicom_map dicom-map/tags.dmap
	$(VALGRIND) $(C_BUILD)/test_header_cpp
	LD_LIBRARY_PATH=$(FFI_LIB) $(VALGRIND) $(C_BUILD)/lookup dicom-map/tags.dmap > $(C_BUILD)/lookup.out
	$(VALGRIND) $(C_BUILD)/lookup_static > $(C_BUILD)/lookup_static.out
	cat $(C_BUILD)/lookup.out
	grep -q '^(0008,0005) public   SpecificCharacterSet  *VR CS  *VM 1-n' $(C_BUILD)/lookup.out
	grep -q '^(0029,1010) private  CSAImageHeaderInfo  *VR OB .*SIEMENS CSA HEADER$$' $(C_BUILD)/lookup.out
	grep -q '^(0029,1010) not in the dictionary$$' $(C_BUILD)/lookup.out
	diff $(C_BUILD)/lookup.out $(C_BUILD)/lookup_static.out
	awk '/^## C and C\+\+/ { s = 1 } s && /^```console$$/ { p = 1; next } p && /^```$$/ { exit } p' README.md \
		| diff -u - <(sed 's/ *$$//' $(C_BUILD)/lookup.out)
	DICOM_MAP_FFI_LIB=$(FFI_LIB)/libdicom_map_ffi.so $(PY) -m pytest -q --noconftest tests/test_versions.py -k c_library
	@echo "test-c: the C and C++ tests passed under valgrind"

# The crate as crates.io would serve it: `cargo package -p dicom-map`, unpacked alone outside the
# workspace, builds with every feature and none and passes its tests; `cargo install` from it gives
# a `dicom-lookup` that answers with no flags (tests/packaging/check_crate.sh; builds in
# target/packaged, kept between runs).
test-crate:
	tests/packaging/check_crate.sh

# The sdist builds and installs from scratch in a fresh virtualenv (pip fetches maturin from PyPI),
# and the dictionary is compiled in (tests/test_sdist.py). Cargo builds in target/sdist, kept
# between runs for the dependencies; this project's crates' fingerprints are removed first, because
# every file of an sdist carries the same old timestamp and cargo would take earlier builds of them
# for fresh.
SDIST_TARGET := $(abspath $(or $(CARGO_TARGET_DIR),target))/sdist
test-sdist: venv sdist
	rm -rf $(SDIST_TARGET)/*/.fingerprint/dicom-map-*
	CARGO_TARGET_DIR=$(SDIST_TARGET) DICOM_MAP_SDIST="$$(ls $(PY_WHEELS)/dicom_map-*.tar.gz)" \
		$(PY) -m pytest -q --noconftest tests/test_sdist.py

# The committed data/ must be exactly what the sources rebuild (skipped only without ../shared).
test-rebuild: venv
	PYTHONPATH=compiler $(PY) -m dicom_map_compiler.check_rebuild --shared $(SHARED) --data data

# The Rust benchmarks (BENCHMARKS.md, "Rust"): every lookup kind (one question each, and over the
# real query set of benches/queries.txt), open and verify, dicom-rs's standard dictionary asked the
# same public questions, and the C ABI against the Rust call, all in one run; then the tables with
# the ratios; then the issue's ratios measured interleaved over the real query set, for the lookups
# and for the C ABI against the Rust call (dicom-map/benches/ratios.rs, dicom-map-ffi/benches/ratios.rs:
# steadier than criterion's on a shared machine); and the file size per entry. Shorter criterion
# timings than its defaults: 2 shared cores.
CRITERION_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))/criterion
bench: venv
	start=$$(date +%s); \
	cargo bench -p dicom-map --features embedded --bench lookup -- --warm-up-time 1 --measurement-time 3 && \
	cargo bench -p dicom-map-ffi --bench ffi -- --warm-up-time 1 --measurement-time 3 && \
	$(PY) dicom-map/benches/summary.py $(CRITERION_DIR) --since $$start
	cargo bench -p dicom-map --features embedded --bench ratios
	cargo bench -p dicom-map-ffi --bench ratios
	cargo run --quiet --release -p dicom-map --features cli --bin dicom-lookup -- --file dicom-map/tags.dmap info \
		| grep -E '^(size|entries|bytes/tag):'

# Fuzzing (not part of `make test`, which replays the committed inputs in
# dicom-map/tests/fuzz_replay.rs on stable). Runs each cargo-fuzz target of fuzz/ for
# FUZZ_SECONDS (default 60) and prints executions and outcome per target; needs nightly Rust and
# installs cargo-fuzz if it is missing. `make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS="text search"`.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= parse text bytes mutated search
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
