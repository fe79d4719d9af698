# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BOOTSTRAP ?= python3
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
SPACY_PIPELINE := build/spacy/en_heel_blank
STAMP := $(VENV)/.installed
MODEL_DIR ?= models

export RASA_TELEMETRY_ENABLED ?= false
export TF_CPP_MIN_LOG_LEVEL ?= 2

.PHONY: help install train run run-scaled test shell validate purge clean audit

help:
	@echo "make run    - install, train if needed, start the assistant + web chat on http://localhost:8080"
	@echo "make test   - install if needed, run the whole test suite"
	@echo "make train  - train the model (skipped when data, domain and config are unchanged)"
	@echo "make shell  - chat in the terminal"
	@echo "make run-scaled - Rasa replicas + action servers behind HAProxy, on PostgreSQL and Redis (docs/deployment.md)"
	@echo "make purge  - delete conversations and clinic records older than RETENTION_DAYS (default 30; docs/privacy.md)"

$(UV):
	@echo ">> uv not found: installing it with pip (user site)"
	@PIP_ROOT_USER_ACTION=ignore $(PYTHON_BOOTSTRAP) -m pip install --user -qq uv

# The venv is rebuilt only when the lock or the project metadata change. The bytecode is
# compiled now, so Python never compiles a dependency (and warns about its source) at run time.
$(STAMP): uv.lock pyproject.toml .python-version | $(UV)
	@echo ">> syncing .venv from uv.lock"
	@$(UV) sync --frozen --compile-bytecode --quiet
	@touch $@

$(SPACY_PIPELINE)/meta.json: scripts/build_spacy_pipeline.py $(STAMP)
	@echo ">> building the blank English spaCy pipeline (lookup lemmatizer)"
	@$(PY) scripts/build_spacy_pipeline.py $(SPACY_PIPELINE)

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@echo ">> installing the web page's npm packages"
	@cd web && npm ci --no-audit --no-fund --loglevel=error

install: $(STAMP) $(SPACY_PIPELINE)/meta.json web/node_modules/.package-lock.json

train: install
	@$(PY) -m scripts.train --out $(MODEL_DIR)

validate: install
	$(RASA) data validate --fail-on-warnings

# Retention (docs/privacy.md): PURGE_ARGS="--dry-run" counts only; run it daily.
purge: $(STAMP)
	@$(PY) -m scripts.purge $(PURGE_ARGS)

run: train
	@$(PY) -m scripts.run

# RASA_REPLICAS / ACTION_REPLICAS (default 2 each); needs PostgreSQL, Redis and haproxy.
run-scaled: train
	@$(PY) -m scripts.run --scaled

shell: train
	@$(PY) -m scripts.run --shell

test: install
	@scripts/system_packages.sh
	$(PY) -m pytest $(PYTEST_ARGS)

# pip-audit over the locked runtime dependencies; needs a machine that reaches PyPI's
# JSON API or OSV (docs/clinical-safety.md: "Dependency audit").
audit: | $(UV)
	@mkdir -p build && $(UV) export --frozen --no-hashes --no-emit-project --no-dev > build/audit-requirements.txt
	$(UV) tool run pip-audit --requirement build/audit-requirements.txt --disable-pip --no-deps --strict

clean:
	rm -rf $(VENV) build models .rasa web/node_modules var
