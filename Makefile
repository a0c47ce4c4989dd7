# Every target is a line or two you can also run by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-security fuzz test-postgres bench bench-pages bench-weights install setup lint format translations engines engines-stop postgres postgres-stop

# The environment is rebuilt whenever the lock file changes.
$(VENV)/.installed: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

# The demo loader runs its tasks inline (TASK_BACKEND=immediate), so the worker's queue starts
# empty, and ends by rebuilding the search and reference indexes (`rebuild_search`).
setup: install
	$(MANAGE) compiletranslations
	$(MANAGE) migrate --noinput
	TASK_BACKEND=immediate $(MANAGE) load_demo_content

# The task worker (search index updates, Wagtail's own tasks) runs beside the server and stops
# with it.
run: setup
	@echo "Admin: http://$(HOST):$(PORT)/admin/  user: admin  password: metropolis (local demo only)"
	$(MANAGE) db_worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

# One test process per core (pytest-xdist); the tests of a real search engine share one of them
# (see search/tests/conftest.py). TEST_WORKERS=0 runs everything in this process. The HTTP
# permission matrices run on a stratified sample here; test-security runs all of them. Tests
# that measure response times (marked `timed`) run afterwards, alone on the machine.
TEST_WORKERS ?= auto
test: install
	$(MANAGE) compiletranslations
	SECURITY_MATRIX=sample $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not timed" --durations=25
	$(BIN)/pytest -m timed

# Every city editor group against every page and media item of every city over HTTP: about
# 300,000 requests, which CI runs after `make test`.
test-security: install
	$(MANAGE) compiletranslations
	SECURITY_MATRIX=full $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m security_matrix

# 10,000 generated requests against the demo site: no 5xx, no unescaped reflection; answers over
# 2 s are reported in test-artifacts/fuzz.json. `make test` sends a sample of 300.
FUZZ_REQUESTS ?= 10000
fuzz: install
	$(MANAGE) compiletranslations
	FUZZ_REQUESTS=$(FUZZ_REQUESTS) $(BIN)/pytest -p no:xdist -s tests/test_fuzz.py

# The database search backend's tests on a real PostgreSQL (started by scripts/postgres; Debian:
# apt-get install postgresql), and its time limit (statement_timeout). They build their own pages,
# so the demo site (minutes) is not loaded. Wider: make test-postgres
# POSTGRES_TESTS="search/tests/test_database_backend.py search/tests/test_engines.py
# search/tests/test_search_page.py". Engine URLs are unset: the engines do not depend on the
# database.
POSTGRES_TESTS ?= search/tests/test_database_backend.py \
	search/tests/test_bounded.py::test_a_statement_past_its_time_limit_is_stopped \
	search/tests/test_bounded.py::test_a_statement_within_its_time_limit_leaves_no_limit_behind
test-postgres: install postgres
	$(MANAGE) compiletranslations
	env -u ELASTICSEARCH_URL -u OPENSEARCH_URL -u REQUIRE_SEARCH_ENGINE \
		DATABASE_URL="$$(scripts/postgres url)" REQUIRE_POSTGRES=1 $(BIN)/pytest $(POSTGRES_TESTS)

# Search latency and rebuild speed at 10,000 and 50,000 case studies, on the database backend and
# on each engine whose URL is set (make engines, then ELASTICSEARCH_URL=http://127.0.0.1:9200
# OPENSEARCH_URL=http://127.0.0.1:9201 make bench); writes docs/benchmarks.md. About an hour.
bench: install
	$(MANAGE) compiletranslations
	$(BIN)/python bench/search.py $(BENCH_ARGS)

# Page loads (wrk -t2 -c10 -d15s; Debian: apt-get install wrk) on every public page type in each
# language, at the demo's size and at 50,000 case studies, served under production settings by
# gunicorn with two workers, in turn with Wagtail's bakerydemo (../shared/anchors/, skipped where
# absent); with each page's SQL queries. Writes docs/benchmarks.md. About 40 minutes;
# BENCH_PAGES_SECONDS=3 for a quick run.
bench-pages: install
	$(MANAGE) compiletranslations
	$(BIN)/python bench/pages.py $(BENCH_PAGES_ARGS)

# What a phone downloads on a first visit (HTML, CSS, JS, images, fonts) to every public page type
# in each language: Debian's Chromium (apt-get install chromium), headless, at 390 × 844 with an
# empty cache, each page scrolled to the bottom; with the first view's time before any image
# rendition exists. Writes docs/benchmarks.md; fails if a page weighs 150 KiB or more. A few
# minutes once the demo database is built.
bench-weights: install
	$(MANAGE) compiletranslations
	$(BIN)/python bench/weights.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html')

# Needs GNU gettext (apt-get install gettext) to extract strings; compiling does not.
translations: install
	$(MANAGE) makemessages --locale fr --locale es --ignore '.venv/*' --ignore '.cache/*' --no-obsolete
	$(MANAGE) compiletranslations

engines:
	scripts/search-engine start elasticsearch
	scripts/search-engine start opensearch

engines-stop:
	scripts/search-engine stop elasticsearch
	scripts/search-engine stop opensearch

postgres:
	scripts/postgres start

postgres-stop:
	scripts/postgres stop
