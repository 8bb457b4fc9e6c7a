"""Domain types of the auth service: access requests, directory users, audit events, pages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from cen_core.auth.principal import Tier

T = TypeVar("T")

# What each tier may open; CENcomm additionally needs membership of a closed user group.
MODULES_BY_TIER: dict[Tier, tuple[str, ...]] = {
    Tier.LIMITED: ("cws", "cpdb"),
    Tier.READONLY: ("seizures", "cws", "cpdb", "cencomm"),
    Tier.UNLIMITED: ("seizures", "cws", "cpdb", "cencomm"),
}


class AccessRequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


@dataclass(frozen=True)
class AccessRequestForm:
    """The public form as submitted (already cleaned and validated)."""

    first_name: str
    last_name: str
    email: str
    administration: str
    country: str
    requested_tier: Tier
    justification: str


@dataclass(frozen=True)
class AccessRequest:
    id: uuid.UUID
    first_name: str
    last_name: str
    email: str
    administration: str
    country: str
    requested_tier: Tier
    justification: str
    status: AccessRequestStatus
    created_at: datetime
    decided_at: datetime | None = None
    decided_by: str = ""
    rejection_reason: str = ""
    user_id: str = ""
    username: str = ""
    granted_tier: Tier | None = None


@dataclass(frozen=True)
class DirectoryUser:
    """A user as Keycloak holds it: tier from the tier group, roles from realm role mappings."""

    user_id: str
    username: str
    email: str
    first_name: str
    last_name: str
    tier: Tier | None
    roles: frozenset[str]
    country: str
    rilo: str
    enabled: bool
    created_at: datetime | None

    def snapshot(self) -> dict[str, Any]:
        """The audited view of the account (what before/after JSON records)."""
        return {
            "user_id": self.user_id,
            "username": self.username,
            "tier": self.tier.label if self.tier else None,
            "roles": sorted(self.roles),
            "country": self.country,
            "rilo": self.rilo,
            "enabled": self.enabled,
        }


@dataclass(frozen=True)
class NewAccount:
    """What approval asks Keycloak to create."""

    username_hint: str
    email: str
    first_name: str
    last_name: str
    tier: Tier
    country: str
    rilo: str


@dataclass(frozen=True)
class AuditEvent:
    id: uuid.UUID
    occurred_at: datetime
    actor: str
    actor_user_id: str
    action: str
    subject: str
    country: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    request_id: str


@dataclass(frozen=True)
class PageRequest:
    size: int
    token: str = ""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T] = field(default_factory=list)
    next_token: str = ""
    total: int = 0
