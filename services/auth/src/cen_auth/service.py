"""Use cases of the auth service: who am I, access requests, user administration, the audit trail.

Authorisation beyond the policy table lives here: an NCP acts only on its own country, a wco-admin on
all; every decision is written to the audit trail in the same transaction as the change it records.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import redis
from cen_core.auth.principal import NCP, WCO_ADMIN, Principal, Tier
from cen_core.db import session_scope
from cen_core.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    RateLimited,
    Unavailable,
)
from cen_core.logging import request_id_var
from cen_core.paging import Cursor, decode_cursor, decode_offset, encode_cursor, encode_offset
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from cen_auth import validation
from cen_auth.domain import (
    MODULES_BY_TIER,
    AccessRequest,
    AccessRequestStatus,
    AuditEvent,
    Decision,
    DirectoryUser,
    NewAccount,
    Page,
    PageRequest,
)
from cen_auth.keycloak_admin import EMAIL_TAKEN, KeycloakDirectory
from cen_auth.models import utcnow
from cen_auth.ratelimit import FixedWindowLimiter, fingerprint
from cen_auth.repository import AccessRequestRepository, AuditRepository

log = logging.getLogger(__name__)
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class RateLimits:
    """Fixed windows for the public form: per client address and per email address."""

    per_ip: int = 5
    per_ip_window_seconds: int = 3600
    per_email: int = 3
    per_email_window_seconds: int = 86400


@dataclass(frozen=True)
class Identity:
    """WhoAmI's answer: the verified caller and the modules its tier may open."""

    principal: Principal
    modules: tuple[str, ...]


def modules_for(tier: Tier) -> tuple[str, ...]:
    return MODULES_BY_TIER[tier]


def _request_snapshot(request: AccessRequest) -> dict[str, Any]:
    return {
        "id": str(request.id),
        "status": request.status.value,
        "email": request.email,
        "first_name": request.first_name,
        "last_name": request.last_name,
        "administration": request.administration,
        "country": request.country,
        "requested_tier": request.requested_tier.label,
        "granted_tier": request.granted_tier.label if request.granted_tier else None,
        "decided_by": request.decided_by or None,
        "rejection_reason": request.rejection_reason or None,
        "user_id": request.user_id or None,
        "username": request.username or None,
    }


