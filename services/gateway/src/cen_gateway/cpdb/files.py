"""REST routes of the CPDb RPCs that stream a picture, which have no google.api.http annotation.

POST /api/v1/cpdb/pictures streams a multipart upload (the field `details`, PictureDetails as JSON, then the
part `file`) to UploadPicture; POST /api/v1/cpdb/similar streams a picture (part `file`, options `limit` and
`max_distance` as fields before it or in the query) to FindSimilarToUpload. Errors are problem+json like the
transcoded routes, with field paths as the caller wrote them (`details.title`, `file`, `limit`); the caller's
token is forwarded the same way. The picture escapes the general body limit: CEN_MAX_PICTURE_BYTES caps it.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import grpc
from cen.cpdb.v1 import cpdb_pb2
from cen.cpdb.v1.cpdb_pb2_grpc import PictureServiceStub
from cen_core.errors import FieldViolation, InvalidArgument, Unavailable, from_rpc_error
from flask import Flask, Response, request
from werkzeug.datastructures import MultiDict

from cen_gateway import api
from cen_gateway.problems import problem
from cen_gateway.state import gateway
from cen_gateway.streaming import (
    FILE_FIELD,
    MultipartUpload,
    UploadRefused,
    read_multipart,
    send_stream,
    too_large,
)
from cen_gateway.transcoder import message_from_json, parse_json_body, to_json

SERVICE = "/cen.cpdb.v1.PictureService/"
UPLOAD_ENDPOINT = "rest:POST:" + SERVICE + "UploadPicture"
SIMILAR_ENDPOINT = "rest:POST:" + SERVICE + "FindSimilarToUpload"
MODULE = "cpdb"
PICTURES_PATH = "/api/v1/cpdb/pictures"
SIMILAR_PATH = "/api/v1/cpdb/similar"

DETAILS_FIELD = "details"
# The details' JSON: a 4,000-character description and 20 tags, generously escaped.
MAX_DETAILS_BYTES = 64 * 1024
# Room for the form fields (the details' JSON above all) and part headers around the picture.
MULTIPART_OVERHEAD_BYTES = 128 * 1024
SIMILAR_OPTIONS = ("limit", "max_distance")
UPLOAD_HINT = "the field `details` (PictureDetails as JSON), then the part `file` with the picture"
SIMILAR_HINT = "the part `file` with the picture (options `limit`, `max_distance` before it or in the query)"


def register(app: Flask) -> None:
    app.add_url_rule(PICTURES_PATH, UPLOAD_ENDPOINT, upload_picture, methods=["POST"])
    app.add_url_rule(SIMILAR_PATH, SIMILAR_ENDPOINT, similar_to_upload, methods=["POST"])


def cpdb_stub() -> PictureServiceStub:
    stub = gateway().cpdb
    if stub is None:
        raise Unavailable("the cpdb module is not served by this gateway")
    return stub


def _open_multipart(fields: dict[str, int], hint: str) -> MultipartUpload:
    """This request's multipart body, read up to the start of the file; the picture limit replaces the body limit."""
    limit = gateway().settings.max_picture_bytes
    request.max_content_length = limit + MULTIPART_OVERHEAD_BYTES
    if (request.content_length or 0) > request.max_content_length:
        raise too_large(limit, "picture")
    return read_multipart(
        request.stream,
        request.mimetype,
        request.mimetype_params,
        fields,
        limit,
        file_hint=hint,
        what="picture",
    )


# ---- upload ------------------------------------------------------------------------------------------------


def picture_details(text: str | None) -> Any:
    """The PictureDetails message of the `details` field, checked like a transcoded request body."""
    if not text or not text.strip():
        raise UploadRefused(
            400,
            "the picture's details are missing",
            [FieldViolation(DETAILS_FIELD, "required: PictureDetails as JSON, before the file")],
        )
    try:
        body = parse_json_body(text.encode("utf-8"), "application/json")
        return message_from_json(cpdb_pb2.PictureDetails, body)
    except InvalidArgument as exc:
        violations = [FieldViolation(f"{DETAILS_FIELD}.{v.field}", v.description) for v in exc.violations]
        raise UploadRefused(
            400,
            "the picture's details are not valid",
            violations or [FieldViolation(DETAILS_FIELD, exc.public_message)],
        ) from None


