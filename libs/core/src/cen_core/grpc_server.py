"""The gRPC server every service runs: health, reflection, metrics, request ids, auth and error mapping."""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures
from dataclasses import dataclass
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from cen_core.auth.policy import Policy, reset_principal, set_principal
from cen_core.auth.principal import Principal
from cen_core.auth.tokens import TokenVerifier
from cen_core.errors import CenError, PermissionDenied, Unauthenticated, to_grpc_status
from cen_core.logging import new_request_id, request_id_var
from cen_core.metrics import GRPC_LATENCY, GRPC_REQUESTS, start_metrics_server
from cen_core.settings import ServiceSettings

log = logging.getLogger("cen.grpc")

# Infrastructure services anyone may call without a token (probes, grpcurl).
PUBLIC_SERVICES = frozenset(
    {"grpc.health.v1.Health", reflection.SERVICE_NAME, "grpc.reflection.v1.ServerReflection"}
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@dataclass(frozen=True)
class ServiceRegistration:
    """One gRPC service to serve: its full name, the generated add_…_to_server function and the servicer."""

    name: str
    add_fn: Callable[[Any, grpc.Server], None]
    servicer: Any


class CenInterceptor(grpc.ServerInterceptor):  # type: ignore[misc]
    """Request id → auth (policy table) → handler, with error mapping, metrics and an access log line."""

    def __init__(self, service_name: str, policies: Sequence[Policy], verifier: TokenVerifier | None) -> None:
        self.service_name = service_name
        self.policies = {p.service_full_name: p for p in policies}
        self.verifier = verifier

    def intercept_service(self, continuation: Callable[..., Any], details: Any) -> Any:
        handler = continuation(details)
        if handler is None:
            return None
        grpc_service, _, method = str(details.method).lstrip("/").rpartition("/")
        metadata = {k.lower(): v for k, v in (details.invocation_metadata or ())}
        if grpc_service in PUBLIC_SERVICES:
            return handler
        kind, behaviour = _behaviour(handler)

        if kind in ("unary_stream", "stream_stream"):

            def wrapped(request: Any, context: grpc.ServicerContext) -> Any:
                with self._scope(grpc_service, method, metadata, context):
                    yield from behaviour(request, context)

        else:

            def wrapped(request: Any, context: grpc.ServicerContext) -> Any:
                with self._scope(grpc_service, method, metadata, context):
                    return behaviour(request, context)

        return _replace(handler, kind, wrapped)

    @contextlib.contextmanager
    def _scope(
        self, grpc_service: str, method: str, metadata: dict[str, Any], context: grpc.ServicerContext
    ) -> Iterator[None]:
        """Everything around one call: request id, caller, errors, metrics and the access log line."""
        rid = metadata.get("x-request-id", "")
        rid = rid if isinstance(rid, str) and _REQUEST_ID.match(rid) else new_request_id()
        rid_token = request_id_var.set(rid)
        principal_token = set_principal(None)
        started = time.perf_counter()
        code = grpc.StatusCode.OK
        principal: Principal | None = None
        try:
            # trailing, not initial, metadata: it rides on the status frame and costs no extra send
            context.set_trailing_metadata((("x-request-id", rid),))
            principal = self._authorise(grpc_service, method, metadata)
            set_principal(principal)
            yield
        except GeneratorExit:
            # the client went away in the middle of a response stream
            code = grpc.StatusCode.CANCELLED
            raise
        except CenError as err:
            code = err.grpc_code
            context.abort_with_status(to_grpc_status(err))
        except Exception:
            # context.abort() inside a handler raises too: let that through with the code it set
            aborted = context.code()
            if aborted not in (None, grpc.StatusCode.OK):
                code = aborted
                raise
            code = grpc.StatusCode.INTERNAL
            log.exception("unhandled error", extra={"rpc": f"{grpc_service}/{method}"})
            context.abort(grpc.StatusCode.INTERNAL, f"internal error (request id {rid})")
        finally:
            elapsed = time.perf_counter() - started
            GRPC_REQUESTS.labels(self.service_name, grpc_service, method, code.name).inc()
            GRPC_LATENCY.labels(self.service_name, grpc_service, method).observe(elapsed)
            log.info(
                "rpc",
                extra={
                    "rpc": f"{grpc_service}/{method}",
                    "code": code.name,
                    "duration_ms": round(elapsed * 1000, 2),
                    "user": principal.username if principal else "",
                },
            )
            reset_principal(principal_token)
            request_id_var.reset(rid_token)

    def _authorise(self, grpc_service: str, method: str, metadata: dict[str, Any]) -> Principal | None:
        policy = self.policies.get(grpc_service)
        if policy is None:
            log.error("service has no policy table", extra={"rpc": f"{grpc_service}/{method}"})
            raise PermissionDenied("this operation is not allowed")
        principal = None
        authorization = metadata.get("authorization", "")
        if authorization:
            scheme, _, token = str(authorization).partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise Unauthenticated("authorization must be 'Bearer <access token>'")
            if self.verifier is None:
                raise Unauthenticated("this service cannot verify tokens")
            principal = self.verifier.verify(token.strip())
        policy.check(method, principal)
        return principal


def _behaviour(handler: grpc.RpcMethodHandler) -> tuple[str, Callable[..., Any]]:
    for kind in ("unary_unary", "unary_stream", "stream_unary", "stream_stream"):
        behaviour = getattr(handler, kind)
        if behaviour is not None:
            return kind, behaviour
    raise ValueError("handler has no behaviour")


def _replace(handler: grpc.RpcMethodHandler, kind: str, behaviour: Callable[..., Any]) -> Any:
    factory = {
        "unary_unary": grpc.unary_unary_rpc_method_handler,
        "unary_stream": grpc.unary_stream_rpc_method_handler,
        "stream_unary": grpc.stream_unary_rpc_method_handler,
        "stream_stream": grpc.stream_stream_rpc_method_handler,
    }[kind]
    return factory(
        behaviour,
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )


class GrpcServer:
    """A configured server: start() binds and returns the port (0 picks a free one for tests)."""

    def __init__(
        self, server: grpc.Server, health_servicer: health.HealthServicer, names: list[str], address: str
    ):
        self.server = server
        self.health = health_servicer
        self.names = names
        self.address = address
        self.port = 0

    def start(self) -> int:
        self.port = self.server.add_insecure_port(self.address)
        if not self.port:
            raise RuntimeError(f"cannot bind gRPC server to {self.address}")
        self.server.start()
        for name in ["", *self.names]:
            self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        log.info("serving", extra={"address": self.address, "port": self.port})
        return self.port

    def stop(self, grace: float = 5.0) -> None:
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()

    def wait(self) -> None:
        self.server.wait_for_termination()


def create_grpc_server(
    settings: ServiceSettings,
    *,
    services: Sequence[ServiceRegistration],
    policies: Sequence[Policy],
    verifier: TokenVerifier | None,
    max_workers: int = 16,
) -> GrpcServer:
    """Build (not start) a server with health, reflection, metrics and the CEN interceptor."""
    options = [
        ("grpc.max_receive_message_length", settings.grpc_max_message_bytes),
        ("grpc.max_send_message_length", settings.grpc_max_message_bytes),
    ]
    server = grpc.server(
        futures.ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix=f"{settings.service_name}-rpc"
        ),
        interceptors=[CenInterceptor(settings.service_name, policies, verifier)],
        options=options,
    )
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for registration in services:
        registration.add_fn(registration.servicer, server)
    names = [r.name for r in services]
    reflection.enable_server_reflection([*names, health.SERVICE_NAME, reflection.SERVICE_NAME], server)
    start_metrics_server(settings.metrics_port, settings.grpc_host)
    return GrpcServer(server, health_servicer, names, f"{settings.grpc_host}:{settings.grpc_port}")


def verifier_from_settings(settings: ServiceSettings) -> TokenVerifier:
    return TokenVerifier(
        issuer=settings.oidc_issuer,
        audience=settings.oidc_audience,
        jwks_url=settings.oidc_jwks_url,
        leeway=settings.token_leeway_seconds,
    )
