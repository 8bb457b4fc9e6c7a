"""The seizures routes the gateway writes by hand (import upload, templates, export), against the running stack.

In-process gateways (tests/gateway/conftest.py) talk to the stack's seizures service, Redis and Keycloak, so
the limits can be set small; the last tests go through the gunicorn gateway on 127.0.0.1:8080.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from cen_gateway.seizures.uploads import UploadRefused, import_metadata
from conftest import plant_session
from flask import Flask
from flask.testing import FlaskClient

from tests.gateway.conftest import assert_problem, bearer, field_errors

pytestmark = pytest.mark.integration

GATEWAY = os.environ.get("CEN_PUBLIC_URL", "http://127.0.0.1:8080").rstrip("/")
IMPORTS = "/api/v1/seizures/imports"
EXPORT = "/api/v1/seizures/export"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_BODY = b"not,a,real,import\n1,2,3,4\n"
# A few days of one country: exports stay small however much demo data the stack holds.
FEW = "filter.date_from=2025-06-01&filter.date_to=2025-06-07&filter.countries=NL"


def multipart(
    fields: list[tuple[str, str]], file: tuple[str, bytes] | None, *, file_first: bool = False
) -> bytes:
    """A multipart body with the parts in the order given (the test client would reorder them)."""
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}'.encode())
    if file is not None:
        filename, data = file
        head = f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
        part = head.encode() + data
        parts.insert(0, part) if file_first else parts.append(part)
    body = b"".join(b"--BOUNDARY\r\n" + p + b"\r\n" for p in parts)
    return body + b"--BOUNDARY--\r\n"


MULTIPART = "multipart/form-data; boundary=BOUNDARY"


@pytest.fixture(scope="module")
def ncp(token_for: Callable[[str], str]) -> dict[str, str]:
    return bearer(token_for("ncp-nl"))


# ---- import options (pure) -----------------------------------------------------------------------------


def test_import_options_default_the_format_from_the_name_or_media_type() -> None:
    assert import_metadata({"layout": "long"}, "c:\\exports\\march.XLSX").format == 2
    assert import_metadata({"layout": "long"}, "march.xlsx").filename == "march.xlsx"
    assert import_metadata({"layout": "simplified"}, "data", "csv").format == 1
    assert import_metadata({"layout": "SEIZURE_FORM_LONG", "format": "csv"}, "x.xlsx").format == 1
    assert import_metadata({"layout": "long", "submit": "on"}, "x.csv").submit is True
    with pytest.raises(UploadRefused) as refused:
        import_metadata({"layout": "wide", "format": "pdf", "submit": "maybe"}, "x")
    assert {v.field for v in refused.value.violations} == {"layout", "format", "submit"}


# ---- upload ------------------------------------------------------------------------------------------------


def test_multipart_upload_is_streamed_to_the_service(client: FlaskClient, ncp: dict[str, str]) -> None:
    # ~690 KiB in a few long rows: several 256 KiB messages, little work for the import worker
    data = b"seizure_date,narrative\n" + (b"2025-01-01," + b"x" * 230_000 + b"\n") * 3
    body = multipart([("layout", "simplified"), ("submit", "false")], ("route-test.csv", data))
    resp = client.post(IMPORTS, data=body, content_type=MULTIPART, headers=ncp)
    assert resp.status_code == 202, resp.get_data(as_text=True)
    job = resp.get_json()
    assert resp.headers["Location"] == f"{IMPORTS}/{job['id']}"
    assert (job["filename"], job["format"], job["layout"]) == (
        "route-test.csv",
        "FILE_FORMAT_CSV",
        "SEIZURE_FORM_SIMPLIFIED",
    )
    assert int(job["size_bytes"]) == len(data)
    again = client.get(resp.headers["Location"], headers=ncp)
    assert again.status_code == 200 and again.get_json()["id"] == job["id"]


def test_raw_csv_body_with_options_in_the_query(client: FlaskClient, ncp: dict[str, str]) -> None:
    resp = client.post(
        f"{IMPORTS}?layout=long&filename=raw-route-test.csv",
        data=CSV_BODY,
        content_type="text/csv; charset=utf-8",
        headers=ncp,
    )
    assert resp.status_code == 202, resp.get_data(as_text=True)
    job = resp.get_json()
    assert (job["filename"], job["layout"], int(job["size_bytes"])) == (
        "raw-route-test.csv",
        "SEIZURE_FORM_LONG",
        len(CSV_BODY),
    )


@pytest.mark.parametrize(
    ("query", "fields", "file", "file_first", "errors"),
    [
        ("", [], ("a.csv", CSV_BODY), False, {"layout"}),
        ("", [("layout", "wide")], ("a.csv", CSV_BODY), False, {"layout"}),
        ("", [("layout", "long")], ("a.pdf", CSV_BODY), False, {"format"}),
        ("", [("layout", "long"), ("format", "ods")], ("a.csv", CSV_BODY), False, {"format"}),
        ("", [("layout", "long"), ("submit", "maybe")], ("a.csv", CSV_BODY), False, {"submit"}),
        ("", [("layout", "long"), ("colour", "red")], ("a.csv", CSV_BODY), False, {"colour"}),
        ("?colour=red", [("layout", "long")], ("a.csv", CSV_BODY), False, {"colour"}),
        ("", [("layout", "long")], None, False, {"file"}),
        ("", [("layout", "long")], ("a.csv", b""), False, {"file"}),
        # fields after the file cannot change a file already on its way
        ("?layout=long", [("submit", "true")], ("a.csv", CSV_BODY), True, {"submit"}),
    ],
)
def test_upload_validation(
    client: FlaskClient,
    ncp: dict[str, str],
    query: str,
    fields: list[tuple[str, str]],
    file: tuple[str, bytes] | None,
    file_first: bool,
    errors: set[str],
) -> None:
    body = multipart(fields, file, file_first=file_first)
    resp = client.post(IMPORTS + query, data=body, content_type=MULTIPART, headers=ncp)
    problem = assert_problem(resp, 400)
    assert set(field_errors(problem)) == errors, problem


def test_upload_needs_a_file_body(client: FlaskClient, ncp: dict[str, str]) -> None:
    resp = client.post(IMPORTS, json={"layout": "long"}, headers=ncp)
    assert "multipart/form-data" in assert_problem(resp, 415)["detail"]
    truncated = multipart([("layout", "long")], ("a.csv", CSV_BODY))[:-20]
    assert_problem(client.post(IMPORTS, data=truncated, content_type=MULTIPART, headers=ncp), 400)
    assert_problem(client.post(IMPORTS, data=b"x", content_type="multipart/form-data", headers=ncp), 400)


def test_upload_over_the_import_limit_is_413(make_app: Callable[..., Flask], ncp: dict[str, str]) -> None:
    client = make_app(max_import_bytes=64 * 1024).test_client()
    big = b"x" * (100 * 1024)
    # declared too large: refused before reading
    resp = client.post(IMPORTS + "?layout=long", data=big, content_type="text/csv", headers=ncp)
    assert "65536 bytes" in assert_problem(resp, 413)["detail"]
    # multipart: counted while streaming
    body = multipart([("layout", "long")], ("big.csv", big))
    assert_problem(client.post(IMPORTS, data=body, content_type=MULTIPART, headers=ncp), 413)
    # no Content-Length (chunked): counted while streaming, the service's call cancelled
    resp = client.post(
        IMPORTS + "?layout=long",
        input_stream=io.BytesIO(big),
        content_type="text/csv",
        headers=ncp,
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert_problem(resp, 413)


def test_the_body_limit_of_other_routes_does_not_apply_to_imports(
    make_app: Callable[..., Flask], ncp: dict[str, str]
) -> None:
    client = make_app(max_body_bytes=4096).test_client()
    body = multipart([("layout", "simplified")], ("body-limit-test.csv", CSV_BODY * 2000))  # ~52 KiB
    resp = client.post(IMPORTS, data=body, content_type=MULTIPART, headers=ncp)
    assert resp.status_code == 202, resp.get_data(as_text=True)
    # ... while a JSON body over it is still refused
    assert_problem(client.post(EXPORT, json={"filter": {"text": "x" * 5000}}, headers=ncp), 413)


def test_upload_is_refused_by_the_service_by_tier(
    client: FlaskClient, token_for: Callable[[str], str]
) -> None:
    body = multipart([("layout", "simplified")], ("a.csv", CSV_BODY))
    resp = client.post(IMPORTS, data=body, content_type=MULTIPART)
    assert_problem(resp, 401)
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert_problem(
        client.post(IMPORTS, data=body, content_type=MULTIPART, headers=bearer(token_for("readonly"))), 403
    )


def test_cookie_uploads_need_the_csrf_header(real_app: Flask, token_for: Callable[[str], str]) -> None:
    client = real_app.test_client()
    csrf = plant_session(real_app, client, token_for("ncp-nl"), "ncp-nl")
    body = multipart([("layout", "simplified")], ("csrf-test.csv", CSV_BODY))
    assert_problem(client.post(IMPORTS, data=body, content_type=MULTIPART), 403)
    resp = client.post(IMPORTS, data=body, content_type=MULTIPART, headers={"X-CSRF-Token": csrf})
    assert resp.status_code == 202, resp.get_data(as_text=True)
    # the web form's own target takes the token as a header too (the body is never read as a form)
    page = client.post("/seizures/imports", data=body, content_type=MULTIPART, headers={"HX-Request": "true"})
    assert page.status_code == 403
    page = client.post(
        "/seizures/imports",
        data=body,
        content_type=MULTIPART,
        headers={"HX-Request": "true", "X-CSRF-Token": csrf},
    )
    assert page.status_code == 204 and page.headers["HX-Redirect"].startswith("/seizures/imports/")


# ---- templates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("layout", "extension"), [("simplified", "csv"), ("long", "xlsx")])
def test_templates_download_as_attachments(
    client: FlaskClient, token_for: Callable[[str], str], layout: str, extension: str
) -> None:
    resp = client.get(f"/api/v1/seizures/templates/{layout}.{extension}", headers=bearer(token_for("ncp-nl")))
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert resp.headers["Content-Disposition"].startswith("attachment; filename=")
    if extension == "csv":
        assert resp.mimetype == "text/csv"
        assert resp.data.count(b"\n") >= 1 and b"," in resp.data.splitlines()[0]
    else:
        assert resp.mimetype == XLSX
        assert resp.data.startswith(b"PK")  # a zip container


def test_template_names_are_validated(client: FlaskClient, ncp: dict[str, str]) -> None:
    problem = assert_problem(client.get("/api/v1/seizures/templates/wide.pdf", headers=ncp), 400)
    assert set(field_errors(problem)) == {"layout", "format"}
    assert_problem(client.get("/api/v1/seizures/templates/simplified", headers=ncp), 404)


# ---- export ------------------------------------------------------------------------------------------------


def test_export_csv_with_dotted_filters(client: FlaskClient, token_for: Callable[[str], str]) -> None:
    resp = client.get(
        f"{EXPORT}?format=csv&{FEW}&sort=SEARCH_SORT_DATE_DESC",
        headers=bearer(token_for("readonly")),
    )
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert resp.is_streamed
    assert resp.headers["Content-Disposition"].startswith("attachment; filename=")
    assert resp.mimetype == "text/csv"
    assert resp.get_data().count(b"\n") >= 1  # at least the header row


def test_export_jsonl_by_post(client: FlaskClient, token_for: Callable[[str], str]) -> None:
    resp = client.post(
        EXPORT,
        json={
            "filter": {"date_from": "2025-06-01", "date_to": "2025-06-07", "countries": ["NL"]},
            "sort": "SEARCH_SORT_DATE_ASC",
            "format": "jsonl",
        },
        headers=bearer(token_for("readonly")),
    )
    assert resp.status_code == 200, resp.get_data(as_text=True)
    for line in resp.get_data(as_text=True).splitlines():
        assert isinstance(json.loads(line), dict)


def test_export_xlsx(client: FlaskClient, token_for: Callable[[str], str]) -> None:
    resp = client.get(
        f"{EXPORT}?format=xlsx&filter.date_to=2000-01-01", headers=bearer(token_for("readonly"))
    )
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert resp.get_data().startswith(b"PK")


@pytest.mark.parametrize(
    ("method", "url", "body", "errors"),
    [
        ("GET", f"{EXPORT}?format=pdf", None, {"format"}),
        ("GET", f"{EXPORT}?format=csv&format=xlsx", None, {"format"}),
        ("GET", f"{EXPORT}?filter.colour=red", None, {"filter.colour"}),
        ("GET", f"{EXPORT}?filter.quantity_min=lots", None, {"filter.quantity_min"}),
        ("GET", f"{EXPORT}?sort=SEARCH_SORT_BEST", None, {"sort"}),
        ("POST", EXPORT, {"filter": {"colour": "red"}}, {"filter.colour"}),
        ("POST", EXPORT, {"format": "pdf"}, {"format"}),
        ("POST", f"{EXPORT}?filter.text=x", {}, {"filter.text"}),
    ],
)
def test_export_validation(
    client: FlaskClient,
    ncp: dict[str, str],
    method: str,
    url: str,
    body: dict[str, Any] | None,
    errors: set[str],
) -> None:
    resp = client.open(url, method=method, json=body, headers=ncp)
    assert set(field_errors(assert_problem(resp, 400))) == errors


def test_an_export_refused_before_the_first_chunk_is_a_problem(
    client: FlaskClient, token_for: Callable[[str], str]
) -> None:
    assert_problem(client.get(f"{EXPORT}?format=csv"), 401)
    assert_problem(client.get(f"{EXPORT}?format=csv", headers=bearer(token_for("limited"))), 403)
    assert_problem(client.get(f"{EXPORT}?format=csv", headers={"Authorization": "Bearer not-a-token"}), 401)


# ---- OpenAPI -------------------------------------------------------------------------------------------------


def test_openapi_describes_the_hand_written_routes(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    paths = document["paths"]
    assert {"get", "post"} <= set(paths[IMPORTS])  # the upload sits next to the generated list
    upload = paths[IMPORTS]["post"]
    assert {"multipart/form-data", "text/csv", XLSX} == set(upload["requestBody"]["content"])
    assert "202" in upload["responses"] and "413" in upload["responses"]
    assert "get" in paths["/api/v1/seizures/templates/{layout}.{format}"]
    export = paths[EXPORT]
    assert {"get", "post"} <= set(export)
    names = {p["name"] for p in export["get"]["parameters"]}
    assert {"format", "sort", "filter.text", "filter.headings", "filter.date_from"} <= names
    assert "x-export-responses" not in document and "$ref" not in json.dumps(
        export["get"]["responses"]["200"]
    )


# ---- through gunicorn ------------------------------------------------------------------------------------------


def test_running_gateway_streams_an_upload_and_an_export(token_for: Callable[[str], str]) -> None:
    headers = bearer(token_for("ncp-nl"))

    def chunks() -> Any:  # a body without Content-Length: chunked transfer encoding
        for _ in range(20):
            yield b"2025-01-01," + b"x" * 59_988 + b"\n"

    resp = requests.post(
        f"{GATEWAY}{IMPORTS}?layout=simplified&filename=chunked-route-test.csv",
        data=chunks(),
        headers={**headers, "Content-Type": "text/csv"},
        timeout=60,
    )
    assert resp.status_code == 202, resp.text
    assert int(resp.json()["size_bytes"]) == 20 * 60_000

    with requests.get(
        f"{GATEWAY}{EXPORT}?format=csv&{FEW}", headers=headers, stream=True, timeout=60
    ) as export:
        assert export.status_code == 200, export.text
        assert export.headers.get("Transfer-Encoding") == "chunked"
        assert "Content-Length" not in export.headers
        assert export.headers["Content-Disposition"].startswith("attachment")
        assert next(export.iter_content(chunk_size=None))


def test_running_gateway_refuses_a_declared_oversize_upload_at_once(token_for: Callable[[str], str]) -> None:
    parts = urlsplit(GATEWAY)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=20)
    try:
        connection.putrequest("POST", f"{IMPORTS}?layout=long")
        connection.putheader("Authorization", f"Bearer {token_for('ncp-nl')}")
        connection.putheader("Content-Type", "text/csv")
        connection.putheader("Content-Length", str(300 * 1024 * 1024))  # over the default 200 MiB
        connection.endheaders()
        started = time.monotonic()
        resp = connection.getresponse()
        body = json.loads(resp.read())
    finally:
        connection.close()
    assert resp.status == 413 and body["status"] == 413
    assert resp.getheader("Content-Type") == "application/problem+json"
    assert time.monotonic() - started < 10  # answered without waiting for the body


def test_running_gateway_template_and_a_new_import_job(token_for: Callable[[str], str]) -> None:
    headers = bearer(token_for("ncp-nl"))
    template = requests.get(
        f"{GATEWAY}/api/v1/seizures/templates/simplified.csv", headers=headers, timeout=20
    )
    assert template.status_code == 200, template.text
    name = f"route-test-{uuid.uuid4().hex[:8]}.csv"
    resp = requests.post(
        f"{GATEWAY}{IMPORTS}",
        data={"layout": "simplified", "format": "csv"},
        files={"file": (name, template.content, "text/csv")},
        headers=headers,
        timeout=30,
    )
    assert resp.status_code == 202, resp.text
    job = requests.get(f"{GATEWAY}{resp.headers['Location']}", headers=headers, timeout=20).json()
    assert job["filename"] == name


@pytest.mark.integration
def test_country_counts_as_geojson_file(token_for: Callable[[str], str]) -> None:
    resp = requests.get(
        f"{GATEWAY}/api/v1/seizures/export/country-counts.geojson",
        params={"heading": "drugs", "scope.date_from": "2024-01-01"},
        headers={"Authorization": f"Bearer {token_for('readonly')}"},
        timeout=30,
    )
    assert resp.status_code == 200, resp.text
    assert resp.headers["Content-Type"].startswith("application/geo+json")
    assert "attachment" in resp.headers["Content-Disposition"]
    collection = resp.json()
    assert collection["type"] == "FeatureCollection" and collection["features"]
    feature = collection["features"][0]
    assert feature["geometry"]["type"] == "Point" and feature["properties"]["cases"] > 0
    bad = requests.get(
        f"{GATEWAY}/api/v1/seizures/export/country-counts.geojson",
        params={"heading": "sweets"},
        headers={"Authorization": f"Bearer {token_for('readonly')}"},
        timeout=30,
    )
    assert bad.status_code == 400 and bad.headers["Content-Type"].startswith("application/problem+json")
    refused = requests.get(
        f"{GATEWAY}/api/v1/seizures/export/country-counts.geojson",
        headers={"Authorization": f"Bearer {token_for('limited')}"},
        timeout=30,
    )
    assert refused.status_code == 403
