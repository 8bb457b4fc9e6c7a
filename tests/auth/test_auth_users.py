"""User administration: listing, changing tiers and disabling, scoped by country, audited."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable

import grpc
import pytest
from auth_support import Caller, keycloak_password_login, rpc_error, submit_request
from cen.auth.v1 import auth_pb2
from cen.common.v1 import paging_pb2
from keycloak import KeycloakAdmin

pytestmark = pytest.mark.integration

Tokens = Callable[[str], str]


def new_account(auth: Caller, token_for: Tokens, country: str) -> auth_pb2.AccessRequest:
    """A fresh account of the given country, approved by a wco-admin."""
    submitted = submit_request(auth, country=country, tier=auth_pb2.TIER_UNLIMITED)
    approved: auth_pb2.AccessRequest = auth(
        "DecideAccessRequest",
        auth_pb2.DecideAccessRequestRequest(id=submitted.id, decision=auth_pb2.DECISION_APPROVE),
        token=token_for("wco-admin"),
    )
    return approved


def list_users(auth: Caller, token: str, **fields: object) -> list[auth_pb2.User]:
    users: list[auth_pb2.User] = []
    page_token = ""
    while True:
        request = auth_pb2.ListUsersRequest(
            page=paging_pb2.PageRequest(page_size=50, page_token=page_token), **fields
        )
        response = auth("ListUsers", request, token=token)
        users.extend(response.users)
        page_token = response.page.next_page_token
        if not page_token:
            return users


def test_ncp_lists_only_its_country(auth: Caller, token_for: Tokens) -> None:
    users = list_users(auth, token_for("ncp-nl"))
    assert {u.username for u in users} >= {"ncp-nl", "rilo-weu"}
    assert {u.country for u in users} == {"NL"}
    ncp = next(u for u in users if u.username == "ncp-nl")
    assert ncp.tier == auth_pb2.TIER_UNLIMITED and "ncp" in ncp.roles and ncp.enabled
    denied = rpc_error(
        lambda: auth("ListUsers", auth_pb2.ListUsersRequest(country="BR"), token=token_for("ncp-nl"))
    )
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED


def test_wco_admin_lists_all_or_one_country(auth: Caller, token_for: Tokens) -> None:
    admin = token_for("wco-admin")
    everyone = {u.username for u in list_users(auth, admin)}
    assert everyone >= {
        "limited",
        "readonly",
        "unlimited",
        "ncp-nl",
        "ncp-br",
        "rilo-weu",
        "coordinator",
        "wco-admin",
    }
    brazil = list_users(auth, admin, country="BR")
    assert "ncp-br" in {u.username for u in brazil}
    assert {u.country for u in brazil} == {"BR"}
    found = list_users(auth, admin, search="ncp-b")
    assert "ncp-br" in {u.username for u in found} and "ncp-nl" not in {u.username for u in found}


def test_change_tier_scoped_and_audited(auth: Caller, token_for: Tokens, kc_admin: KeycloakAdmin) -> None:
    account = new_account(auth, token_for, "NL")
    change = auth_pb2.ChangeUserTierRequest(
        user_id=account.user_id, tier=auth_pb2.TIER_LIMITED, reason="moved post"
    )

    denied = rpc_error(lambda: auth("ChangeUserTier", change, token=token_for("ncp-br")))
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED
    user = auth("ChangeUserTier", change, token=token_for("ncp-nl"))
    assert user.tier == auth_pb2.TIER_LIMITED
    assert {g["path"] for g in kc_admin.get_user_groups(account.user_id)} == {"/tier-limited"}

    events = auth(
        "ListAuditEvents",
        auth_pb2.ListAuditEventsRequest(page=paging_pb2.PageRequest(page_size=20)),
        token=token_for("ncp-nl"),
    )
    event = next(e for e in events.events if e.subject == f"user:{account.user_id}")
    assert event.action == "user.tier_changed" and event.actor == "ncp-nl"
    assert json.loads(event.before_json)["tier"] == "unlimited"
    assert json.loads(event.after_json)["tier"] == "limited"
    assert json.loads(event.after_json)["reason"] == "moved post"

    missing = rpc_error(
        lambda: auth(
            "ChangeUserTier",
            auth_pb2.ChangeUserTierRequest(user_id=account.user_id),
            token=token_for("ncp-nl"),
        )
    )
    assert missing.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_ncp_cannot_change_itself_or_a_wco_admin(
    auth: Caller, token_for: Tokens, kc_admin: KeycloakAdmin
) -> None:
    ncp_nl = token_for("ncp-nl")
    own_id = kc_admin.get_user_id("ncp-nl")
    own = auth_pb2.ChangeUserTierRequest(user_id=own_id, tier=auth_pb2.TIER_LIMITED)
    assert (
        rpc_error(lambda: auth("ChangeUserTier", own, token=ncp_nl)).code()
        == grpc.StatusCode.PERMISSION_DENIED
    )

    # A wco-admin account of the NCP's own country is still out of its reach.
    account = new_account(auth, token_for, "NL")
    kc_admin.assign_realm_roles(account.user_id, [kc_admin.get_realm_role("wco-admin")])
    touch = auth_pb2.DisableUserRequest(user_id=account.user_id, reason="trying")
    assert (
        rpc_error(lambda: auth("DisableUser", touch, token=ncp_nl)).code()
        == grpc.StatusCode.PERMISSION_DENIED
    )
    assert kc_admin.get_user(account.user_id)["enabled"] is True


def test_disable_user(auth: Caller, token_for: Tokens, kc_admin: KeycloakAdmin) -> None:
    account = new_account(auth, token_for, "BR")
    password = "Cen-" + secrets.token_urlsafe(16) + "-9a"
    kc_admin.set_user_password(account.user_id, password, temporary=False)
    kc_admin.update_user(account.user_id, {"requiredActions": []})
    assert keycloak_password_login(account.username, password).status_code == 200

    no_reason = auth_pb2.DisableUserRequest(user_id=account.user_id)
    assert rpc_error(lambda: auth("DisableUser", no_reason, token=token_for("ncp-br"))).code() == (
        grpc.StatusCode.INVALID_ARGUMENT
    )
    request = auth_pb2.DisableUserRequest(user_id=account.user_id, reason="left the administration")
    assert rpc_error(lambda: auth("DisableUser", request, token=token_for("ncp-nl"))).code() == (
        grpc.StatusCode.PERMISSION_DENIED
    )
    user = auth("DisableUser", request, token=token_for("ncp-br"))
    assert user.enabled is False
    stored = kc_admin.get_user(account.user_id)
    assert stored["enabled"] is False
    assert stored["attributes"]["country"] == ["BR"]
    assert keycloak_password_login(account.username, password).status_code != 200
