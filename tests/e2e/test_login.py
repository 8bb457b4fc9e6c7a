"""Browser test in Debian's Chromium: log in through the real Keycloak page, see the home page, log out."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

pytestmark = pytest.mark.e2e

GATEWAY = os.environ.get("CEN_PUBLIC_URL", "http://127.0.0.1:8080").rstrip("/")
KEYCLOAK_LOGIN = re.compile(r"^http://127\.0\.0\.1:8180/realms/cen/protocol/openid-connect/auth")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where screenshots go: CEN_E2E_SCREENSHOTS if set (to look at them), else the test's temp dir."""
    target = Path(os.environ.get("CEN_E2E_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def keycloak_login(page: Page, username: str) -> None:
    page.wait_for_url(KEYCLOAK_LOGIN)
    page.fill("#username", username)
    page.fill("#password", "cen-demo-pass")
    page.click("#kc-login")


def test_login_home_and_logout(browser: Browser, screenshots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", on_console)
    page.goto(GATEWAY + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Customs Enforcement Network")
    page.get_by_test_id("login").click()
    keycloak_login(page, "readonly")

    page.wait_for_url(GATEWAY + "/")
    expect(page.get_by_test_id("username")).to_have_text("readonly")
    expect(page.get_by_test_id("tier")).to_have_text("readonly")
    expect(page.get_by_test_id("country")).to_have_text("DE")
    expect(page.get_by_test_id("rilo")).to_have_text("WE")
    for module in ("seizures", "cws", "cpdb", "cencomm"):
        expect(page.locator(f'[data-module="{module}"]')).to_have_attribute("data-state", "open")
    page.screenshot(path=str(screenshots / "home.png"), full_page=True)

    cookie = next(c for c in context.cookies() if c["name"] == "cen_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshots / "home-narrow.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(GATEWAY + "/")
    expect(page.get_by_test_id("login")).to_be_visible()
    assert not [c for c in context.cookies() if c["name"] == "cen_session"]

    # Keycloak's session ended too: logging in again asks for the password.
    page.get_by_test_id("login").click()
    page.wait_for_url(KEYCLOAK_LOGIN)
    expect(page.locator("#password")).to_be_visible()
    context.close()


def test_limited_user_sees_locked_modules(browser: Browser, screenshots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(GATEWAY + "/auth/login")
    keycloak_login(page, "limited")
    page.wait_for_url(GATEWAY + "/")
    expect(page.get_by_test_id("tier")).to_have_text("limited")
    expect(page.locator('[data-module="seizures"]')).to_have_attribute("data-state", "locked")
    expect(page.locator('[data-module="cws"]')).to_have_attribute("data-state", "open")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()  # French from Accept-Language
    page.screenshot(path=str(screenshots / "home-limited-fr.png"), full_page=True)
    context.close()
