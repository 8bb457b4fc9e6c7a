"""The tier/role matrix of every REST route so far, through an in-process gateway to the real auth service."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import jwt
import pytest
from conftest import ISSUER, plant_session
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask
from flask.testing import FlaskClient

pytestmark = pytest.mark.integration

DEMO_USERS = ("limited", "readonly", "unlimited", "ncp-nl", "ncp-br", "rilo-weu", "coordinator", "wco-admin")
ADMINISTRATORS = {"ncp-nl", "ncp-br", "wco-admin"}
BAD_TOKENS = ("forged", "self-signed", "expired")
NOBODY = str(uuid.UUID(int=0))

# Route -> (method, path, JSON body, status for an admitted caller). The requests change nothing: the form
# is empty (400) and the ids do not exist (404), so the matrix can run against any database.
ROUTES: dict[str, tuple[str, str, dict[str, Any] | None, int]] = {
    "me": ("GET", "/api/v1/me", None, 200),
    "submit": ("POST", "/api/v1/access-requests", {}, 400),
    "list-requests": ("GET", "/api/v1/access-requests?page.page_size=1", None, 200),
    "get-request": ("GET", f"/api/v1/access-requests/{NOBODY}", None, 404),
    "decide": ("POST", f"/api/v1/access-requests/{NOBODY}/decision", {"decision": "DECISION_APPROVE"}, 404),
    "users": ("GET", "/api/v1/users?page.page_size=1", None, 200),
    "tier": ("POST", f"/api/v1/users/{NOBODY}/tier", {"tier": "TIER_LIMITED", "reason": "matrix"}, 404),
    "disable": ("POST", f"/api/v1/users/{NOBODY}/disable", {"reason": "matrix"}, 404),
    "audit": ("GET", "/api/v1/audit-events?page.page_size=1", None, 200),
}


def expected(route: str, caller: str) -> int:
    admitted = ROUTES[route][3]
    if route == "submit":
        return 401 if caller in BAD_TOKENS else admitted
    if caller == "anonymous" or caller in BAD_TOKENS:
        return 401
    if route == "me" or caller in ADMINISTRATORS:
        return admitted
    return 403


def self_signed_token() -> str:
    """A wco-admin's claims signed with a key of our own, under a key id Keycloak never issued."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": ["cen"],
        "sub": str(uuid.uuid4()),
        "iat": now,
        "exp": now + 300,
        "preferred_username": "mallory",
        "tier": "unlimited",
        "roles": ["wco-admin"],
        "country": "NL",
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "not-a-keycloak-key"})


@pytest.fixture(scope="module")
def credentials(
    token_for: Callable[[str], str], forged_token: str, expired_token: str
) -> Callable[[str], dict[str, str]]:
    special = {"forged": forged_token, "self-signed": self_signed_token(), "expired": expired_token}

    def headers(caller: str) -> dict[str, str]:
        if caller == "anonymous":
            return {}
        token = special.get(caller) or token_for(caller)
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.mark.parametrize("caller", ["anonymous", *DEMO_USERS, *BAD_TOKENS])
@pytest.mark.parametrize("route", list(ROUTES))
def test_matrix(
    client: FlaskClient, credentials: Callable[[str], dict[str, str]], route: str, caller: str
) -> None:
    method, path, body, _ = ROUTES[route]
    resp = client.open(path, method=method, json=body, headers=credentials(caller))
    want = expected(route, caller)
    assert resp.status_code == want, resp.get_data(as_text=True)
    if want >= 400:
        assert resp.mimetype == "application/problem+json"
        problem = resp.get_json()
        assert problem["status"] == want and problem["request_id"] == resp.headers["X-Request-Id"]
    if want == 401:
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")


def test_who_am_i_says_who_the_token_belongs_to(client: FlaskClient, token_for: Callable[[str], str]) -> None:
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token_for('ncp-nl')}"}).get_json()
    assert (me["username"], me["tier"], me["country"]) == ("ncp-nl", "TIER_UNLIMITED", "NL")
    assert "ncp" in me["roles"]
    assert set(me["modules"]) == {"seizures", "cws", "cpdb", "cencomm"}


def test_field_errors_of_the_service_reach_the_caller(client: FlaskClient) -> None:
    resp = client.post("/api/v1/access-requests", json={"email": "not-an-address"})
    assert resp.status_code == 400
    fields = {e["field"] for e in resp.get_json()["errors"]}
    assert {"email", "first_name", "justification"} <= fields


def test_home_page_of_a_session(
    real_app: Flask, client: FlaskClient, token_for: Callable[[str], str]
) -> None:
    plant_session(real_app, client, token_for("limited"), "limited")
    html = client.get("/").get_data(as_text=True)
    assert 'data-testid="tier">limited<' in html
    assert 'data-module="cws" data-state="open"' in html
    assert 'data-module="seizures" data-state="locked"' in html
