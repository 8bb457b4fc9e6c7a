"""The access-request flow end to end against the real PostgreSQL, Redis and Keycloak."""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable
from typing import Any

import grpc
import pytest
import sqlalchemy
from auth_support import (
    Caller,
    fake_client_ip,
    jwt_claims,
    keycloak_password_login,
    rpc_error,
    submit_request,
    unique_email,
)
from cen.auth.v1 import auth_pb2
from cen.common.v1 import paging_pb2
from cen_auth.keycloak_admin import REQUIRED_ACTIONS
from cen_core.errors import from_rpc_error
from keycloak import KeycloakAdmin

pytestmark = pytest.mark.integration

Tokens = Callable[[str], str]


def count_requests(db: sqlalchemy.Engine, email: str) -> int:
    with db.connect() as conn:
        query = sqlalchemy.text("SELECT count(*) FROM access_requests WHERE email = :email")
        return int(conn.execute(query, {"email": email}).scalar_one())


def audit_rows(db: sqlalchemy.Engine, subject: str) -> list[dict[str, Any]]:
    with db.connect() as conn:
        query = sqlalchemy.text("SELECT * FROM audit_events WHERE subject = :subject ORDER BY occurred_at")
        return [dict(row._mapping) for row in conn.execute(query, {"subject": subject})]


def field_violations(error: grpc.RpcError) -> dict[str, str]:
    details = from_rpc_error(error)
    return {v.field: v.description for v in details.violations}


def keycloak_user_by_email(admin: KeycloakAdmin, email: str) -> list[dict[str, Any]]:
    return list(admin.get_users({"email": email, "exact": True}))


def decide(auth: Caller, token: str, request_id: str, **fields: Any) -> auth_pb2.AccessRequest:
    result: auth_pb2.AccessRequest = auth(
        "DecideAccessRequest", auth_pb2.DecideAccessRequestRequest(id=request_id, **fields), token=token
    )
    return result


def test_invalid_form_gets_field_violations_and_writes_nothing(auth: Caller, db: sqlalchemy.Engine) -> None:
    email = unique_email("invalid")
    bad = auth_pb2.SubmitAccessRequestRequest(
        first_name="",
        last_name="Officer",
        email=email,
        administration="X",
        country="XX",
        justification="short",
    )
    error = rpc_error(lambda: auth("SubmitAccessRequest", bad, ip=fake_client_ip()))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(field_violations(error)) == {
        "first_name",
        "administration",
        "country",
        "requested_tier",
        "justification",
    }
    assert count_requests(db, email) == 0


def test_submitted_text_is_cleaned(auth: Caller, db: sqlalchemy.Engine) -> None:
    email = unique_email("clean")
    request = auth_pb2.SubmitAccessRequestRequest(
        first_name="\x07Jo\u202eana\x00",
        last_name="  da   Silva ",
        email=email.upper(),
        administration="Receita Federal do Brasil",
        country="br",
        requested_tier=auth_pb2.TIER_LIMITED,
        justification="Analyst of concealment methods\x1b at Santos port.",
    )
    created = auth("SubmitAccessRequest", request, ip=fake_client_ip())
    assert (created.first_name, created.last_name, created.email, created.country) == (
        "Joana",
        "da Silva",
        email,
        "BR",
    )
    assert created.status == auth_pb2.ACCESS_REQUEST_STATUS_PENDING
    assert created.justification == "Analyst of concealment methods at Santos port."


def test_second_pending_request_with_the_same_email_is_refused(auth: Caller) -> None:
    email = unique_email("twice")
    submit_request(auth, email=email)
    error = rpc_error(lambda: submit_request(auth, email=email))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS


def test_email_of_an_existing_account_is_refused(
    auth: Caller, token_for: Tokens, kc_admin: KeycloakAdmin
) -> None:
    submitted = submit_request(auth, country="NL")
    decide(auth, token_for("ncp-nl"), submitted.id, decision=auth_pb2.DECISION_APPROVE)
    error = rpc_error(lambda: submit_request(auth, email=submitted.email.upper()))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    assert error.details() == "an account with this email already exists"


