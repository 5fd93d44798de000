# Two entry points: `make run` (set up, then build output/ from seeds/) and
# `make test` (set up, then the whole test suite). Everything installs from
# this repository's files and the package registries; nothing is cached by hand.
#
#   make install VENV=/tmp/venvcheck   # any target can use another virtualenv

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
CONSTRAINTS := requirements/constraints.txt
# The install stamp is named after the content of the files that decide what is
# installed: an unchanged checkout re-runs in no time, an edit to either re-installs.
INSTALL_KEY := $(shell cat pyproject.toml $(CONSTRAINTS) | sha256sum | cut -c1-16)
STAMP := $(VENV)/.kg-installed-$(INSTALL_KEY)
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

.PHONY: run test lint train venv install models browser-deps clean

run: install models
	$(BIN)/kg build seeds --out output

test: lint models browser-deps
	$(BIN)/pytest -q

# ruff (rules in pyproject.toml) on the code and its tests, mypy --strict on graph/.
lint: install
	$(BIN)/ruff check graph tests bench eval training docs
	$(BIN)/mypy

venv: $(BIN)/python

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "make: no python3.11 or python3 on PATH" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "make: Python 3.11 or newer is needed; $(PYTHON) is $$($(PYTHON) --version 2>&1)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Build tools first (pinned too): wheel and cython let pip prepare the pkuseg
# sdist that `make models` downloads. Then the project, editable, with the test extra.
$(STAMP): | $(BIN)/python
	rm -f $(VENV)/.kg-installed-*
	$(PIP) install -c $(CONSTRAINTS) pip setuptools wheel cython
	$(PIP) install -c $(CONSTRAINTS) -e '.[test]'
	touch $@

install: $(STAMP)

# Idempotent: the script does nothing (and says so) when the model is in place.
models: install
	$(BIN)/kg setup

# Rebuild the shipped models from the public corpora beside the repository
# (deterministic; about 15 minutes on 2 cores). make run and make test never need it.
CORPORA ?= ../shared/corpora
train: install
	$(BIN)/python -m training.train_tagger --corpora $(CORPORA) --out graph/extract/tagger
	$(BIN)/python -m training.train_affiliation --corpora $(CORPORA) --out graph/extract/affiliation

# Headless Chromium and a CJK font for the browser tests (Debian's packages).
browser-deps:
	@if [ -x $(CHROMIUM) ] && [ -f $(CJK_FONT) ]; then \
		echo "browser-deps: chromium and fonts-wqy-microhei are installed"; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "browser-deps: installing Debian's chromium and fonts-wqy-microhei"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-microhei; \
	else \
		echo "browser-deps: the browser tests need Debian's chromium and fonts-wqy-microhei;" >&2; \
		echo "  run as root, or: sudo apt-get update && sudo apt-get install chromium fonts-wqy-microhei" >&2; \
		exit 1; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
