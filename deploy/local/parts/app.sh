# shellcheck shell=bash
# Part app: the project's own processes. Migrations first, then the five gRPC services, one Celery worker
# per service queue and the gateway, each with the environment from env.sh, waited on until healthy.

APP_SERVICES=(auth seizures cws cpdb cencomm)
APP_PY="$CEN_ROOT/.venv/bin/python"

_app_index() { # SERVICE -> 1..5, the last digit of its gRPC and metrics ports
  local i
  for i in "${!APP_SERVICES[@]}"; do
    [ "${APP_SERVICES[$i]}" != "$1" ] || { echo $((i + 1)); return 0; }
  done
  return 1
}

# Run `python -m MODULE ARGS…` with the environment env.sh gives SERVICE; used in the foreground and by
# cen_start_bg. The secrets travel through the environment, never the command line.
_app_cmd() { # SERVICE MODULE ARGS…
  local service="$1"
  shift
  # shellcheck disable=SC2016
  printf '%s\0' bash -c 'eval "$("$1" "$2")" && shift 2 && exec "$@"' _ \
    "$CEN_LOCAL/env.sh" "$service" env PYTHONUNBUFFERED=1 "$APP_PY" -m "$@"
}

_app_run_fg() { # SERVICE MODULE ARGS…
  local cmd=()
  mapfile -d '' cmd < <(_app_cmd "$@")
  "${cmd[@]}"
}

_app_start_bg() { # NAME SERVICE MODULE ARGS…
  local name="$1" cmd=()
  shift
  mapfile -d '' cmd < <(_app_cmd "$@")
  cen_start_bg "$name" "${cmd[@]}"
}

_app_grpc_healthy() { # SERVICE
  "$APP_PY" "$CEN_LOCAL/healthcheck.py" "127.0.0.1:5005$(_app_index "$1")" 2>/dev/null
}

app_install() {
  "$CEN_LOCAL/bootstrap.sh" python assets
}

_app_check_ready_to_start() {
  cen_port_open 5433 || cen_die app "PostgreSQL is not running on port 5433; run deploy/local/stack.sh up postgres"
  cen_port_open 6380 || cen_die app "Redis is not running on port 6380; run deploy/local/stack.sh up redis"
  cen_port_open 8180 || cen_warn app "Keycloak is not answering on port 8180; logins and token checks will fail until it runs"
  local m
  for m in "${APP_SERVICES[@]}"; do
    [ -f "$CEN_ROOT/services/$m/src/cen_$m/__main__.py" ] ||
      cen_die app "services/$m has no src/cen_$m/__main__.py yet, so 'python -m cen_$m' cannot run"
  done
  [ -f "$CEN_ROOT/services/gateway/src/cen_gateway/__main__.py" ] ||
    cen_die app "services/gateway has no src/cen_gateway/__main__.py yet, so 'python -m cen_gateway' cannot run"
}