def test_approval_end_to_end(
    auth: Caller, token_for: Tokens, kc_admin: KeycloakAdmin, db: sqlalchemy.Engine
) -> None:
    submitted = submit_request(auth, country="NL", tier=auth_pb2.TIER_READONLY)
    rid = submitted.id

    # An NCP of another country neither sees nor decides it.
    ncp_br = token_for("ncp-br")
    get = auth_pb2.GetAccessRequestRequest(id=rid)
    assert (
        rpc_error(lambda: auth("GetAccessRequest", get, token=ncp_br)).code()
        == grpc.StatusCode.PERMISSION_DENIED
    )
    listing = auth(
        "ListAccessRequests",
        auth_pb2.ListAccessRequestsRequest(status=auth_pb2.ACCESS_REQUEST_STATUS_PENDING),
        token=ncp_br,
    )
    assert all(item.country == "BR" for item in listing.access_requests)
    assert rid not in {item.id for item in listing.access_requests}
    other = auth_pb2.ListAccessRequestsRequest(country="NL")
    assert (
        rpc_error(lambda: auth("ListAccessRequests", other, token=ncp_br)).code()
        == grpc.StatusCode.PERMISSION_DENIED
    )
    approve_br = rpc_error(lambda: decide(auth, ncp_br, rid, decision=auth_pb2.DECISION_APPROVE))
    assert approve_br.code() == grpc.StatusCode.PERMISSION_DENIED

    # The NCP of the Netherlands sees it among the pending requests, newest first, and approves it.
    ncp_nl = token_for("ncp-nl")
    pending = auth(
        "ListAccessRequests",
        auth_pb2.ListAccessRequestsRequest(status=auth_pb2.ACCESS_REQUEST_STATUS_PENDING),
        token=ncp_nl,
    )
    assert rid in {item.id for item in pending.access_requests}
    assert all(item.country == "NL" for item in pending.access_requests)
    assert pending.page.total_size >= len(pending.access_requests)
    stamps = [item.created_at.ToDatetime() for item in pending.access_requests]
    assert stamps == sorted(stamps, reverse=True)

    above = rpc_error(
        lambda: decide(
            auth, ncp_nl, rid, decision=auth_pb2.DECISION_APPROVE, granted_tier=auth_pb2.TIER_UNLIMITED
        )
    )
    assert above.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "granted_tier" in field_violations(above)
    assert keycloak_user_by_email(kc_admin, submitted.email) == []

    approved = decide(auth, ncp_nl, rid, decision=auth_pb2.DECISION_APPROVE)
    assert approved.status == auth_pb2.ACCESS_REQUEST_STATUS_APPROVED
    assert approved.granted_tier == auth_pb2.TIER_READONLY
    assert approved.decided_by == "ncp-nl"
    assert approved.user_id and approved.username

    # The Keycloak account: enabled, tier group, country attribute, password and TOTP to set up.
    [user] = keycloak_user_by_email(kc_admin, submitted.email)
    assert user["id"] == approved.user_id and user["username"] == approved.username
    assert user["enabled"] is True
    assert user["attributes"]["country"] == ["NL"]
    assert set(user["requiredActions"]) == set(REQUIRED_ACTIONS)
    groups = {group["path"] for group in kc_admin.get_user_groups(user["id"])}
    assert groups == {"/tier-readonly"}

    # Deciding again is refused.
    again = rpc_error(
        lambda: decide(auth, ncp_nl, rid, decision=auth_pb2.DECISION_REJECT, reason="changed my mind")
    )
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION

    # The audit trail holds the submission and the approval, with before/after and the actor.
    rows = audit_rows(db, f"access_request:{rid}")
    assert [row["action"] for row in rows] == ["access_request.submitted", "access_request.approved"]
    approval = rows[1]
    assert approval["actor"] == "ncp-nl" and approval["actor_user_id"]
    assert approval["before"]["status"] == "pending" and approval["after"]["status"] == "approved"
    assert approval["after"]["account"]["user_id"] == approved.user_id
    assert approval["request_id"].startswith("test-")
    events = auth(
        "ListAuditEvents",
        auth_pb2.ListAuditEventsRequest(page=paging_pb2.PageRequest(page_size=200)),
        token=ncp_nl,
    )
    mine = [e for e in events.events if e.subject == f"access_request:{rid}"]
    assert {e.action for e in mine} == {"access_request.submitted", "access_request.approved"}
    assert all(e.country == "NL" for e in events.events)
    assert json.loads(mine[0].after_json)["status"] in {"pending", "approved"}

    # Test only: finish the required actions behind the service's back, then the user logs in.
    password = "Cen-" + secrets.token_urlsafe(16) + "-9a"
    kc_admin.set_user_password(approved.user_id, password, temporary=False)
    kc_admin.update_user(approved.user_id, {"requiredActions": []})
    login = keycloak_password_login(approved.username, password)
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    claims = jwt_claims(token)
    assert claims["tier"] == "readonly"
    assert claims["country"] == "NL"
    assert claims["preferred_username"] == approved.username
    me = auth("WhoAmI", auth_pb2.WhoAmIRequest(), token=token)
    assert (me.user_id, me.tier, me.country) == (approved.user_id, auth_pb2.TIER_READONLY, "NL")
    assert set(me.modules) == {"seizures", "cws", "cpdb", "cencomm"}


