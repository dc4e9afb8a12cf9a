# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/mentoring_test
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-sqlite test-postgres install translations db lint format extract-messages bench clean

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(BIN)/.installed

translations: install
	$(BIN)/pybabel compile --use-fuzzy -d translations -f -q 2>/dev/null || $(BIN)/pybabel compile -d translations -f

db: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask seed
	$(BIN)/flask demo load --if-empty

run: db
	@echo ""
	@echo "  Anwendung:     http://$(HOST):$(PORT)/"
	@echo "  Demo-Zugang:   E-Mail koordination@example.org, Passwort Generationen-2026"
	@echo ""
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# The whole suite on SQLite, then again on PostgreSQL when a server answers.
test: install translations
	$(BIN)/pytest -q
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('host=127.0.0.1 user=postgres dbname=postgres', connect_timeout=3).close()" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required but not reachable on 127.0.0.1:5432" >&2; exit 1; \
	else \
		echo "PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL run was SKIPPED."; \
	fi

test-postgres: install translations
	$(BIN)/python -m tests.pgdb recreate "$(PG_URL)"
	TEST_DATABASE_URL="$(PG_URL)" $(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the catalogues after changing user-facing text.
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching
	$(BIN)/python -m mentoring.i18n_tools fill-source-catalogue translations/de/LC_MESSAGES/messages.po

bench: install
	$(BIN)/python bench/matching.py

clean:
	rm -rf $(VENV) instance/*.sqlite*
