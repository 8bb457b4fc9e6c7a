"""Browser tests of the CEN database pages in Debian's Chromium, against the running stack.

Search with a facet click, a case entered through the simplified form (a bad quantity first), an import
followed to 100 % with its error report, and the analysis dashboard drawn under the strict CSP.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect, sync_playwright
from test_login import CHROMIUM_ARGS, GATEWAY, keycloak_login

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


class Session:
    """A logged-in browser page and the console errors it has seen (CSP violations among them)."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.context = context
        self.page = page
        self.console_errors: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def csp_violations(self) -> list[str]:
        return [e for e in self.console_errors if "Content Security Policy" in e or "Refused to" in e]


@pytest.fixture
def login(browser: Browser) -> Iterator[Any]:
    contexts: list[BrowserContext] = []

    def log_in(username: str) -> Session:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        contexts.append(context)
        page = context.new_page()
        session = Session(context, page)
        page.goto(GATEWAY + "/auth/login")
        keycloak_login(page, username)
        page.wait_for_url(GATEWAY + "/")
        return session

    yield log_in
    for context in contexts:
        context.close()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where screenshots go: CEN_E2E_SCREENSHOTS if set (to look at them), else the test's temp dir."""
    target = Path(os.environ.get("CEN_E2E_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def number_in(text: str) -> int:
    return int(re.sub(r"[^0-9]", "", text) or 0)


def total_of(page: Page) -> int:
    return number_in(page.get_by_test_id("result-count").inner_text())


def test_search_with_a_facet_click(login: Any, screenshots: Path) -> None:
    session = login("readonly")
    page = session.page
    page.get_by_test_id("nav-seizures").click()  # from the home page's navigation
    page.wait_for_url(re.compile(r"/seizures/?$"))
    expect(page.get_by_test_id("result-count")).to_be_visible()
    everything = total_of(page)
    assert everything > 0, "the stack's seizures service has no cases to search"

    # the rarest heading (under the "more" fold when there is one): few enough matches to be counted exactly
    headings = page.locator('[data-facet="headings"]')
    more = headings.locator("details.facet-more summary")
    if more.count():
        more.click()
    facet = headings.locator("a.facet-value").last
    value = facet.get_attribute("data-value")
    facet.click()
    page.wait_for_url(re.compile(r"filter\.headings="))
    expect(page.get_by_test_id("active-filters")).to_be_visible()
    active = page.locator(f'[data-facet="headings"] a.facet-value.active[data-value="{value}"]')
    expect(active).to_be_visible()
    # within one answer the chosen value's count is the number of cases found; over 20,000 matches both are
    # estimates (the page says so), and then they only roughly agree
    filtered = total_of(page)
    counted = number_in(active.locator(".count").inner_text())
    if page.get_by_test_id("result-count").get_attribute("data-estimated"):
        assert abs(filtered - counted) <= 0.2 * filtered
    else:
        assert filtered == counted
    assert page.get_by_test_id("result").count() > 0
    page.screenshot(path=str(screenshots / "seizures-search-facet.png"), full_page=True)

    # the export links carry the same filter, and removing the chip brings every case back
    assert f"filter.headings={value}" in (page.get_by_test_id("export-csv").get_attribute("href") or "")
    page.locator("a.active-filter").first.click()
    page.wait_for_url(lambda url: "filter.headings" not in url)
    assert filtered < total_of(page)  # (totals over 20,000 are estimates: no exact comparison with the first)
    assert not session.csp_violations(), session.console_errors


def _first_commodity_type(page: Page, heading: str) -> str:
    return str(
        page.eval_on_selector(
            "#commodities-0-commodity_type",
            "(select, heading) => { const group = [...select.querySelectorAll('optgroup')]"
            ".find((g) => g.dataset.heading === heading); return group ? group.querySelector('option').value : ''; }",
            heading,
        )
    )


def test_case_through_the_simplified_form(login: Any, screenshots: Path) -> None:
    session = login("ncp-nl")
    page = session.page
    page.goto(GATEWAY + "/seizures/")
    page.get_by_test_id("nav-new-case").click()
    page.wait_for_url(re.compile(r"/seizures/cases/new"))
    expect(page.get_by_test_id("case-form")).to_be_visible()

    seized = (datetime.date.today() - datetime.timedelta(days=3)).isoformat()
    page.fill("#seizure_date", seized)
    page.select_option("#transport_mode", index=1)
    page.select_option("#departure_country", index=1)
    page.select_option("#destination_country", index=2)
    page.select_option("#commodities-0-heading", index=1)
    heading = page.input_value("#commodities-0-heading")
    # the heading narrows the commodity types (small JS); picking one suggests its unit
    hidden = page.locator(f'#commodities-0-commodity_type optgroup:not([data-heading="{heading}"])')
    for index in range(hidden.count()):
        assert hidden.nth(index).get_attribute("hidden") is not None
    page.select_option("#commodities-0-commodity_type", _first_commodity_type(page, heading))
    if not page.input_value("#commodities-0-unit"):
        page.select_option("#commodities-0-unit", index=1)

    page.fill("#commodities-0-quantity", "-5")
    page.get_by_test_id("save-case").click()
    error = page.locator('[data-error-for="commodities[0].quantity"]')
    expect(error).to_be_visible()
    expect(page.locator("#commodities-0-quantity")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    page.screenshot(path=str(screenshots / "seizures-form-error.png"), full_page=True)
    # what was typed is still there
    assert page.input_value("#seizure_date") == seized
    assert page.input_value("#commodities-0-heading") == heading

    page.fill("#commodities-0-quantity", "12.5")
    page.get_by_test_id("save-case").click()
    page.wait_for_url(re.compile(r"/seizures/cases/[^/]+$"))
    expect(page.get_by_test_id("case-reference")).to_have_text(re.compile(r"^NL-"))
    expect(page.get_by_test_id("status")).to_have_text("Draft")
    expect(page.get_by_test_id("case-date")).to_have_text(seized)
    expect(page.get_by_test_id("case-commodities")).to_contain_text("12.5")
    expect(page.get_by_test_id("submit-case")).to_be_visible()  # an NCP of the case's country
    expect(page.get_by_test_id("validate-case")).to_have_count(0)  # not a RILO analyst
    expect(page.get_by_test_id("case-history")).to_be_visible()
    page.screenshot(path=str(screenshots / "seizures-case.png"), full_page=True)
    assert not session.csp_violations(), session.console_errors

    # tidy up: the draft was never submitted, so it may be deleted
    if page.get_by_test_id("delete-case").count():
        page.get_by_test_id("delete-case").click()
        page.wait_for_url(re.compile(r"/seizures/?$"))


def _import_file(session: Session, bad_rows: int, good_rows: int) -> tuple[str, list[int]]:
    """A CSV in the simplified layout: the template's columns, good rows and rows with a bad quantity."""
    request = session.context.request
    template = request.get(GATEWAY + "/api/v1/seizures/templates/simplified.csv")
    assert template.ok, template.text()
    header = next(csv.reader(io.StringIO(template.text().lstrip("\ufeff"))))
    reference = request.get(GATEWAY + "/api/v1/seizures/reference").json()
    heading = reference["headings"][0]
    commodity = heading["commodity_types"][0]
    units = [u["code"] for u in reference["units"]]
    # Column name fragments, most specific first ("quantity_unit" is a unit, "departure_country" a departure).
    values = [
        ("unit", commodity.get("default_unit") or units[0]),
        ("date", (datetime.date.today() - datetime.timedelta(days=10)).isoformat()),
        ("heading", heading["code"]),
        ("commodity", commodity["code"]),
        ("transport", reference["transport_modes"][0]["code"]),
        ("departure", "CO"),
        ("destination", "NL"),
        ("country", "NL"),
    ]

    def row(quantity: str) -> list[str]:
        cells = []
        for column in header:
            name = column.lower()
            if "external" in name:
                cells.append(f"e2e-{uuid.uuid4().hex[:12]}")
            elif "quantity" in name and "unit" not in name:
                cells.append(quantity)
            else:
                cells.append(next((value for key, value in values if key in name), ""))
        return cells

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    bad_lines = []
    for index in range(good_rows + bad_rows):
        bad = index % 2 == 1 and len(bad_lines) < bad_rows
        writer.writerow(row("lots" if bad else "5"))
        if bad:
            bad_lines.append(index + 2)  # line 1 is the header row
    return out.getvalue(), bad_lines


def test_import_with_progress_and_error_report(login: Any, tmp_path: Path, screenshots: Path) -> None:
    session = login("ncp-nl")
    page = session.page
    page.goto(GATEWAY + "/seizures/")
    page.get_by_test_id("nav-import").click()
    page.wait_for_url(re.compile(r"/seizures/imports$"))
    expect(page.get_by_test_id("template-simplified-csv")).to_be_visible()

    content, bad_lines = _import_file(session, bad_rows=3, good_rows=5)
    upload = tmp_path / f"e2e-import-{uuid.uuid4().hex[:8]}.csv"
    upload.write_text(content)
    page.get_by_test_id("layout-simplified").check()
    page.get_by_test_id("upload-file").set_input_files(str(upload))
    page.get_by_test_id("upload-button").click()
    page.wait_for_url(re.compile(r"/seizures/imports/[^/]+$"))

    bar = page.get_by_test_id("import-progress-bar")
    expect(bar).to_be_visible()
    expect(page.get_by_test_id("import-percent")).to_have_text(
        "100 %", timeout=120_000
    )  # polled every second
    expect(bar).to_have_attribute("value", "100")
    expect(page.get_by_test_id("import-progress")).to_have_attribute("data-status", "done")
    expect(page.get_by_test_id("count-total")).to_have_text(str(len(bad_lines) + 5))
    assert int(page.get_by_test_id("count-rejected").inner_text()) >= len(bad_lines)
    table = page.get_by_test_id("import-error-table")
    expect(table).to_be_visible()
    lines = {int(x) for x in table.locator("tbody tr td:first-child").all_inner_texts()}
    assert set(bad_lines) <= lines, (bad_lines, lines)
    page.screenshot(path=str(screenshots / "seizures-import.png"), full_page=True)
    assert not session.csp_violations(), session.console_errors


def test_analysis_dashboard_draws_under_the_csp(login: Any, screenshots: Path) -> None:
    session = login("readonly")
    page = session.page
    page.goto(GATEWAY + "/seizures/analysis?grain=GRAIN_YEAR&group_by=GROUP_BY_HEADING")
    expect(page.get_by_test_id("analysis-form")).to_be_visible()
    # each chart is drawn, or says it has no data
    for chart in ("trend-chart", "routes-chart", "concealment-chart", "map-chart"):
        drawn = page.locator(f'[data-testid="{chart}"][data-ready="true"]')
        expect(drawn.or_(page.locator(".empty-chart").first)).to_be_visible(timeout=15_000)
    page.screenshot(path=str(screenshots / "seizures-analysis.png"), full_page=True)
    assert not session.csp_violations(), session.console_errors
