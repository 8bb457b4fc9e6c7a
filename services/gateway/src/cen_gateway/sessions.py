"""Server-side browser sessions in Redis: the cookie holds only a random id, rotated at login."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from typing import Any

import redis
from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

COOKIE_NAME = "cen_session"


class RedisSession(CallbackDict[str, Any], SessionMixin):
    """A session dict that knows its id and whether it changed."""

    def __init__(self, initial: dict[str, Any] | None = None, sid: str | None = None) -> None:
        def on_update(_: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(initial or {}, on_update)
        self.sid = sid
        self.stale_sid: str | None = None
        self.modified = False

    def regenerate(self) -> None:
        """Give the session a new id (at login), so an id planted before login is worthless after it."""
        if self.sid:
            self.stale_sid = self.sid
        self.sid = None
        self.modified = True


class RedisSessionInterface(SessionInterface):
    """Sessions stored as JSON under prefix + HMAC(secret, id), so a Redis dump holds no usable cookie."""

    def __init__(self, client: redis.Redis, secret: str, prefix: str, ttl_seconds: int, secure: bool) -> None:
        self.client = client
        self.secret = secret.encode()
        self.prefix = prefix
        self.ttl = ttl_seconds
        self.secure = secure

    def key_for(self, sid: str) -> str:
        return self.prefix + hmac.new(self.secret, sid.encode(), hashlib.sha256).hexdigest()

    def open_session(self, app: Flask, request: Request) -> RedisSession:
        sid = request.cookies.get(COOKIE_NAME, "")
        if not sid or len(sid) > 128:
            return RedisSession()
        raw = self.client.get(self.key_for(sid))
        if raw is None:
            return RedisSession()
        return RedisSession(json.loads(raw), sid)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, RedisSession)
        if session.stale_sid:
            self.client.delete(self.key_for(session.stale_sid))
            session.stale_sid = None
        if not session:
            if session.sid:
                self.client.delete(self.key_for(session.sid))
                response.delete_cookie(
                    COOKIE_NAME, path="/", secure=self.secure, httponly=True, samesite="Lax"
                )
            return
        if not session.modified and session.sid:
            return
        if not session.sid:
            session.sid = secrets.token_urlsafe(32)
        self.client.set(self.key_for(session.sid), json.dumps(dict(session)), ex=self.ttl)
        response.set_cookie(
            COOKIE_NAME,
            session.sid,
            max_age=self.ttl,
            path="/",
            secure=self.secure,
            httponly=True,
            samesite="Lax",
        )
        response.vary.add("Cookie")
