# shellcheck shell=bash
# Part redis: a private Redis 7 instance on 127.0.0.1:6380 (Celery broker, sessions, rate limits),
# data in .devstack/redis with the append-only file on, so queued work survives a restart.

REDIS_PORT=6380
REDIS_DIR="$DEVSTACK/redis"

_redis_ping() {
  [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
}

redis_install() {
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    cen_apt_install redis redis-server redis-tools
  fi
  command -v redis-server >/dev/null 2>&1 || cen_die redis "redis-server is still missing after apt-get install"
}

_redis_write_conf() {
  mkdir -p "$REDIS_DIR"
  cat >"$REDIS_DIR/redis.conf" <<CONF
# Written by deploy/local/parts/redis.sh at each start.
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize no
supervised no
pidfile ""
logfile ""
dir $REDIS_DIR
dbfilename dump.rdb
save 3600 1 300 100 60 10000
appendonly yes
appendfsync everysec
# A broker must not drop queued tasks to make room: fail writes instead of evicting.
maxmemory-policy noeviction
tcp-keepalive 60
CONF
}

redis_start() {
  if cen_is_running redis && _redis_ping; then
    cen_log redis "already running (pid $(cen_pid redis)), port $REDIS_PORT"
    return 0
  fi
  if cen_is_running redis; then
    cen_die redis "pid $(cen_pid redis) is running but does not answer; run deploy/local/stack.sh down redis and try again"
  fi
  cen_need_port_free redis "$REDIS_PORT"
  _redis_write_conf
  cen_start_bg redis redis-server "$REDIS_DIR/redis.conf"
  local deadline=$((SECONDS + 30))
  until _redis_ping; do
    cen_is_running redis || cen_die redis "exited during start; see $CEN_LOG_DIR/redis.log"
    [ "$SECONDS" -lt "$deadline" ] || cen_die redis "no PONG within 30 s; see $CEN_LOG_DIR/redis.log"
    sleep 0.3
  done
  cen_log redis "running (pid $(cen_pid redis)), port $REDIS_PORT"
}

redis_stop() {
  if cen_is_running redis; then
    # SIGTERM makes Redis flush the append-only file and save before it exits.
    cen_stop_bg redis TERM 60
    cen_log redis "stopped"
  fi
}

redis_status() {
  local pid
  if pid="$(cen_pid redis)"; then
    if _redis_ping; then
      cen_status_line redis healthy "127.0.0.1:$REDIS_PORT pid $pid"
      return 0
    fi
    cen_status_line redis unhealthy "127.0.0.1:$REDIS_PORT pid $pid (no PONG)"
    return 1
  fi
  cen_status_line redis stopped "127.0.0.1:$REDIS_PORT"
  return 1
}