def test_approval_may_grant_a_lower_tier(auth: Caller, token_for: Tokens, kc_admin: KeycloakAdmin) -> None:
    submitted = submit_request(auth, country="BE", tier=auth_pb2.TIER_UNLIMITED)
    approved = decide(
        auth,
        token_for("wco-admin"),
        submitted.id,
        decision=auth_pb2.DECISION_APPROVE,
        granted_tier=auth_pb2.TIER_LIMITED,
    )
    assert approved.granted_tier == auth_pb2.TIER_LIMITED
    assert approved.decided_by == "wco-admin"
    groups = {group["path"] for group in kc_admin.get_user_groups(approved.user_id)}
    assert groups == {"/tier-limited"}


def test_rejection_needs_a_reason_and_creates_no_account(
    auth: Caller, token_for: Tokens, kc_admin: KeycloakAdmin, db: sqlalchemy.Engine
) -> None:
    submitted = submit_request(auth, country="NL")
    ncp_nl = token_for("ncp-nl")
    missing = rpc_error(
        lambda: decide(auth, ncp_nl, submitted.id, decision=auth_pb2.DECISION_REJECT, reason=" \x00 ")
    )
    assert missing.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "reason" in field_violations(missing)
    no_decision = rpc_error(lambda: decide(auth, ncp_nl, submitted.id))
    assert "decision" in field_violations(no_decision)
    still = auth("GetAccessRequest", auth_pb2.GetAccessRequestRequest(id=submitted.id), token=ncp_nl)
    assert still.status == auth_pb2.ACCESS_REQUEST_STATUS_PENDING
    assert [row["action"] for row in audit_rows(db, f"access_request:{submitted.id}")] == [
        "access_request.submitted"
    ]

    rejected = decide(
        auth, ncp_nl, submitted.id, decision=auth_pb2.DECISION_REJECT, reason="Not a customs officer."
    )
    assert rejected.status == auth_pb2.ACCESS_REQUEST_STATUS_REJECTED
    assert rejected.rejection_reason == "Not a customs officer."
    assert rejected.user_id == "" and rejected.decided_at.seconds > 0
    assert keycloak_user_by_email(kc_admin, submitted.email) == []
    rows = audit_rows(db, f"access_request:{submitted.id}")
    assert rows[-1]["action"] == "access_request.rejected"
    assert rows[-1]["after"]["rejection_reason"] == "Not a customs officer."


def test_concurrent_approvals_create_one_account(
    auth: Caller, token_for: Tokens, kc_admin: KeycloakAdmin
) -> None:
    submitted = submit_request(auth, country="NL")
    tokens = [token_for("ncp-nl"), token_for("wco-admin")]
    outcomes: list[object] = []
    barrier = threading.Barrier(len(tokens))

    def approve(token: str) -> None:
        barrier.wait()
        try:
            outcomes.append(decide(auth, token, submitted.id, decision=auth_pb2.DECISION_APPROVE))
        except grpc.RpcError as error:
            outcomes.append(error.code())

    threads = [threading.Thread(target=approve, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    approved = [o for o in outcomes if isinstance(o, auth_pb2.AccessRequest)]
    assert len(approved) == 1
    assert [o for o in outcomes if not isinstance(o, auth_pb2.AccessRequest)] == [
        grpc.StatusCode.FAILED_PRECONDITION
    ]
    assert len(keycloak_user_by_email(kc_admin, submitted.email)) == 1


def test_bad_ids_and_pages(auth: Caller, token_for: Tokens) -> None:
    ncp_nl = token_for("ncp-nl")
    bad_id = rpc_error(
        lambda: auth("GetAccessRequest", auth_pb2.GetAccessRequestRequest(id="nope"), token=ncp_nl)
    )
    assert bad_id.code() == grpc.StatusCode.INVALID_ARGUMENT and "id" in field_violations(bad_id)
    page = auth_pb2.ListAccessRequestsRequest(page=paging_pb2.PageRequest(page_size=500))
    too_big = rpc_error(lambda: auth("ListAccessRequests", page, token=ncp_nl))
    assert "page.page_size" in field_violations(too_big)
    forged = auth_pb2.ListAccessRequestsRequest(page=paging_pb2.PageRequest(page_token="not-ours"))
    assert "page.page_token" in field_violations(
        rpc_error(lambda: auth("ListAccessRequests", forged, token=ncp_nl))
    )


def test_pagination_walks_every_request_once(auth: Caller, token_for: Tokens) -> None:
    for _ in range(3):
        submit_request(auth, country="BR")
    admin = token_for("wco-admin")
    seen: list[str] = []
    token = ""
    while True:
        request = auth_pb2.ListAccessRequestsRequest(
            country="BR", page=paging_pb2.PageRequest(page_size=2, page_token=token)
        )
        response = auth("ListAccessRequests", request, token=admin)
        seen.extend(item.id for item in response.access_requests)
        token = response.page.next_page_token
        if not token:
            break
    assert len(seen) == len(set(seen)) == response.page.total_size
