"""JSON log lines carrying a request id that crosses HTTP, gRPC and Celery boundaries."""

from __future__ import annotations

import atexit
import json
import logging
import logging.handlers
import queue
import re
import sys
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str] = ContextVar("cen_request_id", default="")

_service_name = "cen"
# Tokens and secrets must never reach a log line, whatever a caller passes in: credentials in
# Authorization values, `key=value` / JSON pairs with a secret-looking key, and passwords inside URLs.
_REDACT = (
    re.compile(r"(?i)\b((?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(r"(?i)((?:secret|password|passwd|token|api_key)[\"']?\s*[:=]\s*[\"']?)[^\s\"',&]+"),
    re.compile(r"(://[^/\s:@]+:)[^@\s/]+(?=@)"),
)
# One cheap scan first: most log text holds none of these, and then the patterns above need not run.
_SUSPECT = re.compile(r"(?i)bearer|basic|secret|passw|token|api_key|://")
# Extra fields with such a name are replaced whole, whatever their value looks like.
_SECRET_FIELD = re.compile(r"(?i)secret|password|passwd|token|authorization|api_key|credential")


def new_request_id() -> str:
    return uuid.uuid4().hex


def redact(text: str) -> str:
    if not _SUSPECT.search(text):
        return text
    for pattern in _REDACT:
        text = pattern.sub(r"\1[redacted]", text)
    return text


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, service, logger, msg, request_id and any extra fields."""

    _STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": _service_name,
            "logger": record.name,
            "msg": redact(record.getMessage()),
        }
        request_id = getattr(record, "request_id", "") or request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key in self._STANDARD or key == "request_id" or key.startswith("_"):
                continue
            if _SECRET_FIELD.search(key):
                entry[key] = "[redacted]"
            else:
                entry[key] = value if isinstance(value, int | float | bool | None) else redact(str(value))
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exc"] = redact(record.exc_text)
        return json.dumps(entry, ensure_ascii=False)


class _CaptureContext(logging.Filter):
    """Copy the request id onto the record in the calling thread, before it crosses the queue."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


class _QueueHandler(logging.handlers.QueueHandler):
    """Hands records over as they are: formatting happens once, in the writer thread."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        if record.exc_info:
            # tracebacks cannot cross the queue as objects; render them now
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        record.msg, record.args = record.getMessage(), None
        return record


_listener: logging.handlers.QueueListener | None = None


def configure_logging(service_name: str, level: str = "INFO") -> None:
    """Route every logger to stdout as JSON lines.

    Request threads only put records on a queue; one writer thread formats and writes them, so a busy
    server's threads never queue up behind the stdout lock.
    """
    global _service_name, _listener
    _service_name = service_name
    if _listener is not None:
        _listener.stop()
    stream = logging.StreamHandler(sys.stdout)
    stream.setFormatter(JsonFormatter())
    records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    handler = _QueueHandler(records)
    handler.addFilter(_CaptureContext())
    _listener = logging.handlers.QueueListener(records, stream)
    _listener.start()
    atexit.register(_listener.stop)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("urllib3", "kombu", "amqp"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
