# shellcheck shell=bash
# Part smtp: an aiosmtpd mail sink on 127.0.0.1:1025; every message lands in .devstack/mail/ as an .eml file.

SMTP_PORT=1025
SMTP_MAIL_DIR="$DEVSTACK/mail"
SMTP_VENV="$CEN_CACHE_DIR/venv-mailsink"

# The project venv once its dev group has aiosmtpd, else a small venv of our own next to the caches.
_smtp_python() {
  if "$CEN_ROOT/.venv/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
    printf '%s\n' "$CEN_ROOT/.venv/bin/python"
  else
    printf '%s\n' "$SMTP_VENV/bin/python"
  fi
}

smtp_install() {
  local py
  py="$(_smtp_python)"
  if "$py" -c 'import aiosmtpd' 2>/dev/null; then
    return 0
  fi
  command -v uv >/dev/null 2>&1 || cen_die smtp "uv is missing; run deploy/local/bootstrap.sh first"
  cen_log smtp "installing aiosmtpd into $SMTP_VENV"
  {
    uv venv --quiet --allow-existing --python 3.11 "$SMTP_VENV" &&
      uv pip install --quiet --python "$SMTP_VENV/bin/python" aiosmtpd
  } >>"$CEN_LOG_DIR/smtp.log" 2>&1 ||
    cen_die smtp "could not install aiosmtpd (see $CEN_LOG_DIR/smtp.log); check that PyPI is reachable and run again"
}

_smtp_ready() {
  python3 - "$SMTP_PORT" <<'PY' 2>/dev/null
import smtplib, sys
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=3) as s:
    sys.exit(0 if s.noop()[0] == 250 else 1)
PY
}

smtp_start() {
  if cen_is_running smtp && _smtp_ready; then
    cen_log smtp "already running (pid $(cen_pid smtp)), port $SMTP_PORT"
    return 0
  fi
  if cen_is_running smtp; then
    cen_die smtp "pid $(cen_pid smtp) is running but does not answer; run deploy/local/stack.sh down smtp and try again"
  fi
  cen_need_port_free smtp "$SMTP_PORT"
  mkdir -p "$SMTP_MAIL_DIR"
  cen_start_bg smtp "$(_smtp_python)" -u "$CEN_LOCAL/mailsink.py" --host 127.0.0.1 --port "$SMTP_PORT" --dir "$SMTP_MAIL_DIR"
  local deadline=$((SECONDS + 30))
  until _smtp_ready; do
    cen_is_running smtp || cen_die smtp "exited during start; see $CEN_LOG_DIR/smtp.log"
    [ "$SECONDS" -lt "$deadline" ] || cen_die smtp "no SMTP greeting within 30 s; see $CEN_LOG_DIR/smtp.log"
    sleep 0.3
  done
  cen_log smtp "running (pid $(cen_pid smtp)), port $SMTP_PORT, mail in $SMTP_MAIL_DIR"
}

smtp_stop() {
  if cen_is_running smtp; then
    cen_stop_bg smtp TERM 15
    cen_log smtp "stopped"
  fi
}

smtp_status() {
  local pid
  if pid="$(cen_pid smtp)"; then
    if _smtp_ready; then
      cen_status_line smtp healthy "127.0.0.1:$SMTP_PORT pid $pid (mail in .devstack/mail)"
      return 0
    fi
    cen_status_line smtp unhealthy "127.0.0.1:$SMTP_PORT pid $pid (no SMTP greeting)"
    return 1
  fi
  cen_status_line smtp stopped "127.0.0.1:$SMTP_PORT"
  return 1
}
