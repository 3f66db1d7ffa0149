"""GET /v1/quotes/search and GET /v1/speakers?query=: finding quotes by their words, people by their names."""

from __future__ import annotations

from fastapi.testclient import TestClient

SELLAL_QUOTE = "We won't allow any threat to harm our nation"
PANETTA_QUOTE = (
    "We need to work with the nations in the region. They all agree that we're facing the same threat there from AQIM"
)


def search(client: TestClient, **params: object) -> dict:
    r = client.get("/v1/quotes/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def highlighted(item: dict) -> list[str]:
    return [item["quote"]["text"][h["start"] : h["end"]] for h in item["highlights"]]


def test_three_words_find_the_long_quote_holding_them_first(client: TestClient) -> None:
    body = search(client, query="threat harm nation")
    top = body["items"][0]
    assert top["quote"]["text"] == SELLAL_QUOTE
    assert highlighted(top) == ["threat", "harm", "nation"]
    assert top["speaker"]["name"] == "Abdelmalek Sellal"
    assert top["article"]["publisher"] == "NBC News"
    assert top["article"]["title"].startswith("In shift")
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)
    assert "nextPageToken" not in body


def test_words_found_inside_a_longer_quote_rank_by_how_many_and_how_rare(client: TestClient) -> None:
    items = search(client, query="same threat AQIM")["items"]
    assert items[0]["quote"]["text"] == PANETTA_QUOTE
    assert highlighted(items[0]) == ["same", "threat", "AQIM"]
    # Quotes holding only some of the words follow, never before the one holding all three.
    assert all(item["score"] < items[0]["score"] for item in items[1:])
    assert {"AQIM"} <= {w for item in items[1:] for w in highlighted(item)}


def test_misspelt_words_still_find_the_quote_and_highlight_the_real_words(client: TestClient) -> None:
    top = search(client, query="thraet harm natoin")["items"][0]
    assert top["quote"]["text"] == SELLAL_QUOTE
    assert highlighted(top) == ["threat", "harm", "nation"]
    assert [h["word"] for h in top["highlights"]] == ["thraet", "harm", "natoin"]


def test_the_last_word_may_be_the_start_of_a_word(client: TestClient) -> None:
    top = search(client, query="benevolent neutr")["items"][0]
    assert "benevolent neutrality" in top["quote"]["text"]
    assert highlighted(top) == ["benevolent", "neutrality"]


def test_words_in_no_quote_find_nothing(client: TestClient) -> None:
    assert search(client, query="zebra quokka") == {"items": []}


def test_speaker_filter_accepts_any_alias_and_excludes_everyone_else(client: TestClient) -> None:
    for speaker in ("Francois Hollande", "François Hollande", "hollande"):
        items = search(client, query="massacred Paris", speaker=speaker)["items"]
        assert [i["speaker"]["name"] for i in items] == ["Francois Hollande"], speaker
    assert search(client, query="massacred Paris", speaker="Sellal") == {"items": []}
    anonymous = search(client, query="tacit", speaker="French defence ministry source")["items"]
    assert {i["speaker"]["name"] for i in anonymous} == {"a French defense ministry source"}
    assert len(anonymous) == 2
    unfiltered = search(client, query="tacit")["items"]
    assert len(unfiltered) > len(anonymous)


def test_pages_cover_the_ranking_once_in_order(client: TestClient) -> None:
    whole = search(client, query="Algeria Mali region", pageSize=50)["items"]
    assert len(whole) >= 5
    seen, token, pages = [], None, 0
    while True:
        params: dict[str, object] = {"query": "Algeria Mali region", "pageSize": 2}
        if token:
            params["pageToken"] = token
        body = search(client, **params)
        pages += 1
        seen += body["items"]
        token = body.get("nextPageToken")
        if token is None:
            assert "nextPageToken" not in body
            break
        assert len(body["items"]) == 2
    assert [i["quote"]["id"] for i in seen] == [i["quote"]["id"] for i in whole]
    assert pages == (len(whole) + 1) // 2


def test_a_page_token_only_continues_its_own_query(client: TestClient) -> None:
    token = search(client, query="Algeria Mali region", pageSize=1)["nextPageToken"]
    r = client.get("/v1/quotes/search", params={"query": "threat", "pageToken": token})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "pageToken"]
    assert "another query" in r.json()["detail"]
    # The same query typed differently (case, punctuation) is the same query.
    same = client.get("/v1/quotes/search", params={"query": "algeria, MALI region", "pageToken": token})
    assert same.status_code == 200


