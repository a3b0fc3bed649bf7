# Two commands do everything: `make run` and `make test` (see README.md).
# Only python3 and make are needed: uv is installed into .tools/, the project into .venv/.

PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_DIR := tests/e2e/telegram_server
NODE_INSTALLED := $(NODE_DIR)/node_modules/.installed

export UV_PYTHON := $(shell command -v $(PYTHON))
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install index run chat test lint typecheck unit e2e bench eval clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(INSTALLED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

$(NODE_INSTALLED): $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	npm ci --prefix $(NODE_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

install: $(INSTALLED)

# Incremental: unchanged documents are skipped, so this costs little when nothing changed.
index: install
	$(BIN)/guidebot ingest

run: index
	$(BIN)/guidebot run

chat: index
	$(BIN)/guidebot chat

lint: install
	$(BIN)/ruff check bot ingest tests bench

typecheck: install
	$(BIN)/mypy

test: install $(NODE_INSTALLED) lint typecheck
	$(BIN)/pytest -q

# All benchmarks (about 15 minutes); `make bench BENCH="engine courses"` for some of them.
bench: install $(NODE_INSTALLED)
	$(BIN)/python -m bench $(BENCH)

eval: index
	$(BIN)/guidebot eval $(or $(FILE),knowledge/_eval/questions.jsonl)

clean:
	rm -rf .tools $(VENV) data $(NODE_DIR)/node_modules .pytest_cache .mypy_cache .ruff_cache
