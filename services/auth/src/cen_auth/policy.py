"""The auth service's policy table: every RPC of AuthService and the tier/roles it needs."""

from __future__ import annotations

from cen_core.auth.policy import PUBLIC, Policy, requires
from cen_core.auth.principal import NCP, WCO_ADMIN, Tier

SERVICE_NAME = "cen.auth.v1.AuthService"

# Country scoping (an NCP acts only on its own country) is decided in service.py, per request.
_ADMINISTERS = requires(tier=Tier.UNLIMITED, any_role=(NCP, WCO_ADMIN))

AUTH_POLICY = Policy(
    SERVICE_NAME,
    {
        "WhoAmI": requires(tier=Tier.LIMITED),
        "SubmitAccessRequest": PUBLIC,
        "ListAccessRequests": _ADMINISTERS,
        "GetAccessRequest": _ADMINISTERS,
        "DecideAccessRequest": _ADMINISTERS,
        "ListUsers": _ADMINISTERS,
        "ChangeUserTier": _ADMINISTERS,
        "DisableUser": _ADMINISTERS,
        "ListAuditEvents": _ADMINISTERS,
    },
)