def _parse_id(value: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise InvalidArgument(
            [FieldViolation(field, "required" if not value else "must be a UUID")]
        ) from None


def _is_admin(principal: Principal) -> bool:
    return WCO_ADMIN in principal.roles


class AuthService:
    """The domain layer; transport-free (no proto types) and storage-agnostic above the repositories."""

    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        directory: KeycloakDirectory,
        limiter: FixedWindowLimiter,
        limits: RateLimits,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._directory = directory
        self._limiter = limiter
        self._limits = limits
        self._clock = clock

    # -- who am I ----------------------------------------------------------------------------------

    def who_am_i(self, principal: Principal) -> Identity:
        return Identity(principal=principal, modules=modules_for(principal.tier))

    # -- access requests -------------------------------------------------------------------------

    def submit_access_request(
        self,
        *,
        first_name: str,
        last_name: str,
        email: str,
        administration: str,
        country: str,
        requested_tier: Tier | None,
        justification: str,
        client_ip: str,
    ) -> AccessRequest:
        """Record a pending request after validation and rate limits; no account is created here."""
        form = validation.validate_access_request(
            first_name=first_name,
            last_name=last_name,
            email=email,
            administration=administration,
            country=country,
            requested_tier=requested_tier,
            justification=justification,
        )
        self._rate_limit("ip", client_ip, self._limits.per_ip, self._limits.per_ip_window_seconds)
        self._rate_limit("email", form.email, self._limits.per_email, self._limits.per_email_window_seconds)
        with self._transaction() as session:
            requests = AccessRequestRepository(session)
            if requests.pending_exists(form.email):
                raise AlreadyExists("a pending access request with this email already exists")
            if self._directory.email_in_use(form.email):
                raise AlreadyExists(EMAIL_TAKEN)
            try:
                created = requests.add(form, client_ip_hash=fingerprint(client_ip))
            except IntegrityError as exc:
                # The partial unique index caught a concurrent submission with the same address.
                raise AlreadyExists("a pending access request with this email already exists") from exc
            self._audit(
                session,
                actor=ANONYMOUS,
                actor_user_id="",
                action="access_request.submitted",
                subject=f"access_request:{created.id}",
                country=created.country,
                before=None,
                after=_request_snapshot(created),
            )
        return created

    def list_access_requests(
        self, principal: Principal, *, status: AccessRequestStatus | None, country: str, page: PageRequest
    ) -> Page[AccessRequest]:
        scope = self._country_scope(principal, validation.normalise_country_filter(country))
        cursor = decode_cursor(page.token)
        with self._transaction() as session:
            items, total = AccessRequestRepository(session).list(
                country=scope, status=status, cursor=cursor, limit=page.size
            )
        return _keyset_page(items, total, page.size, lambda r: Cursor(r.created_at, r.id))

    def get_access_request(self, principal: Principal, request_id: str) -> AccessRequest:
        ident = _parse_id(request_id, "id")
        with self._transaction() as session:
            found = AccessRequestRepository(session).get(ident)
        if found is None:
            raise NotFound("access request not found")
        self._require_country(principal, found.country, "access requests")
        return found

    def decide_access_request(
        self,
        principal: Principal,
        *,
        request_id: str,
        decision: Decision | None,
        reason: str,
        granted_tier: Tier | None,
    ) -> AccessRequest:
        """Approve (create the Keycloak account) or reject a pending request, audited, all or nothing."""
        ident = _parse_id(request_id, "id")
        if decision is None:
            raise InvalidArgument([FieldViolation("decision", "required")])
        if decision is Decision.REJECT:
            reason = validation.required_reason(reason)
        else:
            reason = validation.optional_reason(reason)
        account: DirectoryUser | None = None
        try:
            with self._transaction() as session:
                requests = AccessRequestRepository(session)
                # The row lock serialises concurrent decisions: the second one sees a decided request.
                current = requests.get(ident, lock=True)
                if current is None:
                    raise NotFound("access request not found")
                self._require_country(principal, current.country, "access requests")
                if current.status is not AccessRequestStatus.PENDING:
                    raise FailedPrecondition(f"the access request is already {current.status.value}")
                now = self._clock()
                if decision is Decision.APPROVE:
                    tier = granted_tier or current.requested_tier
                    if tier > current.requested_tier:
                        raise InvalidArgument(
                            [FieldViolation("granted_tier", "may not be above the requested tier")],
                        )
                    account = self._directory.create_account(
                        NewAccount(
                            username_hint=current.email,
                            email=current.email,
                            first_name=current.first_name,
                            last_name=current.last_name,
                            tier=tier,
                            country=current.country,
                            rilo="",
                        )
                    )
                    decided = requests.mark_approved(
                        ident,
                        decided_at=now,
                        decided_by=principal.username,
                        decided_by_user_id=principal.user_id,
                        granted_tier=tier,
                        user_id=account.user_id,
                        username=account.username,
                    )
                    action = "access_request.approved"
                    after = {**_request_snapshot(decided), "account": account.snapshot()}
                else:
                    decided = requests.mark_rejected(
                        ident,
                        decided_at=now,
                        decided_by=principal.username,
                        decided_by_user_id=principal.user_id,
                        reason=reason,
                    )
                    action = "access_request.rejected"
                    after = _request_snapshot(decided)
                if reason:
                    after["reason"] = reason
                self._audit(
                    session,
                    actor=principal.username,
                    actor_user_id=principal.user_id,
                    action=action,
                    subject=f"access_request:{ident}",
                    country=current.country,
                    before=_request_snapshot(current),
                    after=after,
                )
        except Exception:
            if account is not None:
                self._undo(
                    f"delete account {account.user_id}", lambda: self._directory.delete_user(account.user_id)
                )
            raise
        return decided

    # -- users ------------------------------------------------------------------------------------

    def list_users(
        self, principal: Principal, *, country: str, search: str, page: PageRequest
    ) -> Page[DirectoryUser]:
        scope = self._country_scope(principal, validation.normalise_country_filter(country))
        text = validation.search_text(search)
        offset = decode_offset(page.token)
        users, total = self._directory.list_users(country=scope, search=text, offset=offset, limit=page.size)
        following = offset + page.size
        return Page(
            items=users, next_token=encode_offset(following) if following < total else "", total=total
        )

    def change_user_tier(
        self, principal: Principal, *, user_id: str, tier: Tier | None, reason: str
    ) -> DirectoryUser:
        if tier is None:
            raise InvalidArgument([FieldViolation("tier", "required")])
        reason = validation.optional_reason(reason)
        before = self._administered_user(principal, user_id)
        if before.tier == tier:
            return before
        changed = False
        try:
            with self._transaction() as session:
                self._directory.set_tier(before.user_id, tier)
                changed = True
                after = self._require_user(before.user_id)
                self._audit(
                    session,
                    actor=principal.username,
                    actor_user_id=principal.user_id,
                    action="user.tier_changed",
                    subject=f"user:{before.user_id}",
                    country=before.country,
                    before=before.snapshot(),
                    after={**after.snapshot(), **({"reason": reason} if reason else {})},
                )
        except Exception:
            if changed and before.tier is not None:
                previous = before.tier
                self._undo(
                    f"restore tier of {before.user_id}",
                    lambda: self._directory.set_tier(before.user_id, previous),
                )
            raise
        return after

    def disable_user(self, principal: Principal, *, user_id: str, reason: str) -> DirectoryUser:
        reason = validation.required_reason(reason)
        before = self._administered_user(principal, user_id)
        if not before.enabled:
            return before
        changed = False
        try:
            with self._transaction() as session:
                self._directory.set_enabled(before.user_id, False)
                changed = True
                after = self._require_user(before.user_id)
                self._audit(
                    session,
                    actor=principal.username,
                    actor_user_id=principal.user_id,
                    action="user.disabled",
                    subject=f"user:{before.user_id}",
                    country=before.country,
                    before=before.snapshot(),
                    after={**after.snapshot(), "reason": reason},
                )
        except Exception:
            if changed:
                self._undo(
                    f"re-enable {before.user_id}", lambda: self._directory.set_enabled(before.user_id, True)
                )
            raise
        return after

    # -- audit ------------------------------------------------------------------------------------

    def list_audit_events(self, principal: Principal, *, country: str, page: PageRequest) -> Page[AuditEvent]:
        scope = self._country_scope(principal, validation.normalise_country_filter(country))
        cursor = decode_cursor(page.token)
        with self._transaction() as session:
            items, total = AuditRepository(session).list(country=scope, cursor=cursor, limit=page.size)
        return _keyset_page(items, total, page.size, lambda e: Cursor(e.occurred_at, e.id))

    # -- helpers ----------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One database transaction; a database that cannot be reached is UNAVAILABLE, not INTERNAL."""
        try:
            with session_scope(self._sessions) as session:
                yield session
        except DBAPIError as exc:
            if not exc.connection_invalidated and not isinstance(exc, OperationalError):
                raise
            log.warning("database unavailable: %s", type(exc.orig).__name__)
            raise Unavailable("the service is temporarily unavailable") from exc

    def _rate_limit(self, bucket: str, key: str, limit: int, window: int) -> None:
        try:
            retry_after = self._limiter.hit(bucket, key, limit, window)
        except redis.RedisError as exc:
            log.warning("rate limiter unavailable: %s", type(exc).__name__)
            raise Unavailable("the service is temporarily unavailable") from exc
        if retry_after:
            raise RateLimited("too many access requests; try again later", retry_after_seconds=retry_after)

    def _country_scope(self, principal: Principal, requested: str) -> str:
        """The country a list is limited to: the filter for a wco-admin, always its own for an NCP."""
        if _is_admin(principal):
            return requested
        own = self._own_country(principal)
        if requested and requested != own:
            raise PermissionDenied("an NCP may only see its own country")
        return own

    def _require_country(self, principal: Principal, country: str, what: str) -> None:
        if not _is_admin(principal) and country != self._own_country(principal):
            raise PermissionDenied(f"an NCP may only act on {what} of its own country")

    @staticmethod
    def _own_country(principal: Principal) -> str:
        # An empty country must never widen an NCP's scope to "all countries".
        if NCP not in principal.roles or not principal.country:
            raise PermissionDenied("only an NCP with a country or a wco-admin may do this")
        return str(principal.country)

    def _require_user(self, user_id: str) -> DirectoryUser:
        user = self._directory.get_user(user_id)
        if user is None:
            raise NotFound("user not found")
        return user

    def _administered_user(self, principal: Principal, user_id: str) -> DirectoryUser:
        """The target account, if the caller may administer it (never itself; an NCP never a wco-admin)."""
        ident = str(_parse_id(user_id, "user_id"))
        if ident == principal.user_id:
            raise PermissionDenied("you cannot change your own account")
        user = self._require_user(ident)
        if not _is_admin(principal):
            self._require_country(principal, user.country, "users")
            if WCO_ADMIN in user.roles:
                raise PermissionDenied("an NCP cannot administer a wco-admin account")
        return user

    def _audit(
        self,
        session: Session,
        *,
        actor: str,
        actor_user_id: str,
        action: str,
        subject: str,
        country: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        AuditRepository(session).add(
            actor=actor,
            actor_user_id=actor_user_id,
            action=action,
            subject=subject,
            country=country,
            before=before,
            after=after,
            request_id=request_id_var.get() or "",
        )

    @staticmethod
    def _undo(what: str, action: Callable[[], None]) -> None:
        """Compensate a Keycloak change whose database transaction failed; never hide the first error."""
        try:
            action()
        except Exception:
            log.exception("compensation failed: %s", what)


def _keyset_page(items: list[Any], total: int, size: int, cursor_of: Callable[[Any], Cursor]) -> Page[Any]:
    """Trim the look-ahead item and make the next-page token from the last item shown."""
    more = len(items) > size
    shown = items[:size]
    token = encode_cursor(cursor_of(shown[-1])) if more and shown else ""
    return Page(items=shown, next_token=token, total=total)
