"""HTML pages on POST /v1/extract and POST /v1/articles: boilerplate removed, metadata filled in."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.http.api.test_bad_input import assert_problem

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour opens after decade of delays | Port Vale Gazette</title>
<meta property="og:title" content="Harbour opens after decade of delays">
<meta property="og:url" content="https://gazette.example/harbour-opens">
<meta property="og:site_name" content="Port Vale Gazette">
<meta property="article:published_time" content="2026-03-02T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article>
<h1>Harbour opens after decade of delays</h1>
<p>Mayor Jane Okafor of Port Vale opened the new harbour on Monday after ten years of construction.</p>
<p>&ldquo;This harbour connects two halves of our city,&rdquo; Okafor said.
&ldquo;It was never meant to be apart.&rdquo;</p>
<p>Harbour master Tom Reyes said the first ships would dock within a week.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens bakery</a></li></ul></aside>
<footer>Copyright 2026 Port Vale Gazette. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def test_extract_reads_the_article_out_of_an_html_page(client: TestClient) -> None:
    r = client.post("/v1/extract", json={"html": PAGE})
    assert r.status_code == 200, r.text
    body = r.json()
    text = body["text"]
    assert "Mayor Jane Okafor" in text
    assert "cookies" not in text and "Most read" not in text and "Copyright" not in text
    assert body["title"] == "Harbour opens after decade of delays"
    quotes = body["quotes"]
    assert all(text[q["start"] : q["end"]] == q["text"] for q in quotes)
    said = {q["text"]: q["speaker"]["name"] for q in quotes}
    assert said["This harbour connects two halves of our city"] == "Jane Okafor"
    assert said["the first ships would dock within a week"] == "Tom Reyes"


def test_plain_text_extraction_keeps_its_shape(client: TestClient) -> None:
    r = client.post("/v1/extract", json={"text": '"We open on Monday," Mayor Jane Okafor said.'})
    assert r.status_code == 200
    assert r.json()["text"] is None and r.json()["title"] is None
    assert r.json()["quotes"][0]["speaker"] == {
        "name": "Jane Okafor",
        "affiliation": None,
        "role": "Mayor",
        "anonymous": False,
    }


def test_article_stored_from_html_takes_title_url_publisher_and_date_from_the_page(
    client: TestClient, auth: dict
) -> None:
    r = client.post("/v1/articles", json={"html": PAGE}, headers=auth)
    assert r.status_code == 201, r.text
    article = r.json()["article"]
    assert article["title"] == "Harbour opens after decade of delays"
    assert article["url"] == "https://gazette.example/harbour-opens"
    assert article["publisher"] == "Port Vale Gazette"
    assert article["published_at"].startswith("2026-03-02")
    assert {q["speaker"]["name"] for q in r.json()["quotes"]} >= {"Jane Okafor", "Tom Reyes"}
    stored = client.get(f"/v1/articles/{article['id']}").json()
    assert "cookies" not in stored["text"] and stored["text"].startswith("Harbour opens")
    again = client.post("/v1/articles", json={"html": PAGE}, headers=auth)
    assert again.status_code == 200 and again.json()["quotes_added"] == 0


def test_given_metadata_wins_over_the_page(client: TestClient, auth: dict) -> None:
    body = {"html": PAGE, "title": "Harbour finally opens", "url": "https://example.org/h", "publisher": "Wire"}
    article = client.post("/v1/articles", json=body, headers=auth).json()["article"]
    assert (article["title"], article["url"], article["publisher"]) == (
        "Harbour finally opens",
        "https://example.org/h",
        "Wire",
    )


def test_text_and_html_together_or_neither_are_refused(client: TestClient, auth: dict) -> None:
    both = {"title": "Harbour", "text": "Okafor said the harbour opens.", "html": PAGE}
    for path, headers in (("/v1/extract", {}), ("/v1/articles", auth)):
        body = assert_problem(client.post(path, json=both, headers=headers), 422)
        assert "not both" in body["detail"]
    assert "text or html" in assert_problem(client.post("/v1/extract", json={"title": "x"}), 422)["detail"]
    none = assert_problem(client.post("/v1/articles", json={"title": "Harbour"}, headers=auth), 422)
    assert "text or html" in none["detail"]
    titles = [a["title"] for a in client.get("/v1/articles", params={"limit": 100}).json()["items"]]
    assert "Harbour" not in titles


def test_a_page_without_article_text_is_refused(client: TestClient, auth: dict) -> None:
    empty = (
        "<!DOCTYPE html><html><head><title>Gallery</title><style>p {color: red}</style></head>"
        "<body><script>var said = 'Mayor said hello';</script><img src='a.png'></body></html>"
    )
    for path, headers in (("/v1/extract", {}), ("/v1/articles", auth)):
        body = assert_problem(client.post(path, json={"html": empty}, headers=headers), 422)
        assert body["errors"][0]["loc"] == ["body", "html"]
