"""ClaimReview JSON-LD, checked against the properties Google documents for fact checks.

The checker below encodes Google's ClaimReview structured-data reference: required properties
(claimReviewed, reviewRating with alternateName, url) and recommended ones (author with a name,
datePublished, itemReviewed as a Claim with author, datePublished, appearance or
firstAppearance; ratingValue between worstRating and bestRating). It reports every problem.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi.testclient import TestClient

from service.app import create_app
from tests.factories import fresh_sqlite_url, make_settings
from tests.http.api.test_claims import PARAGRAPH

LD = {"Accept": "application/ld+json"}


def _is_url(value: Any) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme in ("http", "https") and parts.netloc)


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return False
    date.fromisoformat(value[:10])
    return True


def _named(thing: Any, where: str, types: tuple[str, ...], problems: list[str]) -> None:
    if not isinstance(thing, dict) or thing.get("@type") not in types:
        problems.append(f"{where} must be one of {types}")
    elif not isinstance(thing.get("name"), str) or not thing["name"].strip():
        problems.append(f"{where}.name is required")


def _work(thing: Any, where: str, problems: list[str]) -> None:
    if _is_url(thing):
        return
    if not isinstance(thing, dict) or thing.get("@type") != "CreativeWork":
        problems.append(f"{where} must be a URL or a CreativeWork")
    elif "url" in thing and not _is_url(thing["url"]):
        problems.append(f"{where}.url must be an absolute URL")


def claimreview_problems(doc: Any, *, recommended: bool = True) -> list[str]:
    """Everything that keeps `doc` from being a ClaimReview as Google documents it."""
    problems: list[str] = []
    if not isinstance(doc, dict):
        return ["a ClaimReview must be a JSON object"]
    if doc.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
        problems.append("@context must be schema.org")
    if doc.get("@type") != "ClaimReview":
        problems.append("@type must be ClaimReview")
    if not isinstance(doc.get("claimReviewed"), str) or not doc["claimReviewed"].strip():
        problems.append("claimReviewed (text) is required")
    if not _is_url(doc.get("url")):
        problems.append("url (an absolute URL) is required")
    rating = doc.get("reviewRating")
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        problems.append("reviewRating (a Rating) is required")
        rating = {}
    if not isinstance(rating.get("alternateName"), str) or not rating.get("alternateName", "").strip():
        problems.append("reviewRating.alternateName is required")
    if not recommended:
        return problems
    numbers = [rating.get(k) for k in ("worstRating", "ratingValue", "bestRating")]
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
        problems.append("reviewRating needs numeric worstRating, ratingValue and bestRating")
    elif not (1 <= numbers[0] <= numbers[1] <= numbers[2] and numbers[0] < numbers[2]):  # type: ignore[operator]
        problems.append("reviewRating.ratingValue must lie in worstRating..bestRating, worstRating at least 1")
    _named(doc.get("author"), "author", ("Organization", "Person"), problems)
    if not _is_date(doc.get("datePublished")):
        problems.append("datePublished (ISO 8601) is recommended")
    claim = doc.get("itemReviewed")
    if not isinstance(claim, dict) or claim.get("@type") != "Claim":
        problems.append("itemReviewed (a Claim) is recommended")
        return problems
    _named(claim.get("author"), "itemReviewed.author", ("Organization", "Person"), problems)
    if "datePublished" in claim and not _is_date(claim["datePublished"]):
        problems.append("itemReviewed.datePublished must be ISO 8601")
    if "firstAppearance" not in claim and "appearance" not in claim:
        problems.append("itemReviewed.appearance or firstAppearance is recommended")
    if "firstAppearance" in claim:
        _work(claim["firstAppearance"], "itemReviewed.firstAppearance", problems)
    for i, work in enumerate(claim.get("appearance", [])):
        _work(work, f"itemReviewed.appearance[{i}]", problems)
    return problems


def test_the_checker_finds_what_is_missing() -> None:
    assert claimreview_problems({"@context": "https://schema.org", "@type": "ClaimReview"}, recommended=False) == [
        "claimReviewed (text) is required",
        "url (an absolute URL) is required",
        "reviewRating (a Rating) is required",
        "reviewRating.alternateName is required",
    ]
    bad_rating = {"@type": "Rating", "alternateName": "x", "worstRating": 1, "ratingValue": 9, "bestRating": 5}
    problems = claimreview_problems({"reviewRating": bad_rating, "url": "/relative", "datePublished": "24/11/2026"})
    assert "reviewRating.ratingValue must lie in worstRating..bestRating, worstRating at least 1" in problems
    assert "url (an absolute URL) is required" in problems
    assert "datePublished (ISO 8601) is recommended" in problems
    assert "itemReviewed (a Claim) is recommended" in problems


def test_verify_as_claimreview_validates_and_carries_a_permalink(client: TestClient) -> None:
    text = "We will allow any threat to harm our nation"
    r = client.post("/v1/verify?format=claimreview", json={"text": text, "speaker": "Sellal"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/ld+json"
    review = r.json()
    assert claimreview_problems(review) == []
    assert review["claimReviewed"] == text
    assert review["itemReviewed"]["author"]["name"] == "Sellal"
    assert review["itemReviewed"]["firstAppearance"]["headline"].startswith("In shift, Algeria accepts")
    rating = review["reviewRating"]
    assert (rating["alternateName"], rating["ratingValue"], rating["worstRating"], rating["bestRating"]) == (
        "Altered quote",
        2,
        1,
        5,
    )
    assert "'won't' → 'will'" in rating["ratingExplanation"]
    # ClaimReview needs a permalink, so asking for it saves the check.
    saved = client.get(review["url"])
    assert saved.status_code == 200
    assert saved.json()["verdict"] == "altered"


def test_a_saved_check_as_claimreview_has_one_review_per_quote(client: TestClient) -> None:
    url = client.post("/v1/verify", json={"text": PARAGRAPH, "save": True}).json()["url"]
    for r in (client.get(url, headers=LD), client.get(url, params={"format": "claimreview"})):
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/ld+json"
        reviews = r.json()
        assert [claimreview_problems(doc) for doc in reviews] == [[], [], []]
        assert [doc["reviewRating"]["alternateName"] for doc in reviews] == [
            "Accurate quote",
            "Altered quote",
            "Misattributed quote",
        ]
        assert [doc["url"] for doc in reviews] == [f"{url}#segment-{i}" for i in (1, 2, 3)]
        assert [doc["itemReviewed"]["author"]["name"] for doc in reviews] == ["Sellal", "Sellal", "Fabiani"]
    assert client.get(url, params={"format": "json"}, headers=LD).headers["content-type"] == "application/json"


def test_organisation_and_public_url_come_from_settings(tmp_path: Path, sqlite_template: Path) -> None:
    settings = make_settings(
        fresh_sqlite_url(sqlite_template, tmp_path),
        organization_name="Example Fact Check",
        organization_url="https://factcheck.example.org",
        public_url="https://quotes.example.org/",
    )
    with TestClient(create_app(settings)) as c:
        review = c.post("/v1/verify", json={"text": "We won't allow any threat to harm our nation"}, headers=LD).json()
    assert claimreview_problems(review) == []
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://factcheck.example.org",
    }
    assert review["url"].startswith("https://quotes.example.org/v1/checks/chk_")
    # No speaker was named: the claim is credited to the person who said the words.
    assert review["itemReviewed"]["author"]["name"] == "Abdelmalek Sellal"
    assert review["reviewRating"]["alternateName"] == "Accurate quote"


def test_an_unmatched_quote_is_rated_unverified(client: TestClient) -> None:
    review = client.post(
        "/v1/verify?format=claimreview",
        json={"text": "The weather in Paris will be sunny tomorrow", "speaker": "Sellal"},
    ).json()
    assert claimreview_problems(review, recommended=False) == []
    assert review["reviewRating"]["ratingValue"] == 3
    assert review["reviewRating"]["alternateName"] == "Unverified: no record of this quote"


def test_the_check_page_embeds_its_claimreview(client: TestClient) -> None:
    text = "We will allow any threat to harm our nation </script><b>"
    r = client.get("/check", params={"text": text, "speaker": "Sellal"})
    assert r.status_code == 200
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', r.text, flags=re.S)
    assert len(found) == 1
    review = json.loads(found[0])
    assert claimreview_problems(review) == []
    assert review["claimReviewed"] == text  # the markup inside the claim stayed text
    assert review["url"] == str(r.url)
    assert review["reviewRating"]["alternateName"] == "Altered quote"


def test_the_page_a_claim_was_found_on_is_kept_and_becomes_its_appearance(client: TestClient) -> None:
    """A browser extension sends the page it read the text on; the verdict is the same without it."""
    text = '"We will allow any threat to harm our nation," Sellal said.'
    seen = {"url": "https://social.example/posts/81723", "title": "A post about Algeria"}
    plain = client.post("/v1/verify", json={"text": text}).json()
    answered = client.post("/v1/verify", json={"text": text, "appearance": seen, "save": True}).json()
    assert answered["appearance"] == seen
    assert {k: answered[k] for k in ("verdict", "segments")} == {k: plain[k] for k in ("verdict", "segments")}
    saved = client.get(answered["url"]).json()
    assert saved["appearance"] == seen
    review = client.get(answered["url"], headers=LD).json()
    assert claimreview_problems(review) == []
    first, found_on = review["itemReviewed"]["appearance"]
    assert first == review["itemReviewed"]["firstAppearance"]  # the statement's own article
    assert found_on == {"@type": "CreativeWork", "url": seen["url"], "headline": seen["title"]}


def test_an_appearance_that_is_not_a_web_address_is_refused(client: TestClient) -> None:
    r = client.post("/v1/verify", json={"text": "We need to work", "appearance": {"url": "javascript:alert(1)"}})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "appearance", "url"]
    assert "http:// or https://" in r.json()["errors"][0]["msg"]
