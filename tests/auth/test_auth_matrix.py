"""The tier/role matrix: every RPC of AuthService for every kind of caller, in-process and running."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import jwt
import pytest
import requests
from auth_support import ISSUER, Caller, fake_client_ip
from cen.auth.v1 import auth_pb2
from cen.common.v1 import paging_pb2
from cryptography.hazmat.primitives.asymmetric import rsa

pytestmark = pytest.mark.integration

OK = grpc.StatusCode.OK
DEMO_USERS = ("limited", "readonly", "unlimited", "ncp-nl", "ncp-br", "rilo-weu", "coordinator", "wco-admin")
ADMINISTRATORS = {"ncp-nl", "ncp-br", "wco-admin"}
BAD_TOKENS = ("forged", "forged-unknown-kid", "expired")
NOBODY = str(uuid.UUID(int=0))

# Each RPC with a harmless request, and the status an admitted caller gets: these requests change nothing
# (an empty form is invalid, the ids do not exist), so the matrix can run against any database.
RPCS: dict[str, tuple[Callable[[], Any], grpc.StatusCode]] = {
    "WhoAmI": (auth_pb2.WhoAmIRequest, OK),
    "SubmitAccessRequest": (auth_pb2.SubmitAccessRequestRequest, grpc.StatusCode.INVALID_ARGUMENT),
    "ListAccessRequests": (
        lambda: auth_pb2.ListAccessRequestsRequest(page=paging_pb2.PageRequest(page_size=1)),
        OK,
    ),
    "GetAccessRequest": (lambda: auth_pb2.GetAccessRequestRequest(id=NOBODY), grpc.StatusCode.NOT_FOUND),
    "DecideAccessRequest": (
        lambda: auth_pb2.DecideAccessRequestRequest(id=NOBODY, decision=auth_pb2.DECISION_APPROVE),
        grpc.StatusCode.NOT_FOUND,
    ),
    "ListUsers": (lambda: auth_pb2.ListUsersRequest(page=paging_pb2.PageRequest(page_size=1)), OK),
    "ChangeUserTier": (
        lambda: auth_pb2.ChangeUserTierRequest(user_id=NOBODY, tier=auth_pb2.TIER_LIMITED),
        grpc.StatusCode.NOT_FOUND,
    ),
    "DisableUser": (
        lambda: auth_pb2.DisableUserRequest(user_id=NOBODY, reason="matrix"),
        grpc.StatusCode.NOT_FOUND,
    ),
    "ListAuditEvents": (
        lambda: auth_pb2.ListAuditEventsRequest(page=paging_pb2.PageRequest(page_size=1)),
        OK,
    ),
}


def expected(method: str, caller: str) -> grpc.StatusCode:
    admitted_code = RPCS[method][1]
    if method == "SubmitAccessRequest":
        # The public form ignores who calls; a bad token is still refused rather than silently dropped.
        return grpc.StatusCode.UNAUTHENTICATED if caller in BAD_TOKENS else admitted_code
    if caller == "anonymous" or caller in BAD_TOKENS:
        return grpc.StatusCode.UNAUTHENTICATED
    if method == "WhoAmI" or caller in ADMINISTRATORS:
        return admitted_code
    return grpc.StatusCode.PERMISSION_DENIED


def forged_token(kid: str) -> str:
    """Claims exactly like a wco-admin's, signed with our own RSA key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": ["cen"],
        "sub": str(uuid.uuid4()),
        "typ": "Bearer",
        "azp": "cen-dev",
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "preferred_username": "wco-admin",
        "tier": "unlimited",
        "roles": ["wco-admin"],
        "country": "BE",
        "rilo": "WE",
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


@pytest.fixture(scope="module")
def realm_kid() -> str:
    keys = requests.get(f"{ISSUER}/protocol/openid-connect/certs", timeout=10).json()["keys"]
    return str(next(k["kid"] for k in keys if k.get("alg") == "RS256" and k.get("use") == "sig"))


@pytest.fixture(scope="module")
def tokens(token_for: Callable[[str], str], realm_kid: str, expired_token: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {"anonymous": None}
    found.update({user: token_for(user) for user in DEMO_USERS})
    found["forged"] = forged_token(realm_kid)
    found["forged-unknown-kid"] = forged_token("not-a-realm-key")
    found["expired"] = expired_token
    return found


@pytest.fixture(params=["in-process", "running"])
def target(request: pytest.FixtureRequest) -> Iterator[Caller]:
    yield request.getfixturevalue("auth" if request.param == "in-process" else "running_auth")


CALLERS = ("anonymous", *DEMO_USERS, *BAD_TOKENS)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("method", list(RPCS))
def test_matrix(target: Caller, tokens: dict[str, str | None], method: str, caller: str) -> None:
    request_factory, _ = RPCS[method]
    try:
        target(method, request_factory(), token=tokens[caller], ip=fake_client_ip())
        code = OK
    except grpc.RpcError as error:
        code = error.code()
    assert code == expected(method, caller)


@pytest.mark.parametrize("user", DEMO_USERS)
def test_who_am_i_comes_from_the_token(auth: Caller, token_for: Callable[[str], str], user: str) -> None:
    me = auth("WhoAmI", auth_pb2.WhoAmIRequest(), token=token_for(user))
    assert me.username == user
    limited = user == "limited"
    assert me.tier == (
        auth_pb2.TIER_LIMITED
        if limited
        else auth_pb2.TIER_READONLY
        if user == "readonly"
        else auth_pb2.TIER_UNLIMITED
    )
    assert set(me.modules) == ({"cws", "cpdb"} if limited else {"seizures", "cws", "cpdb", "cencomm"})
    expected_country = {"limited": "BE", "readonly": "DE", "unlimited": "FR", "ncp-nl": "NL", "ncp-br": "BR"}
    if user in expected_country:
        assert me.country == expected_country[user]
