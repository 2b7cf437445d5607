# The two commands: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: install run test lint openapi clean serve bench bench-quick audit eval bench-extract

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

# npm dev tools for the contract tests (package.json): Spectral, openapi-typescript, tsc.
NODE_STAMP := node_modules/.installed-stamp

$(NODE_STAMP): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

run: install
	$(BIN)/stances db upgrade
	$(BIN)/stances fixtures load
	$(BIN)/stances run --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/stances fixtures check
	$(BIN)/pytest $(PYTEST_ARGS)

openapi: install
	$(BIN)/stances openapi write

# Known vulnerabilities in the locked dependencies (needs PyPI's JSON API or OSV online).
# --strict: a dependency that cannot be checked fails the audit instead of passing it.
audit: install
	$(BIN)/python -m pip install --quiet pip-audit
	$(BIN)/pip-audit --strict -r requirements.lock

clean:
	rm -rf $(VENV) stances.db stances.db-wal stances.db-shm

# Production server: one gunicorn worker per core, on HOST:PORT, against DATABASE_URL (the
# database must be migrated: `stances db upgrade`).
serve: install
	$(BIN)/gunicorn -w $$(nproc) -b $(HOST):$(PORT) --limit-request-line 8190 'api:create_app()'

# Benchmarks (bench/README.md): wrk from Debian, Datasette and matplotlib from the bench extra.
BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): pyproject.toml requirements.lock | $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test,bench]"
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/extraction.py

bench-quick: $(BENCH_STAMP)
	$(BIN)/python bench/run.py --quick $(BENCH_ARGS)

# Quote extraction (api/extraction): quality against the fixtures and eval/dev, eval/test
# (eval/metrics.py defines the matching), and its speed in one process.
eval: install
	$(BIN)/python eval/run.py

bench-extract: install
	$(BIN)/python bench/extraction.py $(BENCH_ARGS)

# Long soak (about 3 minutes a database): load with writes, faults, then the audit table.
# Restarts the local PostgreSQL cluster twice. SOAK_ARGS="--database sqlite" etc.
.PHONY: soak
soak: install
	$(BIN)/python -m soak --form long $(SOAK_ARGS)
