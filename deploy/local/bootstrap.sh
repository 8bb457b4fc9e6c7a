#!/usr/bin/env bash
# Prepare this machine for CEN: uv and the Python workspace, the gateway's front-end assets, Debian's
# Chromium for browser tests. `bootstrap.sh [python] [assets] [browser]` runs only the named steps.
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$CEN_ROOT"

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(python assets browser)

step_python() {
  export PATH="$HOME/.local/bin:$PATH"
  if ! command -v uv >/dev/null 2>&1; then
    cen_log bootstrap "installing uv with pip"
    # Debian's own python3 marks itself externally managed (PEP 668); uv is one static binary, safe to add.
    python3 -m pip install --quiet uv 2>/dev/null ||
      python3 -m pip install --quiet --user --break-system-packages uv ||
      cen_die bootstrap "could not install uv with pip; install it (pip install uv) and run again"
  fi
  command -v uv >/dev/null 2>&1 || cen_die bootstrap "uv was installed but is not on PATH; add ~/.local/bin to PATH"
  export UV_PROJECT_ENVIRONMENT="$CEN_ROOT/.venv"
  if [ -f uv.lock ]; then
    uv sync --frozen --quiet || cen_die bootstrap "uv sync --frozen failed; if uv.lock is stale run 'uv lock' and commit it"
  else
    uv sync --quiet || cen_die bootstrap "uv sync failed; see the messages above"
  fi
  cen_log bootstrap "python workspace ready in .venv"
}

step_assets() {
  if [ -x services/gateway/build-assets.sh ]; then
    services/gateway/build-assets.sh || cen_die bootstrap "services/gateway/build-assets.sh failed; see the messages above"
  fi
}

step_browser() {
  if [ ! -x /usr/bin/chromium ]; then
    cen_apt_install bootstrap chromium fonts-liberation
  fi
  cen_log bootstrap "browser: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
}

for step in "${steps[@]}"; do
  case "$step" in
    python | assets | browser) "step_$step" ;;
    *) cen_die bootstrap "unknown step '$step'; steps are: python assets browser" ;;
  esac
done
