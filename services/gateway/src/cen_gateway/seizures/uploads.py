"""Import files streamed to UploadImport: multipart or raw bodies read in pieces, never held whole."""

from __future__ import annotations

import itertools
import logging
import posixpath
import queue
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

import grpc
from cen.seizures.v1 import seizures_pb2
from cen_core.errors import FieldViolation
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge
from werkzeug.sansio.multipart import Data, Epilogue, Event, Field, File, MultipartDecoder, NeedData

log = logging.getLogger("cen.gateway.seizures.uploads")

# Messages to the service carry 256 KiB; the body is read 64 KiB at a time; at most QUEUE_CHUNKS messages
# wait for the service, so one upload holds about a megabyte whatever the file's size.
CHUNK_BYTES = 256 * 1024
READ_BYTES = 64 * 1024
QUEUE_CHUNKS = 4
MAX_FIELD_BYTES = 1024
MAX_PARTS = 16
# Room for the form fields and part headers around the file in a multipart body.
MULTIPART_OVERHEAD_BYTES = 64 * 1024

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RAW_MEDIA_TYPES = {"text/csv": "csv", XLSX_MEDIA_TYPE: "xlsx"}
LAYOUTS = {"simplified": seizures_pb2.SEIZURE_FORM_SIMPLIFIED, "long": seizures_pb2.SEIZURE_FORM_LONG}
FORMATS = {"csv": seizures_pb2.FILE_FORMAT_CSV, "xlsx": seizures_pb2.FILE_FORMAT_XLSX}
OPTIONS = ("layout", "format", "submit")
RAW_OPTIONS = (*OPTIONS, "filename")
# The web form's CSRF field may travel in the body; the token itself is checked from the header.
IGNORED_FIELDS = frozenset({"csrf_token"})
_BOOLEANS = {"true": True, "1": True, "on": True, "yes": True, "false": False, "0": False, "off": False}


class UploadRefused(Exception):
    """The upload cannot be imported: the HTTP status, a detail and field violations for the caller."""

    def __init__(self, status: int, detail: str, violations: Iterable[FieldViolation] = ()) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.violations = list(violations)


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
        upload = _read_multipart(_Body(stream), boundary.encode("latin-1"), options, limit)
    elif mimetype in RAW_MEDIA_TYPES:
        if content_length is not None and content_length > limit:
            raise too_large(limit)
        options = _query_options(query, RAW_OPTIONS)
        filename = options.get("filename") or f"import.{RAW_MEDIA_TYPES[mimetype]}"
        metadata = import_metadata(options, filename, RAW_MEDIA_TYPES[mimetype])
        upload = ImportUpload(metadata, _limited(_Body(stream).pieces(), limit))
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

    The body is read here, in the request's thread, and handed to gRPC's sending thread through a small
    queue, so a slow service slows the reading down instead of filling memory. If the body cannot be read
    to its end the call is cancelled, so the service never imports a truncated file.
    Raises UploadRefused (body unreadable) or grpc.RpcError (the service's answer).
    """
    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUE_CHUNKS)
    stopped = threading.Event()

    def messages() -> Iterator[Any]:
        yield seizures_pb2.UploadImportRequest(metadata=upload.metadata)
        while True:
            try:
                chunk = pending.get(timeout=1)
            except queue.Empty:
                if stopped.is_set():
                    return
                continue
            if chunk is None:
                return
            yield seizures_pb2.UploadImportRequest(chunk=chunk)

    call = stub_method.future(messages(), timeout=timeout, metadata=metadata)
    try:
        for chunk in upload.chunks:
            if not _offer(pending, chunk, call):
                break  # the service has answered already (an error): stop reading
        else:
            _offer(pending, None, call)
    except BaseException:
        call.cancel()
        raise
    finally:
        stopped.set()
    return call.result()


def _offer(pending: queue.Queue[bytes | None], item: bytes | None, call: grpc.Future) -> bool:
    """Queue an item for the sending thread, waiting while the service catches up; False once the call ended."""
    while not call.done():
        try:
            pending.put(item, timeout=0.5)
        except queue.Full:
            continue
        return True
    return False


def too_large(limit: int) -> UploadRefused:
    return UploadRefused(413, f"the file exceeds the import limit of {limit} bytes")


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


class _Body:
    """The request body read in pieces; a client that goes away or sends too much is an UploadRefused."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def read(self) -> bytes:
        try:
            return self.stream.read(READ_BYTES)
        except RequestEntityTooLarge:
            raise UploadRefused(413, "the request body is too large") from None
        except ClientDisconnected:
            raise UploadRefused(400, "the upload was interrupted before the end of the body") from None

    def pieces(self) -> Iterator[bytes]:
        while True:
            data = self.read()
            if not data:
                return
            yield data


def _limited(pieces: Iterator[bytes], limit: int) -> Iterator[bytes]:
    """The file's bytes regrouped into messages of CHUNK_BYTES, refused once over the limit."""
    size = 0
    buffer = bytearray()
    for piece in pieces:
        size += len(piece)
        if size > limit:
            raise too_large(limit)
        buffer += piece
        while len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer[:CHUNK_BYTES])
            del buffer[:CHUNK_BYTES]
    if buffer:
        yield bytes(buffer)


