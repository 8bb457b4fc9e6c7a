"""Browser test of the picture database in Debian's Chromium, against the running stack.

An NCP uploads a picture through the form (a bad case id first: the field error sits next to its input),
watches the upload's progress bar and the processing turn ready, then finds the picture in the gallery and
in "my uploads" and opens its page; thumbnails and the preview load from the object store under the CSP.
"""

from __future__ import annotations

import io
import os
import random
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright
from test_login import CHROMIUM_ARGS, GATEWAY, keycloak_login
from test_seizures_ui import Session

pytestmark = pytest.mark.e2e

# Processing runs in the cpdb worker: seconds normally, longer while it restarts or catches up.
PROCESSING_TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


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


def concealment_photo(path: Path) -> Path:
    """A JPEG of a few hundred KiB that no other run drew (so that the upload takes a visible moment)."""
    rng = random.Random(uuid.uuid4().int)
    size = (2400, 1600)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randrange(40, 900), rng.randrange(40, 600)
        draw.rectangle([x, y, x + w, y + h], fill=tuple(rng.randrange(256) for _ in range(3)))  # type: ignore[arg-type]
    # noise defeats JPEG compression a little, so there is something to upload
    noise = Image.effect_noise(size, 40).convert("RGB")
    image = Image.blend(image, noise, 0.25)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    path.write_bytes(out.getvalue())
    return path


def assert_image_loaded(page: Page, image: Locator) -> None:
    """The image came from the object store (presigned link) and was decoded: the CSP let it through."""
    expect(image).to_be_visible()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())


def test_upload_follow_processing_then_find_and_open(login: Any, tmp_path: Path, screenshots: Path) -> None:
    session = login("ncp-nl")
    page = session.page
    page.get_by_test_id("nav-cpdb").click()
    page.wait_for_url(re.compile(r"/cpdb/?$"))
    page.get_by_test_id("nav-upload").click()
    page.wait_for_url(re.compile(r"/cpdb/upload$"))
    expect(page.get_by_test_id("picture-upload-form")).to_be_visible()

    title = f"E2E false bottom {uuid.uuid4().hex[:8]}"
    page.get_by_test_id("kind-photo").check()
    page.get_by_test_id("upload-title").fill(title)
    page.get_by_test_id("upload-description").fill(
        "Heroin under a glued false bottom; found by x-ray at arrival."
    )
    page.get_by_test_id("upload-heading").select_option("drugs")
    # the heading narrows the commodity types (small script)
    others = page.locator('[data-testid="upload-commodity-type"] optgroup:not([data-heading="drugs"])')
    assert others.count() > 0
    for index in range(others.count()):
        assert others.nth(index).get_attribute("hidden") is not None
    page.get_by_test_id("upload-commodity-type").select_option("heroin")
    page.get_by_test_id("upload-concealment").select_option("luggage_false_bottom")
    page.get_by_test_id("upload-transport").select_option("air")
    page.get_by_test_id("upload-tags").fill("suitcase, e2e test")
    page.get_by_test_id("upload-case-id").fill("not-a-case")
    page.get_by_test_id("upload-file").set_input_files(str(concealment_photo(tmp_path / "concealment.jpg")))
    expect(page.get_by_test_id("upload-preview")).to_be_visible()  # a local preview (blob: URL)

    # refused by the service: the error sits next to the case id field
    page.get_by_test_id("upload-submit").click()
    error = page.locator('[data-error-for="details.case_id"]')
    expect(error).to_be_visible()
    expect(error).to_contain_text("case")
    expect(page.get_by_test_id("upload-case-id")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("upload-errors")).to_be_visible()
    page.screenshot(path=str(screenshots / "cpdb-upload-error.png"), full_page=True)

    # corrected: the upload's progress, then the processing, until ready
    page.get_by_test_id("upload-case-id").fill("")
    page.get_by_test_id("upload-submit").click()
    expect(error).to_be_hidden()
    progress = page.get_by_test_id("upload-progress")
    expect(progress).to_be_visible()
    expect(page.get_by_test_id("upload-bar")).to_be_visible()
    expect(progress).to_have_attribute("data-state", "ready", timeout=PROCESSING_TIMEOUT_MS)
    expect(page.get_by_test_id("upload-bar")).to_have_attribute("value", "100")
    expect(page.get_by_test_id("upload-status")).to_have_text("The picture is ready.")
    page.screenshot(path=str(screenshots / "cpdb-upload-ready.png"), full_page=True)

    # the gallery finds it by its title, with its thumbnail
    page.get_by_test_id("nav-gallery").click()
    page.wait_for_url(re.compile(r"/cpdb/?$"))
    page.get_by_test_id("gallery-text").fill(title)
    page.get_by_test_id("gallery-submit").click()
    page.wait_for_url(re.compile(r"filter\.text="))
    card = page.get_by_test_id("picture-card").filter(has_text=title)
    expect(card).to_have_count(1)
    expect(page.get_by_test_id("picture-count")).to_have_text("1 picture")
    assert_image_loaded(page, card.get_by_test_id("thumbnail"))
    page.screenshot(path=str(screenshots / "cpdb-gallery.png"), full_page=True)

    # and "my uploads" lists it too
    page.get_by_test_id("nav-my-uploads").click()
    page.wait_for_url(re.compile(r"filter\.mine=true"))
    expect(page.get_by_test_id("picture-card").filter(has_text=title)).to_have_count(1)

    # its page: preview, details, the withdraw button for the NCP of the uploader's country
    page.get_by_test_id("picture-card").filter(has_text=title).get_by_test_id("picture-title").click()
    page.wait_for_url(re.compile(r"/cpdb/pictures/[^/]+$"))
    expect(page.get_by_test_id("picture-heading")).to_have_text(title)
    assert_image_loaded(page, page.get_by_test_id("preview-image"))
    expect(page.get_by_test_id("fact-dimensions")).to_have_text("2400 \u00d7 1600 px")
    expect(page.get_by_test_id("picture-tags")).to_contain_text("e2e test")
    expect(page.get_by_test_id("original-link")).to_be_visible()
    expect(page.get_by_test_id("withdraw-open")).to_be_visible()
    expect(page.get_by_test_id("similar")).to_be_visible()
    page.screenshot(path=str(screenshots / "cpdb-picture.png"), full_page=True)
    assert not session.csp_violations(), session.console_errors


def test_limited_user_browses_but_cannot_upload(login: Any, screenshots: Path) -> None:
    session = login("limited")
    page = session.page
    page.get_by_test_id("nav-cpdb").click()
    page.wait_for_url(re.compile(r"/cpdb/?$"))
    expect(page.get_by_test_id("nav-upload")).to_have_count(0)
    first = page.get_by_test_id("picture-card").first
    assert_image_loaded(page, first.get_by_test_id("thumbnail"))
    first.get_by_test_id("picture-title").click()
    page.wait_for_url(re.compile(r"/cpdb/pictures/[^/]+$"))
    assert_image_loaded(page, page.get_by_test_id("preview-image"))
    expect(page.get_by_test_id("case-link")).to_have_count(0)
    expect(page.get_by_test_id("original-link")).to_have_count(0)
    page.goto(GATEWAY + "/cpdb/upload")
    expect(page.get_by_test_id("upload-refused")).to_be_visible()
    page.screenshot(path=str(screenshots / "cpdb-upload-refused.png"), full_page=True)
    assert not session.csp_violations(), session.console_errors
