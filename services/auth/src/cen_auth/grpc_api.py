"""gRPC transport of the auth service: proto messages to domain calls and back, and the server factory."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import grpc
import redis
import sqlalchemy
from cen.auth.v1 import auth_pb2, auth_pb2_grpc
from cen.common.v1 import paging_pb2
from cen_core.auth.policy import current_principal
from cen_core.auth.principal import FUNCTIONAL_ROLES, Tier
from cen_core.auth.tokens import TokenVerifier
from cen_core.db import create_engine, make_sessionmaker
from cen_core.grpc_server import GrpcServer, ServiceRegistration, create_grpc_server, verifier_from_settings
from google.protobuf.timestamp_pb2 import Timestamp

from cen_auth import validation
from cen_auth.domain import (
    AccessRequest,
    AccessRequestStatus,
    AuditEvent,
    Decision,
    DirectoryUser,
    PageRequest,
)
from cen_auth.keycloak_admin import KeycloakDirectory
from cen_auth.policy import AUTH_POLICY
from cen_auth.ratelimit import FixedWindowLimiter
from cen_auth.service import AuthService
from cen_auth.settings import AuthSettings

TIER_FROM_PROTO: dict[int, Tier] = {
    auth_pb2.TIER_LIMITED: Tier.LIMITED,
    auth_pb2.TIER_READONLY: Tier.READONLY,
    auth_pb2.TIER_UNLIMITED: Tier.UNLIMITED,
}
TIER_TO_PROTO: dict[Tier, auth_pb2.Tier.ValueType] = {tier: value for value, tier in TIER_FROM_PROTO.items()}
STATUS_FROM_PROTO: dict[int, AccessRequestStatus] = {
    auth_pb2.ACCESS_REQUEST_STATUS_PENDING: AccessRequestStatus.PENDING,
    auth_pb2.ACCESS_REQUEST_STATUS_APPROVED: AccessRequestStatus.APPROVED,
    auth_pb2.ACCESS_REQUEST_STATUS_REJECTED: AccessRequestStatus.REJECTED,
}
STATUS_TO_PROTO: dict[AccessRequestStatus, auth_pb2.AccessRequestStatus.ValueType] = {
    status: value for value, status in STATUS_FROM_PROTO.items()
}
DECISION_FROM_PROTO: dict[int, Decision] = {
    auth_pb2.DECISION_APPROVE: Decision.APPROVE,
    auth_pb2.DECISION_REJECT: Decision.REJECT,
}


def _timestamp(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


def _tier(value: Tier | None) -> auth_pb2.Tier.ValueType:
    return TIER_TO_PROTO[value] if value else auth_pb2.TIER_UNSPECIFIED


def _roles(roles: frozenset[str]) -> list[str]:
    return sorted(roles & FUNCTIONAL_ROLES)


def client_ip(context: grpc.ServicerContext) -> str:
    """The submitter's address: set by the gateway as x-client-ip, else the gRPC peer's address."""
    for key, value in context.invocation_metadata():
        if key == "x-client-ip" and isinstance(value, str) and value.strip():
            return value.strip()[:64]
    peer = context.peer() or "unknown"
    # "ipv4:127.0.0.1:5678" or "ipv6:[::1]:5678": drop the scheme and the port.
    address = peer.partition(":")[2].rpartition(":")[0]
    return address.strip("[]") or peer


def access_request_message(request: AccessRequest) -> auth_pb2.AccessRequest:
    return auth_pb2.AccessRequest(
        id=str(request.id),
        first_name=request.first_name,
        last_name=request.last_name,
        email=request.email,
        administration=request.administration,
        country=request.country,
        requested_tier=_tier(request.requested_tier),
        justification=request.justification,
        status=STATUS_TO_PROTO[request.status],
        created_at=_timestamp(request.created_at),
        decided_at=_timestamp(request.decided_at),
        decided_by=request.decided_by,
        rejection_reason=request.rejection_reason,
        user_id=request.user_id,
        granted_tier=_tier(request.granted_tier),
        username=request.username,
    )


def user_message(user: DirectoryUser) -> auth_pb2.User:
    return auth_pb2.User(
        user_id=user.user_id,
        username=user.username,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        tier=_tier(user.tier),
        roles=_roles(user.roles),
        country=user.country,
        rilo=user.rilo,
        enabled=user.enabled,
        created_at=_timestamp(user.created_at),
    )


def audit_event_message(event: AuditEvent) -> auth_pb2.AuditEvent:
    return auth_pb2.AuditEvent(
        id=str(event.id),
        occurred_at=_timestamp(event.occurred_at),
        actor=event.actor,
        actor_user_id=event.actor_user_id,
        action=event.action,
        subject=event.subject,
        country=event.country,
        before_json=json.dumps(event.before, sort_keys=True) if event.before is not None else "",
        after_json=json.dumps(event.after, sort_keys=True) if event.after is not None else "",
        request_id=event.request_id,
    )


def _page(page: paging_pb2.PageRequest) -> PageRequest:
    return validation.page_request(page.page_size, page.page_token)


class AuthServicer(auth_pb2_grpc.AuthServiceServicer):
    """Thin transport: the caller comes from the verified token (current_principal), never the body."""

    def __init__(self, service: AuthService) -> None:
        self._service = service

    def WhoAmI(
        self, request: auth_pb2.WhoAmIRequest, context: grpc.ServicerContext
    ) -> auth_pb2.WhoAmIResponse:
        identity = self._service.who_am_i(current_principal())
        principal = identity.principal
        return auth_pb2.WhoAmIResponse(
            user_id=principal.user_id,
            username=principal.username,
            tier=_tier(principal.tier),
            roles=_roles(principal.roles),
            country=principal.country or "",
            rilo=principal.rilo or "",
            modules=list(identity.modules),
        )

    def SubmitAccessRequest(
        self, request: auth_pb2.SubmitAccessRequestRequest, context: grpc.ServicerContext
    ) -> auth_pb2.AccessRequest:
        created = self._service.submit_access_request(
            first_name=request.first_name,
            last_name=request.last_name,
            email=request.email,
            administration=request.administration,
            country=request.country,
            requested_tier=TIER_FROM_PROTO.get(request.requested_tier),
            justification=request.justification,
            client_ip=client_ip(context),
        )
        return access_request_message(created)

    def ListAccessRequests(
        self, request: auth_pb2.ListAccessRequestsRequest, context: grpc.ServicerContext
    ) -> auth_pb2.ListAccessRequestsResponse:
        page = self._service.list_access_requests(
            current_principal(),
            status=STATUS_FROM_PROTO.get(request.status),
            country=request.country,
            page=_page(request.page),
        )
        return auth_pb2.ListAccessRequestsResponse(
            access_requests=[access_request_message(item) for item in page.items],
            page=paging_pb2.PageResponse(next_page_token=page.next_token, total_size=page.total),
        )

    def GetAccessRequest(
        self, request: auth_pb2.GetAccessRequestRequest, context: grpc.ServicerContext
    ) -> auth_pb2.AccessRequest:
        return access_request_message(self._service.get_access_request(current_principal(), request.id))

    def DecideAccessRequest(
        self, request: auth_pb2.DecideAccessRequestRequest, context: grpc.ServicerContext
    ) -> auth_pb2.AccessRequest:
        decided = self._service.decide_access_request(
            current_principal(),
            request_id=request.id,
            decision=DECISION_FROM_PROTO.get(request.decision),
            reason=request.reason,
            granted_tier=TIER_FROM_PROTO.get(request.granted_tier),
        )
        return access_request_message(decided)

    def ListUsers(
        self, request: auth_pb2.ListUsersRequest, context: grpc.ServicerContext
    ) -> auth_pb2.ListUsersResponse:
        page = self._service.list_users(
            current_principal(), country=request.country, search=request.search, page=_page(request.page)
        )
        return auth_pb2.ListUsersResponse(
            users=[user_message(user) for user in page.items],
            page=paging_pb2.PageResponse(next_page_token=page.next_token, total_size=page.total),
        )

    def ChangeUserTier(
        self, request: auth_pb2.ChangeUserTierRequest, context: grpc.ServicerContext
    ) -> auth_pb2.User:
        user = self._service.change_user_tier(
            current_principal(),
            user_id=request.user_id,
            tier=TIER_FROM_PROTO.get(request.tier),
            reason=request.reason,
        )
        return user_message(user)

    def DisableUser(
        self, request: auth_pb2.DisableUserRequest, context: grpc.ServicerContext
    ) -> auth_pb2.User:
        user = self._service.disable_user(current_principal(), user_id=request.user_id, reason=request.reason)
        return user_message(user)

    def ListAuditEvents(
        self, request: auth_pb2.ListAuditEventsRequest, context: grpc.ServicerContext
    ) -> auth_pb2.ListAuditEventsResponse:
        page = self._service.list_audit_events(
            current_principal(), country=request.country, page=_page(request.page)
        )
        return auth_pb2.ListAuditEventsResponse(
            events=[audit_event_message(event) for event in page.items],
            page=paging_pb2.PageResponse(next_page_token=page.next_token, total_size=page.total),
        )


@dataclass(frozen=True)
class AuthDeps:
    """What the server needs from outside; tests build it against the real stack."""

    service: AuthService
    verifier: TokenVerifier
    engine: sqlalchemy.Engine
    redis_client: redis.Redis

    def close(self) -> None:
        """Release pooled connections (after the server has stopped)."""
        self.engine.dispose()
        self.redis_client.close()


def build_deps(settings: AuthSettings) -> AuthDeps:
    """The production wiring: PostgreSQL, Redis, Keycloak's admin API and the realm's JWKS."""
    engine = create_engine(settings.database_url.get_secret_value())
    redis_client = redis.Redis.from_url(settings.redis_url)
    directory = KeycloakDirectory(
        server_url=settings.keycloak_url,
        realm=settings.keycloak_realm,
        client_id=settings.keycloak_admin_client_id,
        client_secret=settings.keycloak_admin_client_secret.get_secret_value(),
    )
    service = AuthService(
        sessions=make_sessionmaker(engine),
        directory=directory,
        limiter=FixedWindowLimiter(redis_client),
        limits=settings.rate_limits(),
    )
    return AuthDeps(
        service=service,
        verifier=verifier_from_settings(settings),
        engine=engine,
        redis_client=redis_client,
    )


def create_server(settings: AuthSettings, deps: AuthDeps) -> GrpcServer:
    """The auth gRPC server (health, reflection, metrics, auth and error interceptors from cen_core)."""
    registration = ServiceRegistration(
        name=AUTH_POLICY.service_full_name,
        add_fn=auth_pb2_grpc.add_AuthServiceServicer_to_server,
        servicer=AuthServicer(deps.service),
    )
    return create_grpc_server(
        settings, services=[registration], policies=[AUTH_POLICY], verifier=deps.verifier
    )
