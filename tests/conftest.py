"""Shared fixtures: the local stack's settings and real Keycloak tokens for the demo users."""

from __future__ import annotations

import base64
import json
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
DEMO_PASSWORD = "cen-demo-pass"
DEMO_USERS = ("limited", "readonly", "unlimited", "ncp-nl", "ncp-br", "rilo-weu", "coordinator", "wco-admin")

KEYCLOAK_URL = os.environ.get("CEN_KEYCLOAK_URL", "http://127.0.0.1:8180")
REALM = os.environ.get("CEN_KEYCLOAK_REALM", "cen")
ISSUER = f"{KEYCLOAK_URL}/realms/{REALM}"
GATEWAY_URL = os.environ.get("CEN_PUBLIC_URL", "http://127.0.0.1:8080")
SERVICE_ADDRS = {
    "auth": "127.0.0.1:50051",
    "seizures": "127.0.0.1:50052",
    "cws": "127.0.0.1:50053",
    "cpdb": "127.0.0.1:50054",
    "cencomm": "127.0.0.1:50055",
}


def load_stack_env() -> dict[str, str]:
    """The generated local secrets (.devstack/secrets.env), so tests can reach the stack as it runs."""
    env: dict[str, str] = {}
    path = ROOT / ".devstack" / "secrets.env"
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                key, _, value = line.partition("=")
                env[key.strip().removeprefix("export ").strip()] = value.strip().strip("'\"")
    return env


@pytest.fixture(scope="session")
def stack_env() -> dict[str, str]:
    return load_stack_env()


def password_token(username: str, password: str = DEMO_PASSWORD, client_id: str = "cen-dev") -> str:
    """A real access token from Keycloak for a user (direct access grant on the dev client)."""
    resp = requests.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": client_id, "username": username, "password": password},
        timeout=10,
    )
    resp.raise_for_status()
    return str(resp.json()["access_token"])


@pytest.fixture(scope="session")
def token_for() -> Callable[[str], str]:
    """token_for("ncp-nl") -> a valid token of that demo user (cached until near expiry)."""
    cache: dict[str, tuple[str, float]] = {}

    def get(username: str) -> str:
        token, expires = cache.get(username, ("", 0.0))
        if time.time() > expires - 30:
            token = password_token(username)
            cache[username] = (token, float(token_claims(token)["exp"]))
        return token

    return get


def token_claims(token: str) -> dict[str, object]:
    """The claims of a JWT, decoded WITHOUT verification (for test bookkeeping only)."""
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def keycloak_admin_token(stack_env: dict[str, str]) -> str:
    """A master-realm admin token (bootstrap admin of the local stack), for test set-up only."""
    resp = requests.post(
        f"{KEYCLOAK_URL}/realms/master/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "admin-cli",
            "username": stack_env.get("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
            "password": stack_env["KC_BOOTSTRAP_ADMIN_PASSWORD"],
        },
        timeout=10,
    )
    resp.raise_for_status()
    return str(resp.json()["access_token"])


def short_lived_token(stack_env: dict[str, str], username: str) -> str:
    """A real Keycloak token of `username` that expires after 1 s.

    It comes from a throwaway copy of cen-dev whose access tokens live 1 s (deleted again at once), so the
    caller can show it is accepted while valid and refused once expired.
    """
    admin = {"Authorization": f"Bearer {keycloak_admin_token(stack_env)}"}
    clients_url = f"{KEYCLOAK_URL}/admin/realms/{REALM}/clients"
    template = requests.get(clients_url, params={"clientId": "cen-dev"}, headers=admin, timeout=10).json()[0]
    copy = {k: v for k, v in template.items() if k not in ("id", "clientId")}
    copy["clientId"] = f"test-expiry-{uuid.uuid4().hex[:8]}"
    copy["attributes"] = {**template.get("attributes", {}), "access.token.lifespan": "1"}
    copy["protocolMappers"] = [
        {k: v for k, v in m.items() if k != "id"} for m in template.get("protocolMappers", [])
    ]
    created = requests.post(clients_url, json=copy, headers=admin, timeout=10)
    created.raise_for_status()
    internal_id = created.headers["Location"].rsplit("/", 1)[-1]
    try:
        return password_token(username, client_id=copy["clientId"])
    finally:
        requests.delete(f"{clients_url}/{internal_id}", headers=admin, timeout=10)
