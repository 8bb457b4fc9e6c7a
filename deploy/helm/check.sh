#!/usr/bin/env bash
# `make helm-lint`: build the pinned Helm from the Go module proxy if missing, then lint the chart and
# render it with the default and the test values (Helm checks both against values.schema.json).
# `--install-only` only makes sure .devstack/bin/helm exists (tests/helm uses it).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
HELM_VERSION=v3.22.0
bin="$root/.devstack/bin"
helm="$bin/helm"
# Built once per machine (like SeaweedFS): a fresh clone copies it instead of rebuilding.
shared="${CEN_SHARED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cen-devstack}"
shared_helm="$shared/helm/helm-$HELM_VERSION"
chart="$root/deploy/helm/cen"

if [ ! -x "$helm" ] || ! "$helm" version --short 2>/dev/null | grep -q "^${HELM_VERSION%.*}"; then
  command -v go >/dev/null || { echo "error: helm: Go is missing; install Go 1.24 or newer" >&2; exit 1; }
  echo "helm: building helm.sh/helm/v3 $HELM_VERSION into .devstack/bin (once; cached)" >&2
  mkdir -p "$bin" "$(dirname "$shared_helm")"
  if [ ! -x "$shared_helm" ]; then
    GOBIN="$(dirname "$shared_helm")" GOMODCACHE="$shared/go/mod" GOCACHE="$shared/go/build" \
      GOTOOLCHAIN=local GOFLAGS=-trimpath go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2 ||
      { echo "error: helm: go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION failed; check Go and the module proxy" >&2; exit 1; }
    mv "$(dirname "$shared_helm")/helm" "$shared_helm"
  fi
  cp "$shared_helm" "$helm"
fi
[ "${1:-}" = "--install-only" ] && exit 0

# Quiet when fine; the whole output when not.
run() { local out; out="$("$@" 2>&1)" || { echo "$out" >&2; echo "error: helm: failed: helm ${*:2}" >&2; exit 1; }; }
run "$helm" lint --strict "$chart"
run "$helm" lint --strict "$chart" -f "$chart/ci/test-values.yaml"
run "$helm" template cen "$chart"
run "$helm" template cen "$chart" -f "$chart/ci/test-values.yaml"
# The schema must be enforced, not just present: a wrongly typed value has to fail the render.
if "$helm" template cen "$chart" --set components.auth.replicas=two >/dev/null 2>&1; then
  echo "error: helm: values.schema.json did not reject components.auth.replicas=two" >&2
  exit 1
fi
echo "ok: helm chart lints, renders with default and test values, and its schema rejects bad values"
