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

.PHONY: run test venv dict test-rust test-compiler test-scraper test-python test-c test-rebuild bench

run:
	cargo run --quiet --release -p dicom-map --features embedded,cli --bin dicom-lookup -- 0008 0005

test: venv test-rust test-compiler test-scraper test-python test-c test-rebuild
	@echo "make test: every suite passed"

venv: $(STAMP)
$(STAMP): requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

# Rebuild data/ from every source (needs ../shared/sources and the registries).
dict: venv
	PYTHONPATH=compiler $(PY) -m dicom_map_compiler.build --shared $(SHARED) --out data

test-rust:
	cargo nextest run --workspace --all-features --no-fail-fast

test-compiler: venv
	cd compiler && ../$(PY) -m pytest -q

test-scraper: venv
	cd scraper && ../$(PY) -m pytest -q

test-python: venv
	@echo "test-python: added by the Python-package work"

test-c:
	@echo "test-c: added by the C ABI work"

# The committed data/ must be exactly what the sources rebuild (skipped only without ../shared).
test-rebuild: venv
	PYTHONPATH=compiler $(PY) -m dicom_map_compiler.check_rebuild --shared $(SHARED) --data data

bench: venv
	cargo bench -p dicom-map --features embedded
