"""The realm as Keycloak serves it: every demo user's token carries the right audience and CEN claims."""

from __future__ import annotations

import pytest
import requests

from tests.conftest import ISSUER, password_token, token_claims

pytestmark = pytest.mark.integration

EXPECTED = {
    "limited": ("limited", set(), "BE", "WE"),
    "readonly": ("readonly", set(), "DE", "WE"),
    "unlimited": ("unlimited", set(), "FR", "WE"),
    "ncp-nl": ("unlimited", {"ncp"}, "NL", "WE"),
    "ncp-br": ("unlimited", {"ncp"}, "BR", "SA"),
    "rilo-weu": ("unlimited", {"rilo-analyst", "cws-editor"}, "NL", "WE"),
    "coordinator": ("unlimited", {"cug-coordinator"}, "BE", "WE"),
    "wco-admin": ("unlimited", {"wco-admin"}, "BE", "WE"),
}
FUNCTIONAL = {"ncp", "rilo-analyst", "cws-editor", "cug-coordinator", "wco-admin"}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_demo_user_token_claims(username: str) -> None:
    tier, roles, country, rilo = EXPECTED[username]
    claims = token_claims(password_token(username))
    assert "cen" in claims["aud"]
    assert claims["iss"] == ISSUER
    assert claims["preferred_username"] == username
    assert claims["tier"] == tier
    assert set(claims["roles"]) & FUNCTIONAL == roles  # type: ignore[arg-type]
    assert (claims["country"], claims["rilo"]) == (country, rilo)


def test_wrong_password_is_refused() -> None:
    resp = requests.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "cen-dev",
            "username": "readonly",
            "password": "wrong-pass",
        },
        timeout=10,
    )
    assert resp.status_code == 401


def test_production_clients_have_no_direct_password_grant(stack_env: dict[str, str]) -> None:
    resp = requests.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "cen-gateway",
            "client_secret": stack_env["CEN_OIDC_CLIENT_SECRET"],
            "username": "readonly",
            "password": "cen-demo-pass",
        },
        timeout=10,
    )
    assert resp.status_code in (400, 401)


def test_brute_force_detection_and_password_policy_are_on(stack_env: dict[str, str]) -> None:
    admin = requests.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "cen-auth",
            "client_secret": stack_env["CEN_KEYCLOAK_ADMIN_CLIENT_SECRET"],
        },
        timeout=10,
    ).json()["access_token"]
    base = ISSUER.replace("/realms/", "/admin/realms/")
    realm = requests.get(base, headers={"Authorization": f"Bearer {admin}"}, timeout=10).json()
    assert realm["bruteForceProtected"] is True
    assert "length(12)" in realm["passwordPolicy"]
    assert realm["otpPolicyType"] == "totp"
