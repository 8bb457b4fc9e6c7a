"""Fixtures of the gateway tests: in-process gateways, a scripted gRPC backend, sessions, special tokens."""

from __future__ import annotations

import base64
import json
import secrets
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent import futures
from typing import Any

import grpc
import pytest
import redis
from cen.auth.v1 import auth_pb2, auth_pb2_grpc
from cen_core.errors import (
    AlreadyExists,
    CenError,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    RateLimited,
    Unauthenticated,
    to_grpc_status,
)
from cen_gateway.app import create_app
from cen_gateway.sessions import COOKIE_NAME
from cen_gateway.settings import GatewaySettings
from flask import Flask
from flask.testing import FlaskClient
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from tests.conftest import short_lived_token

KEYCLOAK = "http://127.0.0.1:8180"
ISSUER = f"{KEYCLOAK}/realms/cen"
RUNNING_AUTH = "127.0.0.1:50051"
REDIS_URL = "redis://127.0.0.1:6380/0"
DEMO_PASSWORD = "cen-demo-pass"


def free_closed_port() -> int:
    """A port nothing listens on (bound once to learn it, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def gateway_settings(stack_env: dict[str, str]) -> Callable[..., GatewaySettings]:
    """Settings of an in-process gateway against the local stack; each app gets its own Redis key prefix."""

    def make(**overrides: Any) -> GatewaySettings:
        values: dict[str, Any] = {
            "service_name": "gateway",
            "public_url": "http://127.0.0.1:8080",
            "auth_addr": RUNNING_AUTH,
            "oidc_issuer": ISSUER,
            "oidc_audience": "cen",
            "oidc_client_id": "cen-gateway",
            "oidc_client_secret": stack_env.get("CEN_OIDC_CLIENT_SECRET", ""),
            "session_secret": secrets.token_urlsafe(32),
            "redis_url": REDIS_URL,
            "redis_key_prefix": f"cen:gateway-test:{uuid.uuid4().hex[:8]}:",
            "cookie_secure": False,
        }
        values.update(overrides)
        return GatewaySettings(**values)

    return make


@pytest.fixture(scope="session")
def make_app(gateway_settings: Callable[..., GatewaySettings]) -> Iterator[Callable[..., Flask]]:
    """make_app(**settings) -> a gateway app built by create_app; its gRPC channels close at the end."""
    built: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        app = create_app(gateway_settings(**overrides))
        app.config["TESTING"] = True
        built.append(app)
        return app

    yield make
    for app in built:
        for channel in app.extensions["cen_gateway"].deps.channels.values():
            channel.close()


@pytest.fixture(scope="session")
def real_app(make_app: Callable[..., Flask]) -> Flask:
    """A gateway in-process, in front of the auth service the local stack runs."""
    return make_app()


@pytest.fixture
def client(real_app: Flask) -> FlaskClient:
    return real_app.test_client()


def plant_session(app: Flask, client: FlaskClient, access_token: str, username: str) -> str:
    """Log a test client in the way /auth/callback does, without the browser: returns the CSRF token."""
    interface = app.session_interface
    sid = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(16)
    data = {
        "tokens": {
            "access_token": access_token,
            "refresh_token": "",
            "id_token": "",
            "expires_at": time.time() + 240,
            "refresh_expires_at": 0.0,
        },
        "user": {"username": username, "tier": ""},
        "csrf": csrf,
    }
    store = app.extensions["cen_gateway"].deps.redis
    store.set(interface.key_for(sid), json.dumps(data), ex=300)  # type: ignore[attr-defined]
    client.set_cookie(COOKIE_NAME, sid, domain="localhost")
    return csrf


@pytest.fixture(scope="session")
def redis_client() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    client.close()


# ---- a scripted gRPC backend speaking AuthService, for the transcoder's plumbing ------------------------

ERRORS: dict[str, CenError] = {
    "invalid": InvalidArgument(
        [FieldViolation("id", "must be a UUID"), FieldViolation("page.page_size", "too big")]
    ),
    "unauthenticated": Unauthenticated("token expired"),
    "forbidden": PermissionDenied("only an NCP may do this"),
    "missing": NotFound("no such access request"),
    "exists": AlreadyExists("already decided"),
    "precondition": FailedPrecondition("the request is not pending"),
    "limited": RateLimited("too many access requests", retry_after_seconds=17),
}


class ScriptedAuth(auth_pb2_grpc.AuthServiceServicer):
    """Echoes what it received (request fields and metadata) and fails on demand by access-request id."""

    def WhoAmI(self, request: Any, context: grpc.ServicerContext) -> auth_pb2.WhoAmIResponse:
        md = dict(context.invocation_metadata())
        return auth_pb2.WhoAmIResponse(
            username=str(md.get("authorization", "")),
            user_id=str(md.get("x-request-id", "")),
            country=str(md.get("x-client-ip", "")),
            tier=auth_pb2.TIER_READONLY,
            modules=["cws", "cpdb"],
        )

    def SubmitAccessRequest(self, request: Any, context: grpc.ServicerContext) -> auth_pb2.AccessRequest:
        return auth_pb2.AccessRequest(
            id="echo",
            first_name=request.first_name,
            email=request.email,
            requested_tier=request.requested_tier,
            justification=request.justification,
        )

    def ListUsers(self, request: Any, context: grpc.ServicerContext) -> auth_pb2.ListUsersResponse:
        echo = auth_pb2.User(
            username=request.search, country=request.country, first_name=str(request.page.page_size)
        )
        echo.last_name = request.page.page_token
        return auth_pb2.ListUsersResponse(users=[echo])

    def ListAccessRequests(
        self, request: Any, context: grpc.ServicerContext
    ) -> auth_pb2.ListAccessRequestsResponse:
        return auth_pb2.ListAccessRequestsResponse(
            access_requests=[auth_pb2.AccessRequest(status=request.status, country=request.country)]
        )

    def GetAccessRequest(self, request: Any, context: grpc.ServicerContext) -> auth_pb2.AccessRequest:
        if request.id in ERRORS:
            context.abort_with_status(to_grpc_status(ERRORS[request.id]))
        if request.id == "slow":
            time.sleep(1.5)
        if request.id == "crash":
            raise RuntimeError("database password is hunter2")
        return auth_pb2.AccessRequest(id=request.id)

    def DecideAccessRequest(self, request: Any, context: grpc.ServicerContext) -> auth_pb2.AccessRequest:
        return auth_pb2.AccessRequest(
            id=request.id,
            rejection_reason=request.reason,
            granted_tier=request.granted_tier,
            status=request.decision,
        )


@pytest.fixture(scope="session")
def scripted_auth() -> Iterator[str]:
    """The scripted AuthService with a SERVING health service, on a free port."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    auth_pb2_grpc.add_AuthServiceServicer_to_server(ScriptedAuth(), server)
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    health_servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop(0).wait()


