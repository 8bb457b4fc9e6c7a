"""The verified caller: who they are, their access tier, roles, country and RILO."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

NCP = "ncp"
RILO_ANALYST = "rilo-analyst"
CWS_EDITOR = "cws-editor"
CUG_COORDINATOR = "cug-coordinator"
WCO_ADMIN = "wco-admin"
FUNCTIONAL_ROLES = frozenset({NCP, RILO_ANALYST, CWS_EDITOR, CUG_COORDINATOR, WCO_ADMIN})


class Tier(enum.IntEnum):
    """The three CEN access tiers, ordered: a higher tier may do what a lower one may."""

    LIMITED = 1
    READONLY = 2
    UNLIMITED = 3

    @classmethod
    def parse(cls, value: str) -> Tier:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown tier {value!r}") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Principal:
    user_id: str
    username: str
    tier: Tier
    roles: frozenset[str] = frozenset()
    country: str = ""
    rilo: str = ""
    # Where notifications go (e.g. watch-list hits); from the token's standard email claim.
    email: str = ""
    token: str = field(default="", repr=False)

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_wco_admin(self) -> bool:
        return WCO_ADMIN in self.roles
