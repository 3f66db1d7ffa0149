"""The same person across articles is one speaker with aliases; namesakes stay apart without evidence.

Through the real API on SQLite and PostgreSQL: articles are posted as text and their quotes extracted.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.app import create_app
from tests.factories import make_settings
from tests.test_sync import eventually


def _post(client: TestClient, auth: dict, title: str, body: str) -> dict:
    r = client.post("/v1/articles", json={"title": title, "text": f"{title}\n\n{body}"}, headers=auth)
    assert r.status_code == 201, r.text
    return r.json()


def _speakers(client: TestClient, query: str) -> list[dict]:
    return client.get("/v1/speakers", params={"query": query, "limit": 100}).json()["items"]


def _speaker_of(article: dict, fragment: str) -> dict:
    [quote] = [q for q in article["quotes"] if fragment in q["text"] and q["kind"] == "direct"]
    return quote["speaker"]


def test_surname_in_a_later_article_is_the_person_named_in_full_earlier(client: TestClient, auth: dict) -> None:
    first = _post(
        client, auth, "Ports deal", 'U.S. Defense Secretary Leon Varetta said the deal "keeps our ports open."'
    )
    second = _post(client, auth, "Budget talks", '"We will not cut the navy," Varetta told reporters on Tuesday.')
    assert _speaker_of(first, "keeps our ports")["id"] == _speaker_of(second, "cut the navy")["id"]
    [speaker] = _speakers(client, "varetta")
    assert speaker["name"] == "Leon Varetta"
    assert speaker["aliases"] == ["Varetta"]
    assert speaker["role"] == "Defense Secretary"
    assert speaker["quote_count"] == first["quotes_added"] + second["quotes_added"]
    third = _post(client, auth, "Navy plans", 'Defense Secretary Leon Varetta said the fleet "will grow again."')
    assert _speaker_of(third, "will grow")["id"] == speaker["id"]


def test_a_different_given_name_is_a_different_person(client: TestClient, auth: dict) -> None:
    _post(client, auth, "Ports deal", 'Defense Secretary Leon Varetta said the deal "keeps our ports open."')
    other = _post(client, auth, "Farm prices", '"Prices have never been lower," said Bill Varetta, a dairy farmer.')
    names = sorted(s["name"] for s in _speakers(client, "varetta"))
    assert names == ["Bill Varetta", "Leon Varetta"]
    assert _speaker_of(other, "Prices")["name"] == "Bill Varetta"


def test_a_bare_surname_shared_by_two_stored_people_is_not_merged(client: TestClient, auth: dict) -> None:
    _post(client, auth, "Ports deal", 'Defense Secretary Leon Varetta said the deal "keeps our ports open."')
    _post(client, auth, "Farm prices", '"Prices have never been lower," said Bill Varetta, a dairy farmer.')
    third = _post(client, auth, "Weather", '"It has not rained since May," Varetta said at the market.')
    assert _speaker_of(third, "rained")["name"] == "Varetta"
    full = {s["name"]: s for s in _speakers(client, "varetta")}
    assert full["Leon Varetta"]["aliases"] == [] and full["Bill Varetta"]["aliases"] == []


def test_a_role_tells_namesakes_apart(client: TestClient, auth: dict) -> None:
    _post(client, auth, "Ports deal", 'Defense Secretary Leon Varetta said the deal "keeps our ports open."')
    _post(client, auth, "Farm prices", '"Prices have never been lower," said Bill Varetta, a dairy farmer.')
    later = _post(client, auth, "Navy", '"The fleet will grow," Defense Secretary Varetta said on Friday.')
    assert _speaker_of(later, "fleet")["name"] == "Leon Varetta"


def test_anonymous_sources_are_never_merged_across_articles(client: TestClient, auth: dict) -> None:
    a = _post(client, auth, "Talks one", '"Talks have stalled," a senior French diplomat said.')
    b = _post(client, auth, "Talks two", '"Talks may resume," a senior French diplomat said.')
    assert _speaker_of(a, "stalled")["id"] != _speaker_of(b, "resume")["id"]


def test_a_full_name_in_a_later_article_absorbs_the_bare_surname_stored_first(client: TestClient, auth: dict) -> None:
    first = _post(client, auth, "Budget talks", '"We will not cut the navy," Varetta told reporters on Tuesday.')
    bare = _speaker_of(first, "cut the navy")
    assert bare["name"] == "Varetta"
    second = _post(
        client, auth, "Ports deal", 'U.S. Defense Secretary Leon Varetta said the deal "keeps our ports open."'
    )
    assert _speaker_of(second, "keeps our ports")["id"] == bare["id"]
    [speaker] = _speakers(client, "varetta")
    assert (speaker["name"], speaker["aliases"], speaker["role"]) == ("Leon Varetta", ["Varetta"], "Defense Secretary")
    assert speaker["quote_count"] == first["quotes_added"] + second["quotes_added"]
    third = _post(client, auth, "Navy plans", '"The fleet will grow," Varetta said on Friday.')
    assert _speaker_of(third, "fleet")["id"] == bare["id"]
    body = 'Budget talks\n\n"We will not cut the navy," Varetta told reporters on Tuesday.'
    again = client.post("/v1/articles", json={"title": "Budget talks", "text": body}, headers=auth).json()
    assert (again["quotes_added"], again["quotes"][0]["id"]) == (0, first["quotes"][0]["id"])


def test_a_bare_surname_with_namesakes_stored_is_not_absorbed(client: TestClient, auth: dict) -> None:
    _post(client, auth, "Ports deal", 'Defense Secretary Leon Varetta said the deal "keeps our ports open."')
    _post(client, auth, "Farm prices", '"Prices have never been lower," said Bill Varetta, a dairy farmer.')
    _post(client, auth, "Weather", '"It has not rained since May," Varetta said at the market.')
    _post(client, auth, "Navy plans", 'Defense Secretary Leon Varetta said the fleet "will grow again."')
    names = sorted(s["name"] for s in _speakers(client, "varetta"))
    assert names == ["Bill Varetta", "Leon Varetta", "Varetta"]


def test_a_bare_surname_with_another_role_is_not_absorbed(client: TestClient, auth: dict) -> None:
    _post(client, auth, "Farm prices", '"Prices have never been lower," said Varetta, a dairy farmer.')
    _post(client, auth, "Ports deal", 'Defense Secretary Leon Varetta said the deal "keeps our ports open."')
    names = sorted(s["name"] for s in _speakers(client, "varetta"))
    assert names == ["Leon Varetta", "Varetta"]


def test_quotes_of_an_absorbed_surname_verify_under_the_full_name(db_url: str, auth: dict) -> None:
    claim = {"text": "We will not cut the navy this year", "speaker": "Leon Varetta"}

    def said_by() -> tuple[str, str]:
        answer = client.post("/v1/verify", json=claim).json()
        return answer["verdict"], answer["matches"][0]["speaker"]["name"]

    with TestClient(create_app(make_settings(db_url, sync_interval_seconds=0.2))) as client:
        _post(client, auth, "Budget talks", '"We will not cut the navy this year," Varetta told reporters on Tuesday.')
        # Only the surname is on record: a given name with it names nobody else.
        assert said_by() == ("verified", "Varetta")
        _post(client, auth, "Ports deal", 'Defense Secretary Leon Varetta said the deal "keeps our ports open."')
        eventually(lambda: said_by() == ("verified", "Leon Varetta"))
