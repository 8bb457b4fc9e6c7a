# shellcheck shell=bash
# Part postgres: a private PostgreSQL 15 cluster under .devstack/postgres on 127.0.0.1:5433,
# with role `cen` owning one database per service (cen_auth, cen_seizures, cen_cws, cen_cpdb, cen_cencomm).

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=5433
PG_DIR="$DEVSTACK/postgres"

# Resolved paths: PostgreSQL itself must be given paths its user can reach (see the link in install).
_pg_paths() {
  local real
  real="$(readlink -f "$PG_DIR")"
  PG_DATA="$real/data"
  PG_SOCK="$real/socket"
}
_pg_paths
PG_DATABASES=(cen_auth cen_seizures cen_cws cen_cpdb cen_cencomm)

# PostgreSQL refuses to run as root, so as root the cluster belongs to Debian's `postgres` system user.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
  else
    "$@"
  fi
}

_pg_psql() { # DB, SQL on stdin
  PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d "$1"
}

_pg_ready() {
  "$PG_BIN/pg_isready" -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres 2>/dev/null
}

postgres_install() {
  if [ ! -x "$PG_BIN/initdb" ] || [ ! -f /usr/share/postgresql/15/extension/pg_trgm.control ]; then
    cen_apt_install postgres postgresql-15
  fi
  [ -x "$PG_BIN/initdb" ] || cen_die postgres "PostgreSQL 15 is still missing after apt-get install postgresql-15"
  if [ -f "$PG_DATA/PG_VERSION" ]; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 ||
      cen_die postgres "the 'postgres' system user is missing; reinstall the postgresql-15 package"
  fi
  if [ "$(id -u)" -eq 0 ] && [ ! -e "$PG_DIR" ] && ! _pg_as_owner test -x "$DEVSTACK"; then
    # A checkout under a private directory (/root, say) is out of the postgres user's reach: keep the
    # cluster in its home instead and link it in, so everything is still found at .devstack/postgres.
    local real
    mkdir -p /var/lib/postgresql
    real="$(mktemp -d /var/lib/postgresql/cen-stack.XXXXXX)"
    ln -s "$real" "$PG_DIR"
    _pg_paths
    cen_log postgres "the postgres user cannot reach $DEVSTACK; the cluster lives in $real, linked as .devstack/postgres"
  fi
  cen_log postgres "creating a private cluster in $PG_DATA"
  mkdir -p "$PG_DATA" "$PG_SOCK"
  chmod 700 "$PG_DIR/" "$PG_DATA" "$PG_SOCK"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$PG_DIR/"
  fi
  # Local socket connections are trusted: the socket directory is private (mode 700) to the owner and root.
  _pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >>"$CEN_LOG_DIR/postgres.log" 2>&1 ||
    cen_die postgres "initdb failed; see $CEN_LOG_DIR/postgres.log (remove $PG_DIR to start over)"
  printf "\n# Local stack settings, rewritten by deploy/local/parts/postgres.sh at each start.\ninclude 'cen.conf'\n" |
    _pg_as_owner tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

_pg_write_conf() {
  # Sized for a 2-core / 24 GiB development box that also runs Keycloak, the services and their tests.
  _pg_as_owner tee "$PG_DATA/cen.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 200
shared_buffers = 1GB
effective_cache_size = 8GB
work_mem = 16MB
maintenance_work_mem = 256MB
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
random_page_cost = 1.1
effective_io_concurrency = 100
checkpoint_timeout = 15min
max_wal_size = 2GB
shared_preload_libraries = 'pg_stat_statements'
timezone = 'UTC'
log_timezone = 'UTC'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 500
log_connections = off
EOF
}

_pg_provision() {
  # The password goes through stdin, never a command line; it is reset at each start so that
  # secrets.env stays the one source of truth.
  _pg_psql postgres <<EOF || cen_die postgres "could not create role cen and the databases; see $CEN_LOG_DIR/postgres.log"
SELECT 'CREATE ROLE cen' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cen') \gexec
ALTER ROLE cen WITH LOGIN CREATEDB PASSWORD '$CEN_DB_PASSWORD';
$(for db in "${PG_DATABASES[@]}"; do
    printf "SELECT 'CREATE DATABASE %s OWNER cen' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '%s') \\\\gexec\n" "$db" "$db"
  done)
EOF
  local db
  for db in "${PG_DATABASES[@]}"; do
    _pg_psql "$db" <<<"CREATE EXTENSION IF NOT EXISTS pg_trgm;" ||
      cen_die postgres "could not create extension pg_trgm in $db; see $CEN_LOG_DIR/postgres.log"
  done
}

postgres_start() {
  cen_load_secrets
  if cen_is_running postgres && _pg_ready; then
    cen_log postgres "already running (pid $(cen_pid postgres)), port $PG_PORT"
    _pg_provision
    return 0
  fi
  if ! cen_is_running postgres && _pg_ready; then
    # A cluster of ours left running without a pid file (the pid file was removed): adopt it.
    head -n 1 "$PG_DATA/postmaster.pid" >"$CEN_RUN_DIR/postgres.pid"
    _cen_start_time "$(head -n 1 "$PG_DATA/postmaster.pid")" >"$CEN_RUN_DIR/postgres.pid.start"
    cen_log postgres "adopted the running cluster (pid $(cen_pid postgres)), port $PG_PORT"
    _pg_provision
    return 0
  fi
  if cen_is_running postgres; then
    cen_die postgres "pid $(cen_pid postgres) is running but does not answer; run deploy/local/stack.sh down postgres and try again"
  fi
  cen_need_port_free postgres "$PG_PORT"
  _pg_write_conf
  local cmd=("$PG_BIN/postgres" -D "$PG_DATA")
  if [ "$(id -u)" -eq 0 ]; then
    cmd=(setpriv --reuid=postgres --regid=postgres --init-groups -- "${cmd[@]}")
  fi
  cen_start_bg postgres "${cmd[@]}"
  local deadline=$((SECONDS + 60))
  until _pg_ready; do
    cen_is_running postgres || cen_die postgres "exited during start; see $CEN_LOG_DIR/postgres.log"
    [ "$SECONDS" -lt "$deadline" ] || cen_die postgres "not ready within 60 s; see $CEN_LOG_DIR/postgres.log"
    sleep 0.5
  done
  _pg_provision
  cen_log postgres "running (pid $(cen_pid postgres)), port $PG_PORT, databases ${PG_DATABASES[*]}"
}

postgres_stop() {
  if cen_is_running postgres; then
    # SIGINT is PostgreSQL's fast shutdown: it ends client sessions instead of waiting for them.
    cen_stop_bg postgres INT 60
    cen_log postgres "stopped"
  fi
}

postgres_status() {
  local pid
  if pid="$(cen_pid postgres)"; then
    if _pg_ready; then
      cen_status_line postgres healthy "127.0.0.1:$PG_PORT pid $pid"
      return 0
    fi
    cen_status_line postgres unhealthy "127.0.0.1:$PG_PORT pid $pid (not accepting connections)"
    return 1
  fi
  cen_status_line postgres stopped "127.0.0.1:$PG_PORT"
  return 1
}
