# shellcheck shell=bash
# Part seaweedfs: the S3 store. SeaweedFS is built from the Go module proxy at the version pinned by the
# tools module in deploy/local/tools/seaweedfs, and runs as one `weed server` (master, volume, filer, S3)
# on 127.0.0.1 with its data in .devstack/seaweedfs. Port 8080 is the gateway's, so every port is explicit.

SW_S3_PORT=8333
SW_MASTER_PORT=9333
SW_VOLUME_PORT=8334
SW_FILER_PORT=8888
# gRPC ports are the HTTP port + 10000, SeaweedFS's own convention, named so that conflicts are caught.
SW_PORTS=("$SW_S3_PORT" "$SW_MASTER_PORT" "$SW_VOLUME_PORT" "$SW_FILER_PORT" 18333 19333 18334 18888)
SW_DIR="$DEVSTACK/seaweedfs"
SW_TOOLS="$CEN_LOCAL/tools/seaweedfs"
SW_BIN="$CEN_BIN_DIR/weed"

# Go caches and built binaries live in the shared cache, so a fresh clone does not rebuild SeaweedFS.
SW_GO_CACHE="$CEN_SHARED_CACHE/go"

_sw_go() {
  local go
  go="$(command -v go || true)"
  [ -n "$go" ] || [ ! -x /usr/local/go/bin/go ] || go=/usr/local/go/bin/go
  [ -n "$go" ] || cen_die seaweedfs "Go is not installed; install Go 1.26 or newer (it builds SeaweedFS) and run again"
  GOPATH="$SW_GO_CACHE" GOMODCACHE="$SW_GO_CACHE/mod" GOCACHE="$SW_GO_CACHE/build" \
    GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false" "$go" "$@"
}

# Hash of the tools module: the cached binary is rebuilt whenever the pin changes.
_sw_pin() {
  cat "$SW_TOOLS/go.mod" "$SW_TOOLS/go.sum" | sha256sum | cut -d' ' -f1
}

seaweedfs_install() {
  local pin built
  pin="$(_sw_pin)"
  if [ -x "$SW_BIN" ] && [ "$(cat "$SW_BIN.pin" 2>/dev/null)" = "$pin" ]; then
    return 0
  fi
  built="$CEN_SHARED_CACHE/seaweedfs/weed-$pin"
  if [ ! -x "$built" ]; then
    local log="$CEN_LOG_DIR/seaweedfs-build.log"
    cen_log seaweedfs "building SeaweedFS from the pinned Go module (about 10 minutes the first time; log: $log)"
    mkdir -p "$CEN_SHARED_CACHE/seaweedfs"
    (cd "$SW_TOOLS" && _sw_go build -trimpath -o "$built.tmp" github.com/seaweedfs/seaweedfs/weed) >>"$log" 2>&1 ||
      cen_die seaweedfs "building SeaweedFS failed (see $log); check that the Go module proxy is reachable and run again"
    mv "$built.tmp" "$built"
  fi
  cp -f "$built" "$SW_BIN.tmp"
  mv "$SW_BIN.tmp" "$SW_BIN"
  printf '%s\n' "$pin" >"$SW_BIN.pin"
  cen_log seaweedfs "installed $("$SW_BIN" version 2>/dev/null | head -n 1) in .devstack/bin"
}

_sw_write_config() {
  mkdir -p "$SW_DIR/data" "$SW_DIR/master"
  # S3 identity from secrets.env; written with Python's json so no value needs shell quoting.
  (
    umask 077
    python3 - "$SW_DIR/s3.json" <<'EOF'
import json, os, sys
identity = {
    "name": "cen",
    "credentials": [{"accessKey": os.environ["CEN_S3_ACCESS_KEY"], "secretKey": os.environ["CEN_S3_SECRET_KEY"]}],
    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
}
with open(sys.argv[1], "w") as f:
    json.dump({"identities": [identity]}, f, indent=2)
EOF
  )
  # Read by the master from its working directory: one volume per new bucket instead of seven, so that
  # tests creating many buckets do not exhaust the volume slots.
  cat >"$SW_DIR/master.toml" <<'EOF'
# Written by deploy/local/parts/seaweedfs.sh at each start.
[master.volume_growth]
copy_1 = 1
copy_2 = 2
copy_3 = 3
copy_other = 1
EOF
}

