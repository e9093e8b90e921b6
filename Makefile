# Schakel — two commands: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install migrate seed clean chromium oidc-provider

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DEBUG=true $(PY) manage.py migrate --noinput

seed: migrate
	DEBUG=true $(PY) manage.py seed_demo

## Start the app with demo data on http://127.0.0.1:8000 (SQLite, no servers needed).
run: seed
	DEBUG=true $(PY) manage.py collectstatic --noinput --verbosity 0
# One reminder scan now, so the demo starts with reminders (bell and console e-mail);
# after that the worker's embedded beat runs the same scan every 15 minutes. The e-mails
# go to a log file, so the start-up ends with the address and the demo login.
	mkdir -p var/log
	DEBUG=true $(PY) manage.py send_reminders >var/log/send_reminders.log 2>&1
	@echo "Herinneringen verstuurd; de e-mails staan in var/log/send_reminders.log."
	PY=$(PY) DEBUG=true ./scripts/run-dev.sh

## ruff, and the import-linter contract: apps import only from the layers below them.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

## ruff + the whole pytest suite (SQLite by default; DATABASE_URL/REDIS_URL for real services).
test: lint chromium oidc-provider
	$(PY) -m pytest -n auto -q

## The OpenID Connect test provider (npm `oidc-provider`) for tests/sso, when node exists.
oidc-provider:
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/sso/provider --no-audit --no-fund --silent || \
	    echo "npm ci failed: single sign-on tests will skip"; \
	else \
	  echo "node/npm is missing: single sign-on tests will skip"; \
	fi

## Debian's Chromium for the browser tests (Playwright never downloads a browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium >/dev/null || echo "Installing Chromium failed: browser tests will skip"; \
	  else \
	    echo "Chromium is missing and cannot be installed here: browser tests will skip"; \
	  fi; }

## Benchmarks (not part of `make test`).
bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) var db.sqlite3
