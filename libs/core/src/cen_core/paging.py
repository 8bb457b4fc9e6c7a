"""Opaque page tokens: keyset cursors for database lists, offsets for lists that cannot use a keyset."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cen_core.errors import FieldViolation, InvalidArgument

_FIELD = "page.page_token"
# Every list of every service: 0 asks for the default, more than the maximum is refused.
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def page_size(value: int) -> int:
    """The page size a request asked for (`page.page_size`), checked: 1-200, 0 means 50."""
    if value < 0 or value > MAX_PAGE_SIZE:
        raise InvalidArgument([FieldViolation("page.page_size", f"must be between 1 and {MAX_PAGE_SIZE}")])
    return value or DEFAULT_PAGE_SIZE


@dataclass(frozen=True)
class Cursor:
    """Position after the last item of a page ordered newest first."""

    at: datetime
    id: uuid.UUID


def _encode(payload: dict[str, object]) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str) -> dict[str, object]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise _invalid() from exc
    if not isinstance(payload, dict):
        raise _invalid()
    return payload


def _invalid() -> InvalidArgument:
    return InvalidArgument([FieldViolation(_FIELD, "not a token from this list")])


def encode_cursor(cursor: Cursor) -> str:
    return _encode({"k": "c", "t": cursor.at.isoformat(), "i": str(cursor.id)})


def decode_cursor(token: str) -> Cursor | None:
    """None for the first page; InvalidArgument for anything that is not one of our tokens."""
    if not token:
        return None
    payload = _decode(token)
    if payload.get("k") != "c":
        raise _invalid()
    try:
        at = datetime.fromisoformat(str(payload["t"]))
        ident = uuid.UUID(str(payload["i"]))
    except (KeyError, ValueError) as exc:
        raise _invalid() from exc
    if at.tzinfo is None:
        raise _invalid()
    return Cursor(at=at, id=ident)


def encode_offset(offset: int) -> str:
    return _encode({"k": "o", "o": offset})


def decode_offset(token: str) -> int:
    """0 for the first page; InvalidArgument for anything that is not one of our tokens."""
    if not token:
        return 0
    payload = _decode(token)
    offset = payload.get("o")
    if payload.get("k") != "o" or not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise _invalid()
    return offset


def encode_keyset(kind: str, values: list[object]) -> str:
    """A token holding the sort key of the last item of a page (JSON-able values), tagged with the sort."""
    return _encode({"k": kind, "v": values})


def decode_keyset(token: str, kind: str, checks: Sequence[Callable[[Any], object]]) -> list[object] | None:
    """None for the first page; InvalidArgument for a token of another list, sort or shape.

    Tokens come back from clients: each value must pass its check (e.g. `uuid.UUID`, `keyset_time`, `int`,
    raising ValueError or TypeError otherwise) before it reaches SQL. The values are returned as they are."""
    if not token:
        return None
    payload = _decode(token)
    values = payload.get("v")
    if payload.get("k") != kind or not isinstance(values, list) or len(values) != len(checks):
        raise _invalid()
    for check, value in zip(checks, values, strict=True):
        if isinstance(value, bool | dict | list) or value is None:
            raise _invalid()
        try:
            check(value)
        except (ValueError, TypeError, OverflowError):
            raise _invalid() from None
    return values


def keyset_time(value: Any) -> datetime:
    """Check of a timestamp value in a keyset token."""
    return datetime.fromisoformat(str(value))


def keyset_date(value: Any) -> date:
    """Check of a date value in a keyset token."""
    return date.fromisoformat(str(value))


def keyset_text(value: Any) -> str:
    """Check of a text value in a keyset token."""
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError("not text")
    return value


def keyset_id(value: Any) -> uuid.UUID:
    """Check of an id in a keyset token."""
    return uuid.UUID(str(value))
