# The README's two commands are `make run` and `make test`; the rest are for development.
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: help install run test check lint types format messages lock bench loadtest
.DEFAULT_GOAL := help

help:
	@echo "make run     start the app with demo data on http://127.0.0.1:8000 (Ctrl-C stops)"
	@echo "make test    lint, types and the whole test suite against throwaway PostgreSQL and Redis"
	@echo "make check   lint, types and the fast tests (no browser, no real processes)"
	@echo "make install create .venv and install the pinned dependencies (idempotent)"
	@echo "make lint    ruff check and format check"
	@echo "make types   mypy (strict on sla/, services and selectors)"
	@echo "make bench   print figures: deadline throughput, the SLA sweep over 1,000,000 clocks"
	@echo "make loadtest  50 personas for 60 s, PostgreSQL restarted, a worker killed mid-sweep; invariants"
	@echo "make format  ruff fix and format"
	@echo "make messages  extract translatable strings into locale/*/django.po"
	@echo "make lock    re-resolve requirements*.txt from pyproject.toml"

install:
	@bash scripts/install.sh

run: install
	@bash scripts/run.sh

test:
	@bash scripts/test.sh $(ARGS)

check:
	@bash scripts/test.sh --check $(ARGS)

bench:
	@bash scripts/bench.sh $(ARGS)

loadtest:
	@bash scripts/loadtest.sh

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

types: install
	.venv/bin/mypy

format: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# Every catalog at once (README, "Translations"); new strings arrive untranslated or fuzzy,
# and tests/test_i18n.py fails until each is translated and reviewed.
# English is the source: its catalog is the msgids themselves (msgen fills the new ones).
LOCALES := en fr de pl cs sk hu ro es it
messages: install
	$(PY) manage.py makemessages $(addprefix -l ,$(LOCALES)) --no-obsolete --ignore=.venv --ignore=.run --ignore=tests
	msgattrib --clear-fuzzy --empty -w 79 locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po
	msgen -w 79 locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po
	@bash scripts/install.sh

lock: install
	.venv/bin/uv pip compile -q pyproject.toml -o requirements.txt --python-version 3.11
	.venv/bin/uv pip compile -q pyproject.toml --extra dev -o requirements-dev.txt --python-version 3.11
