"""The HTML pages through the real ASGI app, on SQLite and PostgreSQL (no browser, no JavaScript)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from tests.factories import API_KEY, make_settings

SELLAL = "We won't allow any threat to harm our nation"
ALTERED = "We will allow any threat to harm our nation"
PANETTA_EXCERPT = (
    'Panetta: "we need to work with the nations ... facing the same threat there from '
    '[al-Qaida in the Islamic Maghreb] AQIM"'
)


def check(client: TestClient, text: str, speaker: str | None = None, **headers: str):  # type: ignore[no-untyped-def]
    params = {"text": text} | ({"speaker": speaker} if speaker else {})
    return client.get("/check?" + urlencode(params), headers=headers)


def verdict_of(html: str) -> str:
    found = re.search(r'<h2 id="result-heading">.*?</span>\s*([^<]+?)\s*</h2>', html, re.S)
    assert found, "no verdict heading on the page"
    return found.group(1)


class Page(HTMLParser):
    """Enough of a page's structure to check its accessibility basics."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.labels: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"] or "")

    def fields(self) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if t in ("input", "textarea", "select") and a.get("type") not in ("hidden", "submit", "button")
        ]

    def has(self, tag: str, **attrs: str) -> bool:
        return any(t == tag and all(a.get(k) == v for k, v in attrs.items()) for t, a in self.tags)


def assert_accessible_basics(html: str) -> None:
    page = Page(html)
    assert page.has("html", lang="en")
    assert page.has("main", id="main")
    assert page.has("nav") and page.has("header") and page.has("footer")
    assert page.has("meta", name="viewport")
    for field in page.fields():
        assert field.get("id") in page.labels, f"field without a label: {field}"
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"


# ---- the check page ----------------------------------------------------------------------------


