"""The browser login's OIDC client: Keycloak discovery, code + PKCE, token refresh, ID token, logout."""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests
from cen_core.auth.tokens import TokenVerifier
from cen_core.errors import Unauthenticated, Unavailable

log = logging.getLogger(__name__)
DISCOVERY_TTL_SECONDS = 3600


@dataclass(frozen=True)
class TokenSet:
    """What the token endpoint gave us; expiries are absolute (epoch seconds)."""

    access_token: str
    refresh_token: str
    id_token: str
    expires_at: float
    refresh_expires_at: float

    @classmethod
    def from_response(cls, body: dict[str, Any], previous_id_token: str = "") -> TokenSet:
        now = time.time()
        refresh_in = float(body.get("refresh_expires_in") or 0)
        return cls(
            access_token=str(body["access_token"]),
            refresh_token=str(body.get("refresh_token", "")),
            id_token=str(body.get("id_token") or previous_id_token),
            expires_at=now + float(body.get("expires_in", 60)),
            # Keycloak says 0 for a refresh token without its own expiry: 0 here means "until the session ends"
            refresh_expires_at=now + refresh_in if refresh_in else 0.0,
        )


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge)."""
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


class OidcClient:
    """Talks to the realm server-side; endpoints come from its discovery document, cached for an hour."""

    def __init__(self, issuer: str, client_id: str, client_secret: str, timeout: float = 5.0) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.timeout = timeout
        self._discovery: dict[str, Any] = {}
        self._fetched_at = float("-inf")
        self._lock = threading.Lock()

    def discovery(self) -> dict[str, Any]:
        with self._lock:
            if time.monotonic() - self._fetched_at > DISCOVERY_TTL_SECONDS:
                url = f"{self.issuer}/.well-known/openid-configuration"
                try:
                    resp = requests.get(url, timeout=self.timeout)
                    resp.raise_for_status()
                    document = resp.json()
                except (requests.RequestException, ValueError) as exc:
                    log.warning("OIDC discovery failed", extra={"url": url, "error": str(exc)})
                    raise Unavailable("the login service is unavailable, try again shortly") from None
                if document.get("issuer") != self.issuer:
                    raise Unavailable("the login service announced an unexpected issuer")
                self._discovery = document
                self._fetched_at = time.monotonic()
            return self._discovery

    def authorization_url(
        self, redirect_uri: str, state: str, nonce: str, challenge: str, locale: str
    ) -> str:
        query = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid profile email",
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "ui_locales": locale,
        }
        return f"{self.discovery()['authorization_endpoint']}?{urlencode(query)}"

    def _token_request(self, data: dict[str, str]) -> dict[str, Any]:
        endpoint = self.discovery()["token_endpoint"]
        try:
            resp = requests.post(
                endpoint,
                data=data,
                auth=(self.client_id, self.client_secret),
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            log.warning("token endpoint unreachable", extra={"error": type(exc).__name__})
            raise Unavailable("the login service is unavailable, try again shortly") from None
        if resp.status_code in (400, 401):
            error = (
                resp.json().get("error", "")
                if resp.headers.get("content-type", "").startswith("application/json")
                else ""
            )
            log.info("token request refused", extra={"grant": data["grant_type"], "error": error})
            raise Unauthenticated("the login could not be completed, please log in again")
        if resp.status_code != 200:
            log.warning("token endpoint failed", extra={"status": resp.status_code})
            raise Unavailable("the login service is unavailable, try again shortly")
        return dict(resp.json())

    def exchange_code(self, code: str, redirect_uri: str, verifier: str) -> TokenSet:
        body = self._token_request(
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "code_verifier": verifier,
            }
        )
        return TokenSet.from_response(body)

    def refresh(self, refresh_token: str, id_token: str) -> TokenSet:
        body = self._token_request({"grant_type": "refresh_token", "refresh_token": refresh_token})
        return TokenSet.from_response(body, previous_id_token=id_token)

    def verify_id_token(self, id_token: str, nonce: str, verifier: TokenVerifier) -> dict[str, Any]:
        """Signature, issuer, audience (our client id), expiry (core's verifier) and the nonce we sent."""
        try:
            claims = verifier.decode(id_token, audience=self.client_id)
        except Unauthenticated:
            raise Unauthenticated("the login could not be verified, please log in again") from None
        if claims.get("typ") != "ID" or not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
            raise Unauthenticated("the login could not be verified, please log in again")
        return claims

    def end_session_url(self, id_token: str, post_logout_redirect_uri: str) -> str:
        query = {"client_id": self.client_id, "post_logout_redirect_uri": post_logout_redirect_uri}
        if id_token:
            query["id_token_hint"] = id_token
        return f"{self.discovery()['end_session_endpoint']}?{urlencode(query)}"
