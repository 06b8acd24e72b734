# textlab — run `make help` for the targets.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEV    ?= ../shared/benchmarks/boilerplate/dev
TRAIN  ?= ../shared/benchmarks/boilerplate/train

.DEFAULT_GOAL := help
.PHONY: help reproduce test lab lint bench-clean bench-scale bench-calls train-cleaner lock clean-venv

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]" 2>&1 | { grep -v "is ignored: it is neither" || true; }
	@touch $@

reproduce: $(STAMP)  ## execute every notebook in place and rewrite figures/
	$(BIN)/textlab reproduce

test: $(STAMP)  ## run the whole test suite (executes the notebooks too)
	$(BIN)/python -m pytest

lab: $(STAMP)  ## open notebooks/ in JupyterLab (the pinned .venv's kernel; Ctrl-C stops it)
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

lint: $(STAMP)  ## ruff check
	$(BIN)/ruff check textlab tests

bench-clean: $(STAMP)  ## cleaner F1 (dev, train, grouped CV) and speed next to jusText (DEV=, TRAIN=)
	$(BIN)/python -m textlab.benchmarks.cleaning $(DEV) $(TRAIN)

bench-scale: $(STAMP)  ## streaming pipeline: time, docs/s, peak memory at 1k/10k/100k docs
	$(BIN)/python -m textlab.benchmarks.scale --sizes 1000 10000 100000

bench-calls: $(STAMP)  ## time the slow analysis calls (bootstrap, pairwise keyness) on 78 sources
	$(BIN)/python -m textlab.benchmarks.slow_calls

train-cleaner: $(STAMP)  ## re-train the line model, selected by grouped CV over DEV= and TRAIN=
	$(BIN)/python -m textlab.benchmarks.train_cleaner $(DEV) $(TRAIN)

lock:  ## re-resolve requirements.lock from pyproject.toml in a scratch venv
	rm -rf /tmp/textlab-lock && $(PYTHON) -m venv /tmp/textlab-lock
	/tmp/textlab-lock/bin/pip install --quiet -e ".[dev]" 2>&1 | { grep -v "is ignored: it is neither" || true; }
	{ echo "# Pinned versions of every package textlab installs (pip constraints file)."; \
	  echo "# Regenerate with: make lock"; \
	  /tmp/textlab-lock/bin/pip freeze --exclude-editable | grep -vi '^textlab'; } > requirements.lock

clean-venv:  ## remove .venv
	rm -rf $(VENV)
