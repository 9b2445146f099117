# gongkai: `make run` and `make test` are the whole interface (plus lint and bench).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run test test-sqlite test-postgres lint format bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@./bin/system-deps
	@test -x $(BIN)/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "python3 -m venv failed: install python3-venv (apt-get install python3-venv)" >&2; exit 1; }; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: install
	$(BIN)/gongkai migrate --noinput
	$(BIN)/gongkai demo --url http://$(HOST)
	$(BIN)/gongkai runserver --insecure $(HOST)

test: install test-sqlite
	@if [ -n "$$GONGKAI_TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "GONGKAI_TEST_DATABASE_URL is not set: skipping the PostgreSQL run"; fi

# One pytest-xdist worker per core (TEST_WORKERS=0 runs in one process). Tests are handed out
# in collection order, so each worker still runs the tests that empty the database (live
# server, transactional) after the others, as pytest-django orders them.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist load

test-sqlite: install
	DATABASE_URL= GONGKAI_VAR_DIR=$(CURDIR)/var/test $(PYTEST)

test-postgres: install
	DATABASE_URL="$$GONGKAI_TEST_DATABASE_URL" GONGKAI_VAR_DIR=$(CURDIR)/var/test-pg $(PYTEST)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	@set -e; for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f; done

clean:
	rm -rf $(VENV) var/test var/test-pg
