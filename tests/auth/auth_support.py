"""Helpers of the auth tests: calling AuthService, unique test identities, Keycloak tokens."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import grpc
import pytest
import requests
from cen.auth.v1 import auth_pb2, auth_pb2_grpc

ISSUER = "http://127.0.0.1:8180/realms/cen"
RUNNING_AUTH = "127.0.0.1:50051"
# Every account and request the tests create uses this domain, so clean-up finds them all.
TEST_EMAIL_DOMAIN = "auth-tests.cen.example"


def unique_email(label: str = "user") -> str:
    return f"{label}-{uuid.uuid4().hex[:12]}@{TEST_EMAIL_DOMAIN}"


def fake_client_ip() -> str:
    """A unique documentation-range IPv6 address per call, so rate-limit windows of runs never collide."""
    n = uuid.uuid4().int
    return f"2001:db8:{n >> 112 & 0xFFFF:x}:{n >> 96 & 0xFFFF:x}::{n & 0xFFFF:x}"


@dataclass
class Caller:
    """Calls AuthService at one address with a given token and client address."""

    stub: auth_pb2_grpc.AuthServiceStub

    def __call__(self, method: str, request: Any, token: str | None = None, ip: str | None = None) -> Any:
        metadata = [("x-request-id", f"test-{uuid.uuid4().hex[:16]}")]
        if token:
            metadata.append(("authorization", f"Bearer {token}"))
        if ip:
            metadata.append(("x-client-ip", ip))
        return getattr(self.stub, method)(request, metadata=metadata, timeout=30)


def rpc_error(call: Callable[[], Any]) -> grpc.RpcError:
    """The error a call fails with (the test fails if it succeeds)."""
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value


def submit_request(
    auth: Caller, *, country: str = "NL", tier: int = auth_pb2.TIER_READONLY, email: str | None = None
) -> auth_pb2.AccessRequest:
    """A valid, unique access request as an anonymous visitor from a unique address."""
    request = auth_pb2.SubmitAccessRequestRequest(
        first_name="Test",
        last_name="Officer",
        email=email or unique_email(),
        administration="Test Customs Administration",
        country=country,
        requested_tier=tier,
        justification="I need CEN to analyse seizures at our border crossings.",
    )
    result: auth_pb2.AccessRequest = auth("SubmitAccessRequest", request, ip=fake_client_ip())
    return result


def keycloak_password_login(username: str, password: str) -> requests.Response:
    """A direct-access-grant token request on the dev client (the response, successful or not)."""
    return requests.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": "cen-dev", "username": username, "password": password},
        timeout=10,
    )


def jwt_claims(token: str) -> dict[str, Any]:
    """The claims of a JWT, decoded without verification (test bookkeeping only)."""
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
