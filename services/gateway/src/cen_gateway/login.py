"""Browser login with Keycloak: authorization code + PKCE, tokens kept server-side, refresh and logout."""

from __future__ import annotations

import dataclasses
import logging
import secrets
import time
from typing import Any

from cen_core.auth.principal import Principal
from cen_core.errors import Unauthenticated, Unavailable
from flask import Blueprint, Response, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response as ResponseBase

from cen_gateway.i18n import select_locale
from cen_gateway.oidc import TokenSet, pkce_pair
from cen_gateway.security import csrf_token
from cen_gateway.state import gateway

log = logging.getLogger("cen.gateway.login")
blueprint = Blueprint("login", __name__)
PENDING_KEY = "oidc_pending"
TOKENS_KEY = "tokens"
USER_KEY = "user"
PENDING_TTL_SECONDS = 600
REFRESH_MARGIN_SECONDS = 30


def redirect_uri() -> str:
    return gateway().settings.public_url + "/auth/callback"


def safe_next(value: str | None) -> str:
    """Only a path on this site: no scheme, no host, no protocol-relative or backslash tricks."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


@blueprint.get("/auth/login")
def start_login() -> ResponseBase:
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier, challenge = pkce_pair()
    session[PENDING_KEY] = {
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "next": safe_next(request.args.get("next")),
        "started": time.time(),
    }
    url = gateway().deps.oidc.authorization_url(redirect_uri(), state, nonce, challenge, select_locale())
    return redirect(url, code=303)


@blueprint.get("/auth/callback")
def finish_login() -> ResponseBase:
    pending: dict[str, Any] = session.pop(PENDING_KEY, None) or {}
    state = request.args.get("state", "")
    if not pending or not secrets.compare_digest(str(pending.get("state", "")), state):
        return _login_failed("this login link is not valid any more; please log in again")
    if time.time() - float(pending.get("started", 0)) > PENDING_TTL_SECONDS:
        return _login_failed("the login took too long; please log in again")
    if request.args.get("error"):
        log.info(
            "login refused by the identity provider", extra={"error": request.args.get("error", "")[:64]}
        )
        return _login_failed("the login was not completed; please try again")
    code = request.args.get("code", "")
    if not code:
        return _login_failed("the login was not completed; please try again")
    oidc = gateway().deps.oidc
    tokens = oidc.exchange_code(code, redirect_uri(), str(pending["verifier"]))
    oidc.verify_id_token(tokens.id_token, str(pending["nonce"]), gateway().deps.verifier)
    principal = gateway().deps.verifier.verify(tokens.access_token)

    # A new session id at login: an id planted in the browser before login is worthless after it.
    session.clear()
    session.regenerate()  # type: ignore[attr-defined]
    session[TOKENS_KEY] = dataclasses.asdict(tokens)
    session[USER_KEY] = {"username": principal.username, "tier": principal.tier.label}
    csrf_token(session)
    log.info("login", extra={"user": principal.username})
    return redirect(safe_next(str(pending.get("next", "/"))), code=303)


@blueprint.post("/auth/logout")
def logout() -> ResponseBase:
    """CSRF-checked (app hook); ends our session, then Keycloak's through its end-session endpoint."""
    tokens: dict[str, Any] = session.get(TOKENS_KEY) or {}
    session.clear()
    if not tokens:
        return redirect(url_for("web.home"), code=303)
    try:
        target = gateway().deps.oidc.end_session_url(
            str(tokens.get("id_token", "")), gateway().settings.public_url + "/"
        )
    except Unavailable:
        # Our session is over either way; Keycloak's ends with its own idle timeout.
        return redirect(url_for("web.home"), code=303)
    return redirect(target, code=303)


def _login_failed(message: str) -> ResponseBase:
    return Response(render_template("error.html", status=400, message=message), status=400)


class LoginNeeded(Exception):
    """No usable browser session: a module's page sends the user to the login."""


def signed_in() -> tuple[str, Principal]:
    """The signed-in user of this request: the access token (refreshed when due) and its verified claims.

    Verified once per request; a token that no longer verifies ends the session. Raises LoginNeeded."""
    found: tuple[str, Principal] | None = g.get("cen_signed_in")
    if found is not None:
        return found
    token = session_access_token()
    if not token:
        raise LoginNeeded
    try:
        principal = gateway().deps.verifier.verify(token)
    except Unauthenticated:
        session.clear()
        raise LoginNeeded from None
    g.cen_signed_in = (token, principal)
    return token, principal


def session_access_token() -> str:
    """The browser session's access token, refreshed when it is about to expire; "" when there is none."""
    stored: dict[str, Any] | None = session.get(TOKENS_KEY)
    if not stored:
        return ""
    tokens = TokenSet(**stored)
    now = time.time()
    if tokens.expires_at - REFRESH_MARGIN_SECONDS > now:
        return tokens.access_token
    if not tokens.refresh_token or (tokens.refresh_expires_at and tokens.refresh_expires_at <= now):
        session.clear()
        return ""
    try:
        fresh = gateway().deps.oidc.refresh(tokens.refresh_token, tokens.id_token)
    except Unauthenticated:
        session.clear()
        return ""
    session[TOKENS_KEY] = dataclasses.asdict(fresh)
    return fresh.access_token
