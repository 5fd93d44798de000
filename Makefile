# Two entry points: `make run` (set up, then build output/ from seeds/) and
# `make test` (set up, then the whole test suite). Everything installs from
# this repository's files and the package registries.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODEL_STAMP := $(VENV)/share/kg-models/zh_pkuseg/config.cfg

.PHONY: run test install models browser-deps clean

run: install models
	$(BIN)/kg build seeds --out output

test: install models browser-deps
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt wheel cython
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[test,dask]'
	touch $(STAMP)

install: $(STAMP)

$(MODEL_STAMP): | $(STAMP)
	$(BIN)/python -m graph.setup_models

models: $(MODEL_STAMP)

# Headless Chromium and a CJK font for the browser tests (Debian packages).
browser-deps:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi wqy; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	else echo "browser tests need Debian's chromium and fonts-wqy-microhei: run 'sudo apt-get install chromium fonts-wqy-microhei'" >&2; exit 1; fi

clean:
	rm -rf $(VENV) .pytest_cache