_sw_python() {
  if [ -x "$CEN_ROOT/.venv/bin/python" ] && "$CEN_ROOT/.venv/bin/python" -c 'import minio' 2>/dev/null; then
    "$CEN_ROOT/.venv/bin/python" "$@"
  else
    command -v uv >/dev/null 2>&1 || cen_die seaweedfs "neither the project venv nor uv is there; run deploy/local/bootstrap.sh"
    uv run --quiet --no-project --with minio python "$@"
  fi
}

# The real check: a bucket, an object written and read back, through the MinIO client as the services do.
_sw_s3_works() {
  _sw_python "$CEN_LOCAL/s3check.py" "127.0.0.1:$SW_S3_PORT" >>"$CEN_LOG_DIR/seaweedfs.log" 2>&1
}

seaweedfs_start() {
  cen_load_secrets
  if cen_is_running seaweedfs && cen_port_open "$SW_S3_PORT"; then
    cen_log seaweedfs "already running (pid $(cen_pid seaweedfs)), S3 on port $SW_S3_PORT"
    return 0
  fi
  if cen_is_running seaweedfs; then
    cen_die seaweedfs "pid $(cen_pid seaweedfs) is running but S3 does not answer; run deploy/local/stack.sh down seaweedfs and try again"
  fi
  local port
  for port in "${SW_PORTS[@]}"; do
    cen_need_port_free seaweedfs "$port"
  done
  _sw_write_config
  cen_start_bg seaweedfs env -C "$SW_DIR" "$SW_BIN" server \
    -ip=127.0.0.1 -ip.bind=127.0.0.1 \
    -dir="$SW_DIR/data" -master.dir="$SW_DIR/master" \
    -master.port="$SW_MASTER_PORT" -master.volumeSizeLimitMB=1024 -master.telemetry=false \
    -master.electionTimeout=2s \
    -volume.port="$SW_VOLUME_PORT" -volume.max=100 -volume.preStopSeconds=0 \
    -filer -filer.port="$SW_FILER_PORT" -filer.localSocket="$CEN_RUN_DIR/seaweedfs-filer.sock" \
    -s3 -s3.port="$SW_S3_PORT" -s3.config="$SW_DIR/s3.json" -s3.localSocket="$CEN_RUN_DIR/seaweedfs-s3.sock" \
    -s3.port.iceberg=0 -s3.port.lance=0
  cen_wait_port seaweedfs "$SW_S3_PORT" 90
  # The S3 port opens before the volume server has registered; retry the round trip until it works.
  local deadline=$((SECONDS + 90))
  until _sw_s3_works; do
    cen_is_running seaweedfs || cen_die seaweedfs "exited during start; see $CEN_LOG_DIR/seaweedfs.log"
    [ "$SECONDS" -lt "$deadline" ] ||
      cen_die seaweedfs "S3 put/get through the MinIO client still fails after 90 s; see $CEN_LOG_DIR/seaweedfs.log"
    sleep 2
  done
  cen_log seaweedfs "running (pid $(cen_pid seaweedfs)), S3 on port $SW_S3_PORT (bucket create, put and get checked)"
}

seaweedfs_stop() {
  if cen_is_running seaweedfs; then
    cen_stop_bg seaweedfs TERM 60
    cen_log seaweedfs "stopped"
  fi
}

seaweedfs_status() {
  local pid
  if pid="$(cen_pid seaweedfs)"; then
    if cen_port_open "$SW_S3_PORT" && cen_http_ok "http://127.0.0.1:$SW_MASTER_PORT/cluster/status"; then
      cen_status_line seaweedfs healthy "127.0.0.1:$SW_S3_PORT (S3) pid $pid"
      return 0
    fi
    cen_status_line seaweedfs unhealthy "127.0.0.1:$SW_S3_PORT (S3) pid $pid (S3 or master not answering)"
    return 1
  fi
  cen_status_line seaweedfs stopped "127.0.0.1:$SW_S3_PORT (S3)"
  return 1
}
