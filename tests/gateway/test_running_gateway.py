"""The gateway as the local stack runs it (python -m cen_gateway serve under gunicorn on 127.0.0.1:8080)."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
import requests

pytestmark = pytest.mark.integration

GATEWAY = os.environ.get("CEN_PUBLIC_URL", "http://127.0.0.1:8080").rstrip("/")


def test_alive_and_ready() -> None:
    assert requests.get(f"{GATEWAY}/healthz", timeout=5).json() == {"status": "ok"}
    ready = requests.get(f"{GATEWAY}/readyz", timeout=5)
    assert ready.status_code == 200, ready.text
    assert ready.json()["services"]["auth"] == "SERVING"


def test_who_am_i_through_gunicorn(token_for: Callable[[str], str]) -> None:
    resp = requests.get(
        f"{GATEWAY}/api/v1/me",
        headers={"Authorization": f"Bearer {token_for('wco-admin')}", "X-Request-Id": "running-gateway-test"},
        timeout=10,
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["username"] == "wco-admin"
    assert resp.headers["X-Request-Id"] == "running-gateway-test"
    assert resp.headers["Cache-Control"] == "no-store"


def test_anonymous_call_is_a_401_problem() -> None:
    resp = requests.get(f"{GATEWAY}/api/v1/me", timeout=10)
    assert resp.status_code == 401
    assert resp.headers["Content-Type"] == "application/problem+json"
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")


def test_metrics_sum_over_workers() -> None:
    for _ in range(4):
        requests.get(f"{GATEWAY}/healthz", timeout=5)
    text = requests.get(f"{GATEWAY}/metrics", timeout=5).text
    line = next(
        x for x in text.splitlines() if x.startswith('cen_http_requests_total{method="GET",route="/healthz"')
    )
    assert float(line.rsplit(" ", 1)[1]) >= 4


def test_login_redirects_to_keycloak_with_pkce() -> None:
    resp = requests.get(f"{GATEWAY}/auth/login", allow_redirects=False, timeout=10)
    assert resp.status_code == 303
    location = resp.headers["Location"]
    assert location.startswith("http://127.0.0.1:8180/realms/cen/protocol/openid-connect/auth?")
    for part in (
        "code_challenge_method=S256",
        "client_id=cen-gateway",
        "response_type=code",
        "state=",
        "nonce=",
    ):
        assert part in location
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
