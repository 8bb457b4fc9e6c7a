"""Per-service policy tables: every RPC maps to the tier and roles it needs; an RPC not listed is refused."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass

from google.protobuf.descriptor import ServiceDescriptor

from cen_core.auth.principal import Principal, Tier
from cen_core.errors import PermissionDenied, Unauthenticated

log = logging.getLogger(__name__)

_principal_var: ContextVar[Principal | None] = ContextVar("cen_principal", default=None)


@dataclass(frozen=True)
class Rule:
    """Who may call an RPC. `public` needs no token; otherwise the tier floor and, if set, one of the roles."""

    public: bool = False
    tier: Tier = Tier.LIMITED
    any_role: frozenset[str] = frozenset()

    def describe(self) -> str:
        if self.public:
            return "public"
        roles = f" with role {' or '.join(sorted(self.any_role))}" if self.any_role else ""
        return f"tier {self.tier.label} or higher{roles}"


PUBLIC = Rule(public=True)


def requires(tier: Tier = Tier.LIMITED, any_role: Iterable[str] = ()) -> Rule:
    return Rule(public=False, tier=tier, any_role=frozenset(any_role))


class Policy:
    """The policy table of one gRPC service, keyed by method name."""

    def __init__(self, service_full_name: str, rules: Mapping[str, Rule]) -> None:
        self.service_full_name = service_full_name
        self.rules = dict(rules)

    def rule_for(self, method_name: str) -> Rule | None:
        return self.rules.get(method_name)

    def check(self, method_name: str, principal: Principal | None) -> None:
        rule = self.rules.get(method_name)
        if rule is None:
            log.error(
                "RPC missing from the policy table", extra={"rpc": f"{self.service_full_name}/{method_name}"}
            )
            raise PermissionDenied("this operation is not allowed")
        if rule.public:
            return
        if principal is None:
            raise Unauthenticated("a bearer token is required")
        if principal.tier < rule.tier:
            raise PermissionDenied(f"requires access tier {rule.tier.label}; you have {principal.tier.label}")
        if rule.any_role and not principal.has_role(*rule.any_role):
            raise PermissionDenied(f"requires the role {' or '.join(sorted(rule.any_role))}")

    def missing(self, service: ServiceDescriptor) -> list[str]:
        """RPCs of the service with no rule: a per-service test asserts this is empty."""
        return [m.name for m in service.methods if m.name not in self.rules]

    def unknown(self, service: ServiceDescriptor) -> list[str]:
        """Rules naming RPCs the service does not have (typos)."""
        names = {m.name for m in service.methods}
        return [name for name in self.rules if name not in names]


def current_principal() -> Principal:
    """The verified caller of the RPC being handled; only valid behind a non-public rule."""
    principal = _principal_var.get()
    if principal is None:
        raise Unauthenticated("a bearer token is required")
    return principal


def principal_or_none() -> Principal | None:
    return _principal_var.get()


def set_principal(principal: Principal | None) -> object:
    return _principal_var.set(principal)


def reset_principal(token: object) -> None:
    _principal_var.reset(token)  # type: ignore[arg-type]
