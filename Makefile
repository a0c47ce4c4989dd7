# Every target is a line or two you can also run by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install setup lint format translations engines engines-stop

# The environment is rebuilt whenever the lock file changes.
$(VENV)/.installed: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

setup: install
	$(MANAGE) compiletranslations
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) rebuild_search

run: setup
	@echo "Admin: http://$(HOST):$(PORT)/admin/  user: admin  password: metropolis (local demo only)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(MANAGE) compiletranslations
	$(BIN)/pytest

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