def start_upload(authorization: str) -> Any:
    """Stream this request's picture to UploadPicture; returns the pending Picture.

    Raises UploadRefused for an unusable upload and grpc.RpcError for the service's refusal.
    """
    upload = _open_multipart({DETAILS_FIELD: MAX_DETAILS_BYTES}, UPLOAD_HINT)
    details = picture_details(upload.fields.get(DETAILS_FIELD))
    first = cpdb_pb2.UploadPictureRequest(
        details=cpdb_pb2.UploadDetails(picture=details, filename=upload.filename)
    )
    return send_stream(
        cpdb_stub().UploadPicture,
        first,
        lambda chunk: cpdb_pb2.UploadPictureRequest(chunk=chunk),
        upload.chunks,
        timeout=gateway().settings.grpc_stream_timeout_seconds,
        metadata=api.call_metadata(authorization),
    )


def upload_picture() -> Response:
    authorization = api.caller_authorization()
    try:
        picture = start_upload(authorization)
    except UploadRefused as exc:
        return problem(exc.status, exc.detail, errors=exc.violations)
    except grpc.RpcError as exc:
        return service_problem(exc, authorization)
    return Response(
        json.dumps(to_json(picture), ensure_ascii=False),
        status=202,
        mimetype="application/json",
        headers={"Location": f"{PICTURES_PATH}/{quote(picture.id, safe='')}"},
    )


# ---- similar to an uploaded picture ------------------------------------------------------------------------


def similar_options(query: MultiDict[str, str], form: dict[str, str]) -> Any:
    """SimilarOptions from the query string and the form fields before the file (each option once)."""
    violations = []
    given: dict[str, str] = {}
    for key in query:
        values = query.getlist(key)
        if key not in SIMILAR_OPTIONS:
            violations.append(FieldViolation(key, "unknown query parameter"))
        elif len(values) > 1:
            violations.append(FieldViolation(key, "given more than once"))
        else:
            given[key] = values[0]
    for key, value in form.items():
        if key in given:
            violations.append(FieldViolation(key, "given both in the query and as a form field"))
        given[key] = value
    options = cpdb_pb2.SimilarOptions()
    for key, value in given.items():
        text = value.strip()
        if not text or key not in SIMILAR_OPTIONS:
            continue
        if not text.isdigit() or int(text) > 2**31 - 1:
            violations.append(FieldViolation(key, "must be a whole number"))
        else:
            setattr(options, key, int(text))
    if violations:
        raise UploadRefused(400, "the options are not valid", violations)
    return options


def similar_to_upload() -> Response:
    authorization = api.caller_authorization()
    try:
        similar_options(request.args, {})  # a bad query is refused before the body is read
        upload = _open_multipart(dict.fromkeys(SIMILAR_OPTIONS, 32), SIMILAR_HINT)
        options = similar_options(request.args, upload.fields)
        matches = send_stream(
            cpdb_stub().FindSimilarToUpload,
            cpdb_pb2.FindSimilarToUploadRequest(options=options),
            lambda chunk: cpdb_pb2.FindSimilarToUploadRequest(chunk=chunk),
            upload.chunks,
            timeout=gateway().settings.grpc_stream_timeout_seconds,
            metadata=api.call_metadata(authorization),
        )
    except UploadRefused as exc:
        return problem(exc.status, exc.detail, errors=exc.violations)
    except grpc.RpcError as exc:
        return service_problem(exc, authorization)
    return Response(json.dumps(to_json(matches), ensure_ascii=False), status=200, mimetype="application/json")


# ---- the service's refusals --------------------------------------------------------------------------------


def form_field(path: str) -> str:
    """A field path of the stream's messages as the multipart form names it.

    details.picture.title -> details.title (the form's `details` is the PictureDetails itself),
    chunk -> file, options.limit -> limit.
    """
    for prefix in ("details.picture.", "picture."):
        if path.startswith(prefix):
            return DETAILS_FIELD + "." + path.removeprefix(prefix)
    if path == "chunk" or path.startswith("chunk."):
        return FILE_FIELD
    return path.removeprefix("options.")


def service_problem(exc: grpc.RpcError, authorization: str) -> Response:
    """The service's answer as problem+json; invalid input names the form's fields, not the stream's."""
    err = from_rpc_error(exc)
    if err.grpc_code != grpc.StatusCode.INVALID_ARGUMENT or not err.violations:
        return api.rpc_problem(exc, MODULE, presented_credentials=bool(authorization))
    violations = [FieldViolation(form_field(v.field), v.description) for v in err.violations]
    detail = "; ".join(f"{v.field}: {v.description}" for v in violations)
    return problem(400, detail, errors=violations)
