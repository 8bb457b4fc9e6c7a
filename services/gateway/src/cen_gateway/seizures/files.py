"""REST routes of the seizures RPCs that stream or carry files, which have no google.api.http annotation.

POST /api/v1/seizures/imports streams the upload to UploadImport, GET /api/v1/seizures/templates/… returns
GetImportTemplate's file, GET|POST /api/v1/seizures/export relays ExportSeizures' stream as it arrives,
GET /api/v1/seizures/export/country-counts.geojson serves GetCountryCounts' GeoJSON as a file.
Errors are problem+json like the transcoded routes; the caller's token is forwarded the same way.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import grpc
from cen.seizures.v1 import seizures_pb2
from cen.seizures.v1.seizures_pb2_grpc import SeizureServiceStub
from cen_core.errors import FieldViolation, InvalidArgument, Unavailable
from cen_core.logging import request_id_var
from flask import Flask, Response, g, request
from werkzeug.datastructures import MultiDict

from cen_gateway import api
from cen_gateway.problems import problem
from cen_gateway.seizures.uploads import (
    LAYOUTS,
    MULTIPART_OVERHEAD_BYTES,
    XLSX_MEDIA_TYPE,
    UploadRefused,
    read_upload,
    send_upload,
    too_large,
)
from cen_gateway.state import gateway
from cen_gateway.transcoder import message_from_json, message_from_query, parse_json_body, to_json

log = logging.getLogger("cen.gateway.seizures")
SERVICE = "/cen.seizures.v1.SeizureService/"
UPLOAD_ENDPOINT = "rest:POST:" + SERVICE + "UploadImport"
TEMPLATE_ENDPOINT = "rest:GET:" + SERVICE + "GetImportTemplate"
EXPORT_GET_ENDPOINT = "rest:GET:" + SERVICE + "ExportSeizures"
EXPORT_POST_ENDPOINT = "rest:POST:" + SERVICE + "ExportSeizures"
GEOJSON_ENDPOINT = "rest:GET:" + SERVICE + "GetCountryCounts.geojson"
MODULE = "seizures"

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_MEDIA_TYPE, "jsonl": "application/x-ndjson"}
TEMPLATE_FORMATS = {"csv": seizures_pb2.FILE_FORMAT_CSV, "xlsx": seizures_pb2.FILE_FORMAT_XLSX}
EXPORT_FORMATS = {**TEMPLATE_FORMATS, "jsonl": seizures_pb2.FILE_FORMAT_JSONL}
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def register(app: Flask) -> None:
    app.add_url_rule("/api/v1/seizures/imports", UPLOAD_ENDPOINT, upload_import, methods=["POST"])
    app.add_url_rule(
        "/api/v1/seizures/templates/<layout>.<extension>", TEMPLATE_ENDPOINT, import_template, methods=["GET"]
    )
    app.add_url_rule("/api/v1/seizures/export", EXPORT_GET_ENDPOINT, export, methods=["GET"])
    app.add_url_rule("/api/v1/seizures/export", EXPORT_POST_ENDPOINT, export, methods=["POST"])
    app.add_url_rule(
        "/api/v1/seizures/export/country-counts.geojson",
        GEOJSON_ENDPOINT,
        country_counts_geojson,
        methods=["GET"],
    )


def seizures_stub() -> SeizureServiceStub:
    stub = gateway().seizures
    if stub is None:
        raise Unavailable("the seizures module is not served by this gateway")
    return stub


def attachment(filename: str) -> str:
    """A Content-Disposition value: an ASCII name for every client, the exact UTF-8 name for those that read it."""
    plain = _UNSAFE_FILENAME.sub("_", filename).strip("._") or "download"
    if plain == filename:
        return f'attachment; filename="{plain}"'
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


# ---- import upload ---------------------------------------------------------------------------------------


def start_import(authorization: str) -> Any:
    """Stream this request's file to UploadImport; shared by the REST route and the web form.

    Raises UploadRefused for an unusable upload and grpc.RpcError for the service's refusal.
    """
    settings = gateway().settings
    # This route alone takes large bodies; the file itself is limited while it is read.
    request.max_content_length = settings.max_import_bytes + MULTIPART_OVERHEAD_BYTES
    if (request.content_length or 0) > request.max_content_length:
        raise too_large(settings.max_import_bytes)
    upload = read_upload(
        request.stream,
        request.mimetype,
        request.mimetype_params,
        request.content_length,
        request.args,
        settings.max_import_bytes,
    )
    return send_upload(
        seizures_stub().UploadImport,
        upload,
        timeout=settings.grpc_stream_timeout_seconds,
        metadata=api.call_metadata(authorization),
    )


def upload_import() -> Response:
    authorization = api.caller_authorization()
    try:
        job = start_import(authorization)
    except UploadRefused as exc:
        return problem(exc.status, exc.detail, errors=exc.violations)
    except grpc.RpcError as exc:
        return api.rpc_problem(exc, MODULE, presented_credentials=bool(authorization))
    return Response(
        json.dumps(to_json(job), ensure_ascii=False),
        status=202,
        mimetype="application/json",
        headers={"Location": f"/api/v1/seizures/imports/{quote(job.id, safe='')}"},
    )


# ---- import template -------------------------------------------------------------------------------------


def import_template(layout: str, extension: str) -> Response:
    form = LAYOUTS.get(layout.lower())
    file_format = TEMPLATE_FORMATS.get(extension.lower())
    violations = []
    if form is None:
        violations.append(FieldViolation("layout", "must be simplified or long"))
    if file_format is None:
        violations.append(FieldViolation("format", "must be csv or xlsx"))
    if violations:
        return problem(400, "no such import template", errors=violations)
    authorization = api.caller_authorization()
    try:
        chunk = seizures_stub().GetImportTemplate(
            seizures_pb2.GetImportTemplateRequest(layout=form, format=file_format),
            timeout=gateway().settings.grpc_timeout_seconds,
            metadata=api.call_metadata(authorization),
        )
    except grpc.RpcError as exc:
        return api.rpc_problem(exc, MODULE, presented_credentials=bool(authorization))
    extension = extension.lower()
    filename = chunk.filename or f"cen-seizures-{layout.lower()}.{extension}"
    return Response(
        chunk.data,
        status=200,
        content_type=chunk.content_type or MEDIA_TYPES[extension],
        headers={"Content-Disposition": attachment(filename)},
    )


# ---- per-country counts as GeoJSON ----------------------------------------------------------------------------


def country_counts_geojson() -> Response:
    """GetCountryCounts' FeatureCollection as a file GIS tools open directly (scope.* and heading as query)."""
    try:
        message = message_from_query(seizures_pb2.GetCountryCountsRequest, request.args)
    except InvalidArgument as exc:
        return problem(400, "invalid query parameters", errors=exc.violations)
    authorization = api.caller_authorization()
    try:
        counts = seizures_stub().GetCountryCounts(
            message,
            timeout=gateway().settings.grpc_timeout_seconds,
            metadata=api.call_metadata(authorization),
        )
    except grpc.RpcError as exc:
        return api.rpc_problem(exc, MODULE, presented_credentials=bool(authorization))
    return Response(
        counts.geojson,
        status=200,
        content_type="application/geo+json",
        headers={"Content-Disposition": attachment("cen-seizures-by-country.geojson")},
    )