def test_home_page_has_a_labelled_get_form(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<form class="check" action="/check" method="get"' in r.text
    assert '<label for="text">' in r.text and '<label for="speaker">' in r.text
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert_accessible_basics(r.text)


def test_verified_quote_shows_verdict_speaker_article_context_score_and_permalink(client: TestClient) -> None:
    r = check(client, SELLAL)
    assert r.status_code == 200
    assert verdict_of(r.text) == "Verified"
    assert 'class="verdict v-verified"' in r.text
    assert "Abdelmalek Sellal</a>, Prime Minister, Algeria" in r.text
    assert "In shift, Algeria accepts possible Mali intervention, sources say</a>, NBC News" in r.text
    assert "<mark>We won&#39;t allow any threat to harm our nation</mark>" in r.text
    assert "<dd>100 of 100</dd>" in r.text
    assert "No words changed." in r.text
    assert f'href="/check?{urlencode({"text": SELLAL})}">Permalink</a>' in r.text.replace("&amp;", "&")
    assert "<del" not in r.text.split('id="result"')[1]
    assert_accessible_basics(r.text)


def test_altered_quote_marks_the_changed_word_and_flags_the_negation(client: TestClient) -> None:
    r = check(client, ALTERED, "Sellal")
    assert r.status_code == 200
    assert verdict_of(r.text) == "Altered"
    assert re.search(r'<del class="chg neg"><span class="vh">\[removed: </span>won&#39;t<span', r.text)
    assert re.search(r'<ins class="chg neg"><span class="vh">\[added: </span>will<span', r.text)
    assert "⚠ negation" in r.text
    assert "1 change: 1 replaced." in r.text
    # The unchanged words are not marked.
    assert "</strong> allow any threat to harm our nation</blockquote>" in r.text
    assert "Permalink" in r.text and "speaker=Sellal" in r.text


def test_misattributed_quote_names_the_real_speaker(client: TestClient) -> None:
    r = check(client, SELLAL, "Hillary Clinton")
    assert verdict_of(r.text) == "Misattributed"
    assert "You attributed it to <strong>Hillary Clinton</strong>" in r.text
    assert "It was said by <strong>Abdelmalek Sellal</strong>" in r.text


def test_paraphrase_is_labelled_as_a_reported_statement(client: TestClient) -> None:
    r = check(client, "An Algerian official said Algiers would do its best to find a diplomatic solution")
    assert verdict_of(r.text) == "Paraphrase"
    assert "The stored reported statement" in r.text


def test_not_found_lists_near_misses_without_a_primary_match(client: TestClient) -> None:
    r = check(client, "We need to talk about the weather in the region")
    assert r.status_code == 200
    assert verdict_of(r.text) == "Not found"
    assert "Closest stored statements" in r.text
    assert 'id="match-heading"' not in r.text
    assert "We need to work with the nations in the region" in r.text


def test_unrelated_text_is_not_found(client: TestClient) -> None:
    r = check(client, "Le chat est sur la table de la cuisine")
    assert verdict_of(r.text) == "Not found"


def test_omission_and_editorial_marks_are_muted_not_shouted(client: TestClient) -> None:
    r = check(client, PANETTA_EXCERPT, "Defense Secretary Panneta")
    assert verdict_of(r.text) == "Verified"
    assert '<span class="omitted">' in r.text and "in the region. They all agree that we&#39;re" in r.text
    assert '<span class="editorial">' in r.text and "[al-Qaida in the Islamic Maghreb]" in r.text
    result = r.text.split('id="result"')[1]
    assert 'class="chg' not in result.split('class="legend"')[0]
    assert "No words changed." in result


def test_an_excerpt_shows_the_rest_of_the_quote_as_outside(client: TestClient) -> None:
    r = check(client, "allow any threat to harm")
    assert verdict_of(r.text) == "Verified"
    assert '<span class="outside"><span class="vh">[not in your text: </span>We won&#39;t' in r.text


@pytest.mark.parametrize("text", ["", "   ", " ... ", "!?!", "“”"])
def test_empty_or_punctuation_only_submission_shows_a_helpful_message(client: TestClient, text: str) -> None:
    r = check(client, text)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")
    assert "There is nothing to check yet" in r.text
    assert 'role="alert"' in r.text
    assert 'aria-invalid="true"' in r.text
    assert_accessible_basics(r.text)


def test_check_without_parameters_shows_the_message_too(client: TestClient) -> None:
    r = client.get("/check")
    assert r.status_code == 422
    assert "There is nothing to check yet" in r.text


def test_too_long_text_and_nul_are_a_page_message_not_an_error(client: TestClient) -> None:
    r = check(client, "word " * 2_500)
    assert r.status_code == 422 and "This text cannot be checked" in r.text
    r = check(client, "We won't\x00 allow")
    assert r.status_code == 422 and "NUL" in r.text
    r = check(client, SELLAL, "x" * 301)
    assert r.status_code == 422 and "name is too long" in r.text


def test_htmx_request_gets_only_the_result_region(client: TestClient) -> None:
    r = check(client, ALTERED, **{"HX-Request": "true"})
    assert r.status_code == 200
    assert r.text.lstrip().startswith('<section id="result"')
    assert "<html" not in r.text
    assert r.headers["vary"] == "HX-Request"
    empty = check(client, "...", **{"HX-Request": "true"})
    assert empty.status_code == 422 and "<html" not in empty.text and "nothing to check" in empty.text
    restore = check(client, ALTERED, **{"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.text


def test_static_files_are_served(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    js = client.get("/static/htmx.min.js")
    assert js.status_code == 200 and "htmx" in js.text
    assert "2.0" in client.get("/static/VENDORED.txt").text


def test_json_api_keeps_its_routes(client: TestClient) -> None:
    r = client.get("/v1/articles")
    assert r.headers["content-type"] == "application/json"
    assert client.get("/v1/articles/art_nope").headers["content-type"] == "application/problem+json"


# ---- browse ------------------------------------------------------------------------------------


def test_speakers_list_shows_counts(client: TestClient) -> None:
    r = client.get("/speakers")
    assert r.status_code == 200
    assert "Riccardo Fabiani</a>" in r.text and "2 statements" in r.text
    assert_accessible_basics(r.text)


def test_speakers_pagination_by_cursor(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.http.web.page_routes.PAGE_SIZE", 5)
    seen: list[str] = []
    url: str | None = "/speakers"
    while url:
        r = client.get(url)
        assert r.status_code == 200
        names = re.findall(r'<a href="/speakers/(spk_[0-9a-f]+)">', r.text)
        assert 0 < len(names) <= 5
        seen += names
        nxt = re.search(r'<a rel="next" href="([^"]+)">Next page</a>', r.text)
        url = nxt.group(1).replace("&amp;", "&") if nxt else None
    assert len(seen) == len(set(seen)) == 14


def test_speakers_filter_and_bad_cursor(client: TestClient) -> None:
    r = client.get("/speakers?query=fabiani")
    assert "Riccardo Fabiani" in r.text and "Abdelmalek Sellal" not in r.text
    for cursor in ("%%%", "x" * 500):
        bad = client.get("/speakers", params={"cursor": cursor})
        assert bad.status_code == 422 and bad.headers["content-type"].startswith("text/html")


def test_speaker_page_lists_their_quotes(client: TestClient) -> None:
    sid = client.get("/v1/speakers", params={"query": "Sellal"}).json()["items"][0]["id"]
    r = client.get(f"/speakers/{sid}")
    assert r.status_code == 200
    assert "<h1>Abdelmalek Sellal</h1>" in r.text
    assert "Prime Minister" in r.text and "Algeria" in r.text
    assert "We won&#39;t allow any threat to harm our nation" in r.text
    assert_accessible_basics(r.text)


def test_article_page_highlights_quotes_at_their_offsets(client: TestClient) -> None:
    art = client.get("/v1/articles").json()["items"][0]
    detail = client.get(f"/v1/articles/{art['id']}").json()
    r = client.get(f"/articles/{art['id']}")
    assert r.status_code == 200
    placed = [q for q in detail["quotes"] if q["start"] is not None]
    anchors = re.findall(r'<span class="anchor" id="q(\d+)"></span>', r.text)
    assert anchors == [str(n) for n in range(1, len(placed) + 1)]
    assert 'id="q' in r.text and "<mark>We won&#39;t allow any threat to harm our nation</mark>" in r.text
    assert 'class="overlap"' in r.text  # the seed has statements inside longer ones
    assert 'href="#n1"' in r.text and 'id="n1"' in r.text
    assert_accessible_basics(r.text)


def test_articles_list(client: TestClient) -> None:
    r = client.get("/articles")
    assert "In shift, Algeria accepts possible Mali intervention" in r.text
    assert client.get("/articles?cursor=!!").status_code == 422


@pytest.mark.parametrize("path", ["/speakers/spk_nope", "/articles/art_nope"])
def test_unknown_ids_get_a_friendly_404_page(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in r.text and "checking a quote" in r.text


def test_only_http_links_are_made_links(client: TestClient, auth: dict[str, str]) -> None:
    body = {"title": "Sneaky", "url": "javascript:alert(1)", "text": "Someone said hello there friends.", "quotes": []}
    art = client.post("/v1/articles", json=body, headers=auth).json()["article"]
    r = client.get(f"/articles/{art['id']}")
    assert r.status_code == 200
    assert "javascript:" not in r.text


# ---- ingest ------------------------------------------------------------------------------------

BRIDGE = {
    "title": "Bridge opens",
    "url": "https://example.org/bridge",
    "publisher": "Example Times",
    "published_at": "2024-05-02",
    "text": 'Mayor Jane Okafor opened the bridge. "This bridge connects two halves of our city," Okafor said.',
    "quotes": (
        "Jane Okafor | This bridge connects two halves of our city\nJane Okafor | Tolls will stay at zero | indirect"
    ),
}


def post_ingest(client: TestClient, fields: dict[str, str], **headers: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/ingest",
        content=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
    )


def article_count(client: TestClient) -> int:
    return len(client.get("/v1/articles", params={"limit": 100}).json()["items"])


def test_ingest_form_renders_with_labels(client: TestClient) -> None:
    r = client.get("/ingest")
    assert r.status_code == 200
    assert '<form class="ingest" action="/ingest" method="post"' in r.text
    assert 'type="password"' in r.text
    assert r.headers["cache-control"] == "no-store"
    assert_accessible_basics(r.text)


def test_ingest_with_the_key_stores_and_shows_what_was_stored(client: TestClient) -> None:
    r = post_ingest(client, {**BRIDGE, "api_key": API_KEY, "action": "store"})
    assert r.status_code == 201, r.text
    assert "New article" in r.text and "2 statements added" in r.text
    assert "This bridge connects two halves of our city" in r.text and "found in the text" in r.text
    assert API_KEY not in r.text
    # Stored for real: the check page verifies it, the article page marks it.
    assert verdict_of(check(client, "This bridge connects two halves of our city", "Okafor").text) == "Verified"
    art = client.get("/v1/articles", params={"limit": 100}).json()["items"]
    bridge = next(a for a in art if a["title"] == "Bridge opens")
    assert bridge["published_at"].startswith("2024-05-02")
    page = client.get(f"/articles/{bridge['id']}").text
    assert '<span class="anchor" id="q1"></span><mark>This bridge connects two halves of our city</mark>' in page
    assert "Tolls will stay at zero" in page and "Other statements from this article" in page
    # Storing it again adds nothing.
    again = post_ingest(client, {**BRIDGE, "api_key": API_KEY, "action": "store"})
    assert again.status_code == 200 and "Article already on file" in again.text and "2 already stored" in again.text


def test_ingest_without_a_key_is_401_and_stores_nothing(client: TestClient) -> None:
    before = article_count(client)
    r = post_ingest(client, {**BRIDGE, "action": "store"})
    assert r.status_code == 401
    assert "Enter your API key" in r.text
    assert "Bridge opens" in r.text  # the form keeps what was typed
    assert article_count(client) == before


def test_ingest_with_a_wrong_key_is_403_and_the_key_is_not_echoed(client: TestClient) -> None:
    before = article_count(client)
    r = post_ingest(client, {**BRIDGE, "api_key": "guess-123", "action": "store"})
    assert r.status_code == 403
    assert "The API key is not valid." in r.text
    assert "guess-123" not in r.text
    assert article_count(client) == before


def test_ingest_is_refused_when_no_key_is_configured(db_url: str) -> None:
    with TestClient(create_app(make_settings(db_url, api_keys=""))) as c:
        r = post_ingest(c, {**BRIDGE, "api_key": API_KEY, "action": "store"})
        assert r.status_code == 403
        assert "writes are disabled" in r.text.lower()


def test_ingest_from_another_site_is_refused(client: TestClient) -> None:
    before = article_count(client)
    r = post_ingest(client, {**BRIDGE, "api_key": API_KEY, "action": "store"}, Origin="https://evil.example")
    assert r.status_code == 403 and "other sites" in r.text
    r = post_ingest(client, {**BRIDGE, "api_key": API_KEY, "action": "store"}, **{"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert article_count(client) == before
    r = post_ingest(client, {**BRIDGE, "api_key": API_KEY, "action": "store"}, Origin="null")
    assert r.status_code == 403
    assert article_count(client) == before
    headers = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    same = post_ingest(client, {**BRIDGE, "api_key": API_KEY, "action": "store"}, **headers)
    assert same.status_code == 201


def test_ingest_preview_parses_lines_and_stores_nothing(client: TestClient) -> None:
    before = article_count(client)
    r = post_ingest(client, {**BRIDGE, "action": "preview"})
    assert r.status_code == 200
    assert "Preview: 2 statements" in r.text
    assert "found in the article text" in r.text and "not found word for word" in r.text
    assert article_count(client) == before


def test_ingest_reports_bad_lines_and_fields_on_the_page(client: TestClient) -> None:
    fields = {**BRIDGE, "title": " ", "url": "ftp://x", "published_at": "yesterday", "quotes": "no separator here\n"}
    r = post_ingest(client, {**fields, "api_key": API_KEY, "action": "store"})
    assert r.status_code == 422
    assert "line 1: write it as" in r.text
    assert "this field is required" in r.text
    assert "http:// or https://" in r.text
    assert "use a date like" in r.text
    assert 'aria-invalid="true"' in r.text and 'href="#title"' in r.text
    assert_accessible_basics(r.text)


def test_ingest_needs_a_form_body(client: TestClient) -> None:
    r = client.post("/ingest", json={"title": "x"})
    assert r.status_code == 415
    assert "could not be read" in r.text


def test_ingest_with_no_quote_lines_previews_and_stores_the_extracted_quotes(client: TestClient) -> None:
    text = 'Harbour opens\n\n"We will keep the tolls at zero for a decade," Mayor Jane Okafor said on Monday.'
    form = {"title": "Harbour opens", "text": text, "quotes": ""}
    preview = post_ingest(client, {**form, "action": "preview"})
    assert preview.status_code == 200
    assert "Preview: 1 statement" in preview.text
    assert "Jane Okafor" in preview.text and "We will keep the tolls at zero for a decade" in preview.text
    stored = post_ingest(client, {**form, "api_key": API_KEY, "action": "store"})
    assert stored.status_code == 201, stored.text
    assert "1 statement added" in stored.text
    assert verdict_of(check(client, "we will keep the tolls at zero for a decade", "Okafor").text) == "Verified"
