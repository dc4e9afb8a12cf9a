# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/mentoring_test
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run worker serve test test-sqlite test-postgres install translations db lint format \
	extract-messages translations-todo screenshots bench bench-messages bench-load clean

# The app runs with the production settings unless development is asked for: these targets do.
run db screenshots bench bench-messages: export MENTORING_ENV := development

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# axe-core for the accessibility checks (tests/browser), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund && touch $@; \
	else \
		echo "npm is missing: axe-core is not installed, the axe checks will be SKIPPED."; \
	fi

install: $(BIN)/.installed node_modules/.installed

translations: install
	$(BIN)/pybabel -q compile --use-fuzzy -d translations

db: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask seed
	$(BIN)/flask demo load --if-empty

run: db
	@echo ""
	@echo "  Anwendung:     http://$(HOST):$(PORT)/"
	@echo "  Demo-Zugang:   E-Mail koordination@example.org, Passwort Generationen-2026"
	@echo ""
	@echo "  Nachrichten:   ohne MAIL_SERVER im Postausgang (/dashboard/postausgang)"
	@echo ""
	MESSAGE_WORKER_EMBEDDED=1 $(BIN)/flask run --host $(HOST) --port $(PORT)

# The delivery worker as its own process (production: deploy/mentoring-worker.service; `make run`
# starts it inside the development server). Shares the queue through REDIS_URL or MESSAGE_QUEUE_URL.
worker: $(BIN)/.installed
	$(BIN)/flask worker

# Production: gunicorn (gunicorn.conf.py) with the production settings; needs SECRET_KEY and
# DATABASE_URL (see README "Betrieb"). Migrations and reference data, NEVER demo data. With
# MIGRATE_DATABASE_URL (the owner role) the migrations run as the owner, who then grants the
# application role of DATABASE_URL its rights.
serve: export MENTORING_ENV := production
serve: $(BIN)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d translations -f -q 2>/dev/null || $(BIN)/pybabel compile -d translations -f
	DATABASE_URL="$${MIGRATE_DATABASE_URL:-$$DATABASE_URL}" $(BIN)/flask db upgrade
	DATABASE_URL="$${MIGRATE_DATABASE_URL:-$$DATABASE_URL}" $(BIN)/flask seed
	@if [ -n "$$MIGRATE_DATABASE_URL" ]; then \
		DATABASE_URL="$$MIGRATE_DATABASE_URL" $(BIN)/flask grant-app-role --for-url "$$DATABASE_URL"; \
	fi
	@echo "Nachrichten stellt der Worker zu: 'make worker' als zweiter Prozess (deploy/mentoring-worker.service)."
	$(BIN)/gunicorn -c gunicorn.conf.py app:app

# The whole suite on SQLite (browser tests included when Chromium is there), then again on
# PostgreSQL when a server answers. The browser tests serve the app from their own SQLite file,
# so the PostgreSQL run leaves them out.
test: install translations
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
		echo "Chromium is missing (/usr/bin/chromium): the browser and accessibility tests will be SKIPPED."
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
	TEST_DATABASE_URL="$(PG_URL)" $(BIN)/pytest -q -m "not browser"

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

# Catalogue entries that still need a translation (after extract-messages).
translations-todo: install
	$(BIN)/python scripts/translations_todo.py

# Every page in German and Arabic, desktop and 320 px, into screenshots/ (git-ignored).
screenshots: install translations
	$(BIN)/python scripts/screenshots.py

bench: install
	$(BIN)/python bench/matching.py

# 10,000 queued messages delivered to a local SMTP server (bench/messages.py --help).
bench-messages: install
	$(BIN)/python bench/messages.py

# 50 clients signing up against gunicorn on PostgreSQL for 60 s, then the same with a restart
# of a PostgreSQL of its own (bench/load.py --help).
bench-load: install translations
	$(BIN)/python bench/load.py
	$(BIN)/python bench/load.py --fault

clean:
	rm -rf $(VENV) instance/*.sqlite*
