"""The Keycloak user directory, over python-keycloak's admin client with the cen-auth service account."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

from cen_core.auth.principal import FUNCTIONAL_ROLES, Tier
from cen_core.errors import AlreadyExists, Unavailable
from keycloak import KeycloakAdmin, KeycloakOpenIDConnection
from keycloak.exceptions import KeycloakConnectionError, KeycloakError, KeycloakGetError, KeycloakPostError

from cen_auth.domain import DirectoryUser, NewAccount

log = logging.getLogger(__name__)
R = TypeVar("R")

TIER_GROUPS: dict[Tier, str] = {
    Tier.LIMITED: "/tier-limited",
    Tier.READONLY: "/tier-readonly",
    Tier.UNLIMITED: "/tier-unlimited",
}
REQUIRED_ACTIONS = ("UPDATE_PASSWORD", "CONFIGURE_TOTP")
EMAIL_TAKEN = "an account with this email already exists"
_USERNAME_CHARS = re.compile(r"[^a-z0-9._-]+")
_MAX_USERNAME_ATTEMPTS = 50


def username_base(email: str) -> str:
    """A readable username from the address's local part: lower case, [a-z0-9._-], at most 40 chars."""
    # Accents are folded (émile -> emile) so names stay readable in plain ASCII.
    local = unicodedata.normalize("NFKD", email.rpartition("@")[0]).encode("ascii", "ignore").decode().lower()
    base = _USERNAME_CHARS.sub("-", local).strip("._-")[:40].strip("._-")
    return base or "user"


def username_candidates(base: str) -> Iterator[str]:
    """base, base-2, base-3, ... (bounded, so a crowded name space fails instead of looping)."""
    yield base
    for n in range(2, _MAX_USERNAME_ATTEMPTS + 1):
        yield f"{base}-{n}"


def _first(attributes: dict[str, list[str]], name: str) -> str:
    values = attributes.get(name) or [""]
    return values[0]


