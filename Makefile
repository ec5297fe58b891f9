# Årshjul — two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed-stamp
I18N_IGNORE := --ignore=.venv --ignore=var --ignore=tests --ignore=node_modules

.PHONY: run test lint format bench setup tools messages check-messages clean backup
VNU_VERSION := 26.9.27

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# A laptop runs in debug mode; the settings' default is off (see .env.example).
.env:
	printf '# Written by make for a laptop (every variable: .env.example).\nDEBUG=true\n' > .env

setup: $(STAMP) .env

## Set up, load the demo data (SQLite) and serve at http://127.0.0.1:$(PORT)
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "$(SITE_URL)" > var/site-url  # for login_link and run_sweeps in another terminal
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Set up and run the tests (SQLite, or the database DATABASE_URL names)
test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Back up the database and uploaded files into one archive in BACKUP_DIR (var/backups)
backup: setup
	$(BIN)/python manage.py backup

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Benchmarks (figures, not pass/fail): see bench/README.md
bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)

## Refresh the Swedish catalogue and compile it (needs gettext). Commit both files.
messages: setup
	$(BIN)/python manage.py makemessages -l sv --no-location $(I18N_IGNORE)
	$(BIN)/python manage.py compilemessages -l sv $(I18N_IGNORE)

## Fail if code has strings the Swedish catalogue lacks (run by CI; needs gettext)
check-messages: setup
	@mkdir -p var && cp locale/sv/LC_MESSAGES/django.po var/django.po.orig
	@$(BIN)/python manage.py makemessages -l sv --no-location $(I18N_IGNORE) >/dev/null
	@untranslated=$$(msgattrib --untranslated --no-obsolete locale/sv/LC_MESSAGES/django.po); \
	mv var/django.po.orig locale/sv/LC_MESSAGES/django.po; \
	if [ -n "$$untranslated" ]; then \
		echo "Untranslated Swedish messages (run 'make messages', translate, commit):"; \
		echo "$$untranslated"; exit 1; \
	fi; echo "every message has a Swedish translation"

## Test-only tools: the W3C Nu Html Checker (needs npm and Java; CI runs this)
tools: var/tools/node_modules/vnu-jar/build/dist/vnu.jar

var/tools/node_modules/vnu-jar/build/dist/vnu.jar:
	mkdir -p var/tools
	cd var/tools && npm install --silent --no-audit --no-fund --ignore-scripts vnu-jar@$(VNU_VERSION)

clean:
	rm -rf $(VENV) var/static var/db.sqlite3
