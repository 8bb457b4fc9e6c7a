"""The CPDb's REST routes: the transcoded ones, and the picture upload and similar-to-upload written by hand.

In-process gateways (tests/gateway/conftest.py) talk to the stack's cpdb and seizures services, Redis and
Keycloak, so the limits can be set small; the last tests go through the gunicorn gateway on 127.0.0.1:8080.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import random
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from cen_gateway.cpdb.files import form_field
from conftest import plant_session
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image, ImageDraw

from tests.gateway.conftest import assert_problem, bearer, field_errors

pytestmark = pytest.mark.integration

GATEWAY = os.environ.get("CEN_PUBLIC_URL", "http://127.0.0.1:8080").rstrip("/")
PICTURES = "/api/v1/cpdb/pictures"
SIMILAR = "/api/v1/cpdb/similar"
MULTIPART = "multipart/form-data; boundary=BOUNDARY"
# Processing runs in the cpdb worker: a few seconds normally, longer while it restarts or catches up.
PROCESSING_TIMEOUT = 180


def picture_file(seed: int | None = None, size: tuple[int, int] = (640, 480)) -> bytes:
    """A JPEG that no other test drew: rectangles on a gradient (distinct perceptual hashes per seed)."""
    rng = random.Random(seed if seed is not None else uuid.uuid4().int)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    width, height = size
    for _ in range(14):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(30, width // 2), rng.randrange(30, height // 2)
        draw.rectangle([x, y, x + w, y + h], fill=tuple(rng.randrange(256) for _ in range(3)))  # type: ignore[arg-type]
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def details(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": "PICTURE_KIND_PHOTO",
        "title": f"Gateway route test {uuid.uuid4().hex[:8]}",
        "description": "Cocaine bricks under a glued false bottom, found by x-ray at arrival.",
        "heading": "drugs",
        "commodity_type": "cocaine",
        "concealment_method": "luggage_false_bottom",
        "transport_mode": "air",
        "tags": ["gateway test", "suitcase"],
    }
    values.update(overrides)
    return values


def multipart(
    fields: list[tuple[str, str]], file: tuple[str, bytes] | None, *, file_first: bool = False
) -> bytes:
    """A multipart body with the parts in the order given (the test client would reorder them)."""
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}'.encode())
    if file is not None:
        filename, data = file
        head = f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'
        part = head.encode() + data
        parts.insert(0, part) if file_first else parts.append(part)
    body = b"".join(b"--BOUNDARY\r\n" + p + b"\r\n" for p in parts)
    return body + b"--BOUNDARY--\r\n"


def upload_body(data: bytes | None = None, **overrides: Any) -> bytes:
    return multipart([("details", json.dumps(details(**overrides)))], ("picture.jpg", data or picture_file()))


def wait_processed(get: Callable[[str], dict[str, Any]], location: str) -> dict[str, Any]:
    """The picture once the worker has decided (ready or rejected)."""
    deadline = time.monotonic() + PROCESSING_TIMEOUT
    while True:
        picture = get(location)
        if picture["status"] != "PICTURE_STATUS_PENDING" or time.monotonic() > deadline:
            return picture
        time.sleep(0.3)


@pytest.fixture(scope="module")
def uploader(token_for: Callable[[str], str]) -> dict[str, str]:
    return bearer(token_for("ncp-nl"))


@pytest.fixture(scope="module")
def ready_picture(real_app: Flask, token_for: Callable[[str], str]) -> dict[str, Any]:
    """A picture uploaded by ncp-nl through the in-process gateway, once ready."""
    client = real_app.test_client()
    headers = bearer(token_for("ncp-nl"))
    resp = client.post(PICTURES, data=upload_body(), content_type=MULTIPART, headers=headers)
    assert resp.status_code == 202, resp.get_data(as_text=True)
    picture = wait_processed(
        lambda url: dict(client.get(url, headers=bearer(token_for("ncp-nl"))).get_json()),
        resp.headers["Location"],
    )
    assert picture["status"] == "PICTURE_STATUS_READY", picture
    return picture


# ---- field paths (pure) ----------------------------------------------------------------------------------------


def test_service_field_paths_become_form_field_names() -> None:
    assert form_field("details.picture.title") == "details.title"
    assert form_field("details.picture.tags[2]") == "details.tags[2]"
    assert form_field("details.picture.case_id") == "details.case_id"
    assert form_field("chunk") == "file"
    assert form_field("options.limit") == "limit"
    assert form_field("details") == "details"


# ---- upload ------------------------------------------------------------------------------------------------


def test_upload_is_streamed_and_the_picture_becomes_ready(
    make_app: Callable[..., Flask], uploader: dict[str, str]
) -> None:
    # the general body limit is far below the picture: the route has its own
    client = make_app(max_body_bytes=4096).test_client()
    data = picture_file(size=(1600, 1200))
    assert len(data) > 4096
    title = f"Streamed upload {uuid.uuid4().hex[:8]}"
    resp = client.post(
        PICTURES, data=upload_body(data, title=title), content_type=MULTIPART, headers=uploader
    )
    assert resp.status_code == 202, resp.get_data(as_text=True)
    pending = resp.get_json()
    assert resp.headers["Location"] == f"{PICTURES}/{pending['id']}"
    assert pending["status"] == "PICTURE_STATUS_PENDING"
    assert (pending["title"], pending["uploaded_by"], pending["country"]) == (title, "ncp-nl", "NL")
    assert int(pending["size_bytes"]) == len(data)

    picture = wait_processed(
        lambda url: client.get(url, headers=uploader).get_json(), resp.headers["Location"]
    )
    assert picture["status"] == "PICTURE_STATUS_READY", picture
    assert (picture["width"], picture["height"], picture["media_type"]) == (1600, 1200, "image/jpeg")
    for link in ("thumbnail_url", "preview_url", "original_url"):
        assert picture["links"][link].startswith("http://127.0.0.1:8333/"), picture["links"]
    # the picture is found by its title, and it is its own nearest neighbour
    found = client.post(
        f"{PICTURES}/search", json={"filter": {"text": title, "mine": True}}, headers=uploader
    ).get_json()
    assert [p["id"] for p in found["pictures"]] == [picture["id"]]
    nearest = client.post(
        SIMILAR + "?limit=3",
        data=multipart([], ("again.jpg", data)),
        content_type=MULTIPART,
        headers=uploader,
    )
    assert nearest.status_code == 200, nearest.get_data(as_text=True)
    matches = nearest.get_json()["matches"]
    assert matches[0]["distance"] == 0
    assert picture["id"] in [m["picture"]["id"] for m in matches if m["distance"] == 0]


@pytest.mark.parametrize(
    ("user", "status"),
    [(None, 401), ("limited", 403), ("readonly", 403), ("unlimited", 202), ("wco-admin", 202)],
)
def test_upload_tier_matrix(
    client: FlaskClient, token_for: Callable[[str], str], user: str | None, status: int
) -> None:
    headers = bearer(token_for(user)) if user else {}
    resp = client.post(PICTURES, data=upload_body(), content_type=MULTIPART, headers=headers)
    if status == 202:
        assert resp.status_code == 202, resp.get_data(as_text=True)
        assert resp.get_json()["uploaded_by"] == user
        return
    assert_problem(resp, status)
    if status == 401:
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("fields", "file", "file_first", "errors"),
    [
        ([("details", "{not json")], ("a.jpg", b"x"), False, {"details"}),
        ([("details", "[1, 2]")], ("a.jpg", b"x"), False, {"details"}),
        ([("details", json.dumps(details(colour="red")))], ("a.jpg", b"x"), False, {"details.colour"}),
        (
            [("details", json.dumps(details(kind="PICTURE_KIND_DRAWING")))],
            ("a.jpg", b"x"),
            False,
            {"details.kind"},
        ),
        ([("details", json.dumps(details(tags="suitcase")))], ("a.jpg", b"x"), False, {"details.tags"}),
        ([], ("a.jpg", b"x"), False, {"details"}),
        ([("details", "")], ("a.jpg", b"x"), False, {"details"}),
        ([("details", json.dumps(details()))], None, False, {"file"}),
        ([("details", json.dumps(details()))], ("a.jpg", b""), False, {"file"}),
        ([("details", json.dumps(details())), ("colour", "red")], ("a.jpg", b"x"), False, {"colour"}),
        # the details cannot follow a file already on its way to the service
        ([("details", json.dumps(details()))], ("a.jpg", b"x"), True, {"details"}),
    ],
)
def test_upload_refused_by_the_gateway(
    client: FlaskClient,
    uploader: dict[str, str],
    fields: list[tuple[str, str]],
    file: tuple[str, bytes] | None,
    file_first: bool,
    errors: set[str],
) -> None:
    body = multipart(fields, file, file_first=file_first)
    problem = assert_problem(client.post(PICTURES, data=body, content_type=MULTIPART, headers=uploader), 400)
    assert set(field_errors(problem)) == errors, problem


def test_upload_refused_by_the_service_names_the_form_fields(
    client: FlaskClient, uploader: dict[str, str]
) -> None:
    body = upload_body(title="ab", heading="sweets", tags=["ok", "no/slash"])
    problem = assert_problem(client.post(PICTURES, data=body, content_type=MULTIPART, headers=uploader), 400)
    errors = field_errors(problem)
    assert {"details.title", "details.heading", "details.tags[1]"} <= set(errors), problem
    assert "details.picture" not in problem["detail"]
    # a case link is checked with the seizures service, as the uploader
    body = upload_body(case_id=str(uuid.uuid4()))
    problem = assert_problem(client.post(PICTURES, data=body, content_type=MULTIPART, headers=uploader), 400)
    assert set(field_errors(problem)) == {"details.case_id"}, problem
    # not a picture at all: accepted for processing, then rejected with a reason
    resp = client.post(
        PICTURES, data=upload_body(b"%PDF-1.7 not a picture" * 50), content_type=MULTIPART, headers=uploader
    )
    assert resp.status_code == 202, resp.get_data(as_text=True)
    rejected = wait_processed(
        lambda url: client.get(url, headers=uploader).get_json(), resp.headers["Location"]
    )
    assert rejected["status"] == "PICTURE_STATUS_REJECTED" and rejected["status_reason"], rejected


def test_upload_needs_multipart(client: FlaskClient, uploader: dict[str, str]) -> None:
    assert (
        "multipart/form-data"
        in assert_problem(client.post(PICTURES, json=details(), headers=uploader), 415)["detail"]
    )
    truncated = upload_body()[:-200]
    assert_problem(client.post(PICTURES, data=truncated, content_type=MULTIPART, headers=uploader), 400)
    assert_problem(
        client.post(PICTURES, data=b"x", content_type="multipart/form-data", headers=uploader), 400
    )


def test_upload_over_the_picture_limit_is_413(
    make_app: Callable[..., Flask], uploader: dict[str, str]
) -> None:
    client = make_app(max_picture_bytes=64 * 1024).test_client()
    # declared too large (over the limit and the room for the form): refused before reading
    big = upload_body(os.urandom(300 * 1024))
    problem = assert_problem(client.post(PICTURES, data=big, content_type=MULTIPART, headers=uploader), 413)
    assert "65536 bytes" in problem["detail"]
    # within the declared room, but the file itself is over: counted while streaming
    body = upload_body(os.urandom(100 * 1024))
    problem = assert_problem(client.post(PICTURES, data=body, content_type=MULTIPART, headers=uploader), 413)
    assert set(field_errors(problem)) == {"file"}
    # no Content-Length (chunked): counted while streaming, the service's call cancelled
    resp = client.post(
        PICTURES,
        input_stream=io.BytesIO(big),
        content_type=MULTIPART,
        headers=uploader,
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert_problem(resp, 413)
    # the similar-picture search has the same limit
    similar = multipart([], ("big.jpg", os.urandom(100 * 1024)))
    assert_problem(client.post(SIMILAR, data=similar, content_type=MULTIPART, headers=uploader), 413)


def test_cookie_uploads_need_the_csrf_header(real_app: Flask, token_for: Callable[[str], str]) -> None:
    client = real_app.test_client()
    csrf = plant_session(real_app, client, token_for("unlimited"), "unlimited")
    body = upload_body()
    assert_problem(client.post(PICTURES, data=body, content_type=MULTIPART), 403)
    resp = client.post(PICTURES, data=body, content_type=MULTIPART, headers={"X-CSRF-Token": csrf})
    assert resp.status_code == 202, resp.get_data(as_text=True)
    assert resp.get_json()["uploaded_by"] == "unlimited"


# ---- similar to an uploaded picture ------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "status"), [(None, 401), ("limited", 200), ("readonly", 200)])
def test_similar_to_upload_tiers(
    client: FlaskClient, token_for: Callable[[str], str], user: str | None, status: int
) -> None:
    headers = bearer(token_for(user)) if user else {}
    body = multipart([("limit", "2")], ("look.jpg", picture_file(seed=7)))
    resp = client.post(SIMILAR, data=body, content_type=MULTIPART, headers=headers)
    if status != 200:
        assert_problem(resp, status)
        return
    assert resp.status_code == 200, resp.get_data(as_text=True)
    matches = resp.get_json()["matches"]
    assert len(matches) <= 2
    if user == "limited":
        assert all(
            m["picture"]["case_id"] == "" and m["picture"]["links"]["original_url"] == "" for m in matches
        )


@pytest.mark.parametrize(
    ("query", "fields", "file", "errors"),
    [
        ("?limit=lots", [], ("a.jpg", b"x"), {"limit"}),
        ("?colour=red", [], ("a.jpg", b"x"), {"colour"}),
        ("?limit=2", [("limit", "3")], ("a.jpg", b"x"), {"limit"}),
        ("", [("max_distance", "-1")], ("a.jpg", b"x"), {"max_distance"}),
        ("", [("limit", "99")], ("a.jpg", b"x"), {"limit"}),  # refused by the service: 1-50
        ("", [], None, {"file"}),
        ("", [], ("a.jpg", b"not a picture"), {"file"}),  # the service cannot read it
    ],
)
def test_similar_to_upload_validation(
    client: FlaskClient,
    uploader: dict[str, str],
    query: str,
    fields: list[tuple[str, str]],
    file: tuple[str, bytes] | None,
    errors: set[str],
) -> None:
    resp = client.post(
        SIMILAR + query, data=multipart(fields, file), content_type=MULTIPART, headers=uploader
    )
    assert set(field_errors(assert_problem(resp, 400))) == errors


# ---- the transcoded routes ----------------------------------------------------------------------------------


def test_reference_and_search_for_every_tier(client: FlaskClient, token_for: Callable[[str], str]) -> None:
    for user in ("limited", "readonly", "unlimited"):
        headers = bearer(token_for(user))
        reference = client.get("/api/v1/cpdb/reference", headers=headers)
        assert reference.status_code == 200, reference.get_data(as_text=True)
        body = reference.get_json()
        assert {h["code"] for h in body["headings"]} >= {"drugs"}
        assert all(c["parent"] for c in body["commodity_types"])
        found = client.post(
            f"{PICTURES}/search",
            json={"filter": {"headings": ["drugs"]}, "sort": "PICTURE_SORT_TITLE", "page": {"page_size": 5}},
            headers=headers,
        )
        assert found.status_code == 200, found.get_data(as_text=True)
        pictures = found.get_json()["pictures"]
        assert pictures and all(p["heading"] == "drugs" for p in pictures)
    assert_problem(client.get("/api/v1/cpdb/reference"), 401)
    bad = client.post(
        f"{PICTURES}/search", json={"filter": {"colour": "red"}}, headers=bearer(token_for("limited"))
    )
    assert set(field_errors(assert_problem(bad, 400))) == {"filter.colour"}


def test_a_picture_its_neighbours_and_what_each_tier_sees(
    client: FlaskClient, token_for: Callable[[str], str], ready_picture: dict[str, Any]
) -> None:
    url = f"{PICTURES}/{ready_picture['id']}"
    limited = client.get(url, headers=bearer(token_for("limited"))).get_json()
    readonly = client.get(url, headers=bearer(token_for("readonly"))).get_json()
    assert limited["links"]["thumbnail_url"] and limited["links"]["original_url"] == ""
    assert readonly["links"]["original_url"]
    similar = client.get(f"{url}/similar?limit=3", headers=bearer(token_for("limited")))
    assert similar.status_code == 200, similar.get_data(as_text=True)
    assert ready_picture["id"] not in [m["picture"]["id"] for m in similar.get_json()["matches"]]
    assert_problem(client.get(f"{PICTURES}/{uuid.uuid4()}", headers=bearer(token_for("readonly"))), 404)


def test_withdrawal_by_the_uploaders_ncp_only(
    client: FlaskClient, token_for: Callable[[str], str], uploader: dict[str, str]
) -> None:
    resp = client.post(PICTURES, data=upload_body(), content_type=MULTIPART, headers=uploader)
    assert resp.status_code == 202, resp.get_data(as_text=True)
    url = resp.headers["Location"]
    for user, status in (("readonly", 403), ("unlimited", 403), ("ncp-br", 403)):
        refused = client.post(f"{url}/withdraw", json={"reason": "not ours"}, headers=bearer(token_for(user)))
        assert refused.status_code in (status, 404), refused.get_data(as_text=True)
    short = client.post(f"{url}/withdraw", json={"reason": "x"}, headers=uploader)
    assert set(field_errors(assert_problem(short, 400))) == {"reason"}
    done = client.post(f"{url}/withdraw", json={"reason": "uploaded by mistake"}, headers=uploader)
    assert done.status_code == 200, done.get_data(as_text=True)
    assert done.get_json()["status"] == "PICTURE_STATUS_WITHDRAWN"
    assert done.get_json()["status_reason"] == "uploaded by mistake"


# ---- CSP and OpenAPI -----------------------------------------------------------------------------------------


def test_images_may_come_from_the_object_store(client: FlaskClient, make_app: Callable[..., Flask]) -> None:
    csp = client.get("/healthz").headers["Content-Security-Policy"]
    img_src = next(d for d in csp.split("; ") if d.startswith("img-src "))
    assert img_src == "img-src 'self' data: blob: http://127.0.0.1:8333"
    assert "script-src 'self';" in csp  # still no inline script
    other = make_app(s3_public_url="https://pictures.cen.example/store/").test_client()
    assert (
        "img-src 'self' data: blob: https://pictures.cen.example;"
        in other.get("/healthz").headers["Content-Security-Policy"]
    )


def test_openapi_describes_the_picture_routes(client: FlaskClient, real_app: Flask) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    paths = document["paths"]
    upload = paths[PICTURES]["post"]
    form = upload["requestBody"]["content"]["multipart/form-data"]
    assert form["schema"]["required"] == ["details", "file"]
    assert (
        form["schema"]["properties"]["details"]["$ref"] == "#/components/schemas/cen.cpdb.v1.PictureDetails"
    )
    assert {"202", "400", "401", "403", "413"} <= set(upload["responses"])
    assert {"200", "413"} <= set(paths[SIMILAR]["post"]["responses"])
    for path, verb in (
        ("/api/v1/cpdb/reference", "get"),
        (f"{PICTURES}/{{id}}", "get"),
        (f"{PICTURES}/search", "post"),
        (f"{PICTURES}/{{id}}/similar", "get"),
        (f"{PICTURES}/{{id}}/withdraw", "post"),
    ):
        assert verb in paths[path], path
    adapter = real_app.url_map.bind("localhost")
    for path in (PICTURES, SIMILAR):
        endpoint, _ = adapter.match(path, method="POST")
        assert endpoint.startswith("rest:POST:/cen.cpdb.v1.PictureService/")


# ---- through gunicorn ------------------------------------------------------------------------------------------


def test_running_gateway_uploads_a_picture_that_becomes_ready(token_for: Callable[[str], str]) -> None:
    headers = bearer(token_for("unlimited"))
    data = picture_file(size=(2400, 1800))
    title = f"Running gateway upload {uuid.uuid4().hex[:8]}"
    resp = requests.post(
        f"{GATEWAY}{PICTURES}",
        files=[
            (
                "details",
                (None, json.dumps(details(title=title, kind="PICTURE_KIND_XRAY")), "application/json"),
            ),
            ("file", ("running.jpg", data, "image/jpeg")),
        ],
        headers=headers,
        timeout=60,
    )
    assert resp.status_code == 202, resp.text
    assert resp.json()["title"] == title
    picture = wait_processed(
        lambda url: requests.get(
            f"{GATEWAY}{url}", headers=bearer(token_for("unlimited")), timeout=20
        ).json(),
        resp.headers["Location"],
    )
    assert picture["status"] == "PICTURE_STATUS_READY", picture
    assert picture["kind"] == "PICTURE_KIND_XRAY"
    thumbnail = requests.get(picture["links"]["thumbnail_url"], timeout=20)
    assert thumbnail.status_code == 200 and thumbnail.headers["Content-Type"].startswith("image/")


def test_running_gateway_takes_pictures_over_the_general_body_limit(token_for: Callable[[str], str]) -> None:
    # 12 MiB, over the local CEN_MAX_BODY_BYTES (10 MiB); not a picture, so the worker refuses it cheaply
    data = b"not a picture " + os.urandom(12 * 1024 * 1024)
    resp = requests.post(
        f"{GATEWAY}{PICTURES}",
        files=[("details", (None, json.dumps(details()))), ("file", ("big.bin", data, "image/jpeg"))],
        headers=bearer(token_for("unlimited")),
        timeout=120,
    )
    assert resp.status_code == 202, resp.text
    assert int(resp.json()["size_bytes"]) == len(data)
    picture = wait_processed(
        lambda url: requests.get(
            f"{GATEWAY}{url}", headers=bearer(token_for("unlimited")), timeout=20
        ).json(),
        resp.headers["Location"],
    )
    assert picture["status"] == "PICTURE_STATUS_REJECTED", picture


def test_running_gateway_refuses_a_declared_oversize_picture_at_once(token_for: Callable[[str], str]) -> None:
    parts = urlsplit(GATEWAY)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=20)
    try:
        connection.putrequest("POST", PICTURES)
        connection.putheader("Authorization", f"Bearer {token_for('unlimited')}")
        connection.putheader("Content-Type", MULTIPART)
        connection.putheader("Content-Length", str(60 * 1024 * 1024))  # over the default 40 MiB
        connection.endheaders()
        started = time.monotonic()
        resp = connection.getresponse()
        body = json.loads(resp.read())
    finally:
        connection.close()
    assert resp.status == 413 and body["status"] == 413
    assert resp.getheader("Content-Type") == "application/problem+json"
    assert time.monotonic() - started < 10  # answered without waiting for the body
