"""The web pages: the landing page, the signed-in home page, the access-request form, the language switch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import grpc
from cen.auth.v1 import auth_pb2
from cen_core.errors import InvalidArgument, from_rpc_error
from flask import Blueprint, Response, redirect, render_template, request, session
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as ResponseBase

from cen_gateway import api, login
from cen_gateway.i18n import LANGUAGE_COOKIE, LANGUAGES
from cen_gateway.security import csrf_token
from cen_gateway.state import gateway
from cen_gateway.transcoder import build_request, to_json

blueprint = Blueprint("web", __name__)
WHO_AM_I = "/cen.auth.v1.AuthService/WhoAmI"
SUBMIT_ACCESS_REQUEST = "/cen.auth.v1.AuthService/SubmitAccessRequest"
# The form's fields are the request message's fields: the proto stays the one definition.
ACCESS_REQUEST_FIELDS = tuple(f.name for f in auth_pb2.SubmitAccessRequestRequest.DESCRIPTOR.fields)


@dataclass(frozen=True)
class ModuleCard:
    key: str
    title: Any
    description: Any
    locked_reason: Any


MODULES = (
    ModuleCard(
        "seizures",
        _l("CEN database"),
        _l("Seizures and offences in 14 product headings: search, analysis, trends and watch lists."),
        _l("Needs the readonly or unlimited tier."),
    ),
    ModuleCard(
        "cws",
        _l("CEN website"),
        _l("Alerts, situation sheets, RILO bulletins and reports, events and reference material."),
        _l("Needs an active CEN account."),
    ),
    ModuleCard(
        "cpdb",
        _l("Concealment Picture Database"),
        _l("Photos and x-ray images of exceptional concealment methods."),
        _l("Needs an active CEN account."),
    ),
    ModuleCard(
        "cencomm",
        _l("CENcomm"),
        _l("Encrypted closed-user-group messaging for enforcement operations."),
        _l("Needs the readonly or unlimited tier and membership of a closed user group."),
    ),
)


@blueprint.get("/")
def home() -> ResponseBase | str:
    token = login.session_access_token()
    if not token:
        return render_template("landing.html")
    method = gateway().transcoder.method(WHO_AM_I)
    try:
        me = to_json(api.call(method, method.input_class(), authorization=f"Bearer {token}"))
    except grpc.RpcError as exc:
        err = from_rpc_error(exc)
        if err.grpc_code == grpc.StatusCode.UNAUTHENTICATED:
            session.clear()
            return render_template("landing.html", notice=_l("Your session has ended. Please log in again."))
        message = _l("Your details cannot be shown right now. Please try again shortly.")
        return Response(
            render_template("error.html", status=err.http_status, message=message), err.http_status
        )
    allowed = set(me.get("modules", []))
    return render_template(
        "home.html",
        me=me,
        tier=str(me.get("tier", "")).removeprefix("TIER_").lower(),
        cards=[(card, card.key in allowed) for card in MODULES],
        csrf=csrf_token(session),
    )


@blueprint.route("/access-request", methods=["GET", "POST"])
def access_request() -> ResponseBase | str:
    """The public form; it goes through the same request building and RPC as POST /api/v1/access-requests."""
    partial = request.headers.get("HX-Request") == "true"
    template = "access_request_form.html" if partial else "access_request.html"
    values = {name: request.form.get(name, "").strip() for name in ACCESS_REQUEST_FIELDS}
    context: dict[str, Any] = {"values": values, "errors": {}, "csrf": csrf_token(session)}
    if request.method == "GET":
        return render_template("access_request.html", **context)
    method = gateway().transcoder.method(SUBMIT_ACCESS_REQUEST)
    status = 200
    try:
        body = {k: v for k, v in values.items() if v}
        message = build_request(method, {}, MultiDict(), body)
        submitted = to_json(api.call(method, message, authorization=""))
        context["submitted"] = submitted
    except InvalidArgument as exc:
        context["errors"] = {v.field: v.description for v in exc.violations}
        context["error"] = exc.public_message
        status = 400
    except grpc.RpcError as exc:
        err = from_rpc_error(exc)
        context["errors"] = {v.field: v.description for v in err.violations}
        context["error"] = (
            err.message if err.http_status < 500 else _l("The request cannot be sent right now.")
        )
        status = err.http_status
    # htmx swaps only 2xx answers by default; the form fragment carries its own errors, so answer 200 to it
    return Response(render_template(template, **context), status=200 if partial else status)


@blueprint.get("/lang/<code>")
def choose_language(code: str) -> ResponseBase:
    response = redirect(login.safe_next(request.args.get("next")), code=303)
    if code in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE,
            code,
            max_age=365 * 24 * 3600,
            path="/",
            samesite="Lax",
            httponly=True,
            secure=gateway().settings.cookie_secure,
        )
    return response
