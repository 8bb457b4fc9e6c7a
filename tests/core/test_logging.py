"""JSON log lines: the fields every line carries, the request id, and no secrets ever."""

from __future__ import annotations

import json
import logging
import sys

from cen_core.logging import JsonFormatter, redact, request_id_var


def render(msg: str, *args: object, exc: bool = False, **extra: object) -> dict[str, object]:
    exc_info = None
    if exc:
        try:
            raise ValueError("boom with Bearer eyJsecret.part.sig")
        except ValueError:
            exc_info = sys.exc_info()
    record = logging.LogRecord("cen.test", logging.WARNING, __file__, 1, msg, args, exc_info)
    record.__dict__.update(extra)
    return dict(json.loads(JsonFormatter().format(record)))


def test_line_has_the_standard_fields_and_extras() -> None:
    token = request_id_var.set("rid-42")
    try:
        entry = render("hello %s", "world", rpc="cen.auth.v1.AuthService/WhoAmI", duration_ms=1.5)
    finally:
        request_id_var.reset(token)
    assert entry["msg"] == "hello world"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "cen.test"
    assert entry["request_id"] == "rid-42"
    assert entry["rpc"] == "cen.auth.v1.AuthService/WhoAmI"
    assert entry["duration_ms"] == 1.5
    assert {"ts", "service"} <= set(entry)


def test_no_request_id_field_outside_a_request() -> None:
    assert "request_id" not in render("idle")


def test_secrets_never_reach_the_line() -> None:
    entry = render(
        "calling with Authorization: Bearer eyJhbGciOi.abc.def to postgresql+psycopg://cen:pw123@db/x",
        exc=True,
        client_secret="topsecret",
        authorization="Basic dXNlcjpwYXNz",
        detail='{"access_token": "eyJzzz", "password": "hunter2"}',
    )
    line = json.dumps(entry)
    for secret in ("eyJhbGciOi", "pw123", "topsecret", "dXNlcjpwYXNz", "eyJzzz", "hunter2", "eyJsecret"):
        assert secret not in line
    assert "postgresql+psycopg://cen:[redacted]@db/x" in str(entry["msg"])


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "user ncp-nl listed 3 access requests for NL in 12 ms"
    assert redact(text) == text
