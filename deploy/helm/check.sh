#!/usr/bin/env bash
# `make helm-lint`: install the pinned Helm (from the Go module proxy) if missing, then lint and render the chart.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
HELM_VERSION=v3.22.0
bin="$root/.devstack/bin"
helm="$bin/helm"
if [ ! -x "$helm" ] || ! "$helm" version --short 2>/dev/null | grep -q "${HELM_VERSION%.*}"; then
  echo "helm: building helm.sh/helm/v3 $HELM_VERSION (cached in .devstack/)" >&2
  mkdir -p "$bin"
  GOBIN="$bin" GOMODCACHE="$root/.devstack/cache/go/mod" GOCACHE="$root/.devstack/cache/go/build" \
    go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" ||
    { echo "error: helm: go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION failed; check Go and the module proxy" >&2; exit 1; }
fi
[ "${1:-}" = "--install-only" ] && exit 0
chart="$root/deploy/helm/cen"
"$helm" lint --strict "$chart"
"$helm" lint --strict "$chart" -f "$chart/ci/test-values.yaml"
"$helm" template cen "$chart" >/dev/null
"$helm" template cen "$chart" -f "$chart/ci/test-values.yaml" >/dev/null
echo "ok: helm chart lints and renders"
