# Everything runs from a project-local virtual environment (.venv), created on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: demo demo-ready test test-fast bench bench-browser runtime-deps system-deps lint clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# numba's compiled kernels, cached in __pycache__ before the first visitor needs them
$(VENV)/.warm: $(VENV)/.runtime $(wildcard scoring/engine/*.py)
	$(PY) -m scoring.engine.warmup
	touch $@

## demo: install and launch the dashboard on the built-in synthetic demo
demo: demo-ready
	$(PY) -m streamlit run serve.py --server.port $(PORT) --browser.gatherUsageStats false

## demo-ready: the one-time steps before the first launch (packages, Debian libraries, kernel cache)
demo-ready: $(VENV)/.runtime runtime-deps $(VENV)/.warm

## runtime-deps: Debian packages the dashboard needs (libgomp1 for the engine's thread-safe parallel layer; pango and fonts-noto-cjk for PDF reports)
runtime-deps:
	bash scripts/install-system-deps.sh runtime

## system-deps: those and the one the browser tests need (Chromium)
system-deps:
	bash scripts/install-system-deps.sh test

## test: install everything and run the whole test suite (unit, property, AppTest, browser)
test: $(VENV)/.dev system-deps
	$(PY) -m pytest

## test-fast: the suite without the real-browser tests
test-fast: $(VENV)/.dev
	$(PY) -m pytest -m "not browser"

## bench: the measured targets (generation, compile, re-score against the pandas baseline)
bench: $(VENV)/.dev
	$(PY) -m benchmarks.engine --people 1000000

## bench-browser: first view, inputs → chart at 1 M people, and a first `make demo` on a fresh clone
bench-browser: $(VENV)/.dev system-deps
	$(PY) -m benchmarks.browser --people 1000000 --repeats 15 --sessions 7
	$(PY) -m benchmarks.browser --fresh-demo 3

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
