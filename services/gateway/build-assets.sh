#!/usr/bin/env bash
# Install the web UI's front-end packages from the npm lock file, copy the files the pages use into
# src/cen_gateway/static/vendor/ (git-ignored) and compile the message catalogues. Safe to run twice.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
command -v npm >/dev/null || { echo "error: gateway: npm not found; install nodejs and npm" >&2; exit 1; }

# --ignore-scripts: no package needs a build step, and none may phone home at install time.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null \
  || { echo "error: gateway: npm ci failed; check access to the npm registry" >&2; exit 1; }

vendor="src/cen_gateway/static/vendor"
rm -rf "$vendor"
mkdir -p "$vendor/htmx" "$vendor/pico" "$vendor/swagger-ui" "$vendor/chartjs" "$vendor/chartjs-chart-geo" \
  "$vendor/world-atlas" "$vendor/iso-countries"
cp node_modules/htmx.org/dist/htmx.min.js "$vendor/htmx/"
cp node_modules/@picocss/pico/css/pico.min.css "$vendor/pico/"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css "$vendor/swagger-ui/"
cp node_modules/chart.js/dist/chart.umd.min.js "$vendor/chartjs/"
cp node_modules/chartjs-chart-geo/build/index.umd.min.js "$vendor/chartjs-chart-geo/"
cp node_modules/world-atlas/countries-110m.json "$vendor/world-atlas/"
cp node_modules/htmx.org/LICENSE "$vendor/htmx/"
cp node_modules/@picocss/pico/LICENSE.md "$vendor/pico/"
cp node_modules/swagger-ui-dist/LICENSE node_modules/swagger-ui-dist/NOTICE "$vendor/swagger-ui/"
cp node_modules/chart.js/LICENSE.md "$vendor/chartjs/"
cp node_modules/chartjs-chart-geo/LICENSE "$vendor/chartjs-chart-geo/"
cp node_modules/world-atlas/LICENSE "$vendor/world-atlas/"
cp node_modules/i18n-iso-countries/LICENSE "$vendor/iso-countries/"
# world-atlas names countries by ISO 3166-1 numeric code, the seizures service by alpha-2: the map needs both.
node -e '
  const codes = require("./node_modules/i18n-iso-countries/codes.json");
  const table = Object.fromEntries(codes.map(([alpha2, , numeric]) => [numeric, alpha2]));
  process.stdout.write(JSON.stringify(table));
' >"$vendor/iso-countries/numeric-to-alpha2.json"

# Compiled catalogues are build output: Flask-Babel reads the .mo files.
root="$(cd "$here/../.." && pwd)"
(cd "$root" && uv run --quiet pybabel -q compile --use-fuzzy -d services/gateway/src/cen_gateway/translations)
echo "gateway: assets in $vendor"
