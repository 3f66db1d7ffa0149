"""The browser extension in Debian's Chromium, loaded from its packaged zip, against a real uvicorn.

The context menu itself is drawn by the browser, out of a page script's reach, so the tests do what
a click on "Check this quote" does: the selection is made on a test page with a Range, read back
from the page, and handed to the background worker's click handler with the page's URL and title.
Everything after that is the extension's own: the result window, the request (cross-origin, so
the service must admit the extension's origin), the rendering.
"""

from __future__ import annotations

import os
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, Worker, expect

from tests.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.factories import API_KEY
from tests.test_server import free_port, uvicorn

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "extension.png"
ARTICLE_URL = "https://news.example/world/algeria-and-its-neighbours"
ARTICLE_TITLE = "Algeria and its neighbours - News Example"
SELLAL = "We won't allow any threat to harm our nation"
CHANGED = "We will allow any threat to harm our nation"
PANETTA = "We need to work with the nations in the region"


def article_html(passage: str) -> str:
    return (
        f"<!doctype html><html><head><title>{ARTICLE_TITLE}</title></head><body><article>"
        "<p>The prime minister spoke on Sunday.</p>"
        f'<p id="passage">{passage}</p><p>Other news follows.</p></article></body></html>'
    )


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip `.ci/run` built (EXTENSION_ZIP), else one packed now, unzipped as a user would."""
    built = os.environ.get("EXTENSION_ZIP")
    if built:
        archive = Path(built)
    else:
        sys.path.insert(0, str(ROOT / "extension"))
        try:
            from pack import pack  # type: ignore[import-not-found]
        finally:
            sys.path.pop(0)
        archive = pack(tmp_path_factory.mktemp("dist"))
    target = tmp_path_factory.mktemp("quote-check")
    with zipfile.ZipFile(archive) as z:
        z.extractall(target)
    return target


@pytest.fixture(scope="module")
def browser_with_extension(
    playwright: Playwright, unpacked: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)")
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("profile")),
        executable_path=CHROMIUM,
        headless=True,
        args=[*CHROMIUM_ARGS, f"--disable-extensions-except={unpacked}", f"--load-extension={unpacked}"],
        ignore_default_args=["--disable-extensions"],
    )
    # A news article on a real-looking address, served by the test rather than the network.
    context.route(
        "https://news.example/**",
        lambda route: route.fulfill(content_type="text/html", body=article_html(route.request.url)),
    )
    yield context
    context.close()


@pytest.fixture(scope="module")
def worker(browser_with_extension: BrowserContext) -> Worker:
    workers = browser_with_extension.service_workers
    return workers[0] if workers else browser_with_extension.wait_for_event("serviceworker")


@pytest.fixture(scope="module")
def extension_origin(worker: Worker) -> str:
    return "chrome-extension://" + worker.url.split("/")[2]


@pytest.fixture(scope="module")
def service(extension_origin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service on a port the extension has no host permission for: only CORS lets it in."""
    path = tmp_path_factory.mktemp("extension-service") / "quotes.db"
    with uvicorn(f"sqlite:///{path}", API_KEYS=API_KEY, CORS_ORIGINS=extension_origin) as base:
        yield base


@pytest.fixture
def pointed_at(worker: Worker, service: str) -> Iterator[str]:
    """The extension's options set to the test service, as the options page saves them."""
    worker.evaluate("(service) => chrome.storage.sync.set({ service, key: '' })", service)
    yield service


def check_selection(context: BrowserContext, worker: Worker, passage: str) -> Page:
    """Select `passage` on the test article, click "Check this quote"; the window that opens."""
    article = context.new_page()
    article.goto(ARTICLE_URL)
    article.evaluate("(html) => { document.getElementById('passage').textContent = html; }", passage)
    selected = article.evaluate(
        """() => {
            const range = document.createRange();
            range.selectNodeContents(document.getElementById('passage'));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return selection.toString();
        }"""
    )
    assert selected == passage
    with context.expect_page() as opened:
        worker.evaluate(
            """([text, url, title]) => checkSelection(
                { menuItemId: 'check-quote', selectionText: text, pageUrl: url }, { title, url })""",
            [selected, article.url, article.title()],
        )
    article.close()
    result = opened.value
    result.wait_for_load_state()
    return result


def verdict_of(result: Page) -> Any:
    shown = result.locator("div.verdict")
    expect(shown).to_be_visible()
    return shown.get_attribute("data-verdict")


def test_a_selected_quote_as_published_is_verified_with_its_speaker_and_article(
    browser_with_extension: BrowserContext, worker: Worker, pointed_at: str
) -> None:
    result = check_selection(browser_with_extension, worker, f"Sellal told parliament: \u201c{SELLAL}.\u201d")
    assert verdict_of(result) == "verified"
    expect(result.locator("div.verdict h2")).to_have_text("✓ Verified")
    expect(result.locator(".said-by")).to_contain_text("Abdelmalek Sellal")
    expect(result.locator("#found-on")).to_have_text(f"Found on {ARTICLE_TITLE}")
    expect(result.locator(".source")).to_have_text(
        "Source: In shift, Algeria accepts possible Mali intervention, sources say, NBC News"
    )
    permalink = result.locator(".permalink a").get_attribute("href")
    assert permalink and permalink.startswith(f"{pointed_at}/check?text=")
    result.close()


