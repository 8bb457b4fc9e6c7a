"""Rate limits of the public form (Redis) and the append-only audit table (PostgreSQL trigger)."""

from __future__ import annotations

import grpc
import pytest
import sqlalchemy
from auth_support import Caller, fake_client_ip, rpc_error, unique_email
from cen.auth.v1 import auth_pb2

pytestmark = pytest.mark.integration


def form(email: str) -> auth_pb2.SubmitAccessRequestRequest:
    return auth_pb2.SubmitAccessRequestRequest(
        first_name="Rate",
        last_name="Limited",
        email=email,
        administration="Test Customs Administration",
        country="DE",
        requested_tier=auth_pb2.TIER_LIMITED,
        justification="Checking that the public form is rate limited.",
    )


def test_five_requests_per_hour_per_client_address(auth: Caller) -> None:
    ip = fake_client_ip()
    for _ in range(5):
        auth("SubmitAccessRequest", form(unique_email("rate-ip")), ip=ip)
    error = rpc_error(lambda: auth("SubmitAccessRequest", form(unique_email("rate-ip")), ip=ip))
    assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    # Another address is not affected.
    auth("SubmitAccessRequest", form(unique_email("rate-ip")), ip=fake_client_ip())


def test_three_attempts_per_day_per_email(auth: Caller) -> None:
    email = unique_email("rate-email")
    auth("SubmitAccessRequest", form(email), ip=fake_client_ip())
    for _ in range(2):
        again = rpc_error(lambda: auth("SubmitAccessRequest", form(email), ip=fake_client_ip()))
        assert again.code() == grpc.StatusCode.ALREADY_EXISTS
    limited = rpc_error(lambda: auth("SubmitAccessRequest", form(email), ip=fake_client_ip()))
    assert limited.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


def test_invalid_forms_do_not_use_up_the_limit(auth: Caller) -> None:
    ip = fake_client_ip()
    for _ in range(6):
        bad = rpc_error(lambda: auth("SubmitAccessRequest", auth_pb2.SubmitAccessRequestRequest(), ip=ip))
        assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    auth("SubmitAccessRequest", form(unique_email("rate-after-invalid")), ip=ip)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET actor = 'someone else'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
    ],
)
def test_audit_events_are_append_only(auth: Caller, db: sqlalchemy.Engine, statement: str) -> None:
    # At least one row exists: a submission is audited.
    auth("SubmitAccessRequest", form(unique_email("audit")), ip=fake_client_ip())
    with db.connect() as conn:
        before = conn.execute(sqlalchemy.text("SELECT count(*) FROM audit_events")).scalar_one()
        assert before > 0
        with pytest.raises(sqlalchemy.exc.DBAPIError, match="append-only"):
            conn.execute(sqlalchemy.text(statement))
        conn.rollback()
        after = conn.execute(sqlalchemy.text("SELECT count(*) FROM audit_events")).scalar_one()
    assert after >= before
