"""Claims with several quotes, and saved checks with permalinks, over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

PARAGRAPH = (
    'Sellal told parliament: "We won\'t allow any threat to harm our nation." '
    '"Algeria wants to avoid having terrorist camps at its frontiers," Sellal said. '
    'Fabiani said: "We need to work with the nations in the region."'
)


def changes(match: dict) -> list[tuple[str, str, str]]:
    return [(d["op"], d["stored"], d["submitted"]) for d in match["diff"] if d["op"] != "equal" and not d["note"]]


def test_a_paragraph_with_three_quotes_gets_three_segments(client: TestClient) -> None:
    r = client.post("/v1/verify", json={"text": PARAGRAPH})
    assert r.status_code == 200, r.text
    body = r.json()
    verified, altered, misattributed = body["segments"]

    assert PARAGRAPH[verified["start"] : verified["end"]] == verified["text"]
    assert (verified["attributed_to"], verified["verdict"]) == ("Sellal", "verified")
    assert verified["matches"][0]["speaker"]["name"] == "Abdelmalek Sellal"
    assert changes(verified["matches"][0]) == []

    assert PARAGRAPH[altered["start"] : altered["end"]] == altered["text"]
    assert (altered["attributed_to"], altered["verdict"]) == ("Sellal", "altered")
    assert changes(altered["matches"][0]) == [("replace", "dens", "camps")]
    assert altered["matches"][0]["explanation"] == "1 word changed: 'dens' → 'camps'."

    assert PARAGRAPH[misattributed["start"] : misattributed["end"]] == misattributed["text"]
    assert (misattributed["attributed_to"], misattributed["verdict"]) == ("Fabiani", "misattributed")
    top = misattributed["matches"][0]
    assert (top["speaker"]["name"], top["speaker_match"]) == ("Leon Panetta", False)
    assert "wrong_speaker" in top["flags"]
    assert top["explanation"].startswith("Said by Leon Panetta, not by Fabiani;")

    # The worst verdict wins, and the top-level matches are the deciding segment's.
    assert body["verdict"] == "misattributed"
    assert body["matches"] == misattributed["matches"]
    assert body["check_id"] is None and body["url"] is None


def test_a_single_quote_answers_as_before_with_one_segment(client: TestClient) -> None:
    text = "We will allow any threat to harm our nation"
    body = client.post("/v1/verify", json={"text": text, "speaker": "Sellal"}).json()
    assert body["verdict"] == "altered"
    assert [(s["start"], s["end"], s["speaker"], s["verdict"]) for s in body["segments"]] == [
        (0, len(text), "Sellal", "altered")
    ]
    assert body["segments"][0]["matches"] == body["matches"]
    assert body["matches"][0]["flags"] == ["negation_removed"]


def test_a_saved_check_has_a_permalink_that_returns_the_same_result(client: TestClient, auth: dict) -> None:
    r = client.post("/v1/verify", json={"text": PARAGRAPH, "speaker": None, "save": True})
    assert r.status_code == 200, r.text
    posted = r.json()
    assert posted["check_id"].startswith("chk_")
    assert posted["url"].endswith(f"/v1/checks/{posted['check_id']}")

    # Deleting the matched article does not rewrite what the check said.
    article = posted["matches"][0]["article"]["id"]
    assert client.delete(f"/v1/articles/{article}", headers=auth).status_code == 200

    got = client.get(posted["url"])
    assert got.status_code == 200
    stored = got.json()
    assert {k: stored[k] for k in posted} == posted
    assert stored["text"] == PARAGRAPH
    assert stored["claimed_speaker"] is None
    assert stored["checked_at"].endswith(("Z", "+00:00"))


def test_checks_are_saved_only_when_asked(client: TestClient) -> None:
    first = client.post("/v1/verify", json={"text": PARAGRAPH, "save": True}).json()
    second = client.post("/v1/verify", json={"text": PARAGRAPH, "save": True}).json()
    assert first["check_id"] != second["check_id"]  # two checks, however alike
    assert client.post("/v1/verify", json={"text": PARAGRAPH}).json()["check_id"] is None


def test_unknown_check_is_a_404_problem(client: TestClient) -> None:
    r = client.get("/v1/checks/chk_doesnotexist")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "no check with id 'chk_doesnotexist'"
    assert client.get("/v1/checks/" + "x" * 65).status_code == 422


def test_save_must_be_a_boolean(client: TestClient) -> None:
    r = client.post("/v1/verify", json={"text": PARAGRAPH, "save": "please"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "save"]
