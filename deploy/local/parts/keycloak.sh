# shellcheck shell=bash
# Part keycloak: Keycloak 26 from the keycloak-quarkus-dist zip (fetched with Maven), dev mode on
# 127.0.0.1:8180 (management/health on 9180), realm `cen` imported from deploy/keycloak with the dev overlay.

KEYCLOAK_VERSION=26.5.6
KEYCLOAK_PORT=8180
KEYCLOAK_MGMT_PORT=9180
KEYCLOAK_HOME="$DEVSTACK/keycloak/keycloak-$KEYCLOAK_VERSION"
# downloaded once per machine, shared by every clone
KEYCLOAK_ZIP="$CEN_SHARED_CACHE/keycloak/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
KEYCLOAK_REALM_URL="http://127.0.0.1:$KEYCLOAK_PORT/realms/cen/.well-known/openid-configuration"

# Keycloak 26 needs Java 21 or newer: take the newest JDK installed under /usr/lib/jvm.
_keycloak_java_home() {
  local jdk version best="" best_version=0
  for jdk in /usr/lib/jvm/*/; do
    [ -x "$jdk/bin/java" ] || continue
    version="$("$jdk/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
    if [ -n "$version" ] && [ "$version" -gt "$best_version" ]; then best="${jdk%/}" best_version="$version"; fi
  done
  [ "$best_version" -ge 21 ] || return 1
  printf '%s\n' "$best"
}

keycloak_install() {
  command -v unzip >/dev/null 2>&1 || cen_apt_install keycloak unzip
  _keycloak_java_home >/dev/null || cen_apt_install keycloak openjdk-21-jre-headless 2>/dev/null ||
    cen_die keycloak "needs a Java 21+ JDK under /usr/lib/jvm; install one (e.g. Temurin 21 or 25) and retry"
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

# Build the realm file; when it differs from the one last imported, drop the dev database so it is re-imported.
_keycloak_prepare_realm() {
  local import_dir="$KEYCLOAK_HOME/data/import" built
  mkdir -p "$import_dir"
  built="$(mktemp)"
  python3 "$CEN_ROOT/deploy/keycloak/build_realm.py" --dev -o "$built" || cen_die keycloak "cannot build the realm from deploy/keycloak"
  if ! cmp -s "$built" "$import_dir/cen-realm.json"; then
    cen_log keycloak "realm definition changed: re-importing it (dev database reset)"
    rm -rf "$KEYCLOAK_HOME/data/h2"
    mv "$built" "$import_dir/cen-realm.json"
  else
    rm -f "$built"
  fi
}

keycloak_start() {
  if cen_is_running keycloak && cen_http_ok "$KEYCLOAK_REALM_URL"; then
    cen_log keycloak "already running (pid $(cen_pid keycloak)), http://127.0.0.1:$KEYCLOAK_PORT"
    return 0
  fi
  cen_is_running keycloak && cen_stop_bg keycloak TERM 30
  cen_need_port_free keycloak "$KEYCLOAK_PORT"
  cen_need_port_free keycloak "$KEYCLOAK_MGMT_PORT"
  cen_load_secrets
  _keycloak_prepare_realm
  local java_home
  java_home="$(_keycloak_java_home)"
  # The realm import resolves ${CEN_…} placeholders from this environment.
  JAVA_HOME="$java_home" KC_BOOTSTRAP_ADMIN_USERNAME=admin \
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