app_start() {
  _app_check_ready_to_start
  local m i log="$CEN_LOG_DIR/migrate.log"
  for m in "${APP_SERVICES[@]}"; do
    printf '\n=== %s migrate %s\n' "$(date -Is)" "$m" >>"$log"
    _app_run_fg "$m" "cen_$m" migrate >>"$log" 2>&1 ||
      cen_die app "the migrations of $m failed; see $log"
  done
  cen_log app "migrations applied (${APP_SERVICES[*]})"
  # Demo cases for the CEN database: deterministic, and only the missing ones are added (fast when present).
  printf '\n=== %s seed seizures\n' "$(date -Is)" >>"$log"
  _app_run_fg seizures cen_seizures seed --count "${CEN_DEMO_SEIZURES:-20000}" >>"$log" 2>&1 ||
    cen_die app "loading the demo seizures failed; see $log"
  # Demo pictures: stored and queued now, processed by the cpdb worker once it runs.
  printf '\n=== %s seed cpdb\n' "$(date -Is)" >>"$log"
  _app_run_fg cpdb cen_cpdb seed --count "${CEN_DEMO_PICTURES:-300}" >>"$log" 2>&1 ||
    cen_die app "loading the demo pictures failed; see $log"

  for m in "${APP_SERVICES[@]}"; do
    i="$(_app_index "$m")"
    if ! cen_is_running "$m"; then
      cen_need_port_free "$m" "5005$i"
      cen_need_port_free "$m" "915$i"
      _app_start_bg "$m" "$m" "cen_$m" serve
    fi
    cen_is_running "$m-worker" || _app_start_bg "$m-worker" "$m" "cen_$m" worker
  done
  if ! cen_is_running gateway; then
    cen_need_port_free gateway 8080
    _app_start_bg gateway gateway cen_gateway serve
  fi

  # Eleven Python processes importing at once on two cores take a while; 120 s leaves room for CI.
  local deadline=$((SECONDS + 120))
  for m in "${APP_SERVICES[@]}"; do
    until _app_grpc_healthy "$m"; do
      cen_is_running "$m" || cen_die "$m" "exited during start; see $CEN_LOG_DIR/$m.log"
      [ "$SECONDS" -lt "$deadline" ] || cen_die "$m" "gRPC health is not SERVING after 120 s; see $CEN_LOG_DIR/$m.log"
      sleep 1
    done
  done
  until cen_http_ok http://127.0.0.1:8080/readyz; do
    cen_is_running gateway || cen_die gateway "exited during start; see $CEN_LOG_DIR/gateway.log"
    [ "$SECONDS" -lt "$deadline" ] || cen_die gateway "/readyz is not OK after 120 s; see $CEN_LOG_DIR/gateway.log"
    sleep 1
  done
  for m in "${APP_SERVICES[@]}"; do
    cen_is_running "$m-worker" || cen_die "$m-worker" "exited during start; see $CEN_LOG_DIR/$m-worker.log"
  done
  cen_log app "running: ${APP_SERVICES[*]} (gRPC 50051-50055), one Celery worker each, gateway on 8080"
}

app_stop() {
  local stopped=0 name
  # The gateway first so no new calls come in; then services and workers together, since each takes
  # a few seconds to drain and one after the other would add up.
  if cen_is_running gateway; then
    cen_stop_bg gateway TERM 40
    stopped=1
  fi
  for name in "${APP_SERVICES[@]/%/-worker}" "${APP_SERVICES[@]}"; do
    if cen_is_running "$name"; then
      cen_stop_bg "$name" TERM 40 &
      stopped=1
    fi
  done
  wait
  [ "$stopped" -eq 0 ] || cen_log app "stopped"
}

app_status() {
  local rc=0 m pid
  for m in "${APP_SERVICES[@]}"; do
    if pid="$(cen_pid "$m")"; then
      if _app_grpc_healthy "$m"; then
        cen_status_line "$m" healthy "127.0.0.1:5005$(_app_index "$m") (gRPC) pid $pid"
      else
        cen_status_line "$m" unhealthy "127.0.0.1:5005$(_app_index "$m") (gRPC) pid $pid (not SERVING)"
        rc=1
      fi
    else
      cen_status_line "$m" stopped "127.0.0.1:5005$(_app_index "$m") (gRPC)"
      rc=1
    fi
    if pid="$(cen_pid "$m-worker")"; then
      cen_status_line "$m-worker" running "queue $m pid $pid"
    else
      cen_status_line "$m-worker" stopped "queue $m"
      rc=1
    fi
  done
  if pid="$(cen_pid gateway)"; then
    if cen_http_ok http://127.0.0.1:8080/readyz; then
      cen_status_line gateway healthy "http://127.0.0.1:8080 pid $pid"
    else
      cen_status_line gateway unhealthy "http://127.0.0.1:8080 pid $pid (/readyz not OK)"
      rc=1
    fi
  else
    cen_status_line gateway stopped "http://127.0.0.1:8080"
    rc=1
  fi
  return "$rc"
}
