"""Import files streamed to UploadImport: multipart or raw bodies read in pieces, never held whole."""

from __future__ import annotations

import itertools
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from cen.seizures.v1 import seizures_pb2
from cen_core.errors import FieldViolation
from werkzeug.datastructures import MultiDict
from werkzeug.sansio.multipart import Epilogue, Field, File

from cen_gateway.streaming import (
    IGNORED_FIELDS,
    Body,
    UploadRefused,
    field_value,
    file_data,
    limited,
    multipart_events,
    send_stream,
    too_large,
)

MAX_FIELD_BYTES = 1024
# Room for the form fields and part headers around the file in a multipart body.
MULTIPART_OVERHEAD_BYTES = 64 * 1024

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RAW_MEDIA_TYPES = {"text/csv": "csv", XLSX_MEDIA_TYPE: "xlsx"}
LAYOUTS = {"simplified": seizures_pb2.SEIZURE_FORM_SIMPLIFIED, "long": seizures_pb2.SEIZURE_FORM_LONG}
FORMATS = {"csv": seizures_pb2.FILE_FORMAT_CSV, "xlsx": seizures_pb2.FILE_FORMAT_XLSX}
OPTIONS = ("layout", "format", "submit")
RAW_OPTIONS = (*OPTIONS, "filename")
_BOOLEANS = {"true": True, "1": True, "on": True, "yes": True, "false": False, "0": False, "off": False}


@dataclass
class ImportUpload:
    """An upload ready to send: its metadata message and the file's bytes in messages' worth."""

    metadata: seizures_pb2.ImportMetadata
    chunks: Iterator[bytes]


def read_upload(
    stream: IO[bytes],
    mimetype: str,
    mimetype_params: Mapping[str, str],
    content_length: int | None,
    query: MultiDict[str, str],
    limit: int,
) -> ImportUpload:
    """Read the options and the start of the file; the rest of the file is read as it is sent on.

    Multipart bodies carry the `file` part and the fields layout, format, submit, which must come before
    the file (or be given as query parameters); raw CSV/XLSX bodies take their options from the query.
    Raises UploadRefused for anything that cannot be imported, before the service is called.
    """
    if mimetype == "multipart/form-data":
        boundary = mimetype_params.get("boundary", "")
        if not boundary:
            raise UploadRefused(400, "the multipart/form-data body has no boundary")
        if content_length is not None and content_length > limit + MULTIPART_OVERHEAD_BYTES:
            raise too_large(limit)
        options = _query_options(query, OPTIONS)
        upload = _read_multipart(Body(stream), boundary.encode("latin-1"), options, limit)
    elif mimetype in RAW_MEDIA_TYPES:
        if content_length is not None and content_length > limit:
            raise too_large(limit)
        options = _query_options(query, RAW_OPTIONS)
        filename = options.get("filename") or f"import.{RAW_MEDIA_TYPES[mimetype]}"
        metadata = import_metadata(options, filename, RAW_MEDIA_TYPES[mimetype])
        upload = ImportUpload(metadata, limited(Body(stream).pieces(), limit))
    else:
        raise UploadRefused(
            415,
            f"send the file as multipart/form-data (field `file`) or as a text/csv or {XLSX_MEDIA_TYPE} body",
        )
    first = next(upload.chunks, b"")
    if not first:
        raise UploadRefused(400, "the file is empty", [FieldViolation("file", "is empty")])
    upload.chunks = itertools.chain([first], upload.chunks)
    return upload


def import_metadata(
    options: Mapping[str, str], filename: str, media_format: str = "", *, where: str = "a query parameter"
) -> Any:
    """The ImportMetadata message from the caller's options; the format defaults from the media type or name."""
    violations: list[FieldViolation] = []
    layout_text = options.get("layout", "").strip().lower()
    layout = LAYOUTS.get(layout_text.removeprefix("seizure_form_"))
    if not layout_text:
        violations.append(FieldViolation("layout", f"required: simplified or long, as {where}"))
    elif layout is None:
        violations.append(FieldViolation("layout", "must be simplified or long"))
    name = posixpath.basename(filename.replace("\\", "/")).strip()[:255]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    format_text = options.get("format", "").strip().lower().removeprefix("file_format_")
    format_text = format_text or media_format or extension
    file_format = FORMATS.get(format_text)
    if not format_text:
        violations.append(
            FieldViolation("format", "required when the file name does not end in .csv or .xlsx")
        )
    elif file_format is None:
        violations.append(FieldViolation("format", "must be csv or xlsx"))
    submit = _BOOLEANS.get(options.get("submit", "false").strip().lower() or "false")
    if submit is None:
        violations.append(FieldViolation("submit", "must be true or false"))
    if violations:
        raise UploadRefused(400, "the import options are invalid", violations)
    return seizures_pb2.ImportMetadata(filename=name, format=file_format, layout=layout, submit=bool(submit))


def send_upload(
    stub_method: Any, upload: ImportUpload, *, timeout: float, metadata: list[tuple[str, str]]
) -> Any:
    """Stream the upload to UploadImport and return the ImportJob.

    Raises UploadRefused (body unreadable) or grpc.RpcError (the service's answer).
    """
    return send_stream(
        stub_method,
        seizures_pb2.UploadImportRequest(metadata=upload.metadata),
        lambda chunk: seizures_pb2.UploadImportRequest(chunk=chunk),
        upload.chunks,
        timeout=timeout,
        metadata=metadata,
    )


def _query_options(query: MultiDict[str, str], allowed: tuple[str, ...]) -> dict[str, str]:
    violations: list[FieldViolation] = []
    options: dict[str, str] = {}
    for key in query:
        values = query.getlist(key)
        if key not in allowed:
            violations.append(FieldViolation(key, "unknown query parameter"))
        elif len(values) > 1:
            violations.append(FieldViolation(key, "given more than once"))
        else:
            options[key] = values[0]
    if violations:
        raise UploadRefused(400, "the import options are invalid", violations)
    return options


def _read_multipart(body: Body, boundary: bytes, options: dict[str, str], limit: int) -> ImportUpload:
    events = multipart_events(body, boundary)
    for event in events:
        if isinstance(event, Field):
            value = field_value(events, event.name, MAX_FIELD_BYTES)
            if event.name in IGNORED_FIELDS:
                continue
            if event.name not in OPTIONS:
                raise UploadRefused(400, "unknown form field", [FieldViolation(event.name, "unknown field")])
            options[event.name] = value
        elif isinstance(event, File):
            if event.name != "file":
                raise UploadRefused(400, "unknown form field", [FieldViolation(event.name, "unknown field")])
            metadata = import_metadata(
                options, event.filename, where="a form field before the file or a query parameter"
            )
            fields_first = (
                "send the form fields (layout, format, submit) before the file, or as query parameters"
            )
            return ImportUpload(metadata, limited(file_data(events, fields_first), limit))
        elif isinstance(event, Epilogue):
            break
    raise UploadRefused(400, "no file", [FieldViolation("file", "required: the CSV or XLSX file to import")])
