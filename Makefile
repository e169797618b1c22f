# make run   set up .venv, assets and a SQLite database with demo data; serve on :5000
# make test  lint + tests on SQLite (with browser tests) + tests on PostgreSQL
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-setup-cfg
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install assets db demo check-system lint clean-db

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip

# Re-install only when setup.cfg changed since the last install.
$(STAMP): setup.cfg | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(STAMP)

assets:
	scripts/build_assets.sh

db: install
	$(FLASK) db upgrade heads

demo: db
	$(FLASK) demo

run: install assets demo
	@echo "Ledgerline on http://$(HOST):$(PORT)  (sign in as admin@acme.ae / ledgerline-demo)"
	$(FLASK) run --host $(HOST) --port $(PORT)

check-system:
	scripts/check_system.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test: check-system install assets
	scripts/test.sh

clean-db:
	rm -f instance/ledgerline.sqlite
