"""Unit tests of the opaque page tokens."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime

import pytest
from cen_core.errors import InvalidArgument
from cen_core.paging import (
    Cursor,
    decode_cursor,
    decode_keyset,
    decode_offset,
    encode_cursor,
    encode_keyset,
    encode_offset,
    keyset_id,
    keyset_text,
    keyset_time,
)


def test_cursor_round_trip() -> None:
    cursor = Cursor(at=datetime(2025, 3, 1, 12, 0, 0, 123456, tzinfo=UTC), id=uuid.uuid4())
    assert decode_cursor(encode_cursor(cursor)) == cursor
    assert decode_cursor("") is None


def test_offset_round_trip() -> None:
    assert decode_offset(encode_offset(150)) == 150
    assert decode_offset("") == 0


@pytest.mark.parametrize(
    "token",
    [
        "garbage!",
        base64.urlsafe_b64encode(b"[1,2]").decode(),
        base64.urlsafe_b64encode(b'{"k":"c","t":"yesterday","i":"x"}').decode(),
        base64.urlsafe_b64encode(
            b'{"k":"c","t":"2025-01-01T00:00:00","i":"' + str(uuid.uuid4()).encode() + b'"}'
        ).decode(),
        encode_offset(3),
    ],
)
def test_foreign_cursor_tokens_are_invalid_argument(token: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        decode_cursor(token)
    assert caught.value.violations[0].field == "page.page_token"


@pytest.mark.parametrize("payload", [b'{"k":"o","o":-1}', b'{"k":"o","o":"1"}', b'{"k":"o","o":true}'])
def test_bad_offsets_are_invalid_argument(payload: bytes) -> None:
    with pytest.raises(InvalidArgument):
        decode_offset(base64.urlsafe_b64encode(payload).decode())


def test_keyset_round_trip() -> None:
    values = [datetime(2026, 1, 2, tzinfo=UTC).isoformat(), str(uuid.uuid4())]
    assert decode_keyset(encode_keyset("k", values), "k", [keyset_time, keyset_id]) == values
    assert decode_keyset("", "k", [keyset_time, keyset_id]) is None


@pytest.mark.parametrize(
    "values",
    [
        ["x", str(uuid.uuid4())],  # not a time
        [datetime.now(UTC).isoformat(), "../etc"],  # not an id
        [None, str(uuid.uuid4())],
        [[1], str(uuid.uuid4())],
        [datetime.now(UTC).isoformat()],  # too short
    ],
)
def test_forged_keyset_values_never_reach_sql(values: list[object]) -> None:
    """Tokens come back from clients: a value of the wrong kind is a field error, not a database error."""
    with pytest.raises(InvalidArgument) as caught:
        decode_keyset(encode_keyset("k", values), "k", [keyset_time, keyset_id])
    assert caught.value.violations[0].field == "page.page_token"


def test_keyset_text_refuses_other_types() -> None:
    with pytest.raises(InvalidArgument):
        decode_keyset(encode_keyset("k", [5, str(uuid.uuid4())]), "k", [keyset_text, keyset_id])
    with pytest.raises(InvalidArgument):
        decode_keyset(encode_keyset("k", ["\x00", str(uuid.uuid4())]), "k", [keyset_text, keyset_id])
