"""The pages in a real browser (system Chromium via Playwright) against a real uvicorn process."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.factories import API_KEY

pytestmark = pytest.mark.slow

SELLAL = "We won't allow any threat to harm our nation"
ALTERED = "We will allow any threat to harm our nation"
README_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "check-page.png"


def submit(page: Page, text: str, speaker: str = "") -> None:
    page.get_by_label("Quote or post").fill(text)
    page.get_by_label("Attributed to").fill(speaker)
    page.get_by_role("button", name="Check").click()


def verdict(page: Page) -> str:
    heading = page.locator("#result-heading")
    expect(heading).to_be_visible()
    return heading.inner_text().strip()


def test_verified_quote_swaps_in_the_result_and_pushes_the_permalink(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.evaluate("window.__notReloaded = true")
    submit(page, SELLAL)
    expect(page.locator("#result-heading")).to_contain_text("Verified")
    assert verdict(page).endswith("Verified")
    # htmx replaced only the result region: the page was not reloaded, and the address is the permalink.
    assert page.evaluate("window.__notReloaded") is True
    assert parse_qs(urlsplit(page.url).query)["text"] == [SELLAL]
    expect(page.locator(".facts")).to_contain_text("Abdelmalek Sellal")
    expect(page.locator(".context mark")).to_have_text(SELLAL)
    # Focus moved to the new result for keyboard and screen-reader users.
    assert page.evaluate("document.activeElement.id") == "result"


def test_altered_quote_highlights_the_changed_word(page: Page, server: str, artefacts: Path) -> None:
    page.set_viewport_size({"width": 960, "height": 900})
    page.goto(server + "/")
    submit(page, ALTERED, "Sellal")
    expect(page.locator("#result-heading")).to_contain_text("Altered")
    inserted = page.locator("blockquote.diff ins.chg")
    deleted = page.locator("blockquote.diff del.chg")
    expect(inserted).to_have_count(1)
    expect(inserted).to_contain_text("will")
    expect(deleted).to_contain_text("won't")
    expect(page.locator("blockquote.diff .flag")).to_contain_text("negation")
    # Highlighted, not only marked up: the changed word has its own background and decoration.
    style = inserted.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).textDecorationLine]")
    assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent") and "underline" in style[1]
    assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
    shot = artefacts / "check-page-altered.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    README_SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, README_SCREENSHOT)


def test_misattributed_quote_names_the_real_speaker(page: Page, server: str) -> None:
    page.goto(server + "/")
    submit(page, SELLAL, "Hillary Clinton")
    expect(page.locator("#result-heading")).to_contain_text("Misattributed")
    expect(page.locator(".verdict")).to_contain_text("It was said by Abdelmalek Sellal")


def test_empty_submission_shows_a_helpful_message(page: Page, server: str) -> None:
    page.goto(server + "/")
    submit(page, "")
    expect(page.get_by_role("alert")).to_contain_text("There is nothing to check yet")
    expect(page.get_by_label("Quote or post")).to_be_visible()  # still the check page, not an error page
    submit(page, " ... ")
    expect(page.get_by_role("alert")).to_contain_text("There is nothing to check yet")


def test_without_javascript_the_form_is_a_normal_page_load(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + "/")
        submit(page, ALTERED, "Sellal")
        page.wait_for_url("**/check?**")
        expect(page.locator("#result-heading")).to_contain_text("Altered")
        expect(page.locator("blockquote.diff ins.chg")).to_contain_text("will")
        # The permalink shows the same result on its own.
        permalink = page.get_by_role("link", name="Permalink").get_attribute("href")
        assert permalink is not None
        page.goto(server + permalink)
        expect(page.locator("#result-heading")).to_contain_text("Altered")
        submit(page, "")
        expect(page.get_by_role("alert")).to_contain_text("There is nothing to check yet")
    finally:
        context.close()


def test_ingest_from_the_browser_without_javascript(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + "/ingest")
        page.get_by_label("Title").fill("Harbour reopens")
        page.get_by_label("Article text").fill('"The harbour is open for business again," said Port Director Ana Ruiz.')
        page.get_by_label("Quotes, one a line").fill("Ana Ruiz | The harbour is open for business again")
        page.get_by_role("button", name="Store article").click()
        expect(page.get_by_role("alert")).to_contain_text("Enter your API key")
        assert API_KEY not in page.url
        page.get_by_label("API key").fill(API_KEY)
        page.get_by_role("button", name="Store article").click()
        expect(page.locator("#stored-heading")).to_contain_text("Stored")
        expect(page.locator(".stored")).to_contain_text("1 statement added")
        assert API_KEY not in page.url and API_KEY not in page.content()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/check?text=We+will+allow+any+threat+to+harm+our+nation&speaker=Sellal", "/ingest"])
def test_phone_width_has_no_horizontal_scrolling(browser: Browser, server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        article = page.locator("a[href^='/articles/art_']").first
        if article.count():
            article.click()
            expect(page.locator(".article-text")).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()


def test_keyboard_focus_starts_at_the_skip_link_and_is_visible(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.textContent, getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert focused[0] == "Skip to main content" and focused[1] != "none"