def test_bad_search_input_is_a_422_naming_the_parameter(client: TestClient) -> None:
    cases = [
        ({"query": "threat", "pageSize": 51}, ["query", "pageSize"]),
        ({"query": "threat", "pageSize": 0}, ["query", "pageSize"]),
        ({"query": "threat", "pageToken": "not-a-token!"}, ["query", "pageToken"]),
        ({"query": "threat", "pageToken": "WzEsMl0"}, ["query", "pageToken"]),  # valid base64 of JSON, not ours
        ({"query": " ... "}, ["query", "query"]),
        ({"query": ""}, ["query", "query"]),
        ({}, ["query", "query"]),
    ]
    for params, loc in cases:
        r = client.get("/v1/quotes/search", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["errors"][0]["loc"] == loc, params


def test_search_is_not_taken_for_a_quote_id(client: TestClient) -> None:
    listed = client.get("/v1/quotes", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/v1/quotes/{listed['id']}").json()["id"] == listed["id"]
    assert client.get("/v1/quotes/search").status_code == 422  # a missing query, not "no quote with id 'search'"


def test_search_sees_writes_and_deletes_at_once(client: TestClient, auth: dict[str, str]) -> None:
    article = client.get("/v1/articles").json()["items"][0]["id"]
    assert speaker_names(client, "Okafor") == []
    speaker = {"name": "Jane Okafor", "aliases": ["Mayor Okafor"]}
    body = {"article_id": article, "text": "Harbour tolls will stay at zero", "speaker": speaker}
    created = client.post("/v1/quotes", json=body, headers=auth)
    assert created.status_code == 201, created.text
    quote_id = created.json()["quotes"][0]["id"]
    assert speaker_names(client, "mayor okafor") == ["Jane Okafor"]
    items = search(client, query="harbor tolls", speaker="Okafor")["items"]
    assert [i["quote"]["id"] for i in items] == [quote_id]
    assert client.delete(f"/v1/quotes/{quote_id}", headers=auth).status_code == 200
    assert search(client, query="harbor tolls") == {"items": []}


# ---- GET /v1/speakers?query= --------------------------------------------------------------------


def speaker_names(client: TestClient, query: str, **params: object) -> list[str]:
    r = client.get("/v1/speakers", params={"query": query, **params})
    assert r.status_code == 200, r.text
    return [s["name"] for s in r.json()["items"]]


def test_speakers_are_found_by_any_alias_whatever_the_case_accents_or_small_typos(client: TestClient) -> None:
    assert speaker_names(client, "PANETTA") == ["Leon Panetta"]
    assert speaker_names(client, "panneta") == ["Leon Panetta"]
    assert speaker_names(client, "leon pan") == ["Leon Panetta"]
    assert speaker_names(client, "Šimonović") == ["Ivan Simonovic"]
    assert speaker_names(client, "ivan simonovich") == ["Ivan Simonovic"]
    assert speaker_names(client, "françois") == ["Francois Hollande"]
    assert speaker_names(client, "French defence ministry source") == ["a French defense ministry source"]
    assert speaker_names(client, "Hillary Clinton") == []


def test_the_best_fitting_speaker_comes_first(client: TestClient) -> None:
    names = speaker_names(client, "Algerian official")
    assert names[0] == "a second Algerian official"
    assert "Abdelmalek Sellal" not in names


def test_speaker_query_pages_cover_every_match_once(client: TestClient) -> None:
    whole = speaker_names(client, "a", limit=100)
    assert len(whole) >= 5
    seen, cursor = [], None
    while True:
        params: dict[str, object] = {"query": "a", "limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/v1/speakers", params=params).json()
        seen += [s["name"] for s in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == whole


def test_without_a_query_every_speaker_is_listed_by_id(client: TestClient) -> None:
    items = client.get("/v1/speakers", params={"limit": 100}).json()["items"]
    assert len(items) == 14
    assert [s["id"] for s in items] == sorted(s["id"] for s in items)


def test_bad_speaker_queries_are_refused(client: TestClient) -> None:
    r = client.get("/v1/speakers", params={"query": "?!"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "query"]
    listing_cursor = client.get("/v1/speakers", params={"limit": 1}).json()["next_cursor"]
    r = client.get("/v1/speakers", params={"query": "a", "cursor": listing_cursor})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "cursor"]
