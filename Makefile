# Quick start: `make` sets up and builds the localized letters; `make test` runs the tests.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: letters install test lint clean readme cldr fonts
letters: install
	$(BIN)/appeal-i18n all

install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

test: install
	$(BIN)/python -m pytest

readme: install
	$(BIN)/python -m appeal_i18n.readme README.md

# After a babel upgrade (and its pin in pyproject.toml): remake the CLDR facts table.
cldr: install
	$(BIN)/python -m appeal_i18n.locales

# After an upgrade of Debian's fonts-noto-core: copy the shipped fonts again, remake the WOFF2.
fonts: install
	$(BIN)/python -m appeal_i18n.publish.fonts

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy --strict src

clean:
	rm -rf dist locales/*/LC_MESSAGES/*.mo
