"""RFC 9457 problem details: the one shape of every error the REST API returns."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from cen_core.errors import FieldViolation
from cen_core.logging import request_id_var
from flask import Response, request

PROBLEM_BASE = "https://cen.wco/problems/"

# status -> (type slug, title). One entry per status the gateway can produce.
_KINDS: dict[int, tuple[str, str]] = {
    400: ("validation", "Invalid request"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    409: ("conflict", "Conflict"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("rate-limited", "Too many requests"),
    499: ("cancelled", "Request cancelled"),
    500: ("internal", "Internal error"),
    501: ("not-implemented", "Not implemented"),
    503: ("unavailable", "Service unavailable"),
    504: ("timeout", "Upstream timeout"),
}


def problem_type(status: int) -> str:
    return PROBLEM_BASE + _KINDS.get(status, ("error", ""))[0]


def problem(
    status: int,
    detail: str,
    *,
    errors: Iterable[FieldViolation] = (),
    headers: Mapping[str, str] | None = None,
    **extensions: object,
) -> Response:
    """An application/problem+json response; `errors` carries field violations as {field, message}."""
    slug, title = _KINDS.get(status, ("error", "Error"))
    body: dict[str, object] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        "request_id": request_id_var.get(),
    }
    violations = [{"field": v.field, "message": v.description} for v in errors]
    if violations:
        body["errors"] = violations
    body.update(extensions)
    response = Response(
        json.dumps(body, ensure_ascii=False), status=status, mimetype="application/problem+json"
    )
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response
