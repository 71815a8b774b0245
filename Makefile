# bassins — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LEAFLET := src/bassins/portal/static/vendor/leaflet/leaflet.js
SWAGGER := src/bassins/api/static/vendor/swagger-ui/swagger-ui-bundle.js
TRIX := src/bassins/portal/static/vendor/trix/trix.umd.min.js
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test lint install system-packages vendor load messages test-sqlite test-postgres bench clean

run: install system-packages vendor messages load
	$(BIN)/bassins serve --port $(PORT)

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==25.3"
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

# Debian packages the platform needs (PDF rendering, browser tests, PDF checks). Idempotent.
system-packages:
	bash scripts/install-system-packages.sh

# Front-end libraries from the npm registry, served locally (no CDN at run time).
vendor: $(LEAFLET) $(SWAGGER) $(TRIX)

$(LEAFLET) $(SWAGGER) $(TRIX) &: package.json package-lock.json scripts/vendor-frontend.sh
	bash scripts/vendor-frontend.sh

# Compiled translation catalogs (.mo) from the .po files; needs msgfmt (`make system-packages`).
messages: install
	$(BIN)/bassins compilemessages --ignore=.venv --ignore=node_modules --ignore=var --ignore=build

load: install
	$(BIN)/bassins migrate --no-input
	$(BIN)/bassins load

test: install system-packages vendor messages lint
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -m bassins.dbcheck "$(PG_URL)"; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "PostgreSQL does not answer at $(PG_URL): CI must test on PostgreSQL too, failing"; exit 1; \
	else echo "PostgreSQL does not answer at $(PG_URL): ONLY SQLite was tested (the PostgreSQL pass did not run)"; fi
	bash scripts/check-python-versions.sh

# Lint and format check (ruff, configured in pyproject.toml).
lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

test-sqlite:
	@echo "== test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest

test-postgres:
	@echo "== test suite on PostgreSQL"
	DATABASE_URL="$(PG_URL)" $(BIN)/pytest -m "not browser"

bench: install load
	$(BIN)/python bench/locate.py
	$(BIN)/python bench/offer.py
	$(BIN)/python bench/indicators.py
	$(BIN)/python bench/search_quality.py
	$(BIN)/python bench/search_speed.py --database

clean:
	rm -rf $(VENV) var node_modules src/bassins/portal/static/vendor
