# The developer's daily commands. A fresh machine needs only `make run` or `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
ACTION_PORT ?= 5055
RASA_PORT ?= 5005
export ACTION_PORT RASA_PORT
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: install train run actions shell test test-python test-scenarios validate test-rasa eval clean

install:
	@scripts/setup.sh

# Rasa skips training when data, domain and config are unchanged since the newest model.
train: install
	$(BIN)/rasa train --fixed-model-name assistent --out models

actions: install
	$(BIN)/rasa run actions --port $(ACTION_PORT)

run: train
	@scripts/run.sh

shell: train
	@scripts/run.sh shell

test: install test-python test-scenarios validate test-rasa

test-python: install
	$(BIN)/python -m pytest -q tests

test-scenarios: install
	@if [ -d $(SHARED)/eval ]; then \
	  $(BIN)/python $(SHARED)/eval/run_scenarios.py $(SHARED)/eval/scenarios_dev.yml --project . ; \
	else echo "test-scenarios: $(SHARED)/eval not found, skipped"; fi

validate: install
	$(BIN)/rasa data validate --fail-on-warnings

test-rasa: train
	$(BIN)/rasa test core --stories tests/ --model models/assistent.tar.gz --out results --fail-on-prediction-errors

eval: train
	@scripts/eval.sh

clean:
	rm -rf results models/*.tar.gz
