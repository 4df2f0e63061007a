# The two commands a newcomer needs: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501

.PHONY: run test lint unit app browser bench demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run serve.py --server.address 127.0.0.1 --server.port $(PORT)

test: lint $(STAMP)
	$(BIN)/pytest -q tests

lint: $(STAMP)
	$(BIN)/ruff check .

unit: $(STAMP)
	$(BIN)/pytest -q tests/unit

app: $(STAMP)
	$(BIN)/pytest -q tests/app

browser: $(STAMP)
	$(BIN)/pytest -q tests/browser

bench: $(STAMP)
	$(BIN)/python -m tests.bench

demo: $(STAMP)
	$(BIN)/debrief demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
