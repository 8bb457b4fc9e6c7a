# shellcheck shell=bash
# Shared helpers for the local stack: paths, one-line errors, port checks and detached processes.
# Sourced by stack.sh (and the other scripts here) before the parts; see docs/contracts.md.

CEN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEVSTACK="$CEN_ROOT/.devstack"
CEN_LOCAL="$CEN_ROOT/deploy/local"
CEN_LOG_DIR="$DEVSTACK/logs"
CEN_RUN_DIR="$DEVSTACK/run"
CEN_CACHE_DIR="$DEVSTACK/cache"
CEN_BIN_DIR="$DEVSTACK/bin"
# Big build caches that outlive the checkout: a fresh clone on the same machine (as CI makes) reuses them.
CEN_SHARED_CACHE="${CEN_SHARED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cen-devstack}"
export CEN_ROOT DEVSTACK

mkdir -p "$CEN_LOG_DIR" "$CEN_RUN_DIR" "$CEN_CACHE_DIR" "$CEN_BIN_DIR"

cen_log() { # PART MSG...
  local part="$1"
  shift
  printf '%-10s %s\n' "$part" "$*"
}

cen_warn() { # PART MSG...
  local part="$1"
  shift
  printf 'warning: %s: %s\n' "$part" "$*" >&2
}

cen_die() { # PART MSG...
  local part="$1"
  shift
  printf 'error: %s: %s\n' "$part" "$*" >&2
  exit 1
}

# Run as root directly, otherwise through sudo (a developer's own machine).
cen_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 1
  fi
}

# Install Debian packages; the package lists are refreshed only when the first try cannot find them.
cen_apt_install() { # PART PKG...
  local part="$1"
  shift
  local log="$CEN_LOG_DIR/apt.log"
  cen_log "$part" "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  if cen_as_root apt-get install -y --no-install-recommends "$@" >>"$log" 2>&1; then
    return 0
  fi
  cen_as_root apt-get update >>"$log" 2>&1 ||
    cen_die "$part" "apt-get update failed (see $log); check the network and the apt sources, then run again"
  cen_as_root apt-get install -y --no-install-recommends "$@" >>"$log" 2>&1 ||
    cen_die "$part" "apt-get install $* failed (see $log); fix apt (or install them by hand) and run again"
}

# The pid and name of whatever listens on a TCP port (any address), or nothing.
cen_port_owner() { # PORT
  local line pid name
  line="$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)"
  [ -n "$line" ] || return 1
  pid="$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$line")"
  name="$(sed -n 's/.*(("\([^"]*\)".*/\1/p' <<<"$line")"
  printf '%s %s\n' "${pid:-?}" "${name:-unknown}"
}

cen_port_open() { # PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cen_need_port_free() { # PART PORT
  local owner
  if owner="$(cen_port_owner "$2")"; then
    cen_die "$1" "port $2 is taken by another process (pid ${owner% *} ${owner#* }); stop it or free the port"
  elif cen_port_open "$2"; then
    cen_die "$1" "port $2 is taken by another process; stop it or free the port"
  fi
}

cen_wait_port() { # PART PORT SECONDS
  local deadline=$((SECONDS + $3))
  until cen_port_open "$2"; do
    [ "$SECONDS" -lt "$deadline" ] ||
      cen_die "$1" "port $2 did not open within $3 s; see $CEN_LOG_DIR/$1.log"
    sleep 0.5
  done
}

# True when URL answers with a 2xx status.
cen_http_ok() { # URL
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null
  else
    python3 - "$1" <<'EOF' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
    sys.exit(0 if 200 <= r.status < 300 else 1)
EOF
  fi
}

cen_wait_http() { # PART URL SECONDS
  local deadline=$((SECONDS + $3))
  until cen_http_ok "$2"; do
    [ "$SECONDS" -lt "$deadline" ] ||
      cen_die "$1" "$2 did not answer within $3 s; see $CEN_LOG_DIR/$1.log"
    sleep 1
  done
}

# The kernel's start time of a process: with the pid it tells our process from a later one that reused
# the pid (after a reboot, say), so `down` never signals a stranger.
_cen_start_time() { # PID
  [ -r "/proc/$1/stat" ] || return 1
  sed 's/^.*) //' "/proc/$1/stat" | cut -d' ' -f20
}

cen_pid() { # NAME -> pid of a running process started by cen_start_bg
  local file="$CEN_RUN_DIR/$1.pid" pid start
  [ -f "$file" ] || return 1
  pid="$(head -n 1 "$file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -f "$file.start" ]; then
    start="$(_cen_start_time "$pid")" || return 1
    [ "$start" = "$(cat "$file.start")" ] || return 1
  fi
  printf '%s\n' "$pid"
}

cen_is_running() { # NAME
  cen_pid "$1" >/dev/null
}

# Start CMD detached in its own session (so stop can reach its children), output appended to the log.
cen_start_bg() { # NAME CMD...
  local name="$1"
  shift
  local log="$CEN_LOG_DIR/$name.log" pid
  printf '\n=== %s start: %s\n' "$(date -Is)" "$name" >>"$log"
  (
    # Close inherited descriptors (stack.sh's lock, a caller's pipes): a long-lived child holding
    # them would keep the lock taken or a caller waiting for end of output.
    for fd in /proc/"$BASHPID"/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    # Not a process-group leader here, so setsid execs in place and $! is the process itself.
    exec setsid "$@" >>"$log" 2>&1 </dev/null
  ) &
  pid=$!
  printf '%s\n' "$pid" >"$CEN_RUN_DIR/$name.pid"
  sleep 0.2
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$CEN_RUN_DIR/$name.pid"
    cen_die "$name" "exited right after start; see $log"
  fi
  _cen_start_time "$pid" >"$CEN_RUN_DIR/$name.pid.start" || true
}

# Stop a process started by cen_start_bg: SIGNAL (default TERM) to it, then what is left of its group.
cen_stop_bg() { # NAME [SIGNAL] [SECONDS]
  local name="$1" sig="${2:-TERM}" wait="${3:-30}" pid deadline
  if ! pid="$(cen_pid "$name")"; then
    rm -f "$CEN_RUN_DIR/$name.pid" "$CEN_RUN_DIR/$name.pid.start"
    return 0
  fi
  kill -s "$sig" "$pid" 2>/dev/null || true
  deadline=$((SECONDS + wait))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    cen_warn "$name" "did not stop within $wait s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  elif kill -0 -- "-$pid" 2>/dev/null; then
    # Leftover children of the session (worker processes, wrappers): give them a moment, then kill.
    kill -TERM -- "-$pid" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$CEN_RUN_DIR/$name.pid" "$CEN_RUN_DIR/$name.pid.start"
}

# Load the generated secrets (creating them on first use) into the environment.
cen_load_secrets() {
  "$CEN_LOCAL/secrets.sh" || cen_die secrets "could not create $DEVSTACK/secrets.env"
  set -a
  # shellcheck source=/dev/null
  . "$DEVSTACK/secrets.env"
  set +a
}

# One status line: NAME STATE [details].
cen_status_line() { # NAME STATE DETAILS...
  local name="$1" state="$2"
  shift 2
  printf '%-18s %-9s %s\n' "$name" "$state" "$*"
}
