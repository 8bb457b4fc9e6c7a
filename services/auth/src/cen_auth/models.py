"""SQLAlchemy tables of the auth service: access requests and the append-only audit trail."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from cen_core.db import metadata as conventional_metadata
from sqlalchemy import CheckConstraint, DateTime, Index, String, Text, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

TIERS_SQL = "('limited', 'readonly', 'unlimited')"


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = conventional_metadata()


class AccessRequestRow(Base):
    """One submission of the public form and, once decided, who decided what."""

    __tablename__ = "access_requests"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    administration: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    requested_tier: Mapped[str] = mapped_column(String(16))
    justification: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    # SHA-256 of the submitter's address: enough to trace abuse without keeping the address.
    client_ip_hash: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(255))
    decided_by_user_id: Mapped[str | None] = mapped_column(String(64))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    granted_tier: Mapped[str | None] = mapped_column(String(16))
    user_id: Mapped[str | None] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(255))

    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
        CheckConstraint(f"requested_tier IN {TIERS_SQL}", name="requested_tier"),
        CheckConstraint(f"granted_tier IS NULL OR granted_tier IN {TIERS_SQL}", name="granted_tier"),
        # The database itself refuses a half-decided request.
        CheckConstraint(
            "status <> 'approved' OR (user_id IS NOT NULL AND username IS NOT NULL"
            " AND granted_tier IS NOT NULL AND decided_at IS NOT NULL)",
            name="approved_complete",
        ),
        CheckConstraint(
            "status <> 'rejected' OR (rejection_reason IS NOT NULL AND decided_at IS NOT NULL)",
            name="rejected_complete",
        ),
        Index("ix_access_requests_created", "created_at", "id"),
        Index("ix_access_requests_country_created", "country", "created_at", "id"),
        Index("ix_access_requests_status_created", "status", "created_at", "id"),
        Index("ix_access_requests_country_status_created", "country", "status", "created_at", "id"),
        # At most one pending request per address, even under concurrent submissions.
        Index(
            "uq_access_requests_pending_email",
            "email",
            unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
    )


class AuditEventRow(Base):
    """One access decision. Rows are never changed: a database trigger refuses UPDATE and DELETE."""

    __tablename__ = "audit_events"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    actor: Mapped[str] = mapped_column(String(255))
    actor_user_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(128))
    country: Mapped[str] = mapped_column(String(2), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    request_id: Mapped[str] = mapped_column(String(128), default="")

    __table_args__ = (
        Index("ix_audit_events_occurred", "occurred_at", "id"),
        Index("ix_audit_events_country_occurred", "country", "occurred_at", "id"),
        Index("ix_audit_events_subject", "subject"),
    )
