#!/usr/bin/env bash
# Run every benchmark against the running local stack (`make up` first) and print one JSON object per
# benchmark on stdout; a benchmark that fails prints {"bench": ..., "error": ...} and the script exits 1.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
# seizures grows the local database to 1,000,000 cases on its first run (about 15 minutes).
for bench in tokens gateway_me seizures cpdb; do
  err="$(mktemp)"
  if ! uv run --quiet python "bench/$bench.py" 2>"$err"; then
    status=1
    python3 -c 'import json, sys; last = (sys.argv[2].strip().splitlines() or ["failed"])[-1]; print(json.dumps({"bench": sys.argv[1], "error": last}))' \
      "$bench" "$(cat "$err")"
  fi
  rm -f "$err"
done
exit "$status"
