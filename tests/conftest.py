"""Shared fixtures: the local stack's settings and real Keycloak tokens for the demo users."""

from __future__ import annotations

import base64
import json
import os
import time
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
