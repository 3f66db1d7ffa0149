"""Verification results as schema.org ClaimReview JSON-LD, the format fact-check tools exchange.

One ClaimReview per quoted passage: each passage is a claim of its own ("X said Y"). A text
with one passage (or none) gives one ClaimReview object; several give a JSON array of them,
in the order of the text, each a complete JSON-LD document with its own `@context`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from service.http.api import schemas
from service.settings import Settings

LD_JSON = "application/ld+json"

# The rating scale, worst to best, in the order verdicts are ranked when a claim has several
# quotes (see service/core/verify.py): 1 misattributed, 2 altered, 3 not found (no evidence
# either way, so the middle of the scale), 4 paraphrase (right in substance, not verbatim),
# 5 verified. alternateName is what a reader sees, so it says it in words.
WORST_RATING = 1
BEST_RATING = 5
RATINGS: dict[str, tuple[int, str]] = {
    "misattributed": (1, "Misattributed quote"),
    "altered": (2, "Altered quote"),
    "not_found": (3, "Unverified: no record of this quote"),
    "paraphrase": (4, "Paraphrase of a reported statement, not a verbatim quote"),
    "verified": (5, "Accurate quote"),
}


def wants_claimreview(request: Request, format_: str | None) -> bool:
    """Asked for by `?format=claimreview`, or by an Accept header naming JSON-LD."""
    if format_ is not None:
        return format_ == "claimreview"
    return LD_JSON in request.headers.get("accept", "")


def response(check: schemas.CheckOut, settings: Settings) -> JSONResponse:
    return JSONResponse(claim_reviews(check, settings), media_type=LD_JSON)


def claim_reviews(check: schemas.CheckOut, settings: Settings) -> dict[str, Any] | list[dict[str, Any]]:
    segments = check.segments or [
        schemas.SegmentOut(
            start=0,
            end=len(check.text),
            text=check.text,
            attributed_to=None,
            speaker=check.claimed_speaker,
            verdict=check.verdict,
            matches=check.matches,
        )
    ]
    many = len(segments) > 1
    reviews = [
        _review(check, s, f"{check.url}#segment-{i + 1}" if many else check.url, settings)
        for i, s in enumerate(segments)
    ]
    return reviews if many else reviews[0]


def _review(
    check: schemas.CheckOut, segment: schemas.SegmentOut, url: str | None, settings: Settings
) -> dict[str, Any]:
    top = segment.matches[0] if segment.matches and segment.verdict != "not_found" else None
    value, words = RATINGS[segment.verdict]
    explanation = top.explanation if top else "No stored statement matches these words closely enough."
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": segment.text,
        "datePublished": check.checked_at.date().isoformat(),
        "author": _organization(settings),
        "itemReviewed": _claim(segment, top, check.appearance),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": words,
            "name": words,
            "ratingExplanation": explanation,
        },
    }


def _organization(settings: Settings) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": settings.organization_name}
    if settings.organization_url:
        org["url"] = settings.organization_url
    return org


def _claim(
    segment: schemas.SegmentOut, top: schemas.MatchOut | None, seen: schemas.Appearance | None
) -> dict[str, Any]:
    """The claim: the words, credited to the person the text names (else the real speaker),
    first published in the matched statement's article when one was found, and appearing also
    on the page the text was found on, when the request said which."""
    claim: dict[str, Any] = {"@type": "Claim"}
    if segment.speaker:
        claim["author"] = {"@type": "Person", "name": segment.speaker}
    elif top is not None:
        claim["author"] = _person(top.speaker)
    if top is not None:
        article = top.article
        work: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
        if article.url:
            work["url"] = article.url
        if article.publisher:
            work["publisher"] = {"@type": "Organization", "name": article.publisher}
        if article.published_at:
            work["datePublished"] = article.published_at.isoformat()
            claim["datePublished"] = article.published_at.date().isoformat()
        claim["firstAppearance"] = work
        claim["appearance"] = [work]
    if seen is not None and (seen.url or seen.title):
        page: dict[str, Any] = {"@type": "CreativeWork"}
        if seen.url:
            page["url"] = seen.url
        if seen.title:
            page["headline"] = seen.title
        claim.setdefault("appearance", []).append(page)
    return claim


def _person(speaker: schemas.SpeakerBrief) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": speaker.name}
    if speaker.role:
        person["jobTitle"] = speaker.role
    if speaker.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": speaker.affiliation}
    return person


def script_for_page(out: schemas.VerifyOut, *, text: str, speaker: str | None, url: str, settings: Settings) -> str:
    """The ClaimReview of a result shown on a web page whose address is its permalink, as JSON
    safe inside a <script type="application/ld+json"> element (no "<" to close it early)."""
    check = schemas.CheckOut.model_validate(
        {**out.model_dump(), "url": url, "text": text, "claimed_speaker": speaker, "checked_at": datetime.now(UTC)}
    )
    body = json.dumps(claim_reviews(check, settings), ensure_ascii=False)
    return body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
