# CEN developer commands. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV ?= uv
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

sync: ## Install the Python workspace (uv) and front-end assets (npm)
	@deploy/local/bootstrap.sh

up: ## Install, start and seed the whole local stack, then print the URL and demo logins
	@deploy/local/stack.sh up

down: ## Stop what `make up` started
	@deploy/local/stack.sh down

status: ## Show each part of the local stack
	@deploy/local/stack.sh status

logs: ## Tail the logs of the local stack
	@tail -n 50 -f .devstack/logs/*.log

protos: ## Regenerate Python stubs and the OpenAPI document from protos/
	@protos/generate.sh

protos-check: ## Fail when the committed generated code is stale or protos break buf lint
	@protos/generate.sh --check

lint: ## ruff (lint + format check) and mypy on libs/
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy libs/core/src

format: ## Apply ruff formatting and safe fixes
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

test: ## Start what is needed and run every test (what CI runs)
	@scripts/test.sh

bench: ## Run the benchmarks; each prints JSON
	@scripts/bench.sh

helm-lint: ## Lint and render the Helm chart
	@deploy/helm/check.sh

.PHONY: help sync up down status logs protos protos-check lint format test bench helm-lint