# ---- export ------------------------------------------------------------------------------------------------


def export_format(value: Any) -> int:
    """csv, xlsx or jsonl (or the enum's name); absent means csv."""
    if value is None or value == "":
        return int(seizures_pb2.FILE_FORMAT_CSV)
    text = str(value).strip().lower().removeprefix("file_format_")
    if text not in EXPORT_FORMATS:
        raise InvalidArgument([FieldViolation("format", "must be csv, xlsx or jsonl")])
    return int(EXPORT_FORMATS[text])


def export_request(query: MultiDict[str, str], body: dict[str, Any] | None) -> Any:
    """The ExportSeizuresRequest of a GET (dotted query parameters) or a POST (JSON body, format also in the query)."""
    query = query.copy()
    formats = query.poplist("format")
    if len(formats) > 1:
        raise InvalidArgument([FieldViolation("format", "given more than once")])
    if body is None:
        message = message_from_query(seizures_pb2.ExportSeizuresRequest, query)
        message.format = export_format(formats[0] if formats else None)
        return message
    if query:
        raise InvalidArgument([FieldViolation(key, "unknown query parameter") for key in query])
    body = dict(body)
    chosen = body.pop("format", None)
    message = message_from_json(seizures_pb2.ExportSeizuresRequest, body)
    message.format = export_format(chosen if chosen not in (None, "") else (formats[0] if formats else None))
    return message


def export() -> Response:
    body = (
        parse_json_body(request.get_data(cache=False), request.mimetype) if request.method == "POST" else None
    )
    message = export_request(request.args, body)
    authorization = api.caller_authorization()
    try:
        stream = seizures_stub().ExportSeizures(
            message,
            timeout=gateway().settings.grpc_stream_timeout_seconds,
            metadata=api.call_metadata(authorization),
        )
        first = next(stream, None)
    except grpc.RpcError as exc:
        return api.rpc_problem(exc, MODULE, presented_credentials=bool(authorization))
    extension = {v: k for k, v in EXPORT_FORMATS.items()}[message.format]
    filename = (first.filename if first is not None else "") or f"cen-seizures.{extension}"
    content_type = (first.content_type if first is not None else "") or MEDIA_TYPES[extension]
    return Response(
        _relay(first, stream, g.request_id),
        status=200,
        content_type=content_type,
        headers={"Content-Disposition": attachment(filename), "X-Accel-Buffering": "no"},
    )


class ExportInterrupted(Exception):
    """The service failed after the download had begun: the connection is cut so the client sees it."""


def _relay(first: Any, stream: Any, request_id: str) -> Iterator[bytes]:
    """The file chunk by chunk as the service sends it; runs after the view returned, so it keeps the request id."""
    token = request_id_var.set(request_id)
    try:
        if first is None:
            return
        yield first.data
        for chunk in stream:
            yield chunk.data
    except grpc.RpcError as exc:
        code = exc.code().name if hasattr(exc, "code") else "UNKNOWN"
        log.warning("export interrupted", extra={"upstream": MODULE, "code": code})
        raise ExportInterrupted(f"the export stopped: {code}") from None
    finally:
        stream.cancel()  # a client that went away stops the service's work too
        with contextlib.suppress(ValueError):  # closed from another context: nothing to restore
            request_id_var.reset(token)
