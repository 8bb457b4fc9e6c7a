"""Policy tables: public rules, tier floors, explicit roles, and RPCs missing from the table."""

from __future__ import annotations

import logging

import pytest
from cen.auth.v1 import auth_pb2
from cen_core.auth.policy import (
    PUBLIC,
    Policy,
    current_principal,
    principal_or_none,
    requires,
    reset_principal,
    set_principal,
)
from cen_core.auth.principal import NCP, WCO_ADMIN, Principal, Tier
from cen_core.errors import PermissionDenied, Unauthenticated

SERVICE = auth_pb2.DESCRIPTOR.services_by_name["AuthService"]


def who(tier: Tier, *roles: str) -> Principal:
    return Principal(user_id="u1", username="someone", tier=tier, roles=frozenset(roles), country="NL")


POLICY = Policy(
    SERVICE.full_name,
    {
        "SubmitAccessRequest": PUBLIC,
        "WhoAmI": requires(Tier.LIMITED),
        "ListUsers": requires(Tier.READONLY),
        "GetAccessRequest": requires(Tier.LIMITED, any_role=[NCP, WCO_ADMIN]),
    },
)


def test_public_rule_needs_no_caller() -> None:
    POLICY.check("SubmitAccessRequest", None)
    POLICY.check("SubmitAccessRequest", who(Tier.LIMITED))


def test_non_public_rule_needs_a_caller() -> None:
    with pytest.raises(Unauthenticated, match="bearer token is required"):
        POLICY.check("WhoAmI", None)


@pytest.mark.parametrize(
    ("tier", "allowed"), [(Tier.LIMITED, False), (Tier.READONLY, True), (Tier.UNLIMITED, True)]
)
def test_tier_floor_is_ordered(tier: Tier, allowed: bool) -> None:
    assert Tier.LIMITED < Tier.READONLY < Tier.UNLIMITED
    if allowed:
        POLICY.check("ListUsers", who(tier))
    else:
        with pytest.raises(PermissionDenied, match="requires access tier readonly; you have limited"):
            POLICY.check("ListUsers", who(tier))


def test_roles_are_explicit_no_implicit_admin() -> None:
    POLICY.check("GetAccessRequest", who(Tier.LIMITED, NCP))
    POLICY.check("GetAccessRequest", who(Tier.LIMITED, WCO_ADMIN))
    with pytest.raises(PermissionDenied, match="requires the role ncp or wco-admin"):
        POLICY.check("GetAccessRequest", who(Tier.UNLIMITED, "cws-editor"))
    # wco-admin is not magic: a rule that does not list it refuses it below the tier floor
    with pytest.raises(PermissionDenied, match="tier"):
        POLICY.check("ListUsers", who(Tier.LIMITED, WCO_ADMIN))


def test_rpc_missing_from_table_is_refused_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(PermissionDenied):
        POLICY.check("DisableUser", who(Tier.UNLIMITED, WCO_ADMIN))
    assert any("missing from the policy table" in r.getMessage() for r in caplog.records)


def test_missing_and_unknown_find_gaps_and_typos() -> None:
    rpc_names = {m.name for m in SERVICE.methods}
    missing = POLICY.missing(SERVICE)
    assert set(missing) == rpc_names - set(POLICY.rules)
    assert "DisableUser" in missing
    full = Policy(SERVICE.full_name, {name: PUBLIC for name in rpc_names} | {"WhoAmIx": PUBLIC})
    assert full.missing(SERVICE) == []
    assert full.unknown(SERVICE) == ["WhoAmIx"]


def test_current_principal_comes_from_the_context() -> None:
    assert principal_or_none() is None
    with pytest.raises(Unauthenticated):
        current_principal()
    token = set_principal(who(Tier.READONLY))
    try:
        assert current_principal().tier is Tier.READONLY
    finally:
        reset_principal(token)
    assert principal_or_none() is None
