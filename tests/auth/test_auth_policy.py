"""The policy table covers every RPC of AuthService, and each rule admits exactly the intended callers."""

from __future__ import annotations

import pytest
from cen.auth.v1 import auth_pb2
from cen_auth.policy import AUTH_POLICY, SERVICE_NAME
from cen_core.auth.policy import Policy
from cen_core.auth.principal import Principal, Tier
from cen_core.errors import CenError

DESCRIPTOR = auth_pb2.DESCRIPTOR.services_by_name["AuthService"]
ADMIN_RPCS = (
    "ListAccessRequests",
    "GetAccessRequest",
    "DecideAccessRequest",
    "ListUsers",
    "ChangeUserTier",
    "DisableUser",
    "ListAuditEvents",
)


def test_every_rpc_of_the_service_has_a_rule() -> None:
    assert DESCRIPTOR.full_name == SERVICE_NAME
    assert list(AUTH_POLICY.missing(DESCRIPTOR)) == []
    assert {m.name for m in DESCRIPTOR.methods} == {"WhoAmI", "SubmitAccessRequest", *ADMIN_RPCS}


def test_the_missing_check_can_fail() -> None:
    incomplete = Policy(SERVICE_NAME, {"WhoAmI": AUTH_POLICY.rules["WhoAmI"]})
    assert set(incomplete.missing(DESCRIPTOR)) == {m.name for m in DESCRIPTOR.methods} - {"WhoAmI"}


def principal(tier: Tier, *roles: str, country: str = "NL") -> Principal:
    return Principal(
        user_id="u-1",
        username="someone",
        tier=tier,
        roles=frozenset(roles),
        country=country,
        rilo="WE",
        token="",
    )


def allowed(method: str, who: Principal | None) -> bool:
    try:
        AUTH_POLICY.check(method, who)
    except CenError:
        return False
    return True


@pytest.mark.parametrize("method", ADMIN_RPCS)
def test_administration_needs_ncp_or_wco_admin_with_unlimited_tier(method: str) -> None:
    assert allowed(method, principal(Tier.UNLIMITED, "ncp"))
    assert allowed(method, principal(Tier.UNLIMITED, "wco-admin"))
    assert not allowed(method, principal(Tier.READONLY, "ncp"))
    assert not allowed(method, principal(Tier.UNLIMITED, "rilo-analyst", "cws-editor"))
    assert not allowed(method, principal(Tier.UNLIMITED))
    assert not allowed(method, None)


def test_who_am_i_any_tier_and_the_form_is_public() -> None:
    for tier in Tier:
        assert allowed("WhoAmI", principal(tier))
    assert not allowed("WhoAmI", None)
    assert allowed("SubmitAccessRequest", None)
    assert not allowed("NotAnRpc", principal(Tier.UNLIMITED, "wco-admin"))
