"""The picture database's pages in-process, signed in as the demo users, against the stack's cpdb service."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from conftest import plant_session
from flask import Flask
from flask.testing import FlaskClient
from test_cpdb_routes import MULTIPART, PICTURES, bearer, picture_file, upload_body, wait_processed

pytestmark = pytest.mark.integration

SignedIn = Callable[[str], tuple[FlaskClient, str]]


@pytest.fixture
def signed_in(real_app: Flask, token_for: Callable[[str], str]) -> SignedIn:
    """signed_in("ncp-nl") -> (a client with that user's browser session, its CSRF token)."""

    def make(username: str) -> tuple[FlaskClient, str]:
        client = real_app.test_client()
        return client, plant_session(real_app, client, token_for(username), username)

    return make


def upload(real_app: Flask, token: str, data: bytes | None = None, **details: Any) -> dict[str, Any]:
    """A picture uploaded through the REST route, once processed."""
    client = real_app.test_client()
    resp = client.post(
        PICTURES, data=upload_body(data, **details), content_type=MULTIPART, headers=bearer(token)
    )
    assert resp.status_code == 202, resp.get_data(as_text=True)
    return wait_processed(
        lambda url: client.get(url, headers=bearer(token)).get_json(), resp.headers["Location"]
    )


@pytest.fixture(scope="module")
def linked_picture(real_app: Flask, token_for: Callable[[str], str]) -> dict[str, Any]:
    """A ready picture of ncp-nl linked to a submitted case of the Netherlands (made through the REST API)."""
    client = real_app.test_client()
    ncp = bearer(token_for("ncp-nl"))
    quantity = 10 + uuid.uuid4().int % 100_000 / 7.0
    created = client.post(
        "/api/v1/seizures",
        json={
            "seizure": {
                "form": "SEIZURE_FORM_SIMPLIFIED",
                "seizure_date": "2026-01-15",
                "transport_mode": "air",
                "departure_country": "CO",
                "destination_country": "NL",
                "commodities": [
                    {"heading": "drugs", "commodity_type": "cocaine", "quantity": quantity, "unit": "kg"}
                ],
            }
        },
        headers=ncp,
    )
    assert created.status_code == 200, created.get_data(as_text=True)
    case = created.get_json()
    submitted = client.post(
        f"/api/v1/seizures/{case['id']}/submit", json={"version": case["version"]}, headers=ncp
    )
    assert submitted.status_code == 200, submitted.get_data(as_text=True)
    picture = upload(real_app, token_for("ncp-nl"), case_id=case["id"], country="NL")
    assert picture["status"] == "PICTURE_STATUS_READY", picture
    assert picture["case_id"] == case["id"] and picture["case_reference"] == case["reference"]
    return picture


def page_scripts_are_files(html: str) -> bool:
    """Every script is a file or a JSON data block: nothing the strict CSP would refuse."""
    tags = re.findall(r"<script\b[^>]*>", html)
    return all('src="' in tag or 'type="application/json"' in tag for tag in tags)


def card_ids(html: str) -> list[str]:
    return re.findall(r'data-testid="picture-card" data-id="([^"]+)"', html)


# ---- the gallery ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/cpdb/", "/cpdb/upload", f"/cpdb/pictures/{uuid.uuid4()}"])
def test_pages_send_the_anonymous_to_the_login(client: FlaskClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 303
    assert resp.headers["Location"].startswith("/auth/login?next=")


@pytest.mark.parametrize("user", ["limited", "readonly", "unlimited"])
def test_gallery_renders_for_every_tier(signed_in: SignedIn, user: str) -> None:
    client, _ = signed_in(user)
    resp = client.get("/cpdb/")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html
    assert page_scripts_are_files(html)
    assert len(card_ids(html)) == 24  # the stack holds hundreds of demo pictures
    assert 'data-testid="thumbnail"' in html and 'src="http://127.0.0.1:8333/' in html
    assert 'data-testid="nav-cpdb"' in html and 'data-testid="gallery-filters"' in html
    # uploading and "my uploads" are offered to the unlimited tier only
    assert ('data-testid="nav-upload"' in html) == (user == "unlimited")
    assert ('data-testid="nav-my-uploads"' in html) == (user == "unlimited")


def test_gallery_pages_forward_and_back(signed_in: SignedIn) -> None:
    client, _ = signed_in("readonly")
    first = client.get("/cpdb/?sort=PICTURE_SORT_OLDEST").get_data(as_text=True)
    following = re.search(r'href="([^"]+)" rel="next"', first)
    assert following, "no next page link"
    url = following.group(1).replace("&amp;", "&")
    assert "sort=PICTURE_SORT_OLDEST" in url and "page=" in url
    second = client.get(url)
    assert second.status_code == 200
    html = second.get_data(as_text=True)
    assert card_ids(html) and not set(card_ids(html)) & set(card_ids(first))
    assert 'rel="prev"' in html


def test_gallery_filters_and_empty_state(signed_in: SignedIn) -> None:
    client, _ = signed_in("limited")
    xrays = client.get("/cpdb/?filter.kinds=PICTURE_KIND_XRAY&filter.headings=drugs&sort=PICTURE_SORT_TITLE")
    html = xrays.get_data(as_text=True)
    assert xrays.status_code == 200, html
    kinds = re.findall(r'class="badge kind-(\w+)"', html)
    assert kinds and set(kinds) == {"xray"}
    assert re.search(r'<option value="PICTURE_SORT_TITLE" selected', html)
    # tags typed as "a, b" are two filters: the pictures carry both
    tagged = client.get("/cpdb/?filter.tags=suitcase,+false+bottom")
    assert tagged.status_code == 200
    assert 'value="suitcase, false bottom"' in tagged.get_data(as_text=True)
    empty = client.get("/cpdb/?filter.text=zzqxjnothingmatcheshere")
    assert empty.status_code == 200 and 'data-testid="empty-gallery"' in empty.get_data(as_text=True)
    wrong = client.get("/cpdb/?filter.colour=red&filter.headings=sweets")
    assert wrong.status_code == 400
    assert 'data-testid="gallery-errors"' in wrong.get_data(as_text=True)
    unknown = client.get("/cpdb/?filter.headings=sweets")
    assert unknown.status_code == 400 and "sweets" in unknown.get_data(as_text=True)


def test_my_uploads_show_pending_and_refused_pictures(
    signed_in: SignedIn, real_app: Flask, token_for: Callable[[str], str]
) -> None:
    refused = upload(real_app, token_for("unlimited"), b"GIF89a not really" * 40, title="Refused on purpose")
    assert refused["status"] == "PICTURE_STATUS_REJECTED"
    client, _ = signed_in("unlimited")
    mine = client.get("/cpdb/?filter.mine=true").get_data(as_text=True)
    assert refused["id"] in card_ids(mine)
    assert f'data-id="{refused["id"]}" data-status="rejected"' in mine
    assert 'data-testid="nav-my-uploads" aria-current="page"' in mine
    # the gallery of everyone's pictures holds ready ones only
    assert refused["id"] not in card_ids(
        client.get("/cpdb/?filter.text=Refused+on+purpose").get_data(as_text=True)
    )
    page = client.get(f"/cpdb/pictures/{refused['id']}").get_data(as_text=True)
    assert 'data-testid="picture-rejected"' in page and refused["status_reason"] in page
    # nobody else sees it
    other, _ = signed_in("readonly")
    assert other.get(f"/cpdb/pictures/{refused['id']}").status_code == 404


# ---- a picture ---------------------------------------------------------------------------------------------


def test_case_link_for_readonly_and_never_for_limited(
    signed_in: SignedIn, linked_picture: dict[str, Any]
) -> None:
    path = f"/cpdb/pictures/{linked_picture['id']}"
    readonly, _ = signed_in("readonly")
    resp = readonly.get(path)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html
    assert page_scripts_are_files(html)
    link = re.search(r'<a href="([^"]+)" data-testid="case-link">([^<]+)</a>', html)
    assert link, html
    assert link.group(1) == f"/seizures/cases/{linked_picture['case_id']}"
    assert link.group(2) == linked_picture["case_reference"]
    assert 'data-testid="original-link"' in html and 'data-testid="preview-image"' in html
    assert 'data-testid="similar"' in html

    limited, _ = signed_in("limited")
    resp = limited.get(path)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html
    assert 'data-testid="case-link"' not in html and 'data-testid="original-link"' not in html
    assert linked_picture["case_id"] not in html and linked_picture["case_reference"] not in html
    assert 'data-testid="preview-image"' in html and linked_picture["title"] in html


def test_picture_page_shows_details_and_similar_pictures(
    real_app: Flask, signed_in: SignedIn, token_for: Callable[[str], str]
) -> None:
    data = picture_file()
    first = upload(real_app, token_for("ncp-nl"), data, tags=["gateway test", "brake booster"])
    again = upload(real_app, token_for("unlimited"), data)  # the same file: distance 0 and a duplicate
    assert first["status"] == again["status"] == "PICTURE_STATUS_READY"
    client, _ = signed_in("unlimited")
    html = client.get(f"/cpdb/pictures/{first['id']}").get_data(as_text=True)
    assert '<dd data-testid="fact-dimensions">640 \u00d7 480 px</dd>' in html
    assert "ncp-nl" in html and "Netherlands" in html
    assert 'href="/cpdb/?filter.tags=brake+booster"' in html
    strip = html.split('data-testid="similar-strip"', 1)[1]
    assert f'data-id="{again["id"]}"' in strip
    assert re.search(rf'data-id="{again["id"]}".*?data-testid="distance"[^>]*>distance 0<', strip, re.S)
    assert 'data-testid="duplicates"' in html and again["id"] in html


def test_withdraw_button_and_withdrawal(
    real_app: Flask, signed_in: SignedIn, token_for: Callable[[str], str]
) -> None:
    picture = upload(real_app, token_for("ncp-nl"))
    path = f"/cpdb/pictures/{picture['id']}"
    for user, shown in (
        ("ncp-nl", True),
        ("wco-admin", True),
        ("ncp-br", False),
        ("unlimited", False),
        ("readonly", False),
    ):
        client, _ = signed_in(user)
        html = client.get(path).get_data(as_text=True)
        assert ('data-testid="withdraw-form"' in html) == shown, user

    client, csrf = signed_in("ncp-nl")
    assert client.post(f"{path}/withdraw", data={"reason": "no token"}).status_code == 403
    short = client.post(f"{path}/withdraw", data={"reason": "x", "csrf_token": csrf})
    assert short.status_code == 303
    assert 'data-testid="flash-error"' in client.get(path).get_data(as_text=True)
    done = client.post(
        f"{path}/withdraw", data={"reason": "duplicate of an older picture", "csrf_token": csrf}
    )
    assert done.status_code == 303 and done.headers["Location"] == path
    html = client.get(path).get_data(as_text=True)
    assert 'data-testid="flash-success"' in html and 'data-testid="picture-withdrawn"' in html
    assert "duplicate of an older picture" in html and 'data-testid="withdraw-form"' not in html


# ---- the upload form -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["limited", "readonly"])
def test_upload_page_refuses_below_unlimited(signed_in: SignedIn, user: str) -> None:
    client, _ = signed_in(user)
    resp = client.get("/cpdb/upload")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 403
    assert 'data-testid="upload-refused"' in html and "unlimited access tier" in html
    assert 'data-testid="picture-upload-form"' not in html


def test_upload_page_for_the_unlimited_tier(signed_in: SignedIn) -> None:
    client, _ = signed_in("ncp-nl")
    resp = client.get("/cpdb/upload")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html
    assert page_scripts_are_files(html)
    for script in ("cpdb-upload.js", "cpdb-status.js", "cpdb-filters.js"):
        assert f"/static/js/{script}" in html
        with client.get(f"/static/js/{script}") as asset:
            assert asset.status_code == 200
    assert 'data-upload-url="/api/v1/cpdb/pictures"' in html
    assert '<option value="drugs">' in html and 'data-heading="drugs"' in html
    assert re.search(r'<option value="NL" selected>', html)  # the uploader's country first
    assert 'id="cpdb-upload-messages"' in html and 'data-testid="upload-bar"' in html
    for field in ("details.title", "details.heading", "details.case_id", "file"):
        assert f'data-error-for="{field}"' in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Téléverser une image"), ("es", "Subir una imagen"), ("en", "Upload a picture")],
)
def test_pages_in_three_languages(signed_in: SignedIn, language: str, expected: str) -> None:
    client, _ = signed_in("unlimited")
    client.set_cookie("cen_lang", language, domain="localhost")
    html = client.get("/cpdb/upload").get_data(as_text=True)
    assert f"<title>{expected} · CEN</title>" in html
    gallery = client.get("/cpdb/").get_data(as_text=True)
    assert {"fr": "Images de dissimulation", "es": "Imágenes de ocultación", "en": "Concealment pictures"}[
        language
    ] in gallery
