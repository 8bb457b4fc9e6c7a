"""The shared gRPC bootstrap: health, reflection, request ids, policy enforcement and error mapping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from cen.auth.v1 import auth_pb2, auth_pb2_grpc
from cen_core.auth.policy import PUBLIC, Policy, current_principal, principal_or_none, requires
from cen_core.auth.principal import WCO_ADMIN, Tier
from cen_core.auth.tokens import TokenVerifier
from cen_core.errors import FieldViolation, InvalidArgument, NotFound, from_rpc_error
from cen_core.grpc_server import ServiceRegistration, create_grpc_server
from cen_core.settings import ServiceSettings
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from prometheus_client import REGISTRY

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


# A service with streaming RPCs on raw bytes, registered like generated code would register it.
STREAMS = "cen.test.v1.Streams"


def total(requests: Iterator[bytes], context: Any) -> bytes:
    """Client streaming: the sum of the numbers sent."""
    result = 0
    for i, item in enumerate(requests):
        if not item.isdigit():
            raise InvalidArgument(FieldViolation(f"items[{i}]", "must be a number"))
        result += int(item)
    return str(result).encode()


def count(request: bytes, context: Any) -> Iterator[bytes]:
    """Server streaming: 0..n-1, failing after the first item when asked to."""
    for i in range(int(request) if request.isdigit() else 1):
        yield str(i).encode()
        if request == b"fail":
            raise NotFound("the rest is gone")


def who(request: bytes, context: Any) -> bytes:
    caller = principal_or_none()
    return (caller.username if caller else "anonymous").encode()


def add_streams(servicer: Any, server: grpc.Server) -> None:
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                STREAMS,
                {
                    "Sum": grpc.stream_unary_rpc_method_handler(total),
                    "Count": grpc.unary_stream_rpc_method_handler(count),
                    "Who": grpc.unary_unary_rpc_method_handler(who),
                },
            ),
        )
    )


STREAMS_POLICY = Policy(
    STREAMS, {"Sum": requires(Tier.LIMITED), "Count": requires(Tier.LIMITED), "Who": PUBLIC}
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
            ),
            ServiceRegistration(STREAMS, add_streams, None),
        ],
        policies=[POLICY, STREAMS_POLICY],
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


def bearer(token: str) -> list[tuple[str, str]]:
    return [("authorization", f"Bearer {token}")]


def test_client_streaming_handler(env: tuple[grpc.Channel, JwksServer]) -> None:
    summed = env[0].stream_unary(f"/{STREAMS}/Sum")
    assert summed(iter([b"1", b"2", b"39"]), metadata=bearer(sign(env[1]))) == b"42"
    with pytest.raises(grpc.RpcError) as exc:
        summed(iter([b"1", b"x"]), metadata=bearer(sign(env[1])))
    err = from_rpc_error(exc.value)
    assert (err.grpc_code, err.violations) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        [FieldViolation("items[1]", "must be a number")],
    )
    with pytest.raises(grpc.RpcError) as exc:
        summed(iter([b"1"]))
    assert exc.value.code() is grpc.StatusCode.UNAUTHENTICATED


def test_server_streaming_handler(env: tuple[grpc.Channel, JwksServer]) -> None:
    counted = env[0].unary_stream(f"/{STREAMS}/Count")
    assert list(counted(b"3", metadata=bearer(sign(env[1])))) == [b"0", b"1", b"2"]
    received: list[bytes] = []
    with pytest.raises(grpc.RpcError) as exc:
        received.extend(counted(b"fail", metadata=bearer(sign(env[1]))))
    assert received == [b"0"]
    assert exc.value.code() is grpc.StatusCode.NOT_FOUND
    assert exc.value.details() == "the rest is gone"


def test_public_rpc_takes_no_token_but_refuses_a_bad_one(env: tuple[grpc.Channel, JwksServer]) -> None:
    anyone = env[0].unary_unary(f"/{STREAMS}/Who")
    assert anyone(b"") == b"anonymous"
    assert anyone(b"", metadata=bearer(sign(env[1]))) == b"ncp-nl"
    for metadata in (bearer("forged.token.here"), [("authorization", "Basic dXNlcjpwYXNz")]):
        with pytest.raises(grpc.RpcError) as exc:
            anyone(b"", metadata=metadata)
        assert exc.value.code() is grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.parametrize("sent", [None, "bad id with spaces", "x" * 65])
def test_request_id_is_created_when_missing_or_unsafe(
    env: tuple[grpc.Channel, JwksServer], sent: str | None
) -> None:
    metadata = bearer(sign(env[1])) + ([("x-request-id", sent)] if sent else [])
    _, rpc = auth_pb2_grpc.AuthServiceStub(env[0]).WhoAmI.with_call(
        auth_pb2.WhoAmIRequest(), metadata=metadata
    )
    rid = dict(rpc.trailing_metadata())["x-request-id"]
    assert rid != sent and len(rid) == 32 and int(rid, 16) >= 0


def test_calls_are_counted_by_method_and_code(env: tuple[grpc.Channel, JwksServer]) -> None:
    labels = {"service": "cen", "grpc_service": STREAMS, "method": "Who"}

    def count_of(code: str) -> float:
        return REGISTRY.get_sample_value("cen_grpc_requests_total", {**labels, "code": code}) or 0.0

    ok, refused = count_of("OK"), count_of("UNAUTHENTICATED")
    anyone = env[0].unary_unary(f"/{STREAMS}/Who")
    anyone(b"")
    with pytest.raises(grpc.RpcError):
        anyone(b"", metadata=bearer("forged"))
    assert (count_of("OK"), count_of("UNAUTHENTICATED")) == (ok + 1, refused + 1)


def test_health_turns_not_serving_on_stop() -> None:
    server = create_grpc_server(ServiceSettings(grpc_port=0), services=[], policies=[], verifier=None)
    port = server.start()
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        assert health.Check(health_pb2.HealthCheckRequest()).status == health_pb2.HealthCheckResponse.SERVING
    server.stop(0)
    # the server is gone, so ask its health servicer directly what a probe would have been told
    answer = server.health.Check(health_pb2.HealthCheckRequest(), None)
    assert answer.status == health_pb2.HealthCheckResponse.NOT_SERVING
