# make run   set up .venv (runtime dependencies only), assets and a SQLite database with demo
#            data; serve on $(HOST):$(PORT) (make run PORT=8000) with the jobs worker beside it;
#            one Ctrl-C stops both
# make cluster  PostgreSQL, Redis, two gunicorn app processes, two jobs workers and nginx in
#            front on http://127.0.0.1:$(CLUSTER_PORT) (README "Running at scale"); Ctrl-C stops all
# make test  lint + tests on SQLite (with browser tests) + tests on PostgreSQL
# make bench every benchmark on SQLite and on a temporary PostgreSQL cluster, one table of ratios
#            in benchmarks/RESULTS.md and the README; options through BENCH, e.g.
#            make bench BENCH="--only invoicing,einvoice --databases sqlite --scale 1000000"
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-runtime
TEST_STAMP := $(VENV)/.installed-test
# pip's and setuptools' output goes to this log; it is shown only when the install fails.
PIP_LOG := $(VENV)/pip.log
PIP_INSTALL = $(BIN)/pip install -q -e
QUIET = > $(PIP_LOG) 2>&1 || { cat $(PIP_LOG); exit 1; }
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

CLUSTER_PORT ?= 8080

.PHONY: cluster check-cluster run test test-e2e bench install install-test assets tools chain db demo check-system check-run lint clean-db

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip $(QUIET)

# Re-install only when setup.cfg changed since the last install. `make run` needs only the
# runtime dependencies; the test extra (pytest, Playwright, ruff, ...) is for make test/lint.
$(STAMP): setup.cfg | $(BIN)/python
	@echo "Installing Ledgerline into $(VENV) (log: $(PIP_LOG))"
	@$(PIP_INSTALL) . $(QUIET)
	@touch $@

$(TEST_STAMP): setup.cfg | $(BIN)/python
	@echo "Installing Ledgerline with its test extra into $(VENV) (log: $(PIP_LOG))"
	@$(PIP_INSTALL) '.[test]' $(QUIET)
	@touch $(STAMP) $@

install: $(STAMP)

install-test: $(TEST_STAMP)

assets:
	scripts/build_assets.sh

# Development tools from the npm registry (tools/package-lock.json): anvil, the local EVM chain
# with Tempo emulation that the wallet plugin's tests start.
tools:
	scripts/install_tools.sh

# A local chain for the wallet plugin (Tempo emulation, dev accounts hold demo stablecoins);
# run it in another terminal and set LEDGERLINE_WALLET_RPC_URLS=http://127.0.0.1:$(CHAIN_PORT).
CHAIN_PORT ?= 8545
chain: tools
	tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil --host $(HOST) --port $(CHAIN_PORT) \
		--network tempo --hardfork t4

db: install
	$(FLASK) db upgrade heads

demo: db
	$(FLASK) demo

run: check-run install assets demo
	@HOST=$(HOST) PORT=$(PORT) scripts/run.sh

cluster: check-cluster install assets
	$(BIN)/python scripts/cluster.py --port $(CLUSTER_PORT)

check-cluster:
	@scripts/check_system.sh cluster

check-run:
	@scripts/check_system.sh run

check-system:
	@scripts/check_system.sh test

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test: check-system install-test assets tools
	scripts/test.sh

# The slowest end-to-end runs, each in its own step (CI runs them after make test): the
# cluster through nginx, the walk of every page in every locale at both sizes, and the
# large-volume (`scale`) tests on SQLite and PostgreSQL.
test-e2e: check-system install-test assets tools
	scripts/test.sh e2e

bench: check-system install-test tools
	$(BIN)/python benchmarks/run.py $(BENCH)

clean-db:
	rm -f instance/ledgerline.sqlite
