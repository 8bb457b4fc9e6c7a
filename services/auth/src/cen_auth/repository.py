"""Storage of access requests and audit events (SQLAlchemy 2); returns domain objects."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from cen_core.auth.principal import Tier
from cen_core.paging import Cursor
from sqlalchemy import ColumnElement, func, select, tuple_
from sqlalchemy.orm import Session

from cen_auth.domain import AccessRequest, AccessRequestForm, AccessRequestStatus, AuditEvent
from cen_auth.models import AccessRequestRow, AuditEventRow


def _to_access_request(row: AccessRequestRow) -> AccessRequest:
    return AccessRequest(
        id=row.id,
        first_name=row.first_name,
        last_name=row.last_name,
        email=row.email,
        administration=row.administration,
        country=row.country,
        requested_tier=Tier.parse(row.requested_tier),
        justification=row.justification,
        status=AccessRequestStatus(row.status),
        created_at=row.created_at,
        decided_at=row.decided_at,
        decided_by=row.decided_by or "",
        rejection_reason=row.rejection_reason or "",
        user_id=row.user_id or "",
        username=row.username or "",
        granted_tier=Tier.parse(row.granted_tier) if row.granted_tier else None,
    )


def _to_audit_event(row: AuditEventRow) -> AuditEvent:
    return AuditEvent(
        id=row.id,
        occurred_at=row.occurred_at,
        actor=row.actor,
        actor_user_id=row.actor_user_id,
        action=row.action,
        subject=row.subject,
        country=row.country,
        before=row.before,
        after=row.after,
        request_id=row.request_id,
    )


class AccessRequestRepository:
    """Access requests in one session (the caller owns the transaction)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, form: AccessRequestForm, client_ip_hash: str) -> AccessRequest:
        row = AccessRequestRow(
            first_name=form.first_name,
            last_name=form.last_name,
            email=form.email,
            administration=form.administration,
            country=form.country,
            requested_tier=form.requested_tier.label,
            justification=form.justification,
            status=AccessRequestStatus.PENDING.value,
            client_ip_hash=client_ip_hash,
        )
        self._session.add(row)
        self._session.flush()
        return _to_access_request(row)

    def pending_exists(self, email: str) -> bool:
        query = select(AccessRequestRow.id).where(
            AccessRequestRow.email == email, AccessRequestRow.status == AccessRequestStatus.PENDING.value
        )
        return self._session.execute(query.limit(1)).first() is not None

    def get(self, request_id: uuid.UUID, *, lock: bool = False) -> AccessRequest | None:
        """One request; with lock=True the row stays locked (FOR UPDATE) until the transaction ends."""
        query = select(AccessRequestRow).where(AccessRequestRow.id == request_id)
        if lock:
            query = query.with_for_update()
        row = self._session.execute(query).scalar_one_or_none()
        return _to_access_request(row) if row else None

    def mark_approved(
        self,
        request_id: uuid.UUID,
        *,
        decided_at: datetime,
        decided_by: str,
        decided_by_user_id: str,
        granted_tier: Tier,
        user_id: str,
        username: str,
    ) -> AccessRequest:
        row = self._session.get_one(AccessRequestRow, request_id)
        row.status = AccessRequestStatus.APPROVED.value
        row.decided_at = decided_at
        row.decided_by = decided_by
        row.decided_by_user_id = decided_by_user_id
        row.granted_tier = granted_tier.label
        row.user_id = user_id
        row.username = username
        self._session.flush()
        return _to_access_request(row)

    def mark_rejected(
        self,
        request_id: uuid.UUID,
        *,
        decided_at: datetime,
        decided_by: str,
        decided_by_user_id: str,
        reason: str,
    ) -> AccessRequest:
        row = self._session.get_one(AccessRequestRow, request_id)
        row.status = AccessRequestStatus.REJECTED.value
        row.decided_at = decided_at
        row.decided_by = decided_by
        row.decided_by_user_id = decided_by_user_id
        row.rejection_reason = reason
        self._session.flush()
        return _to_access_request(row)

    def list(
        self, *, country: str, status: AccessRequestStatus | None, cursor: Cursor | None, limit: int
    ) -> tuple[list[AccessRequest], int]:
        """Newest first after the cursor, at most `limit` (+1 to tell whether more follow); and the total."""
        filters: list[ColumnElement[bool]] = []
        if country:
            filters.append(AccessRequestRow.country == country)
        if status:
            filters.append(AccessRequestRow.status == status.value)
        total = self._session.execute(select(func.count()).select_from(AccessRequestRow).where(*filters))
        query = select(AccessRequestRow).where(*filters)
        if cursor:
            query = query.where(
                tuple_(AccessRequestRow.created_at, AccessRequestRow.id) < (cursor.at, cursor.id)
            )
        query = query.order_by(AccessRequestRow.created_at.desc(), AccessRequestRow.id.desc()).limit(
            limit + 1
        )
        rows = self._session.execute(query).scalars().all()
        return [_to_access_request(row) for row in rows], int(total.scalar_one())


class AuditRepository:
    """The append-only audit trail in one session (written in the same transaction as the change)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        actor: str,
        actor_user_id: str,
        action: str,
        subject: str,
        country: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        request_id: str,
    ) -> AuditEvent:
        row = AuditEventRow(
            actor=actor,
            actor_user_id=actor_user_id,
            action=action,
            subject=subject,
            country=country,
            before=before,
            after=after,
            request_id=request_id,
        )
        self._session.add(row)
        self._session.flush()
        return _to_audit_event(row)

    def list(self, *, country: str, cursor: Cursor | None, limit: int) -> tuple[list[AuditEvent], int]:
        """Newest first after the cursor, at most `limit` (+1 to tell whether more follow); and the total."""
        filters: list[ColumnElement[bool]] = []
        if country:
            filters.append(AuditEventRow.country == country)
        total = self._session.execute(select(func.count()).select_from(AuditEventRow).where(*filters))
        query = select(AuditEventRow).where(*filters)
        if cursor:
            query = query.where(tuple_(AuditEventRow.occurred_at, AuditEventRow.id) < (cursor.at, cursor.id))
        query = query.order_by(AuditEventRow.occurred_at.desc(), AuditEventRow.id.desc()).limit(limit + 1)
        rows = self._session.execute(query).scalars().all()
        return [_to_audit_event(row) for row in rows], int(total.scalar_one())
