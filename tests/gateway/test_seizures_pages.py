"""The CEN database pages in-process, signed in as the demo users, against the stack's seizures service."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from conftest import plant_session
from flask import Flask
from flask.testing import FlaskClient

pytestmark = pytest.mark.integration


@pytest.fixture
def signed_in(real_app: Flask, token_for: Callable[[str], str]) -> Callable[[str], tuple[FlaskClient, str]]:
    """signed_in("ncp-nl") -> (a client with that user's browser session, its CSRF token)."""

    def make(username: str) -> tuple[FlaskClient, str]:
        client = real_app.test_client()
        return client, plant_session(real_app, client, token_for(username), username)

    return make


@pytest.fixture(scope="module")
def reference(real_app: Flask, token_for: Callable[[str], str]) -> dict[str, Any]:
    resp = real_app.test_client().get(
        "/api/v1/seizures/reference", headers={"Authorization": f"Bearer {token_for('readonly')}"}
    )
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return dict(resp.get_json())


def simplified_form(reference: dict[str, Any], quantity: str) -> dict[str, str]:
    heading = reference["headings"][0]
    commodity = heading["commodity_types"][0]
    return {
        "form": "simplified",
        "seizure_date": (datetime.date.today() - datetime.timedelta(days=2)).isoformat(),
        "transport_mode": reference["transport_modes"][0]["code"],
        "departure_country": "CO",
        "destination_country": "NL",
        "commodities[0].heading": heading["code"],
        "commodities[0].commodity_type": commodity["code"],
        "commodities[0].quantity": quantity,
        "commodities[0].unit": commodity["default_unit"] or reference["units"][0]["code"],
    }


def page_scripts_are_files(html: str) -> bool:
    """Every script is a file or a JSON data block: nothing the strict CSP would refuse."""
    tags = re.findall(r"<script\b[^>]*>", html)
    return all('src="' in tag or 'type="application/json"' in tag for tag in tags)


def test_pages_send_the_anonymous_to_the_login(client: FlaskClient) -> None:
    resp = client.get("/seizures/?filter.text=x")
    assert resp.status_code == 303
    assert resp.headers["Location"].startswith("/auth/login?next=")


def test_a_limited_user_is_told_why_not(signed_in: Callable[[str], tuple[FlaskClient, str]]) -> None:
    client, _ = signed_in("limited")
    resp = client.get("/seizures/")
    assert resp.status_code == 403
    assert "Your access tier (limited)" in resp.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/seizures/",
        "/seizures/analysis",
        "/seizures/watch-lists",
        "/seizures/?filter.text=zzqxjnothingmatches",
    ],
)
def test_reading_pages_render_for_readonly(
    signed_in: Callable[[str], tuple[FlaskClient, str]], path: str
) -> None:
    client, _ = signed_in("readonly")
    resp = client.get(path)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html
    assert page_scripts_are_files(html)
    assert 'data-testid="nav-new-case"' not in html  # no data entry for the readonly tier
    if "zzqxj" in path:
        assert 'data-testid="empty-results"' in html


def test_search_criteria_errors_are_shown_not_raised(
    signed_in: Callable[[str], tuple[FlaskClient, str]],
) -> None:
    client, _ = signed_in("readonly")
    resp = client.get("/seizures/?filter.quantity_min=lots&filter.colour=red")
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert 'data-testid="search-errors"' in html and "quantity_min" in html and "colour" in html


def test_entry_form_errors_sit_next_to_their_inputs(
    signed_in: Callable[[str], tuple[FlaskClient, str]], reference: dict[str, Any]
) -> None:
    client, csrf = signed_in("ncp-nl")
    assert client.get("/seizures/cases/new").status_code == 200
    for quantity in ("lots", "-5"):  # refused by the gateway (not a number), then by the service
        resp = client.post(
            "/seizures/cases/new", data={"csrf_token": csrf, **simplified_form(reference, quantity)}
        )
        html = resp.get_data(as_text=True)
        assert resp.status_code == 400, html
        assert 'data-error-for="commodities[0].quantity"' in html, html
        assert f'value="{quantity}"' in html  # what was typed stays


def test_entry_form_refused_by_tier_says_so(
    signed_in: Callable[[str], tuple[FlaskClient, str]], reference: dict[str, Any]
) -> None:
    client, csrf = signed_in("readonly")
    resp = client.post("/seizures/cases/new", data={"csrf_token": csrf, **simplified_form(reference, "5")})
    assert resp.status_code == 403
    assert "Your access tier or role does not allow this" in resp.get_data(as_text=True)


def test_case_page_buttons_follow_the_roles(
    signed_in: Callable[[str], tuple[FlaskClient, str]], reference: dict[str, Any]
) -> None:
    ncp, csrf = signed_in("ncp-nl")
    resp = ncp.post("/seizures/cases/new", data={"csrf_token": csrf, **simplified_form(reference, "7")})
    assert resp.status_code == 303, resp.get_data(as_text=True)
    case_url = resp.headers["Location"]

    def buttons(client: FlaskClient) -> set[str]:
        html = client.get(case_url).get_data(as_text=True)
        return set(re.findall(r'data-testid="(edit|submit|validate|return|delete)-case"', html))

    assert buttons(ncp) == {"edit", "submit", "delete"}
    assert buttons(signed_in("readonly")[0]) == set()
    rilo = signed_in("rilo-weu")[0]
    assert not {"submit", "validate", "return"} & buttons(rilo)

    page = ncp.get(case_url).get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None
    submitted = ncp.post(f"{case_url}/submit", data={"csrf_token": csrf, "version": version.group(1)})
    assert submitted.status_code == 303
    assert buttons(ncp) == set()
    assert buttons(rilo) == {"validate", "return"}  # NL is in rilo-weu's region
    assert buttons(signed_in("ncp-br")[0]) == set()

    # a stale version is a conflict, told on the page
    stale = ncp.post(f"{case_url}/submit", data={"csrf_token": csrf, "version": version.group(1)})
    assert stale.status_code == 303
    assert 'data-testid="flash-error"' in ncp.get(case_url).get_data(as_text=True)


def test_import_page_offers_the_templates(signed_in: Callable[[str], tuple[FlaskClient, str]]) -> None:
    client, _ = signed_in("ncp-nl")
    html = client.get("/seizures/imports").get_data(as_text=True)
    for layout in ("simplified", "long"):
        for extension in ("csv", "xlsx"):
            assert f'href="/api/v1/seizures/templates/{layout}.{extension}"' in html
    assert 'hx-encoding="multipart/form-data"' in html
