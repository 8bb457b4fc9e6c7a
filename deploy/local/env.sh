#!/usr/bin/env bash
# Print the `export CEN_…=…` lines one project process of the local stack needs: eval "$(env.sh auth)".
# Services: auth seizures cws cpdb cencomm gateway. Ports and names follow docs/contracts.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
service="${1:-}"
case "$service" in
  auth) index=1 ;;
  seizures) index=2 ;;
  cws) index=3 ;;
  cpdb) index=4 ;;
  cencomm) index=5 ;;
  gateway) index=0 ;;
  *)
    echo "usage: deploy/local/env.sh auth|seizures|cws|cpdb|cencomm|gateway" >&2
    exit 2
    ;;
esac

"$here/secrets.sh"
# shellcheck source=/dev/null
. "$here/../../.devstack/secrets.env"

emit() { printf 'export %s=%q\n' "$1" "$2"; }

emit CEN_SERVICE_NAME "$service"
emit CEN_LOG_LEVEL "${CEN_LOG_LEVEL:-INFO}"
emit CEN_OIDC_ISSUER "http://127.0.0.1:8180/realms/cen"
emit CEN_OIDC_AUDIENCE cen
emit CEN_REDIS_URL "redis://127.0.0.1:6380/0"
emit CEN_CELERY_BROKER_URL "redis://127.0.0.1:6380/1"
emit CEN_S3_ENDPOINT "127.0.0.1:8333"
emit CEN_S3_ACCESS_KEY "$CEN_S3_ACCESS_KEY"
emit CEN_S3_SECRET_KEY "$CEN_S3_SECRET_KEY"
emit CEN_S3_SECURE false
emit CEN_SMTP_HOST 127.0.0.1
emit CEN_SMTP_PORT 1025

if [ "$service" = gateway ]; then
  emit CEN_HTTP_HOST 127.0.0.1
  emit CEN_HTTP_PORT 8080
  emit CEN_PUBLIC_URL "http://127.0.0.1:8080"
  emit CEN_AUTH_ADDR 127.0.0.1:50051
  emit CEN_SEIZURES_ADDR 127.0.0.1:50052
  emit CEN_CWS_ADDR 127.0.0.1:50053
  emit CEN_CPDB_ADDR 127.0.0.1:50054
  emit CEN_CENCOMM_ADDR 127.0.0.1:50055
  emit CEN_OIDC_CLIENT_ID cen-gateway
  emit CEN_OIDC_CLIENT_SECRET "$CEN_OIDC_CLIENT_SECRET"
  emit CEN_SESSION_SECRET "$CEN_SESSION_SECRET"
  # Plain http on loopback in development; Kubernetes sets this to true behind TLS.
  emit CEN_COOKIE_SECURE false
  emit CEN_MAX_BODY_BYTES 10485760
  emit CEN_METRICS_PORT 0
else
  emit CEN_GRPC_HOST 127.0.0.1
  emit CEN_GRPC_PORT "5005$index"
  emit CEN_METRICS_PORT "915$index"
  emit CEN_DATABASE_URL "postgresql+psycopg://cen:$CEN_DB_PASSWORD@127.0.0.1:5433/cen_$service"
fi

if [ "$service" = auth ]; then
  emit CEN_KEYCLOAK_URL "http://127.0.0.1:8180"
  emit CEN_KEYCLOAK_REALM cen
  emit CEN_KEYCLOAK_ADMIN_CLIENT_ID cen-auth
  emit CEN_KEYCLOAK_ADMIN_CLIENT_SECRET "$CEN_KEYCLOAK_ADMIN_CLIENT_SECRET"
fi
