"""The Flask application factory: dependencies, request hooks, error handling and the blueprints."""

from __future__ import annotations

import logging
import re
import time
from contextvars import Token
from pathlib import Path

import redis
from cen.cpdb.v1.cpdb_pb2_grpc import PictureServiceStub
from cen.seizures.v1.seizures_pb2_grpc import SeizureServiceStub
from cen_core.errors import CenError, InvalidArgument
from cen_core.logging import new_request_id, request_id_var
from flask import Flask, Response, g, render_template, request, session
from flask_babel import Babel
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.middleware.proxy_fix import ProxyFix

from cen_gateway import api, i18n, login, ops, web
from cen_gateway.cpdb import files as cpdb_files
from cen_gateway.cpdb import pages as cpdb_pages
from cen_gateway.metrics import HTTP_LATENCY, HTTP_REQUESTS
from cen_gateway.problems import problem
from cen_gateway.security import (
    CSRF_FORM_FIELD,
    CSRF_HEADER,
    UNSAFE_METHODS,
    RateLimiter,
    add_security_headers,
    content_security_policy,
    csrf_valid,
    origin_of,
)
from cen_gateway.seizures import files as seizure_files
from cen_gateway.seizures import pages as seizure_pages
from cen_gateway.sessions import COOKIE_NAME, RedisSessionInterface
from cen_gateway.settings import GatewaySettings
from cen_gateway.state import Deps, Gateway, build_deps, gateway
from cen_gateway.transcoder import Transcoder

log = logging.getLogger("cen.gateway")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def create_app(settings: GatewaySettings, deps: Deps | None = None) -> Flask:
    deps = deps or build_deps(settings)
    app = Flask(__name__, static_folder=str(Path(__file__).parent / "static"), static_url_path="/static")
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        SECRET_KEY=settings.session_secret.get_secret_value(),
        SESSION_COOKIE_NAME=COOKIE_NAME,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        TEMPLATES_AUTO_RELOAD=False,
    )
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies
        )
    app.session_interface = RedisSessionInterface(
        deps.redis,
        settings.session_secret.get_secret_value(),
        settings.redis_key_prefix + "session:",
        settings.session_ttl_seconds,
        settings.cookie_secure,
    )
    app.extensions["cen_gateway"] = Gateway(
        settings=settings,
        deps=deps,
        transcoder=Transcoder(deps.channels, settings.grpc_timeout_seconds, deps.modules),
        limiter=RateLimiter(
            deps.redis, settings.anonymous_rate_limit_per_minute, settings.redis_key_prefix + "ratelimit:"
        ),
        csp=content_security_policy(origin_of(settings.oidc_issuer), [origin_of(settings.s3_public_url)]),
        seizures=SeizureServiceStub(deps.channels["seizures"]) if "seizures" in deps.channels else None,
        cpdb=PictureServiceStub(deps.channels["cpdb"]) if "cpdb" in deps.channels else None,
    )
    i18n.compile_catalogues()
    Babel(app, locale_selector=i18n.select_locale)
    app.jinja_env.globals.update(i18n.template_globals())
    app.url_map.strict_slashes = False

    app.before_request(_start_request)
    app.before_request(_rate_limit_anonymous)
    app.before_request(_check_csrf)
    app.after_request(_finish_response)
    app.teardown_request(_end_request)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(CenError, _cen_error)
    app.register_error_handler(redis.RedisError, _redis_error)
    app.register_error_handler(Exception, _unexpected_error)

    api.register(app)
    seizure_files.register(app)
    cpdb_files.register(app)
    app.register_blueprint(ops.blueprint)
    app.register_blueprint(login.blueprint)
    app.register_blueprint(web.blueprint)
    app.register_blueprint(seizure_pages.blueprint)
    app.register_blueprint(cpdb_pages.blueprint)
    return app


# ---- request hooks ----------------------------------------------------------------------------------------


