# Spine Health Library — the commands editors and developers use.
#   make serve   set up and preview the site at http://127.0.0.1:8000
#   make test    set up everything the tests need and run them all
# Run `make help` for the rest.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve build check report triage test new-post new-condition new-treatment bench audit clean setup setup-dev editor

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

# --- set-up -----------------------------------------------------------------------------

$(VENV)/.site-installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version 2>&1)). Install it, or run: make PYTHON=python3.12 ..."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.site-installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.site-installed ## Install the site's pinned dependencies into .venv

setup-dev: $(VENV)/.dev-installed node_modules/.installed ## Install test tools and the browser
	@bash scripts/ensure_chromium.sh

# --- everyday commands ------------------------------------------------------------------

serve: setup ## Preview the site at http://127.0.0.1:8000 (reloads when you save)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup ## Build the site into site/ (strict; site/ is replaced only if the build succeeds)
	$(PY) scripts/build.py

editor: setup ## The browser editor at http://127.0.0.1:8000/admin/, on this repository (needs Node.js 20)
	@command -v npm >/dev/null 2>&1 || { echo "make editor needs Node.js 20 (node and npm): install it, then run make editor again."; exit 1; }
	@$(MAKE) --no-print-directory node_modules/.installed
	$(PY) scripts/editor.py

check: setup ## Check every page for mistakes in a few seconds (no full build)
	$(PY) scripts/check.py

report: setup ## Table of every page: reading grade, words, review dates
	$(PY) scripts/report.py

triage: setup ## Which page files which red flag at which urgency (for the clinical sign-off)
	$(PY) scripts/triage_report.py

new-post: setup ## Start a blog post: make new-post TITLE="Your question?"
	$(PY) scripts/new_page.py post "$(TITLE)"

new-treatment: setup ## Start a treatment or test page: make new-treatment NAME="Spinal cord stimulator"
	$(PY) scripts/new_page.py treatment "$(NAME)"

new-condition: setup ## Start a condition page: make new-condition NAME="Pes anserine bursitis"
	$(PY) scripts/new_page.py condition "$(NAME)"

# --- tests and measurements -------------------------------------------------------------

test: setup-dev ## Run the whole test suite (unit, build, browser)
	$(PY) -m pytest

bench: setup-dev ## Benchmarks: related links, build time vs stock Material, search index
	$(PY) scripts/bench.py

audit: setup-dev ## Lighthouse on key pages (report in reports/lighthouse/)
	$(PY) scripts/audit.py

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site .pytest_cache .hypothesis reports .bench
