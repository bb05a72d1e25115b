# Two entry points for a fresh machine with python3: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.9
PORT ?= 8000
SCALE ?= 1
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: demo test install install-dev lint typecheck format clean bench

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV)
	$(UV) sync --frozen --inexact --quiet

install-dev: $(UV)
	$(UV) sync --frozen --inexact --quiet --extra dev

demo: install
	mkdir -p var
	$(BIN)/salesflow migrate --noinput
	$(BIN)/salesflow demo --scale $(SCALE) --if-empty
	$(BIN)/salesflow collectstatic --noinput --verbosity 0
	$(BIN)/salesflow demologins
	$(BIN)/salesflow runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/salesflow makemigrations --check --dry-run
	$(BIN)/mypy salesflow config

typecheck: install-dev
	$(BIN)/mypy salesflow config

test: lint
	$(BIN)/pytest -q

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var staticfiles