def _start_request() -> None:
    supplied = request.headers.get("X-Request-Id", "")
    g.request_id = supplied if _REQUEST_ID.match(supplied) else new_request_id()
    g.request_id_token = request_id_var.set(g.request_id)
    g.started = time.perf_counter()


def _rate_limit_anonymous() -> Response | None:
    """Calls without credentials (the public form, login starts) are limited per client address."""
    if not (is_api_request() or request.path == "/auth/login"):
        return None
    if request.headers.get("Authorization") or request.cookies.get(COOKIE_NAME):
        return None
    retry_after = gateway().limiter.hit(f"ip:{request.remote_addr}")
    if not retry_after:
        return None
    message = "too many requests from this address, try again later"
    if is_api_request():
        return problem(429, message, headers={"Retry-After": str(retry_after)})
    page = render_template("error.html", status=429, message=message)
    return Response(page, status=429, headers={"Retry-After": str(retry_after)})


def _check_csrf() -> Response | None:
    """Unsafe requests that a cookie authenticates must carry the session's CSRF token.

    Bearer-token API calls carry no ambient credential, so they need none; neither do anonymous API calls.
    Browser form posts always need it (the login/logout flow and the forms).
    """
    if request.method not in UNSAFE_METHODS:
        return None
    if is_api_request():
        if request.headers.get("Authorization") or not session.get("tokens"):
            return None
        supplied = request.headers.get(CSRF_HEADER)
    elif request.endpoint in seizure_pages.STREAMED_UPLOAD_ENDPOINTS:
        # Reading the form here would read the whole file; the upload form sends the token as a header.
        supplied = request.headers.get(CSRF_HEADER)
    else:
        supplied = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FORM_FIELD)
    if csrf_valid(session, supplied):
        return None
    message = "missing or invalid CSRF token; reload the page and try again"
    if is_api_request():
        return problem(403, message)
    return Response(render_template("error.html", status=403, message=message), status=403)


def _finish_response(response: Response) -> Response:
    state = gateway()
    add_security_headers(response, state.csp, state.settings.cookie_secure)
    response.headers["X-Request-Id"] = g.get("request_id", "")
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    route = request.url_rule.rule if request.url_rule else "<unmatched>"
    elapsed = time.perf_counter() - g.get("started", time.perf_counter())
    HTTP_REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    HTTP_LATENCY.labels(route, request.method).observe(elapsed)
    if route not in ("/static/<path:filename>", "/healthz", "/metrics"):
        log.info(
            "http",
            extra={
                "method": request.method,
                "route": route,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 2),
            },
        )
    return response


def _end_request(_exc: BaseException | None) -> None:
    token: Token[str] | None = g.pop("request_id_token", None)
    if token is not None:
        request_id_var.reset(token)


# ---- errors -----------------------------------------------------------------------------------------------


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    headers = {}
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    if is_api_request():
        detail = {
            404: "no such API route",
            405: f"{request.method} is not allowed on this route",
            413: f"the request body exceeds the limit of {gateway().settings.max_body_bytes} bytes",
        }.get(status, exc.description or "")
        return problem(status, detail, headers=headers)
    page = render_template("error.html", status=status, message=exc.description)
    return Response(page, status=status, headers=headers)


def _cen_error(exc: CenError) -> Response:
    if is_api_request():
        violations = exc.violations if isinstance(exc, InvalidArgument) else []
        return problem(exc.http_status, exc.public_message, errors=violations)
    page = render_template("error.html", status=exc.http_status, message=exc.public_message)
    return Response(page, status=exc.http_status)


def _redis_error(exc: redis.RedisError) -> Response:
    log.warning("session store unavailable", extra={"error": type(exc).__name__})
    message = "the session store is unavailable, try again shortly"
    if is_api_request():
        return problem(503, message)
    return Response(render_template("error.html", status=503, message=message), status=503)


def _unexpected_error(exc: Exception) -> Response:
    log.exception("unhandled error", extra={"path": request.path})
    message = "internal error; quote the request id when reporting it"
    if is_api_request():
        return problem(500, message)
    return Response(render_template("error.html", status=500, message=message), status=500)
