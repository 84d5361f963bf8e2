# Two commands run the portal: `make run` (SQLite, database search) and `make test`;
# `make test-fast` is the quick loop for editing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run run-full test test-fast lint install install-dev messages frontend clean

# Runtime pins only: what `make run` and `make run-full` need.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

# Tests and tools on top (requirements-dev.txt includes requirements.txt).
$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

messages: install
	scripts/ensure-packages.sh gettext
	$(PY) manage.py compilemessages --ignore=.venv -v0

# NL Design System CSS and icons from npm (frontend/package-lock.json) into portal/static.
frontend:
	scripts/ensure-packages.sh nodejs npm
	scripts/frontend.sh

run: install messages frontend
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py create_dev_users
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

run-full: install messages frontend
	scripts/run-full.sh

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

# Every tier (fast, engine, browser) on PostgreSQL, OpenSearch, Elasticsearch and
# Chromium, in parallel, with coverage.
test: install-dev frontend
	scripts/test.sh

# The edit loop: lint, then the fast tier on PostgreSQL alone (pages inline the
# vendored icons, hence frontend).
test-fast: install-dev frontend
	scripts/test.sh --fast

clean:
	rm -rf $(VENV) .cache db.sqlite3 static media frontend/node_modules portal/static/vendor
