# Schakel — two commands: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install migrate seed clean

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
	PY=$(PY) DEBUG=true ./scripts/run-dev.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## ruff + the whole pytest suite (SQLite by default; DATABASE_URL/REDIS_URL for real services).
test: lint
	$(PY) -m pytest -n auto -q

## Benchmarks (not part of `make test`).
bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) var db.sqlite3
