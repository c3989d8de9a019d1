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

.PHONY: run test venv lint dict test-rust test-compiler test-scraper test-python test-c test-rebuild bench

run:
	cargo run --quiet --release -p dicom-map --features embedded,cli --bin dicom-lookup -- 0008 0005

test: venv lint test-rust test-compiler test-scraper test-python test-c test-rebuild
	@echo "make test: every suite passed"

venv: $(STAMP)
$(STAMP): requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

# Rebuild data/ from every source (needs ../shared/sources and the registries).
dict: venv
	PYTHONPATH=compiler $(PY) -m dicom_map_compiler.build --shared $(SHARED) --out data

# Lints: ruff (rules and formatting) on every Python file of the repository.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test-rust:
	cargo nextest run --workspace --all-features --no-fail-fast
	cargo test --doc -p dicom-map --all-features

test-compiler: venv
	cd compiler && ../$(PY) -m pytest -q

test-scraper: venv
	$(PY) -m mypy --config-file scraper/mypy.ini scraper
	cd scraper && ../$(PY) -m pytest -q

# The Python package (pyproject.toml, dicom-map-py/): build the one abi3 wheel, which embeds
# dicom-map/tags.dmap; install it into .venv; check the hand-written stub against the compiled module
# and type-check the facade; run tests/ (warnings are errors), including tests/test_wheel.py, which
# installs the same wheel into a fresh virtualenv and runs the README's one-liner there.
PY_WHEELS := $(abspath $(or $(CARGO_TARGET_DIR),target))/wheels
test-python: venv
	rm -f $(PY_WHEELS)/dicom_map-*.whl
	$(PY) -m maturin build --release --quiet --interpreter $(PY) --out $(PY_WHEELS)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-index --force-reinstall --no-deps \
		$(PY_WHEELS)/dicom_map-*.whl
	$(PY) -m mypy.stubtest dicom_map
	$(PY) -m mypy
	DICOM_MAP_WHEEL="$$(ls $(PY_WHEELS)/dicom_map-*.whl)" $(PY) -m pytest -q tests

# The C ABI (dicom-map-ffi): the committed header is exactly what cbindgen generates; a C99 test
# (tests/c/test_dicom_map.c, static library), the header as C++17 (tests/c/test_header.cpp) and
# the README's example (dicom-map-ffi/examples/lookup.c, shared library) compile with warnings as
# errors and run under valgrind, which fails on any memory error or definite/indirect leak.
C_BUILD := tests/c/build
# cargo's output directory (CARGO_TARGET_DIR when set).
FFI_LIB := $(abspath $(or $(CARGO_TARGET_DIR),target))/release
C_WARN := -Wall -Wextra -Werror -pedantic
VALGRIND := valgrind --quiet --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect

test-c:
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
	@echo "test-c: the C and C++ tests passed under valgrind"

# The committed data/ must be exactly what the sources rebuild (skipped only without ../shared).
test-rebuild: venv
	PYTHONPATH=compiler $(PY) -m dicom_map_compiler.check_rebuild --shared $(SHARED) --data data

# The Rust benchmarks (BENCHMARKS.md, "Rust"): every lookup kind, open and verify, and dicom-rs's
# standard dictionary asked the same public questions in the same run; then the table with the
# ratios, and the file size per entry. Shorter criterion timings than its defaults: 2 shared cores.
CRITERION_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))/criterion
bench: venv
	start=$$(date +%s); \
	cargo bench -p dicom-map --features embedded --bench lookup -- --warm-up-time 1 --measurement-time 3; \
	$(PY) dicom-map/benches/summary.py $(CRITERION_DIR) --since $$start
	cargo run --quiet --release -p dicom-map --features cli --bin dicom-lookup -- --file dicom-map/tags.dmap info \
		| grep -E '^(size|entries|bytes/tag):'
