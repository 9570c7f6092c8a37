# The developer's daily commands. A fresh machine needs only `make run` or `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
ACTION_PORT ?= 5055
RASA_PORT ?= 5005
WEB_PORT ?= 8080
export ACTION_PORT RASA_PORT WEB_PORT
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: install train run actions shell test lint test-nlu test-python test-scenarios validate test-rasa test-e2e eval bench \
	opruimen clean upgrade-check

install:
	@scripts/setup.sh
	@scripts/setup_web.sh

# The model is trained again only when the training data, domain, config or the code of our NLU components
# (rasaserver/nlu/, and lezen/ and inhoud/ which they import) changed since it was made: Make compares file times, so an unchanged
# project starts without importing Rasa for its fingerprint check. `touch` marks the model current also when
# Rasa itself found nothing to retrain.
MODEL_FILE := models/assistent.tar.gz
TRAINING_INPUT := config.yml domain.yml $(shell find data -type f -name '*.yml') $(wildcard rasaserver/__init__.py rasaserver/nlu/*.py lezen/*.py inhoud/*.py)

train: install $(MODEL_FILE)

$(MODEL_FILE): $(TRAINING_INPUT) | install
	$(BIN)/rasa train --fixed-model-name assistent --out models
	@touch $@

actions: install
	$(BIN)/python -m dienst acties

run: train
	@scripts/run.sh

shell: train
	@scripts/run.sh shell

test: install lint test-python test-scenarios validate test-rasa test-nlu test-e2e

# ruff (pinned in requirements.lock, configured in pyproject.toml): lint rules, then the formatter's check.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-python: install
	$(BIN)/python -m pytest -q tests --ignore=tests/e2e

test-scenarios: install
	@if [ -d $(SHARED)/eval ]; then \
	  $(BIN)/python $(SHARED)/eval/run_scenarios.py $(SHARED)/eval/scenarios_dev.yml --project . ; \
	else echo "test-scenarios: $(SHARED)/eval not found, skipped"; fi

validate: install
	$(BIN)/rasa data validate --fail-on-warnings

test-rasa: train
	$(BIN)/rasa test core --stories tests/test_stories.yml --model models/assistent.tar.gz --endpoints tests/endpoints.yml --out results --fail-on-prediction-errors

# The held-out NLU set (tests/nlu, written apart from data/nlu): intent F1 macro >= 0.90, route intents >= 0.85.
# Rasa's confusion matrix and histogram stay in results/nlu.
test-nlu: train
	@mkdir -p results
	$(BIN)/rasa test nlu --nlu tests/nlu --model models/assistent.tar.gz --out results/nlu > results/nlu.log 2>&1 || (tail -20 results/nlu.log; exit 1)
	$(BIN)/python scripts/nlu_drempel.py results/nlu

# The running service: REST, socket.io + browser (Chromium), Telegram, PostgreSQL/Redis, faults, fuzzing.
test-e2e: train
	@scripts/setup_browser.sh
	$(BIN)/python -m pytest -q -rs tests/e2e

eval: train
	@scripts/eval.sh

bench: train
	$(BIN)/python -m bench

# The upgrade fence against a candidate release: `make upgrade-check RASA=3.6.22` installs it with the lock's other
# pins in a scratch virtualenv (.upgrade-venv) and runs the fence's tests and the smoke test (README, "Upgrading
# Rasa"). Without RASA: the release in requirements.lock.
RASA ?= $(shell sed -n 's/^rasa==//p' requirements.lock)
upgrade-check: install
	$(BIN)/python scripts/upgrade_check.py $(RASA)

# Removes conversations older than BEWAAR_DAGEN days (default 30); ARGS=--proef only counts them.
opruimen: install
	$(BIN)/python -m beheer.opruimen $(ARGS)

# The insight report from the conversation store: inzicht/index.html and inzicht/kandidaten.yml.
# ARGS=--dagen 7, or --van 2026-11-01 --tot 2026-11-30 (default: the last 30 days).
.PHONY: inzicht
inzicht: install
	$(BIN)/python -m beheer.inzicht $(ARGS)

clean:
	rm -rf results models/*.tar.gz
