# The one list of developer commands. `make run` and `make test` are all a new
# machine needs; see README.md.

SHELL := /bin/bash
# .python-version asks pyenv for 3.12; elsewhere python3.12 is tried first.
PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# `make run` is a laptop demo: debug on, SQLite, tasks run in-process, emails on the terminal.
RUN_ENV := DJANGO_DEBUG=1 DATABASE_URL= REDIS_URL= EMAIL_URL=console://

.PHONY: run code test lint imports types format migrations-check check lock messages screenshots bench clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null || { \
	  echo "error: Python 3.12 or newer is required (Django 6.1 supports no older Python)." >&2; \
	  echo "       '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing)." >&2; \
	  echo "       Install it (pyenv install 3.12, or your system's python3.12 package)," >&2; \
	  echo "       or name it: make PYTHON=/path/to/python3.12 run" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(PY) requirements-dev.lock
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "error: $(VENV) was made with an older Python; remove it (make clean) and retry." >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

run: $(VENV)/.installed
	$(RUN_ENV) $(MANAGE) migrate --no-input
	$(RUN_ENV) $(MANAGE) load_seed --examples
	$(RUN_ENV) $(MANAGE) demo_accounts
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000

# The demo accounts' current second-factor code (make run prints the accounts).
code: $(VENV)/.installed
	@$(RUN_ENV) $(MANAGE) demo_accounts --code

test: $(VENV)/.installed
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The layout's import rules (pyproject.toml, [tool.importlinter]).
imports: $(VENV)/.installed
	$(VENV)/bin/lint-imports

# Types: mypy with django-stubs (pyproject.toml, [tool.mypy]); strict on zen.outbox and zen.web.
types: $(VENV)/.installed
	$(VENV)/bin/mypy

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

check: lint imports types migrations-check

# Extract new strings into locale/en (needs GNU gettext), then translate them
# in the .po file and run `make messages` again to compile.
messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(MANAGE) makemessages -l en --no-location --ignore=.venv --ignore=tests --ignore=staticfiles
	DJANGO_DEBUG=1 $(MANAGE) compilemessages -l en --ignore=.venv

# Regenerate the fully pinned lock files from pyproject.toml.
lock: $(PY)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet --python-version 3.12 pyproject.toml -o requirements.lock
	$(VENV)/bin/uv pip compile --quiet --python-version 3.12 --extra dev pyproject.toml -o requirements-dev.lock

clean:
	rm -rf $(VENV) staticfiles .mypy_cache

# Benchmarks on PostgreSQL and Redis (127.0.0.1), with gunicorn sync workers and
# wrk, then instruction counts under valgrind; figures go to docs/benchmarks.md.
bench: $(VENV)/.installed
	@$(PY) -m tests.bench.public_pages; pages=$$?; \
	$(PY) -m tests.bench.applications; applications=$$?; \
	$(PY) -m tests.bench.instructions; instructions=$$?; \
	$(PY) -m tests.bench.digest; digest=$$?; \
	$(PY) -m tests.bench.diagnostic; diagnostic=$$?; \
	exit $$((pages || applications || instructions || digest || diagnostic))

# Screenshots of the pages for the README, from a server started by `make run`.
screenshots: $(VENV)/.installed
	$(PY) -m tests.tools.screenshots
