#!/usr/bin/env bash
# Regenerate the Python stubs and the OpenAPI document from protos/ (`make protos`), or with --check
# (`make protos-check`, `make test`) lint the protos, check them for breaking changes and fail when the
# committed generated code is stale.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: protos/generate.sh [--check]

  (no option)  regenerate libs/protos-python/src/cen from protos/cen (stubs, __init__.py, openapi.json);
               files of deleted protos are removed
  --check      buf lint, buf format, buf breaking against the committed protos (git HEAD, or
               $CEN_PROTOS_AGAINST_REF), and fail when the committed generated code differs from a
               fresh generation

environment:
  CEN_PROTOS_OUT          output directory instead of libs/protos-python/src/cen (used by the tests)
  CEN_PROTOS_AGAINST_REF  git ref the breaking-change check compares with (default HEAD)
EOF
}

PROTOS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$PROTOS")"
OUT="${CEN_PROTOS_OUT:-$ROOT/libs/protos-python/src/cen}"
AGAINST_REF="${CEN_PROTOS_AGAINST_REF:-HEAD}"
BUF="$PROTOS/node_modules/.bin/buf"
INCLUDE="$PROTOS/.include"

log() { echo "protos: $*"; }
die() {
  echo "error: protos: $*" >&2
  exit 1
}

mode=generate
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h | --help)
    usage
    exit 0
    ;;
  *)
    usage >&2
    die "unknown argument '$1'"
    ;;
esac

ensure_buf() {
  [ -x "$BUF" ] && return 0
  command -v npm >/dev/null || die "npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)"
  log "installing buf from protos/package-lock.json (npm ci)"
  (cd "$PROTOS" && npm ci --no-audit --no-fund --loglevel=error) ||
    die "npm ci in protos/ failed: check access to the npm registry, then run make protos again"
  [ -x "$BUF" ] || die "npm ci did not install buf at $BUF"
}

# The interpreter of the uv workspace (grpcio-tools and googleapis-common-protos live there).
python_path() {
  (cd "$ROOT" && uv run --quiet python -c 'import sys; print(sys.executable)') ||
    die "cannot run the uv workspace's python: run uv sync"
}

# buf cannot reach the Buf Schema Registry here, so it reads google/api and google/rpc from a copy of the
# protos that the installed googleapis-common-protos ships; refreshed only when that package changes, so
# concurrent runs do not pull the files from under each other.
prepare_include() {
  local src stamp
  src="$("$PY" -c 'import pathlib, google.api.annotations_pb2 as m; print(pathlib.Path(m.__file__).parents[2])')" ||
    die "googleapis-common-protos is not installed in the uv workspace: run uv sync"
  stamp="$("$PY" -c 'import importlib.metadata as m; print(m.version("googleapis-common-protos"))') $src"
  if [ -f "$INCLUDE/.stamp" ] && [ "$(cat "$INCLUDE/.stamp")" = "$stamp" ]; then
    return 0
  fi
  rm -rf "$INCLUDE"
  mkdir -p "$INCLUDE"
  (cd "$src" && find google/api google/rpc -name '*.proto' -print0 | xargs -0 cp --parents -t "$INCLUDE")
  echo "$stamp" >"$INCLUDE/.stamp"
}

