"""The REST API: one Flask route per annotated RPC, all served by one transcoding view."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import grpc
from cen_core.errors import from_rpc_error
from flask import Flask, Response, g, request
from google.protobuf.message import Message

from cen_gateway import login
from cen_gateway.problems import problem
from cen_gateway.state import gateway
from cen_gateway.transcoder import RestMethod, build_request, parse_json_body, to_json

log = logging.getLogger("cen.gateway.api")


def register(app: Flask) -> None:
    with app.app_context():
        methods = gateway().transcoder.methods
    for method in methods:
        app.add_url_rule(method.rule, method.endpoint, _view(method), methods=[method.http_method])


def _view(method: RestMethod) -> Callable[..., Response]:
    def view(**path_args: str) -> Response:
        body = parse_json_body(request.get_data(cache=False), request.mimetype) if method.body else {}
        message = build_request(method, path_args, request.args, body)
        authorization = caller_authorization()
        try:
            reply = call(method, message, authorization=authorization)
        except grpc.RpcError as exc:
            return rpc_problem(exc, method.module, presented_credentials=bool(authorization))
        return Response(
            json.dumps(to_json(reply), ensure_ascii=False), status=200, mimetype="application/json"
        )

    view.__name__ = method.endpoint
    return view


def caller_authorization() -> str:
    """The caller's credentials: their Authorization header, else their browser session's token, else ""."""
    authorization = request.headers.get("Authorization", "").strip()
    if authorization:
        return authorization
    token = login.session_access_token()
    return f"Bearer {token}" if token else ""


def call_metadata(authorization: str) -> list[tuple[str, str]]:
    """gRPC metadata of a call made for the caller: their credentials, our request id, their address."""
    metadata = [("x-request-id", g.request_id), ("x-client-ip", request.remote_addr or "")]
    if authorization:
        metadata.append(("authorization", authorization))
    return metadata


def call(method: RestMethod, message: Message, *, authorization: str) -> Message:
    """Call an RPC as the caller: their credentials, our request id, their address."""
    return gateway().transcoder.call(method, message, call_metadata(authorization))


def rpc_problem(exc: grpc.RpcError, module: str, *, presented_credentials: bool) -> Response:
    """A failed call as problem+json; internal addresses and server internals never reach the caller."""
    err = from_rpc_error(exc)
    headers: dict[str, str] = {}
    detail = err.message
    if err.http_status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="cen"' + (
            ', error="invalid_token"' if presented_credentials else ""
        )
    elif err.http_status == 429:
        headers["Retry-After"] = str(err.retry_after_seconds or 60)
    elif err.grpc_code == grpc.StatusCode.UNAVAILABLE:
        log.warning("service unavailable", extra={"upstream": module, "error": err.message})
        detail = f"the {module} service is unavailable, try again shortly"
    elif err.grpc_code == grpc.StatusCode.DEADLINE_EXCEEDED:
        log.warning("service timed out", extra={"upstream": module})
        detail = f"the {module} service did not answer in time"
    elif err.http_status >= 500:
        log.error("service failed", extra={"upstream": module, "code": err.grpc_code.name})
        detail = "internal error; quote the request id when reporting it"
    return problem(err.http_status, detail, errors=err.violations, headers=headers)
