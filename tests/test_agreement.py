"""One question, one answer: the API, a batch, the /check page and the CLI agree on every claim.

Each entry point calls the same verification use case; this table of claims, the way people
paste them, holds them to it on a real database of each kind: the API's JSON is the batch item's
JSON and `verify --json`'s, and the page shows the same verdict for the claim and for each of its
segments, with the same explanations.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from tests.factories import make_settings

CLAIMS: list[tuple[str, str | None, str]] = [
    (
        'Sellal told parliament: "We won\'t allow any threat to harm our nation." "Algeria wants to avoid having '
        'terrorist camps at its frontiers," Sellal said. Fabiani said: "We need to work with the nations in the '
        'region."',
        None,
        "misattributed",
    ),
    ('"They are adopting a sort of benevolent neutrality," Panetta said.', None, "misattributed"),
    ('Just saw this from Panetta: "We need to work with the nations in the region." Unbelievable.', None, "verified"),
    ('PM Sellal: "We won\'t allow any threat to harm our nation."', None, "verified"),
    ("We wont allow any threat to harm our nation", None, "verified"),
    ("We will allow any threat to harm our nation", "Sellal", "altered"),
    ("We canot allow any threat to harm our nation", None, "altered"),
    ("Sellal said that additional troops had been sent to secure the borders of Algeria.", None, "paraphrase"),
    (
        '"We won\'t allow any threat to harm our nation," Sellal said. "We will rebuild every school in the south '
        'before the winter," he added.',
        None,
        "verified",
    ),
    ("The weather in Lisbon was mild and sunny all week", None, "not_found"),
]


@pytest.fixture
def unhurried(db_url: str) -> Iterator[TestClient]:
    """The app with no time budget (MATCH_BUDGET_MS=0), as the CLI below runs too: on a stalled
    machine one entry point's verification could be cut short and another's not; that is load,
    not disagreement."""
    with TestClient(create_app(make_settings(db_url, match_budget_ms=0))) as c:
        yield c


def api(client: TestClient, text: str, speaker: str | None) -> dict:
    r = client.post("/v1/verify", json={"text": text, "speaker": speaker})
    assert r.status_code == 200, r.text
    return r.json()


def cli(db_url: str, texts: list[str], speaker: str | None) -> list[dict]:
    args = [sys.executable, "-m", "service", "verify", "--json", *texts]
    if speaker:
        args += ["--speaker", speaker]
    done = subprocess.run(
        args,
        env={**os.environ, "DATABASE_URL": db_url, "MATCH_BUDGET_MS": "0"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def page_verdicts(page: str) -> list[str]:
    """The verdicts the page carries, the claim's first, then each segment's (when there are several)."""
    return re.findall(r'data-verdict="([a-z_]+)"', page)


def test_every_entry_point_gives_the_same_answer(db_url: str, unhurried: TestClient) -> None:
    client = unhurried
    answers = [api(client, text, speaker) for text, speaker, _ in CLAIMS]
    assert [a["verdict"] for a in answers] == [expected for _, _, expected in CLAIMS]

    items = [{"id": str(i), "text": text, "speaker": speaker} for i, (text, speaker, _) in enumerate(CLAIMS)]
    batch = client.post("/v1/verify/batch", json={"items": items}).json()["items"]
    assert [item["result"] for item in batch] == answers

    for (text, speaker, _), answer in zip(CLAIMS, answers, strict=True):
        page = client.get("/check?" + urlencode({"text": text} | ({"speaker": speaker} if speaker else {}))).text
        segments = answer["segments"]
        expected = [answer["verdict"]] + ([s["verdict"] for s in segments] if len(segments) > 1 else [])
        assert page_verdicts(page) == expected, text
        for s in segments:
            if s["verdict"] != "not_found":
                assert html.escape(s["matches"][0]["explanation"], quote=False) in page.replace("&#39;", "'"), text

    for speaker in {speaker for _, speaker, _ in CLAIMS}:
        rows = [(i, text) for i, (text, s, _) in enumerate(CLAIMS) if s == speaker]
        printed = cli(db_url, [text for _, text in rows], speaker)
        assert printed == [answers[i] for i, _ in rows]


@pytest.mark.parametrize("fmt", ["claimreview"])
def test_the_claimreview_of_a_claim_rates_each_passage_as_the_api_does(client: TestClient, fmt: str) -> None:
    text, speaker, _ = CLAIMS[0]
    answer = api(client, text, speaker)
    reviews = client.post(f"/v1/verify?format={fmt}", json={"text": text}).json()
    assert [r["reviewRating"]["alternateName"].split()[0] for r in reviews] == ["Accurate", "Altered", "Misattributed"]
    assert [s["verdict"] for s in answer["segments"]] == ["verified", "altered", "misattributed"]
