# The two commands a newcomer needs: `make run` and `make test`. Each builds .venv first, with only what it needs:
# `run` the app, `test` the app and the test tools (pytest, Playwright, ruff, mypy). A stamp per set reinstalls it
# when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.app-installed
TEST_STAMP := $(VENV)/.test-installed
PORT ?= 8501

.PHONY: run test lint unit app browser a11y bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(APP_STAMP)
	$(BIN)/streamlit run serve.py --server.address 127.0.0.1 --server.port $(PORT)

test: lint
	$(BIN)/pytest -q tests

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

unit: $(TEST_STAMP)
	$(BIN)/pytest -q tests/unit

a11y: $(TEST_STAMP)
	$(BIN)/pytest -q -m a11y tests/browser/test_accessibility.py

app: $(TEST_STAMP)
	$(BIN)/pytest -q tests/app

browser: $(TEST_STAMP)
	$(BIN)/pytest -q tests/browser

bench: $(TEST_STAMP)
	$(BIN)/python -m tests.bench

demo: $(APP_STAMP)
	$(BIN)/debrief demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache *.egg-info build
