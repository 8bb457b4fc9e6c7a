"""The shared gRPC bootstrap: health, reflection, request ids, policy enforcement and error mapping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from cen.auth.v1 import auth_pb2, auth_pb2_grpc
from cen_core.auth.policy import PUBLIC, Policy, current_principal, requires
from cen_core.auth.principal import WCO_ADMIN, Tier
from cen_core.auth.tokens import TokenVerifier
from cen_core.errors import FieldViolation, InvalidArgument, NotFound, from_rpc_error
from cen_core.grpc_server import ServiceRegistration, create_grpc_server
from cen_core.settings import ServiceSettings
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from tests.core.test_tokens import ISSUER, JwksServer, sign

SERVICE = auth_pb2.DESCRIPTOR.services_by_name["AuthService"]


class Servicer(auth_pb2_grpc.AuthServiceServicer):
    def WhoAmI(self, request: Any, context: Any) -> auth_pb2.WhoAmIResponse:
        p = current_principal()
        return auth_pb2.WhoAmIResponse(username=p.username, country=p.country)

    def SubmitAccessRequest(self, request: Any, context: Any) -> auth_pb2.AccessRequest:
        raise InvalidArgument(
            [FieldViolation("email", "must be a valid address"), FieldViolation("country", "unknown")]
        )

    def GetAccessRequest(self, request: Any, context: Any) -> auth_pb2.AccessRequest:
        raise NotFound("no such access request")

    def ListUsers(self, request: Any, context: Any) -> auth_pb2.ListUsersResponse:
        raise RuntimeError("database password is hunter2")


POLICY = Policy(
    SERVICE.full_name,
    {
        "WhoAmI": requires(Tier.LIMITED),
        "SubmitAccessRequest": PUBLIC,
        "GetAccessRequest": requires(Tier.UNLIMITED, any_role=[WCO_ADMIN]),
        "ListUsers": requires(Tier.READONLY),
    },
)


@pytest.fixture(scope="module")
def env() -> Iterator[tuple[grpc.Channel, JwksServer]]:
    jwks = JwksServer()
    jwks.add_key("k1")
    server = create_grpc_server(
        ServiceSettings(grpc_port=0),
        services=[
            ServiceRegistration(
                SERVICE.full_name, auth_pb2_grpc.add_AuthServiceServicer_to_server, Servicer()
            )
        ],
        policies=[POLICY],
        verifier=TokenVerifier(ISSUER, "cen", jwks.url),
    )
    port = server.start()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    yield channel, jwks
    channel.close()
    server.stop(0)
    jwks.httpd.shutdown()
    jwks.httpd.server_close()


def call(env: tuple[grpc.Channel, JwksServer], method: str, request: Any, token: str | None = None) -> Any:
    stub = auth_pb2_grpc.AuthServiceStub(env[0])
    metadata = [("x-request-id", "req-123")]
    if token is not None:
        metadata.append(("authorization", f"Bearer {token}"))
    return getattr(stub, method).with_call(request, metadata=metadata)


def test_health_and_reflection_are_public(env: tuple[grpc.Channel, JwksServer]) -> None:
    health = health_pb2_grpc.HealthStub(env[0])
    for name in ("", SERVICE.full_name):
        assert (
            health.Check(health_pb2.HealthCheckRequest(service=name)).status
            == health_pb2.HealthCheckResponse.SERVING
        )
    refl = reflection_pb2_grpc.ServerReflectionStub(env[0])
    answer = next(
        iter(refl.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")])))
    )
    names = {s.name for s in answer.list_services_response.service}
    assert SERVICE.full_name in names


def test_verified_caller_and_request_id(env: tuple[grpc.Channel, JwksServer]) -> None:
    response, rpc = call(env, "WhoAmI", auth_pb2.WhoAmIRequest(), sign(env[1]))
    assert (response.username, response.country) == ("ncp-nl", "NL")
    assert ("x-request-id", "req-123") in rpc.trailing_metadata()


@pytest.mark.parametrize("token", [None, "garbage", "e30.e30.e30"])
def test_missing_or_bad_token_is_unauthenticated(
    env: tuple[grpc.Channel, JwksServer], token: str | None
) -> None:
    with pytest.raises(grpc.RpcError) as exc:
        call(env, "WhoAmI", auth_pb2.WhoAmIRequest(), token)
    assert exc.value.code() is grpc.StatusCode.UNAUTHENTICATED


def test_role_rule_refuses_without_role(env: tuple[grpc.Channel, JwksServer]) -> None:
    with pytest.raises(grpc.RpcError) as exc:
        call(env, "GetAccessRequest", auth_pb2.GetAccessRequestRequest(id="x"), sign(env[1]))
    assert exc.value.code() is grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.RpcError) as exc:
        call(
            env,
            "GetAccessRequest",
            auth_pb2.GetAccessRequestRequest(id="x"),
            sign(env[1], roles=["wco-admin"]),
        )
    assert exc.value.code() is grpc.StatusCode.NOT_FOUND


def test_tier_floor(env: tuple[grpc.Channel, JwksServer]) -> None:
    with pytest.raises(grpc.RpcError) as exc:
        call(env, "ListUsers", auth_pb2.ListUsersRequest(), sign(env[1], tier="limited"))
    assert exc.value.code() is grpc.StatusCode.PERMISSION_DENIED


def test_rpc_missing_from_policy_table_is_refused(env: tuple[grpc.Channel, JwksServer]) -> None:
    with pytest.raises(grpc.RpcError) as exc:
        call(env, "DisableUser", auth_pb2.DisableUserRequest(user_id="u"), sign(env[1], roles=["wco-admin"]))
    assert exc.value.code() is grpc.StatusCode.PERMISSION_DENIED
    assert "DisableUser" in POLICY.missing(SERVICE)


def test_field_violations_round_trip(env: tuple[grpc.Channel, JwksServer]) -> None:
    with pytest.raises(grpc.RpcError) as exc:
        call(env, "SubmitAccessRequest", auth_pb2.SubmitAccessRequestRequest())
    err = from_rpc_error(exc.value)
    assert err.http_status == 400
    assert [v.field for v in err.violations] == ["email", "country"]


def test_unexpected_error_leaks_nothing(env: tuple[grpc.Channel, JwksServer]) -> None:
    with pytest.raises(grpc.RpcError) as exc:
        call(env, "ListUsers", auth_pb2.ListUsersRequest(), sign(env[1]))
    assert exc.value.code() is grpc.StatusCode.INTERNAL
    assert "hunter2" not in (exc.value.details() or "")
    assert "req-123" in (exc.value.details() or "")