class KeycloakDirectory:
    """Users of the CEN realm: create, read, move between tier groups, disable, list by country."""

    def __init__(
        self, *, server_url: str, realm: str, client_id: str, client_secret: str, timeout: int = 10
    ) -> None:
        connection = KeycloakOpenIDConnection(
            server_url=server_url,
            realm_name=realm,
            user_realm_name=realm,
            client_id=client_id,
            client_secret_key=client_secret,
            grant_type="client_credentials",
            timeout=timeout,
        )
        self._admin = KeycloakAdmin(connection=connection)
        self._group_ids: dict[Tier, str] = {}

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        """Keycloak being down or refusing our service account is UNAVAILABLE to the caller, not INTERNAL."""
        try:
            yield
        except KeycloakConnectionError as exc:
            log.warning("keycloak unreachable: %s", type(exc).__name__)
            raise Unavailable("the identity provider is unavailable") from exc

    def _call(self, fn: Callable[[], R]) -> R:
        with self._reachable():
            return fn()

    def _group_id(self, tier: Tier) -> str:
        if tier not in self._group_ids:
            group = self._call(lambda: self._admin.get_group_by_path(TIER_GROUPS[tier]))
            self._group_ids[tier] = str(group["id"])
        return self._group_ids[tier]

    def email_in_use(self, email: str) -> bool:
        users = self._call(lambda: self._admin.get_users({"email": email, "exact": True, "max": 1}))
        return bool(users)

    def create_account(self, account: NewAccount) -> DirectoryUser:
        """Create the enabled user in its tier group, with its attributes and required actions."""
        if self.email_in_use(account.email):
            raise AlreadyExists(EMAIL_TAKEN)
        user_id = ""
        for candidate in username_candidates(username_base(account.username_hint)):
            if self._call(partial(self._admin.get_user_id, candidate)) is not None:
                continue
            payload = {
                "username": candidate,
                "email": account.email,
                "firstName": account.first_name,
                "lastName": account.last_name,
                "enabled": True,
                "emailVerified": False,
                "attributes": {"country": [account.country], "rilo": [account.rilo] if account.rilo else []},
                "requiredActions": list(REQUIRED_ACTIONS),
            }
            try:
                user_id = self._call(partial(self._admin.create_user, payload))
                break
            except KeycloakPostError as exc:
                if exc.response_code != 409:
                    raise
                if b"email" in (exc.response_body or b"").lower():
                    raise AlreadyExists(EMAIL_TAKEN) from exc
                # Someone took this username between our check and the create: try the next one.
        if not user_id:
            raise AlreadyExists("no free username could be derived from this email")
        try:
            self._call(lambda: self._admin.group_user_add(user_id, self._group_id(account.tier)))
            user = self.get_user(user_id)
        except Exception:
            self.delete_user(user_id)
            raise
        if user is None:
            raise Unavailable("the new account vanished while it was being created")
        return user

    def delete_user(self, user_id: str) -> None:
        """Remove an account (used to undo a creation whose database commit failed, and by tests)."""
        try:
            self._call(lambda: self._admin.delete_user(user_id))
        except KeycloakError as exc:
            if getattr(exc, "response_code", None) != 404:
                raise

    def get_user(self, user_id: str) -> DirectoryUser | None:
        try:
            rep = self._call(lambda: self._admin.get_user(user_id))
        except KeycloakGetError as exc:
            if exc.response_code == 404:
                return None
            raise
        return self._to_user(rep)

    def set_tier(self, user_id: str, tier: Tier) -> None:
        """Put the user in exactly one tier group: add the new one first so it is never without a tier."""
        self._call(lambda: self._admin.group_user_add(user_id, self._group_id(tier)))
        for other in Tier:
            if other != tier:
                self._call(partial(self._admin.group_user_remove, user_id, self._group_id(other)))

    def set_enabled(self, user_id: str, enabled: bool) -> None:
        """Enable or disable; disabling also ends the user's sessions so refresh tokens stop working."""
        # The full representation goes back: a partial one can clear profile attributes on some versions.
        rep = self._call(lambda: self._admin.get_user(user_id))
        rep["enabled"] = enabled
        self._call(lambda: self._admin.update_user(user_id, rep))
        if not enabled:
            self._call(lambda: self._admin.user_logout(user_id))

    def list_users(
        self, *, country: str, search: str, offset: int, limit: int
    ) -> tuple[list[DirectoryUser], int]:
        """One page of users, optionally of one country (exact `country` attribute) and matching a search."""
        query: dict[str, Any] = {}
        if country:
            query["q"] = f"country:{country}"
        if search:
            query["search"] = search
        total = self._call(lambda: self._admin.users_count(dict(query)))
        page = self._call(
            lambda: self._admin.get_users(
                {**query, "first": offset, "max": limit, "briefRepresentation": False}
            )
        )
        return [self._to_user(rep) for rep in page], int(total)

    def _to_user(self, rep: dict[str, Any]) -> DirectoryUser:
        user_id = str(rep["id"])
        groups = self._call(lambda: self._admin.get_user_groups(user_id))
        paths = {group.get("path") for group in groups}
        tiers = [tier for tier, path in TIER_GROUPS.items() if path in paths]
        roles = self._call(lambda: self._admin.get_composite_realm_roles_of_user(user_id))
        attributes: dict[str, list[str]] = rep.get("attributes") or {}
        created = rep.get("createdTimestamp")
        return DirectoryUser(
            user_id=user_id,
            username=str(rep.get("username", "")),
            email=str(rep.get("email", "")),
            first_name=str(rep.get("firstName", "")),
            last_name=str(rep.get("lastName", "")),
            tier=max(tiers) if tiers else None,
            roles=frozenset(role["name"] for role in roles) & FUNCTIONAL_ROLES,
            country=_first(attributes, "country"),
            rilo=_first(attributes, "rilo"),
            enabled=bool(rep.get("enabled", False)),
            created_at=datetime.fromtimestamp(created / 1000, UTC) if created else None,
        )
