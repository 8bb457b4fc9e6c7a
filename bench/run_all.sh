#!/usr/bin/env bash
# Run every benchmark against the running local stack; each prints one JSON object.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
uv run python bench/tokens.py
uv run python bench/gateway_me.py
