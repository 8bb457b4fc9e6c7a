"""The gateway's HTTP behaviour in-process, in front of a scripted AuthService: mapping, errors, headers, CSRF."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from cen_gateway.sessions import COOKIE_NAME
from conftest import free_closed_port, plant_session
from flask import Flask
from flask.testing import FlaskClient

pytestmark = pytest.mark.integration  # sessions and rate limits live in the stack's Redis


@pytest.fixture
def api(scripted_app: Flask) -> FlaskClient:
    return scripted_app.test_client()


def assert_problem(resp, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert resp.status_code == status, resp.data
    assert resp.mimetype == "application/problem+json"
    body = resp.get_json(force=True)
    assert body["status"] == status
    assert body["type"].startswith("https://cen.wco/problems/")
    assert body["title"] and body["detail"]
    assert body["instance"] == resp.request.path
    assert body["request_id"] == resp.headers["X-Request-Id"]
    return dict(body)


def test_token_request_id_and_client_address_are_forwarded(api: FlaskClient) -> None:
    resp = api.get("/api/v1/me", headers={"Authorization": "Bearer abc.def", "X-Request-Id": "trace-42"})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["username"] == "Bearer abc.def"
    assert body["user_id"] == "trace-42" == resp.headers["X-Request-Id"]
    assert body["country"] == "127.0.0.1"
    # proto field names, enums by name, unset fields present
    assert body["tier"] == "TIER_READONLY"
    assert body["roles"] == [] and body["rilo"] == ""


def test_a_bad_request_id_is_replaced(api: FlaskClient) -> None:
    resp = api.get("/api/v1/me", headers={"X-Request-Id": "bad id; drop table"})
    assert resp.get_json()["user_id"] == resp.headers["X-Request-Id"]
    assert len(resp.headers["X-Request-Id"]) == 32


def test_query_reaches_the_service(api: FlaskClient) -> None:
    resp = api.get("/api/v1/users?search=van%20dijk&country=NL&page.page_size=5&page.page_token=t1")
    user = resp.get_json()["users"][0]
    assert (user["username"], user["country"], user["first_name"], user["last_name"]) == (
        "van dijk",
        "NL",
        "5",
        "t1",
    )


def test_body_and_path_reach_the_service(api: FlaskClient) -> None:
    resp = api.post(
        "/api/v1/access-requests/ar-1/decision",
        json={
            "id": "ignored",
            "decision": "DECISION_APPROVE",
            "granted_tier": "TIER_READONLY",
            "reason": "ok",
        },
    )
    body = resp.get_json()
    assert (body["id"], body["granted_tier"], body["rejection_reason"]) == ("ar-1", "TIER_READONLY", "ok")
    assert body["status"] == "ACCESS_REQUEST_STATUS_PENDING"  # DECISION_APPROVE = 1 echoed as a status number


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"first_name": 1}, "first_name"),
        ({"colour": "blue"}, "colour"),
        ({"requested_tier": "TIER_GOLD"}, "requested_tier"),
    ],
)
def test_400_names_the_field(api: FlaskClient, data: dict, field: str) -> None:
    body = assert_problem(api.post("/api/v1/access-requests", json=data), 400)
    assert body["type"].endswith("/validation")
    assert [e["field"] for e in body["errors"]] == [field]


def test_400_for_malformed_json(api: FlaskClient) -> None:
    resp = api.post("/api/v1/access-requests", data=b'{"first_name": ', content_type="application/json")
    assert "malformed JSON" in assert_problem(resp, 400)["detail"]


def test_400_from_the_service_keeps_its_field_violations(api: FlaskClient) -> None:
    body = assert_problem(api.get("/api/v1/access-requests/invalid"), 400)
    assert body["errors"] == [
        {"field": "id", "message": "must be a UUID"},
        {"field": "page.page_size", "message": "too big"},
    ]


@pytest.mark.parametrize(
    ("ident", "status", "slug"),
    [
        ("forbidden", 403, "forbidden"),
        ("missing", 404, "not-found"),
        ("exists", 409, "conflict"),
        ("precondition", 409, "conflict"),
    ],
)
def test_service_errors_map_to_statuses(api: FlaskClient, ident: str, status: int, slug: str) -> None:
    body = assert_problem(api.get(f"/api/v1/access-requests/{ident}"), status)
    assert body["type"].endswith("/" + slug)


def test_401_asks_for_a_bearer_token(api: FlaskClient) -> None:
    resp = api.get("/api/v1/access-requests/unauthenticated", headers={"Authorization": "Bearer x"})
    assert_problem(resp, 401)
    assert resp.headers["WWW-Authenticate"] == 'Bearer realm="cen", error="invalid_token"'


def test_429_carries_retry_after(api: FlaskClient) -> None:
    resp = api.get("/api/v1/access-requests/limited")
    assert_problem(resp, 429)
    assert resp.headers["Retry-After"] == "17"


def test_504_when_the_service_is_too_slow(api: FlaskClient) -> None:
    assert "did not answer in time" in assert_problem(api.get("/api/v1/access-requests/slow"), 504)["detail"]


def test_a_service_crash_is_a_500_without_details(api: FlaskClient) -> None:
    resp = api.get("/api/v1/access-requests/crash")
    body = assert_problem(resp, 500)
    assert "hunter2" not in resp.get_data(as_text=True)
    assert "errors" not in body


def test_503_when_the_service_is_down(make_app: Callable[..., Flask]) -> None:
    app = make_app(auth_addr=f"127.0.0.1:{free_closed_port()}", grpc_timeout_seconds=2)
    resp = app.test_client().get("/api/v1/me")
    body = assert_problem(resp, 503)
    assert body["detail"] == "the auth service is unavailable, try again shortly"
    assert "127.0.0.1" not in resp.get_data(as_text=True)
    ready = app.test_client().get("/readyz")
    assert_problem(ready, 503)
    assert ready.get_json()["services"] == {"auth": "UNAVAILABLE", "seizures": "SERVING", "cpdb": "SERVING"}


def test_readyz_and_healthz(api: FlaskClient) -> None:
    assert api.get("/healthz").status_code == 200
    ready = api.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json() == {
        "status": "ready",
        "services": {"auth": "SERVING", "seizures": "SERVING", "cpdb": "SERVING"},
    }


def test_404_and_405_are_problems_under_api(api: FlaskClient) -> None:
    assert_problem(api.get("/api/v1/no-such-thing"), 404)
    resp = api.delete("/api/v1/me")
    assert_problem(resp, 405)
    assert "GET" in resp.headers["Allow"]


def test_404_is_a_page_elsewhere(api: FlaskClient) -> None:
    resp = api.get("/no-such-page")
    assert resp.status_code == 404
    assert resp.mimetype == "text/html"
    assert "Page not found" in resp.get_data(as_text=True)


def test_413_over_the_body_limit(api: FlaskClient) -> None:
    resp = api.post("/api/v1/access-requests", json={"justification": "x" * 5000})
    assert "4096 bytes" in assert_problem(resp, 413)["detail"]


def test_415_for_non_json(api: FlaskClient) -> None:
    resp = api.post(
        "/api/v1/access-requests", data="first_name=x", content_type="application/x-www-form-urlencoded"
    )
    assert_problem(resp, 415)


def test_security_headers_on_every_kind_of_response(api: FlaskClient) -> None:
    for resp in (
        api.get("/"),
        api.get("/api/v1/me"),
        api.get("/api/v1/nope"),
        api.get("/static/css/app.css"),
    ):
        csp = resp.headers["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp and "form-action 'self' http://127.0.0.1:8180" in csp
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["X-Frame-Options"] == "DENY"
        assert resp.headers["Referrer-Policy"] == "no-referrer"
        assert "camera=()" in resp.headers["Permissions-Policy"]
        assert "Strict-Transport-Security" not in resp.headers  # cookie_secure is off in this app
        resp.close()


def test_hsts_and_secure_cookie_when_secure(make_app: Callable[..., Flask], scripted_auth: str) -> None:
    client = make_app(auth_addr=scripted_auth, cookie_secure=True).test_client()
    resp = client.get("/access-request")
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = resp.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in cookie


def test_cookie_flags_without_secure(api: FlaskClient) -> None:
    cookie = api.get("/access-request").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_pages_without_a_session_set_no_cookie(api: FlaskClient) -> None:
    assert "Set-Cookie" not in api.get("/").headers
    assert "Set-Cookie" not in api.get("/api/v1/me").headers


def test_form_posts_need_the_csrf_token(api: FlaskClient) -> None:
    assert api.post("/auth/logout").status_code == 403
    api.get("/access-request")  # gets a session with a token
    assert api.post("/access-request", data={"first_name": "A"}).status_code == 403
    assert api.post("/access-request", data={"csrf_token": "wrong"}).status_code == 403


def test_cookie_authenticated_api_calls_need_the_csrf_header(scripted_app: Flask) -> None:
    client = scripted_app.test_client()
    csrf = plant_session(scripted_app, client, "session-token", "readonly")
    assert client.get("/api/v1/me").get_json()["username"] == "Bearer session-token"
    url = "/api/v1/access-requests/ar-9/decision"
    body = {"decision": "DECISION_REJECT", "reason": "r"}
    assert_problem(client.post(url, json=body), 403)
    assert_problem(client.post(url, json=body, headers={"X-CSRF-Token": "nope"}), 403)
    assert client.post(url, json=body, headers={"X-CSRF-Token": csrf}).status_code == 200
    # a bearer token needs no CSRF token, even with a session cookie present
    assert client.post(url, json=body, headers={"Authorization": "Bearer other"}).status_code == 200


def test_logout_ends_the_session(scripted_app: Flask, redis_client) -> None:  # type: ignore[no-untyped-def]
    client = scripted_app.test_client()
    csrf = plant_session(scripted_app, client, "session-token", "readonly")
    sid = client.get_cookie(COOKIE_NAME).value
    key = scripted_app.session_interface.key_for(sid)  # type: ignore[attr-defined]
    assert redis_client.exists(key)
    resp = client.post("/auth/logout", data={"csrf_token": csrf})
    assert resp.status_code == 303
    assert not redis_client.exists(key)
    assert client.get_cookie(COOKIE_NAME) is None


def test_anonymous_rate_limit(make_app: Callable[..., Flask], scripted_auth: str) -> None:
    client = make_app(auth_addr=scripted_auth, anonymous_rate_limit_per_minute=3).test_client()
    statuses = [client.get("/api/v1/me").status_code for _ in range(4)]
    assert statuses[:3] == [200, 200, 200]
    resp = client.get("/api/v1/me")
    assert_problem(resp, 429)
    assert 1 <= int(resp.headers["Retry-After"]) <= 60
    # callers with credentials are not limited here (the services limit what they must)
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer t"}).status_code == 200


def test_openapi_is_served_and_every_path_is_routed(api: FlaskClient, scripted_app: Flask) -> None:
    resp = api.get("/api/v1/openapi.json")
    assert resp.status_code == 200
    document = json.loads(resp.data)
    adapter = scripted_app.url_map.bind("localhost")
    checked = 0
    for path, operations in document["paths"].items():
        concrete = path.replace("{", "").replace("}", "")
        for verb in operations:
            if verb in ("get", "post", "put", "patch", "delete"):
                endpoint, _ = adapter.match(concrete, method=verb.upper())
                assert endpoint.startswith("rest:"), (verb, path)
                checked += 1
    assert checked >= 9


def test_docs_page_uses_only_local_files(api: FlaskClient) -> None:
    html = api.get("/api/v1/docs").get_data(as_text=True)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "<script>" not in html and "http" not in html.split("<body>")[1]
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/js/docs.js"):
        with api.get(asset) as resp:
            assert resp.status_code == 200


def test_metrics_count_requests_by_route(api: FlaskClient) -> None:
    api.get("/api/v1/me")
    text = api.get("/metrics").get_data(as_text=True)
    assert 'cen_http_requests_total{method="GET",route="/api/v1/me",status="200"}' in text
    assert "cen_http_request_duration_seconds_bucket" in text


def test_language_switch_and_accept_language(api: FlaskClient) -> None:
    assert "Se connecter" in api.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(
        as_text=True
    )
    resp = api.get("/lang/es?next=/")
    assert resp.status_code == 303 and resp.headers["Location"] == "/"
    assert "Iniciar sesión" in api.get("/").get_data(as_text=True)
    assert api.get("/lang/en?next=https://evil.example/").headers["Location"] == "/"
    assert "Log in" in api.get("/").get_data(as_text=True)


def test_access_request_form_shows_field_errors_and_sends(api: FlaskClient) -> None:
    page = api.get("/access-request").get_data(as_text=True)
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {
        "csrf_token": csrf,
        "first_name": "Ana",
        "email": "ana@customs.example",
        "requested_tier": "TIER_READONLY",
        "justification": "Analyst",
    }
    resp = api.post("/access-request", data=form, headers={"HX-Request": "true"})
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "Request sent" in html and "echo" in html
    assert 'hx-post="/access-request"' not in html
