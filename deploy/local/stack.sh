#!/usr/bin/env bash
# The local stack: `stack.sh up|down|status [part…]` over the parts in deploy/local/parts/ (see README.md).
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ALL_PARTS=(postgres redis seaweedfs smtp keycloak app)

usage() {
  echo "usage: deploy/local/stack.sh up|down|status [${ALL_PARTS[*]}]" >&2
  exit 2
}

# Source a part's script; false (with a warning) when the part has no script yet.
load_part() { # PART
  local file="$CEN_LOCAL/parts/$1.sh"
  if [ ! -f "$file" ]; then
    cen_warn "$1" "deploy/local/parts/$1.sh does not exist yet; skipping this part"
    return 1
  fi
  # shellcheck source=/dev/null
  . "$file"
}

print_welcome() {
  cat <<'EOF_WELCOME'

CEN is up: http://127.0.0.1:8080

Demo logins (password: cen-demo-pass)
  user         tier       roles                      country / rilo
  limited      limited    -                          BE / WE
  readonly     readonly   -                          DE / WE
  unlimited    unlimited  -                          FR / WE
  ncp-nl       unlimited  ncp                        NL / WE
  ncp-br       unlimited  ncp                        BR / SA
  rilo-weu     unlimited  rilo-analyst, cws-editor   NL / WE
  coordinator  unlimited  cug-coordinator            BE / WE
  wco-admin    unlimited  wco-admin                  BE / WE

Status: make status    Logs: .devstack/logs/    Stop: make down
EOF_WELCOME
}

[ $# -ge 1 ] || usage
action="$1"
shift
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=("${ALL_PARTS[@]}")
for part in "${parts[@]}"; do
  [[ " ${ALL_PARTS[*]} " == *" $part "* ]] || cen_die stack "unknown part '$part'; parts are: ${ALL_PARTS[*]}"
done
# Keep the fixed order whatever order the parts were named in.
ordered=()
for part in "${ALL_PARTS[@]}"; do
  [[ " ${parts[*]} " == *" $part "* ]] && ordered+=("$part")
done

# One up/down at a time: two concurrent `up`s would race for the same ports and data directories.
# `status` only reads, so it never waits.
if [ "$action" != status ]; then
  exec 9>"$CEN_RUN_DIR/stack.lock"
  if ! flock -n 9; then
    cen_log stack "waiting for another deploy/local/stack.sh up/down to finish"
    flock -w 900 9 || cen_die stack "another deploy/local/stack.sh up/down is still running after 15 minutes; wait for it or stop it"
  fi
fi

case "$action" in
  up)
    for part in "${ordered[@]}"; do
      load_part "$part" || continue
      "${part}_install"
      "${part}_start"
    done
    if [[ " ${ordered[*]} " == *" app "* ]]; then
      print_welcome
    fi
    ;;
  down)
    for ((i = ${#ordered[@]} - 1; i >= 0; i--)); do
      part="${ordered[$i]}"
      load_part "$part" || continue
      "${part}_stop"
    done
    ;;
  status)
    rc=0
    for part in "${ordered[@]}"; do
      if ! load_part "$part" 2>/dev/null; then
        cen_status_line "$part" missing "deploy/local/parts/$part.sh does not exist yet"
        rc=1
        continue
      fi
      "${part}_status" || rc=1
    done
    exit "$rc"
    ;;
  *) usage ;;
esac
