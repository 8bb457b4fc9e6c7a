"""Fixtures of the auth tests: the auth server in-process on port 0, callers, Keycloak admin and clean-up."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
import sqlalchemy
from auth_support import RUNNING_AUTH, TEST_EMAIL_DOMAIN, Caller, jwt_claims
from cen.auth.v1 import auth_pb2, auth_pb2_grpc
from cen_auth.grpc_api import build_deps, create_server
from cen_auth.settings import AuthSettings
from cen_core.db import run_migrations
from keycloak import KeycloakAdmin, KeycloakOpenIDConnection

from tests.conftest import short_lived_token

DEMO_PASSWORD = "cen-demo-pass"
MIGRATIONS = Path(__file__).resolve().parents[2] / "services" / "auth" / "migrations"


@pytest.fixture(scope="session")
def auth_settings(stack_env: dict[str, str]) -> AuthSettings:
    password = stack_env["CEN_DB_PASSWORD"]
    return AuthSettings(
        service_name="auth",
        grpc_host="127.0.0.1",
        grpc_port=0,
        metrics_port=0,
        database_url=f"postgresql+psycopg://cen:{password}@127.0.0.1:5433/cen_auth",
        redis_url="redis://127.0.0.1:6380/0",
        celery_broker_url="redis://127.0.0.1:6380/1",
        oidc_issuer="http://127.0.0.1:8180/realms/cen",
        oidc_audience="cen",
        keycloak_url="http://127.0.0.1:8180",
        keycloak_realm="cen",
        keycloak_admin_client_id="cen-auth",
        keycloak_admin_client_secret=stack_env["CEN_KEYCLOAK_ADMIN_CLIENT_SECRET"],
    )


@pytest.fixture(scope="session")
def db(auth_settings: AuthSettings) -> Iterator[sqlalchemy.Engine]:
    """The real cen_auth database, migrated to head."""
    url = auth_settings.database_url.get_secret_value()
    run_migrations(url, MIGRATIONS)
    engine = sqlalchemy.create_engine(url)
    yield engine
    engine.dispose()


def delete_test_users(admin: KeycloakAdmin) -> None:
    # The email filter matches a substring; the suffix check keeps anything else out.
    for user in admin.get_users({"email": "@" + TEST_EMAIL_DOMAIN}):
        if str(user.get("email", "")).endswith("@" + TEST_EMAIL_DOMAIN):
            admin.delete_user(user["id"])


@pytest.fixture(scope="session")
def kc_admin(auth_settings: AuthSettings) -> Iterator[KeycloakAdmin]:
    """The cen-auth service account, for checks the tests make behind the service's back.

    Accounts with the test email domain, left by an interrupted run or made by this one, are deleted.
    """
    connection = KeycloakOpenIDConnection(
        server_url=auth_settings.keycloak_url,
        realm_name="cen",
        user_realm_name="cen",
        client_id="cen-auth",
        client_secret_key=auth_settings.keycloak_admin_client_secret.get_secret_value(),
        grant_type="client_credentials",
        timeout=10,
    )
    admin = KeycloakAdmin(connection=connection)
    delete_test_users(admin)
    yield admin
    delete_test_users(admin)


@pytest.fixture(scope="session")
def in_process_auth(
    auth_settings: AuthSettings, db: sqlalchemy.Engine, kc_admin: KeycloakAdmin
) -> Iterator[str]:
    """The auth server built by create_server, on a free port, against the real stack."""
    deps = build_deps(auth_settings)
    server = create_server(auth_settings, deps)
    port = server.start()
    yield f"127.0.0.1:{port}"
    server.stop()
    deps.close()


def _caller(address: str) -> Iterator[Caller]:
    channel = grpc.insecure_channel(address)
    try:
        yield Caller(auth_pb2_grpc.AuthServiceStub(channel))
    finally:
        channel.close()


@pytest.fixture(scope="session")
def auth(in_process_auth: str) -> Iterator[Caller]:
    """AuthService of the in-process server."""
    yield from _caller(in_process_auth)


@pytest.fixture(scope="session")
def running_auth(kc_admin: KeycloakAdmin) -> Iterator[Caller]:
    """AuthService as the local stack runs it on 127.0.0.1:50051."""
    yield from _caller(RUNNING_AUTH)


@pytest.fixture(scope="session")
def expired_token(stack_env: dict[str, str], auth: Caller, auth_settings: AuthSettings) -> str:
    """A real Keycloak token that has expired, and was accepted while it was valid.

    cen-auth may not manage clients, so the bootstrap admin makes a throwaway copy of cen-dev whose access
    tokens live 1 s; we wait out that second plus the verifier's clock-skew leeway, then delete the client.
    """
    token = short_lived_token(stack_env, "limited")
    # While valid it is accepted, so a later refusal can only be its expiry.
    assert auth("WhoAmI", auth_pb2.WhoAmIRequest(), token=token).username == "limited"
    expires = float(jwt_claims(token)["exp"])
    time.sleep(max(0.0, expires + auth_settings.token_leeway_seconds + 1.5 - time.time()))
    return token