def test_a_changed_word_is_altered_and_the_change_is_shown(
    browser_with_extension: BrowserContext, worker: Worker, pointed_at: str
) -> None:
    result = check_selection(browser_with_extension, worker, f'"{CHANGED}," Sellal said.')
    assert verdict_of(result) == "altered"
    expect(result.locator(".diff del")).to_have_text("won't")
    expect(result.locator(".diff ins")).to_have_text("will")
    expect(result.locator(".explanation")).to_contain_text("won't")
    if os.environ.get("WRITE_SCREENSHOTS"):  # the README's picture: python -m pytest tests/extension
        result.set_viewport_size({"width": 480, "height": 520})
        result.screenshot(path=str(SCREENSHOT))
    result.close()


def test_a_quote_credited_to_the_wrong_person_is_misattributed_to_the_real_speaker(
    browser_with_extension: BrowserContext, worker: Worker, pointed_at: str
) -> None:
    result = check_selection(browser_with_extension, worker, f'Fabiani said: "{PANETTA}."')
    assert verdict_of(result) == "misattributed"
    expect(result.locator(".said-by strong")).to_have_text("Leon Panetta")
    result.close()


def test_a_paragraph_of_several_quotes_shows_each_passage(
    browser_with_extension: BrowserContext, worker: Worker, pointed_at: str
) -> None:
    paragraph = f'Sellal said: "{SELLAL}." Later Fabiani said: "{PANETTA}."'
    result = check_selection(browser_with_extension, worker, paragraph)
    assert verdict_of(result) == "misattributed"  # the worst of its passages
    passages = result.locator("section.segment")
    expect(passages).to_have_count(2)
    assert [passages.nth(i).get_attribute("data-verdict") for i in range(2)] == ["verified", "misattributed"]
    result.close()


def test_the_popup_checks_typed_text(
    browser_with_extension: BrowserContext, extension_origin: str, pointed_at: str
) -> None:
    popup = browser_with_extension.new_page()
    popup.goto(f"{extension_origin}/popup.html")
    popup.get_by_label("Quote or post").fill(f"{SELLAL}!")
    popup.get_by_role("button", name="Check").click()
    assert verdict_of(popup) == "verified"
    popup.close()


def test_the_options_page_saves_the_address_and_key(
    browser_with_extension: BrowserContext, worker: Worker, extension_origin: str
) -> None:
    options = browser_with_extension.new_page()
    options.goto(f"{extension_origin}/options.html")
    options.get_by_label("Address of the quote verification service").fill("not an address")
    options.get_by_role("button", name="Save").click()
    assert options.locator("#service").evaluate("(input) => input.validity.typeMismatch")  # the browser says so
    expect(options.get_by_role("status")).to_have_text("")
    # The default address, with a path and a trailing slash typed by hand: the origin is kept.
    options.get_by_label("Address of the quote verification service").fill("http://localhost:8000/check/")
    options.get_by_label("API key").fill(" qk_reader ")
    options.get_by_role("button", name="Save").click()
    expect(options.get_by_role("status")).to_have_text("Saved: quotes are checked at http://localhost:8000.")
    stored = worker.evaluate("() => chrome.storage.sync.get(['service', 'key'])")
    assert stored == {"service": "http://localhost:8000", "key": "qk_reader"}
    options.close()


def test_an_unreachable_service_gets_a_clear_message(browser_with_extension: BrowserContext, worker: Worker) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    worker.evaluate("(service) => chrome.storage.sync.set({ service, key: '' })", nowhere)
    result = check_selection(browser_with_extension, worker, f'"{SELLAL}," Sellal said.')
    problem = result.get_by_role("alert")
    expect(problem).to_contain_text(f"The quote verification service at {nowhere} cannot be reached")
    expect(problem).to_contain_text("The address is set on the extension's options page")
    result.close()


def test_a_service_that_does_not_admit_the_extension_says_which_setting_to_change(
    browser_with_extension: BrowserContext, worker: Worker, extension_origin: str, tmp_path: Path
) -> None:
    """Without CORS_ORIGINS the browser withholds the answer; the message names the setting and origin."""
    with uvicorn(f"sqlite:///{tmp_path / 'quotes.db'}") as closed:
        assert httpx.post(f"{closed}/v1/verify", json={"text": SELLAL}).json()["verdict"] == "verified"
        worker.evaluate("(service) => chrome.storage.sync.set({ service, key: '' })", closed)
        result = check_selection(browser_with_extension, worker, f'"{SELLAL}," Sellal said.')
        problem = result.get_by_role("alert")
        expect(problem).to_contain_text(f"its CORS_ORIGINS setting must list {extension_origin}")
        result.close()
