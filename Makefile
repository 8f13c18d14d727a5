# Dialog – the two commands are `make run` and `make test`; `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app dialog

.DEFAULT_GOAL := help
.PHONY: help install compile-translations db demo run test test-fast lint translations check-translations bench clean lock serve worker

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-20s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-install: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.stamp-install compile-translations ## Create .venv and install the project with its dev tools

compile-translations: $(VENV)/.stamp-install
	$(BIN)/pybabel -q compile -d translations

db: install ## Create or upgrade the database (SQLite under instance/ unless DIALOG_DATABASE_URL is set)
	$(FLASK) upgrade-db

demo: db ## Add the demo data (does nothing if it is already there)
	$(FLASK) seed-demo

run: demo ## Set everything up and serve the site on http://127.0.0.1:$(PORT)
	@echo "Serving on http://127.0.0.1:$(PORT)/  (staff: http://127.0.0.1:$(PORT)/staff/)"
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install ## Set up and run the whole test suite (PostgreSQL too when DIALOG_TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest

test-fast: install ## The suite without the browser tests (quicker while working; CI runs `make test`)
	$(BIN)/python -m pytest --ignore=tests/browser -m "not browser"

check-translations: install ## Check every catalog: complete, no fuzzy entries, placeholders intact
	$(BIN)/python -m pytest tests/test_translations.py

lint: install ## ruff (with security and gettext rules) and mypy
	$(BIN)/ruff check .
	$(BIN)/mypy

translations: install ## Extract strings into translations/messages.pot and update every catalog
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _l -k lazy_gettext --add-comments=Translators: --sort-output --add-location=file -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/python -m dialog.i18n_tools fill-source translations/en/LC_MESSAGES/messages.po
	@# Sorted by message, file names without line numbers and no dates: a catalog changes only
	@# where a string does, so branches that add strings merge without conflicts.
	sed -i -E '/^"(POT-Creation-Date|PO-Revision-Date): /d' translations/messages.pot translations/*/LC_MESSAGES/messages.po
	$(BIN)/pybabel -q compile -d translations

bench: install ## Run the benchmark scripts and print their figures
	@for b in benchmarks/*_bench.py; do echo "== $$b"; $(BIN)/python $$b --quick || exit 1; done

lock: ## Re-pin requirements.lock from a clean install of the project with its dev extra
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e '.[dev]'
	{ echo "# Exact versions of a clean 'pip install -e .[dev]' (pip freeze). Regenerate with 'make lock'."; \
	  echo "# The Makefile installs with '-c requirements.lock', so every machine gets these versions."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv

serve: db ## Serve with gunicorn as in production (gunicorn.conf.py; DIALOG_* settings from the environment)
	$(BIN)/gunicorn -c gunicorn.conf.py "dialog:create_app()"

worker: install ## Run background jobs from Redis (needs DIALOG_REDIS_URL)
	$(FLASK) worker

clean: ## Remove the virtual environment and caches (keeps instance/)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
