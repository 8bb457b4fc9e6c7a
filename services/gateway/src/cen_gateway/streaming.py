"""Files streamed to a service's client-streaming RPC (seizure imports, CPDb pictures): request bodies read in
pieces and sent on, never held whole."""

from __future__ import annotations

import itertools
import posixpath
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

import grpc
from cen_core.errors import FieldViolation
from google.protobuf.message import Message
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge
from werkzeug.sansio.multipart import Data, Epilogue, Event, Field, File, MultipartDecoder, NeedData

# Messages to the service carry 256 KiB; the body is read 64 KiB at a time; at most QUEUE_CHUNKS messages
# wait for the service, so one upload holds about a megabyte whatever the file's size.
CHUNK_BYTES = 256 * 1024
READ_BYTES = 64 * 1024
QUEUE_CHUNKS = 4
MAX_PARTS = 16
FILE_FIELD = "file"
# The web form's CSRF field may travel in the body; the token itself is checked from the header.
IGNORED_FIELDS = frozenset({"csrf_token"})


class UploadRefused(Exception):
    """The upload cannot be sent on: the HTTP status, a detail and field violations for the caller."""

    def __init__(self, status: int, detail: str, violations: Iterable[FieldViolation] = ()) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.violations = list(violations)


def too_large(limit: int, what: str = "file") -> UploadRefused:
    return UploadRefused(
        413,
        f"the {what} exceeds the limit of {limit} bytes ({limit // 2**20} MiB)",
        [FieldViolation(FILE_FIELD, f"larger than {limit // 2**20} MiB")],
    )


@dataclass
class MultipartUpload:
    """The form fields sent before the file, the file's name, and its bytes in messages' worth (lazily read)."""

    fields: dict[str, str]
    filename: str
    chunks: Iterator[bytes]


def read_multipart(
    stream: IO[bytes],
    mimetype: str,
    mimetype_params: Mapping[str, str],
    fields: Mapping[str, int],
    limit: int,
    *,
    file_hint: str,
    what: str = "file",
) -> MultipartUpload:
    """Read the fields and the start of the file part; the rest of the file is read as it is sent on.

    `fields` names the allowed fields and their largest size in bytes; they must come before the file.
    Raises UploadRefused for anything unusable, before the service is called.
    """
    if mimetype != "multipart/form-data":
        raise UploadRefused(415, f"send the {what} as multipart/form-data: {file_hint}")
    boundary = mimetype_params.get("boundary", "")
    if not boundary:
        raise UploadRefused(400, "the multipart/form-data body has no boundary")
    events = multipart_events(Body(stream), boundary.encode("latin-1"))
    values: dict[str, str] = {}
    for event in events:
        if isinstance(event, Field):
            if event.name in IGNORED_FIELDS:
                field_value(events, event.name, 1024)
                continue
            if event.name not in fields:
                raise UploadRefused(400, "unknown form field", [FieldViolation(event.name, "unknown field")])
            if event.name in values:
                raise UploadRefused(
                    400, "a form field is given twice", [FieldViolation(event.name, "given twice")]
                )
            values[event.name] = field_value(events, event.name, fields[event.name])
        elif isinstance(event, File):
            if event.name != FILE_FIELD:
                raise UploadRefused(400, "unknown form field", [FieldViolation(event.name, "unknown field")])
            name = posixpath.basename(event.filename.replace("\\", "/")).strip()[:255]
            chunks = limited(
                file_data(events, f"send the form fields ({', '.join(fields)}) before the file"), limit, what
            )
            first = next(chunks, b"")
            if not first:
                raise UploadRefused(400, f"the {what} is empty", [FieldViolation(FILE_FIELD, "is empty")])
            return MultipartUpload(values, name, itertools.chain([first], chunks))
        elif isinstance(event, Epilogue):
            break
    raise UploadRefused(400, f"no {what}", [FieldViolation(FILE_FIELD, f"required: {file_hint}")])


def send_stream(
    stub_method: Any,
    first: Message,
    chunk_message: Callable[[bytes], Message],
    chunks: Iterator[bytes],
    *,
    timeout: float,
    metadata: list[tuple[str, str]],
) -> Any:
    """Call a client-streaming RPC: `first`, then one message per chunk; returns the service's answer.

    The body is read here, in the request's thread, and handed to gRPC's sending thread through a small
    queue, so a slow service slows the reading down instead of filling memory. If the body cannot be read
    to its end the call is cancelled, so the service never keeps a truncated file.
    Raises UploadRefused (body unreadable or too large) or grpc.RpcError (the service's answer).
    """
    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUE_CHUNKS)
    stopped = threading.Event()

    def messages() -> Iterator[Message]:
        yield first
        while True:
            try:
                chunk = pending.get(timeout=1)
            except queue.Empty:
                if stopped.is_set():
                    return
                continue
            if chunk is None:
                return
            yield chunk_message(chunk)

    call = stub_method.future(messages(), timeout=timeout, metadata=metadata)
    try:
        for chunk in chunks:
            if not _offer(pending, chunk, call):
                break  # the service has answered already (a refusal): stop reading
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


class Body:
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


def limited(pieces: Iterator[bytes], limit: int, what: str = "file") -> Iterator[bytes]:
    """The file's bytes regrouped into messages of CHUNK_BYTES, refused once over the limit."""
    size = 0
    buffer = bytearray()
    for piece in pieces:
        size += len(piece)
        if size > limit:
            raise too_large(limit, what)
        buffer += piece
        while len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer[:CHUNK_BYTES])
            del buffer[:CHUNK_BYTES]
    if buffer:
        yield bytes(buffer)


def multipart_events(body: Body, boundary: bytes) -> Iterator[Event]:
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


def field_value(events: Iterator[Event], name: str, max_bytes: int) -> str:
    value = bytearray()
    for event in events:
        if not isinstance(event, Data):
            raise UploadRefused(400, "the multipart/form-data body is malformed")
        value += event.data
        if len(value) > max_bytes:
            raise UploadRefused(
                400, "a form field is too long", [FieldViolation(name, f"longer than {max_bytes} bytes")]
            )
        if not event.more_data:
            break
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise UploadRefused(400, "a form field is not UTF-8", [FieldViolation(name, "not UTF-8")]) from None


def file_data(events: Iterator[Event], fields_first: str) -> Iterator[bytes]:
    """The file part's bytes, then the rest of the body, which may only be the end of the form (or ignored
    fields); `fields_first` tells the caller what to do instead."""
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
            field_value(events, event.name, 1024)
            continue
        name = event.name if isinstance(event, Field | File) else ""
        raise UploadRefused(
            400,
            fields_first,
            [FieldViolation(name, "must come before the file")] if name else [],
        )