def _multipart_events(body: _Body, boundary: bytes) -> Iterator[Event]:
    decoder = MultipartDecoder(boundary, max_form_memory_size=READ_BYTES + 16 * 1024, max_parts=MAX_PARTS)
    while True:
        try:
            event = decoder.next_event()
        except ValueError:
            raise UploadRefused(400, "the multipart/form-data body is malformed or incomplete") from None
        except RequestEntityTooLarge:
            raise UploadRefused(400, f"the form has more than {MAX_PARTS} parts") from None
        if isinstance(event, NeedData):
            data = body.read()
            try:
                decoder.receive_data(data or None)
            except RequestEntityTooLarge:
                raise UploadRefused(400, "a multipart part header is too long") from None
            continue
        yield event
        if isinstance(event, Epilogue):
            return


def _read_multipart(body: _Body, boundary: bytes, options: dict[str, str], limit: int) -> ImportUpload:
    events = _multipart_events(body, boundary)
    for event in events:
        if isinstance(event, Field):
            value = _field_value(events, event.name)
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
            return ImportUpload(metadata, _limited(_file_data(events), limit))
        elif isinstance(event, Epilogue):
            break
    raise UploadRefused(400, "no file", [FieldViolation("file", "required: the CSV or XLSX file to import")])


def _field_value(events: Iterator[Event], name: str) -> str:
    value = bytearray()
    for event in events:
        if not isinstance(event, Data):
            raise UploadRefused(400, "the multipart/form-data body is malformed")
        value += event.data
        if len(value) > MAX_FIELD_BYTES:
            raise UploadRefused(400, "a form field is too long", [FieldViolation(name, "too long")])
        if not event.more_data:
            break
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise UploadRefused(400, "a form field is not UTF-8", [FieldViolation(name, "not UTF-8")]) from None


def _file_data(events: Iterator[Event]) -> Iterator[bytes]:
    """The file part's bytes, then the rest of the body, which may only be the end of the form."""
    for event in events:
        if not isinstance(event, Data):
            raise UploadRefused(400, "the multipart/form-data body is malformed")
        if event.data:
            yield event.data
        if not event.more_data:
            break
    for event in events:
        if isinstance(event, Epilogue):
            return
        if isinstance(event, Field) and event.name in IGNORED_FIELDS:
            _field_value(events, event.name)
            continue
        name = event.name if isinstance(event, Field | File) else ""
        raise UploadRefused(
            400,
            "send the form fields (layout, format, submit) before the file, or as query parameters",
            [FieldViolation(name, "must come before the file")] if name else [],
        )
