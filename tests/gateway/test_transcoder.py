"""Unit tests of the transcoder: rules from the annotations, request building from path, query and body."""

from __future__ import annotations

import pytest
from cen.auth.v1 import auth_pb2
from cen_core.errors import InvalidArgument
from cen_gateway.transcoder import SERVED_MODULES, RestMethod, build_request, discover, parse_json_body
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import UnsupportedMediaType

METHODS = {m.full_method.rsplit("/", 1)[1]: m for m in discover(SERVED_MODULES)}


def violations(exc: pytest.ExceptionInfo[InvalidArgument]) -> dict[str, str]:
    return {v.field: v.description for v in exc.value.violations}


def test_every_annotated_auth_rpc_becomes_a_route() -> None:
    routes = {(m.http_method, m.template) for m in METHODS.values() if m.module == "auth"}
    assert routes == {
        ("GET", "/api/v1/me"),
        ("POST", "/api/v1/access-requests"),
        ("GET", "/api/v1/access-requests"),
        ("GET", "/api/v1/access-requests/{id}"),
        ("POST", "/api/v1/access-requests/{id}/decision"),
        ("GET", "/api/v1/users"),
        ("POST", "/api/v1/users/{user_id}/tier"),
        ("POST", "/api/v1/users/{user_id}/disable"),
        ("GET", "/api/v1/audit-events"),
    }


def test_path_variables_become_flask_variables() -> None:
    decide = METHODS["DecideAccessRequest"]
    assert decide.rule == "/api/v1/access-requests/<p0>/decision"
    assert dict(decide.path_fields) == {"p0": "id"}
    assert decide.body == "*"
    assert decide.full_method == "/cen.auth.v1.AuthService/DecideAccessRequest"
    assert decide.input_class.DESCRIPTOR.full_name == "cen.auth.v1.DecideAccessRequestRequest"


def test_body_path_and_enum_by_name_merge_with_the_path_winning() -> None:
    msg = build_request(
        METHODS["DecideAccessRequest"],
        {"p0": "from-path"},
        MultiDict(),
        {"id": "from-body", "decision": "DECISION_REJECT", "reason": "no", "grantedTier": "TIER_LIMITED"},
    )
    assert msg.id == "from-path"
    assert msg.decision == auth_pb2.DECISION_REJECT
    assert msg.reason == "no"
    assert msg.granted_tier == auth_pb2.TIER_LIMITED  # lowerCamel JSON names are accepted too


def test_query_scalars_enums_and_nested_fields() -> None:
    query = MultiDict(
        [("status", "ACCESS_REQUEST_STATUS_PENDING"), ("country", "NL"), ("page.page_size", "20")]
    )
    msg = build_request(METHODS["ListAccessRequests"], {}, query, {})
    assert msg.status == auth_pb2.ACCESS_REQUEST_STATUS_PENDING
    assert msg.country == "NL"
    assert msg.page.page_size == 20


def test_enum_by_number_in_the_query() -> None:
    msg = build_request(METHODS["ListAccessRequests"], {}, MultiDict([("status", "2")]), {})
    assert msg.status == auth_pb2.ACCESS_REQUEST_STATUS_APPROVED


def test_query_errors_name_each_parameter() -> None:
    query = MultiDict(
        [
            ("status", "OPEN"),
            ("page.page_size", "ten"),
            ("colour", "red"),
            ("country", "NL"),
            ("country", "BE"),
        ]
    )
    with pytest.raises(InvalidArgument) as exc:
        build_request(METHODS["ListAccessRequests"], {}, query, {})
    errors = violations(exc)
    assert errors["status"].startswith("must be one of")
    assert errors["page.page_size"] == "must be an integer"
    assert errors["colour"] == "unknown query parameter"
    assert errors["country"] == "given more than once"


def test_a_whole_message_cannot_come_from_the_query() -> None:
    with pytest.raises(InvalidArgument) as exc:
        build_request(METHODS["ListUsers"], {}, MultiDict([("page", "1")]), {})
    assert violations(exc) == {"page": "cannot be set from the query string"}


def test_integer_range_is_checked() -> None:
    with pytest.raises(InvalidArgument) as exc:
        build_request(METHODS["ListUsers"], {}, MultiDict([("page.page_size", str(2**31))]), {})
    assert violations(exc)["page.page_size"].startswith("must be between")


def test_body_unknown_and_mistyped_fields() -> None:
    body = {"first_name": 42, "nickname": "x", "requested_tier": "TIER_GOLD", "email": ["a@b.c"]}
    with pytest.raises(InvalidArgument) as exc:
        build_request(METHODS["SubmitAccessRequest"], {}, MultiDict(), body)
    assert violations(exc) == {
        "first_name": "must be a string",
        "nickname": "unknown field",
        "requested_tier": "must be one of TIER_UNSPECIFIED, TIER_LIMITED, TIER_READONLY, TIER_UNLIMITED",
        "email": "must be a string",
    }


def test_nested_body_fields_are_checked_with_their_path() -> None:
    method = RestMethod(**{**METHODS["ListUsers"].__dict__, "body": "*"})
    with pytest.raises(InvalidArgument) as exc:
        build_request(method, {}, MultiDict(), {"page": {"page_size": True, "size": 1}, "search": None})
    assert violations(exc) == {"page.page_size": "must be an integer", "page.size": "unknown field"}


def test_the_same_field_twice_under_two_names_is_refused() -> None:
    with pytest.raises(InvalidArgument) as exc:
        build_request(METHODS["SubmitAccessRequest"], {}, MultiDict(), {"first_name": "a", "firstName": "b"})
    assert "first_name" in violations(exc)


def test_json_null_means_default() -> None:
    msg = build_request(
        METHODS["SubmitAccessRequest"], {}, MultiDict(), {"first_name": None, "email": "a@b.c"}
    )
    assert msg.first_name == "" and msg.email == "a@b.c"


def test_fields_of_other_messages_are_unknown() -> None:
    with pytest.raises(InvalidArgument) as exc:
        build_request(METHODS["SubmitAccessRequest"], {}, MultiDict(), {"page": 1})
    assert violations(exc) == {"page": "unknown field"}


@pytest.mark.parametrize(
    ("raw", "mimetype", "detail"),
    [
        (b"{", "application/json", "malformed JSON"),
        (b"[1, 2]", "application/json", "must be a JSON object"),
        (b'"text"', "application/json", "must be a JSON object"),
        (b"\xff\xfe{", "application/json", "malformed JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", "malformed JSON"),
    ],
)
def test_bad_bodies(raw: bytes, mimetype: str, detail: str) -> None:
    with pytest.raises(InvalidArgument) as exc:
        parse_json_body(raw, mimetype)
    assert detail in exc.value.public_message


def test_non_json_body_is_415_but_an_empty_body_is_an_empty_object() -> None:
    with pytest.raises(UnsupportedMediaType):
        parse_json_body(b"first_name=x", "application/x-www-form-urlencoded")
    assert parse_json_body(b"", "") == {}
    assert parse_json_body(b'{"a": 1}', "application/merge-patch+json") == {"a": 1}
