"""The realm as Keycloak serves it: demo users' claims, the service clients and the security settings."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator

import pytest
import requests

from tests.conftest import ISSUER, KEYCLOAK_URL, REALM, keycloak_admin_token, token_claims

pytestmark = pytest.mark.integration

ADMIN_BASE = f"{KEYCLOAK_URL}/admin/realms/{REALM}"
TOKEN_URL = f"{ISSUER}/protocol/openid-connect/token"
FUNCTIONAL = {"ncp", "rilo-analyst", "cws-editor", "cug-coordinator", "wco-admin"}
# DESIGN.md section 4: user -> (tier, functional roles, country, rilo)
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


def client_credentials(client_id: str, secret: str) -> requests.Response:
    data = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    return requests.post(TOKEN_URL, data=data, timeout=10)


@pytest.fixture(scope="module")
def cen_auth_headers(stack_env: dict[str, str]) -> dict[str, str]:
    """Bearer headers of the cen-auth service account (what services/auth uses for user admin)."""
    resp = client_credentials("cen-auth", stack_env["CEN_KEYCLOAK_ADMIN_CLIENT_SECRET"])
    resp.raise_for_status()
    return {"Authorization": f"Bearer {resp.json()['access_token']}"}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_demo_user_token_claims(username: str, token_for: Callable[[str], str]) -> None:
    tier, roles, country, rilo = EXPECTED[username]
    claims = token_claims(token_for(username))
    aud = claims["aud"]
    assert "cen" in (aud if isinstance(aud, list) else [aud])
    assert claims["iss"] == ISSUER
    assert claims["azp"] == "cen-dev"
    assert claims["preferred_username"] == username
    assert claims["sub"]
    assert claims["tier"] == tier
    assert isinstance(claims["roles"], list)
    assert set(claims["roles"]) & FUNCTIONAL == roles
    assert (claims["country"], claims["rilo"]) == (country, rilo)


def test_wrong_password_is_refused() -> None:
    data = {
        "grant_type": "password",
        "client_id": "cen-dev",
        "username": "readonly",
        "password": "wrong-pass",
    }
    assert requests.post(TOKEN_URL, data=data, timeout=10).status_code == 401


def test_production_clients_have_no_direct_password_grant(stack_env: dict[str, str]) -> None:
    data = {
        "grant_type": "password",
        "client_id": "cen-gateway",
        "client_secret": stack_env["CEN_OIDC_CLIENT_SECRET"],
        "username": "readonly",
        "password": "cen-demo-pass",
    }
    assert requests.post(TOKEN_URL, data=data, timeout=10).status_code in (400, 401)


def test_cen_api_client_credentials(stack_env: dict[str, str]) -> None:
    resp = client_credentials("cen-api", stack_env["CEN_API_CLIENT_SECRET"])
    assert resp.status_code == 200, resp.text
    claims = token_claims(resp.json()["access_token"])
    assert "cen" in claims["aud"]
    assert claims["azp"] == "cen-api"
    # Its service account sits in no tier group until an admin puts it in one, so services refuse it.
    assert "tier" not in claims


def test_client_secrets_are_the_generated_ones(stack_env: dict[str, str]) -> None:
    """The ${CEN_…} placeholders were resolved at import: a wrong secret fails, the real one works."""
    assert client_credentials("cen-api", "not-the-secret").status_code == 401
    assert client_credentials("cen-api", stack_env["CEN_API_CLIENT_SECRET"]).status_code == 200


def test_cen_auth_can_list_users_but_not_manage_clients(cen_auth_headers: dict[str, str]) -> None:
    users = requests.get(f"{ADMIN_BASE}/users", params={"max": 1000}, headers=cen_auth_headers, timeout=10)
    assert users.status_code == 200
    listed = {u["username"]: u for u in users.json()}
    assert set(EXPECTED) <= set(listed)
    assert listed["ncp-br"]["attributes"] == {"country": ["BR"], "rilo": ["SA"]}
    groups = requests.get(f"{ADMIN_BASE}/groups", headers=cen_auth_headers, timeout=10)
    assert {g["name"] for g in groups.json()} >= {"tier-limited", "tier-readonly", "tier-unlimited"}
    # least privilege: no view-clients / manage-clients
    assert requests.get(f"{ADMIN_BASE}/clients", headers=cen_auth_headers, timeout=10).status_code == 403


def test_security_settings(cen_auth_headers: dict[str, str]) -> None:
    realm = requests.get(ADMIN_BASE, headers=cen_auth_headers, timeout=10).json()
    assert realm["bruteForceProtected"] is True
    # the dev realm keeps the production password policy (demo users are imported as hashes)
    for rule in ("length(12)", "upperCase(1)", "lowerCase(1)", "digits(1)", "notUsername", "passwordHistory"):
        assert rule in realm["passwordPolicy"]
    assert realm["otpPolicyType"] == "totp"
    assert realm["accessTokenLifespan"] == 300
    assert realm["ssoSessionMaxLifespan"] == 8 * 3600
    actions = requests.get(
        f"{ADMIN_BASE}/authentication/required-actions", headers=cen_auth_headers, timeout=10
    ).json()
    enabled = {a["alias"] for a in actions if a["enabled"]}
    assert {"CONFIGURE_TOTP", "UPDATE_PASSWORD", "VERIFY_EMAIL"} <= enabled


def test_gateway_client_settings(stack_env: dict[str, str]) -> None:
    admin = {"Authorization": f"Bearer {keycloak_admin_token(stack_env)}"}
    resp = requests.get(
        f"{ADMIN_BASE}/clients", params={"clientId": "cen-gateway"}, headers=admin, timeout=10
    )
    gateway = resp.json()[0]
    assert gateway["publicClient"] is False
    assert gateway["standardFlowEnabled"] is True
    assert gateway["directAccessGrantsEnabled"] is False
    assert gateway["attributes"]["pkce.code.challenge.method"] == "S256"
    # ${CEN_PUBLIC_URL} was resolved from Keycloak's environment at import
    assert gateway["redirectUris"] == ["http://127.0.0.1:8080/auth/callback"]
    assert gateway["attributes"]["post.logout.redirect.uris"] == "http://127.0.0.1:8080/*"


@pytest.fixture()
def throwaway_user(cen_auth_headers: dict[str, str]) -> Iterator[dict[str, str]]:
    """A fresh user in /tier-limited (created and deleted through cen-auth, as services/auth does)."""
    username = f"kc-test-{secrets.token_hex(4)}"
    groups = requests.get(f"{ADMIN_BASE}/groups", headers=cen_auth_headers, timeout=10).json()
    limited = next(g["id"] for g in groups if g["name"] == "tier-limited")
    body = {
        "username": username,
        "enabled": True,
        "email": f"{username}@cen.example",
        "emailVerified": True,
        "firstName": "Test",
        "lastName": "User",
        "attributes": {"country": ["BE"]},
    }
    created = requests.post(f"{ADMIN_BASE}/users", json=body, headers=cen_auth_headers, timeout=10)
    assert created.status_code == 201, created.text
    user_id = created.headers["Location"].rsplit("/", 1)[-1]
    try:
        joined = requests.put(
            f"{ADMIN_BASE}/users/{user_id}/groups/{limited}", headers=cen_auth_headers, timeout=10
        )
        assert joined.status_code == 204
        yield {"id": user_id, "username": username}
    finally:
        requests.delete(f"{ADMIN_BASE}/users/{user_id}", headers=cen_auth_headers, timeout=10)


def set_password(headers: dict[str, str], user_id: str, password: str) -> requests.Response:
    return requests.put(
        f"{ADMIN_BASE}/users/{user_id}/reset-password",
        json={"type": "password", "value": password, "temporary": False},
        headers=headers,
        timeout=10,
    )


def test_password_policy_refuses_weak_passwords(
    cen_auth_headers: dict[str, str], throwaway_user: dict[str, str]
) -> None:
    for weak in (
        "cen-demo-pass",
        "Short1a",
        "no-upper-case-123",
        "NO-LOWER-CASE-123",
        "No-Digits-Here-At-All",
    ):
        assert set_password(cen_auth_headers, throwaway_user["id"], weak).status_code == 400, weak
    strong = "Strong-" + secrets.token_hex(8) + "Q7"
    assert set_password(cen_auth_headers, throwaway_user["id"], strong).ok
    # password history: the same password again is refused
    assert set_password(cen_auth_headers, throwaway_user["id"], strong).status_code == 400


def test_tier_comes_only_from_the_group(
    cen_auth_headers: dict[str, str], throwaway_user: dict[str, str]
) -> None:
    """An admin (or a compromised cen-auth) cannot lift a user's tier with a user attribute."""
    url = f"{ADMIN_BASE}/users/{throwaway_user['id']}"
    user = requests.get(url, headers=cen_auth_headers, timeout=10).json()
    user["attributes"] = {**user.get("attributes", {}), "tier": ["unlimited"]}
    requests.put(url, json=user, headers=cen_auth_headers, timeout=10)
    assert "tier" not in requests.get(url, headers=cen_auth_headers, timeout=10).json().get("attributes", {})
    password = "Strong-" + secrets.token_hex(8) + "Q7"
    assert set_password(cen_auth_headers, throwaway_user["id"], password).ok
    data = {"grant_type": "password", "client_id": "cen-dev", "username": throwaway_user["username"]}
    resp = requests.post(TOKEN_URL, data={**data, "password": password}, timeout=10)
    assert resp.status_code == 200, resp.text
    claims = token_claims(resp.json()["access_token"])
    assert claims["tier"] == "limited"
    assert claims["country"] == "BE"
    assert "rilo" not in claims