@pytest.fixture(scope="session")
def scripted_app(make_app: Callable[..., Flask], scripted_auth: str) -> Flask:
    return make_app(auth_addr=scripted_auth, grpc_timeout_seconds=0.5, max_body_bytes=4096)


# ---- special tokens -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def expired_token(stack_env: dict[str, str]) -> str:
    """A real Keycloak token of `readonly` that has expired."""
    token = short_lived_token(stack_env, "readonly")
    time.sleep(1 + 5 + 1.5)  # lifespan + the verifier's default leeway + margin
    return token


@pytest.fixture(scope="session")
def forged_token(token_for: Callable[[str], str]) -> str:
    """A real `limited` token whose payload claims the unlimited tier and wco-admin: the signature breaks."""
    header, payload, signature = token_for("limited").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update({"tier": "unlimited", "roles": ["wco-admin"]})
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


# Helpers of the REST route tests.


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_problem(resp: Any, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.get_data(as_text=True)
    assert resp.mimetype == "application/problem+json"
    body = resp.get_json(force=True)
    assert body["status"] == status and body["type"].startswith("https://cen.wco/problems/")
    assert body["request_id"] == resp.headers["X-Request-Id"]
    return dict(body)


def field_errors(body: dict[str, Any]) -> dict[str, str]:
    return {e["field"]: e["message"] for e in body.get("errors", [])}