# protoc (from grpcio-tools, which also adds its google/protobuf include) writes the stubs and the
# descriptor set with source info that the OpenAPI generator reads.
generate_into() {
  local dest="$1" dir
  local -a files
  mapfile -t files < <(cd "$PROTOS" && find cen -name '*.proto' | LC_ALL=C sort)
  [ "${#files[@]}" -gt 0 ] || die "no .proto files under protos/cen"
  mkdir -p "$dest"
  (cd "$PROTOS" && "$PY" -m grpc_tools.protoc -I . -I .include \
    --python_out="$dest" --pyi_out="$dest" --grpc_python_out="$dest" \
    --descriptor_set_out="$WORK/descriptors.binpb" --include_source_info --include_imports \
    "${files[@]}") || die "protoc failed (see above)"
  # Regular packages, so `cen`, `cen.<module>` and `cen.<module>.v1` import like any other package.
  while IFS= read -r dir; do
    printf '"""Generated package %s from protos/ (do not edit: run make protos)."""\n' \
      "$(echo "${dir#"$dest"/}" | tr / .)" >"$dir/__init__.py"
  done < <(find "$dest/cen" -type d)
  "$PY" "$PROTOS/tools/gen_openapi.py" "$WORK/descriptors.binpb" "$dest/cen/openapi.json" ||
    die "OpenAPI generation failed (see above)"
}

# Relative paths of the files under a directory, bytecode caches left out.
list_files() {
  [ -d "$1" ] || return 0
  (cd "$1" && find . -type f -not -path '*/__pycache__/*' | sed 's|^\./||' | LC_ALL=C sort)
}

# Make OUT equal to the fresh generation: write changed files, delete those of removed protos.
sync_output() {
  local fresh="$1" f dir
  mkdir -p "$OUT"
  while IFS= read -r f; do
    if [ ! -e "$fresh/$f" ]; then
      rm -f "$OUT/$f"
      log "removed stale ${OUT#"$ROOT"/}/$f"
    fi
  done < <(list_files "$OUT")
  while IFS= read -r dir; do
    [ -d "$fresh/$dir" ] || rm -rf "${OUT:?}/$dir"
  done < <(cd "$OUT" && find . -mindepth 1 -type d -not -name __pycache__ | sed 's|^\./||' | LC_ALL=C sort -r)
  while IFS= read -r f; do
    if ! cmp -s "$fresh/$f" "$OUT/$f"; then
      mkdir -p "$(dirname "$OUT/$f")"
      cp "$fresh/$f" "$OUT/$f"
      log "wrote ${OUT#"$ROOT"/}/$f"
    fi
  done < <(list_files "$fresh")
}

# Print every difference between OUT and the fresh generation; status 1 when there is any.
compare_output() {
  local fresh="$1" f stale=0
  while IFS= read -r f; do
    if [ ! -e "$OUT/$f" ]; then
      echo "  missing:  ${OUT#"$ROOT"/}/$f" >&2
      stale=1
    elif ! cmp -s "$fresh/$f" "$OUT/$f"; then
      echo "  differs:  ${OUT#"$ROOT"/}/$f" >&2
      stale=1
    fi
  done < <(list_files "$fresh")
  while IFS= read -r f; do
    if [ ! -e "$fresh/$f" ]; then
      echo "  stale:    ${OUT#"$ROOT"/}/$f (no proto generates it)" >&2
      stale=1
    fi
  done < <(list_files "$OUT")
  return "$stale"
}

# Compare with the protos committed at AGAINST_REF. That tree may predate buf.yaml or the include
# layout, so it is checked out into a scratch workspace with today's buf.yaml and includes.
breaking_check() {
  local against="$WORK/against"
  if ! git -C "$ROOT" rev-parse --verify --quiet "$AGAINST_REF^{commit}" >/dev/null 2>&1; then
    log "breaking: no git commit $AGAINST_REF to compare against; skipped"
    return 0
  fi
  if ! git -C "$ROOT" cat-file -e "$AGAINST_REF:protos/cen" 2>/dev/null; then
    log "breaking: $AGAINST_REF has no protos/cen yet; nothing to compare against"
    return 0
  fi
  mkdir -p "$against"
  git -C "$ROOT" archive --format=tar "$AGAINST_REF" protos/cen | tar -x -C "$against" --strip-components=1
  cp "$PROTOS/buf.yaml" "$against/buf.yaml"
  cp -r "$INCLUDE" "$against/.include"
  (cd "$PROTOS" && "$BUF" breaking --against "$against")
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PY="$(python_path)"
ensure_buf
prepare_include

if [ "$mode" = generate ]; then
  generate_into "$WORK/gen"
  sync_output "$WORK/gen/cen"
  log "generated code is up to date in ${OUT#"$ROOT"/}"
  exit 0
fi

failed=()
log "buf lint"
(cd "$PROTOS" && "$BUF" lint) || failed+=("buf lint: fix the findings above")
log "buf format"
(cd "$PROTOS" && "$BUF" format --diff --exit-code --path cen) ||
  failed+=("buf format: run 'node_modules/.bin/buf format -w --path cen' in protos/")
log "buf breaking (against $AGAINST_REF)"
breaking_check || failed+=("buf breaking: the change above breaks clients of the committed protos")
log "generated code"
generate_into "$WORK/gen"
if ! compare_output "$WORK/gen/cen"; then
  failed+=("generated code is stale: run make protos")
fi
if [ "${#failed[@]}" -gt 0 ]; then
  for msg in "${failed[@]}"; do echo "error: protos: $msg" >&2; done
  exit 1
fi
log "ok: lint, format, breaking and generated code are clean"
