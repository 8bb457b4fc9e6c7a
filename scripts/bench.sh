#!/usr/bin/env bash
# `make bench`: start the stack if needed, then run every benchmark; each prints one JSON object.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/local/stack.sh up >&2
exec bench/run_all.sh
