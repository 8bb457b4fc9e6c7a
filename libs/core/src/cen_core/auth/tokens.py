"""Verification of Keycloak RS256 access tokens against the realm's JWKS, cached by key id."""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

import jwt
import requests
from jwt.algorithms import RSAAlgorithm

from cen_core.auth.principal import FUNCTIONAL_ROLES, Principal, Tier
from cen_core.errors import Unauthenticated

log = logging.getLogger(__name__)

ALGORITHMS = ["RS256"]  # never "none", never HMAC: a public key must not become an HMAC secret


class TokenVerifier:
    """Checks signature, issuer, audience, expiry and not-before, then builds the Principal.

    Keys are fetched once and cached by `kid`. A token with an unknown `kid` triggers one refetch (the realm
    may have rotated keys), at most once per `refetch_interval` seconds, so forged kids cannot make us hammer
    Keycloak.
    """

    def __init__(
        self,
        issuer: str,
        audience: str,
        jwks_url: str,
        leeway: int = 5,
        refetch_interval: float = 30.0,
        http_timeout: float = 5.0,
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.jwks_url = jwks_url
        self.leeway = leeway
        self.refetch_interval = refetch_interval
        self.http_timeout = http_timeout
        self._keys: dict[str, Any] = {}
        # token -> (principal, exp): a token proven valid stays valid until it expires, so repeat calls
        # with the same token skip the RSA check. Bounded; the oldest entries go first.
        self._verified: dict[str, tuple[Principal, float]] = {}
        self.cache_size = 10_000
        self._last_fetch = float("-inf")
        self._lock = threading.Lock()

    def _fetch_keys(self) -> None:
        try:
            resp = requests.get(self.jwks_url, timeout=self.http_timeout)
            resp.raise_for_status()
            jwks = resp.json()
        except (requests.RequestException, ValueError) as exc:
            log.warning("could not fetch JWKS", extra={"jwks_url": self.jwks_url, "error": str(exc)})
            raise Unauthenticated("cannot verify the token right now: signing keys unavailable") from None
        keys = {}
        for jwk in jwks.get("keys", []):
            if jwk.get("kty") == "RSA" and jwk.get("use", "sig") == "sig" and "kid" in jwk:
                keys[jwk["kid"]] = RSAAlgorithm.from_jwk(json.dumps(jwk))
        self._keys = keys

    def _key_for(self, kid: str) -> Any:
        key = self._keys.get(kid)
        if key is not None:
            return key
        with self._lock:
            key = self._keys.get(kid)
            if key is None and time.monotonic() - self._last_fetch >= self.refetch_interval:
                self._last_fetch = time.monotonic()
                self._fetch_keys()
                key = self._keys.get(kid)
        if key is None:
            raise Unauthenticated("token signed with an unknown key")
        return key

    def verify(self, token: str) -> Principal:
        cached = self._verified.get(token)
        if cached is not None and time.time() < cached[1] + self.leeway:
            return cached[0]
        principal, expires = self._verify_uncached(token)
        if len(self._verified) >= self.cache_size:
            for stale in list(self._verified)[: self.cache_size // 10]:
                self._verified.pop(stale, None)
        self._verified[token] = (principal, expires)
        return principal

    def _verify_uncached(self, token: str) -> tuple[Principal, float]:
        claims = self.decode(token)
        # Keycloak marks access tokens `typ: Bearer`; ID and refresh tokens must not open an RPC.
        if claims.get("typ", "Bearer") != "Bearer":
            raise Unauthenticated("not an access token")
        return principal_from_claims(claims, token), float(claims["exp"])

    def decode(self, token: str, audience: str | None = None) -> dict[str, Any]:
        """Verified claims of any realm token (signature, issuer, audience, exp, nbf), with the same key
        cache; `audience` defaults to ours (the gateway passes its client id for ID tokens)."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise Unauthenticated("malformed token") from None
        if header.get("alg") not in ALGORITHMS:
            raise Unauthenticated("token algorithm not allowed")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise Unauthenticated("token has no key id")
        key = self._key_for(kid)
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=ALGORITHMS,
                audience=audience or self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "iss", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("token expired") from None
        except jwt.ImmatureSignatureError:
            raise Unauthenticated("token not valid yet") from None
        except jwt.InvalidAudienceError:
            raise Unauthenticated("token not issued for this audience") from None
        except jwt.InvalidIssuerError:
            raise Unauthenticated("token from an unknown issuer") from None
        except jwt.PyJWTError:
            raise Unauthenticated("invalid token") from None
        return dict(claims)


def principal_from_claims(claims: dict[str, Any], token: str = "") -> Principal:
    """Map verified claims to a Principal; a token without a valid tier is refused."""
    try:
        tier = Tier.parse(str(claims.get("tier", "")))
    except ValueError:
        raise Unauthenticated("token carries no valid access tier") from None
    raw_roles = claims.get("roles") or []
    roles = frozenset(r for r in raw_roles if isinstance(r, str) and r in FUNCTIONAL_ROLES)
    return Principal(
        user_id=str(claims["sub"]),
        username=str(claims.get("preferred_username") or claims["sub"]),
        tier=tier,
        roles=roles,
        country=str(claims.get("country") or "").upper(),
        rilo=str(claims.get("rilo") or ""),
        email=str(claims.get("email") or ""),
        token=token,
    )
