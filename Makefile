# Two commands set up everything: `make run` (the app with demo data on SQLite) and
# `make test` (lint, types, the apps' layers, migrations check and the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: run test lint setup clean messages loadtest

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(STAMP) $(NODE_STAMP)

# The background worker sends the mails (into var/mail/ in development); it stops with the server.
run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) db_worker --no-startup-delay & trap 'kill $$!' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check src tests e2e bench gunicorn.conf.py
	$(BIN)/ruff format --check src tests e2e bench gunicorn.conf.py
	$(BIN)/mypy
	PYTHONPATH=src $(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=jobbro.settings.test $(MANAGE) makemigrations --check --dry-run

test: setup lint
	$(BIN)/pytest

# 50 users against gunicorn with the production settings, on the national data in
# LOAD_DATABASE_URL (bench/load_test.py says how to make it; docs/performance.md has the figures).
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/jobbro_load
loadtest: setup
	$(BIN)/pip install --quiet -r requirements-load.lock
	$(BIN)/python bench/load_test.py --database-url $(LOAD_DATABASE_URL)

# Each app keeps its own catalogue; src/jobbro/locale holds the rest (core, templates, settings).
messages: $(STAMP)
	for app in src/jobbro/*/; do \
	  if [ -d $$app/locale ]; then (cd $$app && ../../../$(BIN)/django-admin makemessages -l da -l en --no-obsolete --no-location); fi; \
	done
	cd src/jobbro && ../../$(BIN)/django-admin makemessages -l da -l en --no-obsolete --no-location -i "*/locale/*" \
	  $$(for app in */; do [ -d $$app/locale ] && echo "-i $${app%/}"; done)
	cd src/jobbro && ../../$(BIN)/django-admin compilemessages -l da -l en

clean:
	rm -rf $(VENV) node_modules var
