#!/usr/bin/env bash
# `make test`: bring up what the tests need, check generated code and lint, then run every test.
# A part that is missing is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "bootstrap (uv workspace, front-end assets, browser)"
deploy/local/bootstrap.sh

step "generated code is current (buf lint, breaking, make protos)"
protos/generate.sh --check

step "lint (ruff, mypy)"
make --no-print-directory lint

step "local stack"
deploy/local/stack.sh up

step "helm chart"
deploy/helm/check.sh

step "pytest"
set +e
uv run pytest "$@"
rc=$?
set -e
# pytest's exit code 5 means "no tests collected": that is a failure here, not a pass.
if [ "$rc" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
