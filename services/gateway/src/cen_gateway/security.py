"""Browser-facing protections: security headers, the CSRF synchronizer token and anonymous rate limits."""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

import redis
from flask import Response

CSRF_SESSION_KEY = "csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FORM_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(login_origin: str, image_origins: Iterable[str] = ()) -> str:
    """No inline script or style anywhere; forms may post to us and (logout redirect) to the login service.

    Images may also come from `image_origins` (the object store serving the CPDb's presigned picture links)
    and from blob: URLs (the upload form's preview of the chosen file, which never leaves the browser).
    """
    images = " ".join(("'self'", "data:", "blob:", *dict.fromkeys(image_origins)))
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            f"form-action 'self' {login_origin}",
            "base-uri 'none'",
        )
    )


def add_security_headers(response: Response, csp: str, secure: bool) -> None:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", csp)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Permissions-Policy"] = (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
    )
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"


def csrf_token(session: MutableMapping[str, Any]) -> str:
    """The session's synchronizer token, created on first use."""
    token = session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION_KEY] = token
    return token


def csrf_valid(session: MutableMapping[str, Any], supplied: str | None) -> bool:
    expected = session.get(CSRF_SESSION_KEY)
    return bool(
        isinstance(expected, str) and expected and supplied and hmac.compare_digest(expected, supplied)
    )


class RateLimiter:
    """Fixed one-minute windows per key in Redis; returns the seconds to wait when over the limit."""

    def __init__(self, client: redis.Redis, per_minute: int, prefix: str) -> None:
        self.client = client
        self.per_minute = per_minute
        self.prefix = prefix

    def hit(self, key: str) -> int:
        if self.per_minute <= 0:
            return 0
        now = time.time()
        window = int(now // 60)
        name = f"{self.prefix}{key}:{window}"
        pipe = self.client.pipeline()
        pipe.incr(name)
        pipe.expire(name, 120)
        count = int(pipe.execute()[0])
        if count <= self.per_minute:
            return 0
        return max(1, int((window + 1) * 60 - now))
