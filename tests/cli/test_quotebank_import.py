"""`python -m service import --format quotebank`: Quotebank's own files in, as a real process on both
databases, then checked over HTTP the way a fact-checker would check them.

The fixtures are written here in Quotebank's two shapes: the released quotation-centric lines
(`qids`, `probas`, `urls`, a "YYYY-MM-DD HH:MM:SS" date) and the reduced subsets (`id`, an epoch
millisecond date, `party_label`). People and quotations are invented.
"""

from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import bindparam, text

from service.app import create_app
from service.storage.database import make_engine
from tests.cli.test_cli import count_quotes, run
from tests.factories import make_settings

HARBOUR = "The harbour tunnel will carry its first trains before the winter storms arrive"
FERRY = "We are not cutting a single ferry route while I chair this committee"
WIND = "Offshore wind is the cheapest power this coast has ever been offered"
NOBODY = "Every family on this street deserves a working boiler by November"


def released(quote_id: str, quotation: str, speaker: str, qids: list[str], **extra: Any) -> str:
    """A line of Quotebank's released quotation-centric files."""
    row = {
        "quoteID": quote_id,
        "quotation": quotation,
        "speaker": speaker,
        "qids": qids,
        "date": "2020-02-11 14:05:00",
        "numOccurrences": 3,
        "probas": [[speaker, "0.8123"], ["None", "0.1877"]],
        "urls": ["https://news.example.org/2020/02/11/tunnel", "https://other.example.com/a/1"],
        "phase": "E",
    }
    return json.dumps({**row, **extra})


def reduced(quote_id: str, quotation: str, speaker: str, item: str, party: str = "D") -> str:
    """A line of a reduced Quotebank subset."""
    row = {
        "quoteID": quote_id,
        "quotation": quotation,
        "speaker": speaker,
        "date": 1581430000000,
        "numOccurrences": 1,
        "id": item,
        "party_label": party,
    }
    return json.dumps(row)


def write_bz2(path: Path, lines: list[str]) -> Path:
    path.write_bytes(bz2.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return path


def speakers(db_url: str, *names: str) -> list[tuple[str, str, str | None, list[str]]]:
    """(id, name, wikidata item, aliases) of the stored speakers of these names, by id."""
    engine = make_engine(db_url)
    with engine.connect() as conn:
        query = text("SELECT id, name, wikidata_id, aliases FROM speaker WHERE name IN :names ORDER BY id")
        rows = conn.execute(query.bindparams(bindparam("names", expanding=True)), {"names": list(names)})
        out = [(r[0], r[1], r[2], r[3] if isinstance(r[3], list) else json.loads(r[3])) for r in rows]
    engine.dispose()
    return out


@pytest.fixture
def client_after(db_url: str) -> Iterator[Any]:
    """Opens the service on the database once the import has run (it loads its index at start)."""
    opened: list[TestClient] = []

    def open_client() -> TestClient:
        opened.append(TestClient(create_app(make_settings(db_url))).__enter__())
        return opened[-1]

    yield open_client
    for c in opened:
        c.__exit__(None, None, None)


def test_both_shapes_import_once_and_bad_lines_are_named(db_url: str, tmp_path: Path) -> None:
    lines = [
        released("2020-02-11-000001", HARBOUR, "Mara Lindqvist", ["Q90000001"]),
        reduced("2020-02-11-000002", FERRY, "Tomas Okoro", "Q90000002", party="R"),
        "{not json",
        json.dumps({"quoteID": "2020-02-11-000004", "speaker": "Tomas Okoro"}),
        released("2020-02-11-000005", WIND, "Mara Lindqvist", ["Q-1"]),
        released("2020-02-11-000006", WIND, "Mara Lindqvist", ["Q90000001"], date="the eleventh"),
        "",
        released("2020-02-11-000008", WIND, "Mara Lindqvist", ["Q90000001"]),
    ]
    path = write_bz2(tmp_path / "quotes-2020-02.json.bz2", lines)
    before = count_quotes(db_url)

    first = run(db_url, "import", "--format", "quotebank", str(path), "--batch-size", "2")
    assert first.returncode == 1, first.stderr
    assert "added 3, skipped 0 already stored, rejected 4" in first.stdout
    assert "line 3: not valid JSON" in first.stdout
    assert "line 4: quotation: required" in first.stdout
    assert "line 5: qids: 'Q-1' is not a Wikidata item" in first.stdout
    assert "line 6: date: 'the eleventh' is neither" in first.stdout
    assert count_quotes(db_url) == before + 3

    again = run(db_url, "import", "--format", "quotebank", str(path), "--quiet")
    assert "added 0, skipped 3 already stored, rejected 4" in again.stdout
    assert count_quotes(db_url) == before + 3


def test_the_wikidata_item_says_who_a_speaker_is(db_url: str, tmp_path: Path) -> None:
    lines = [
        # Two people of one name, told apart by their items.
        released("2020-03-01-000001", HARBOUR, "John Carver", ["Q91000001"]),
        released("2020-03-01-000002", FERRY, "John Carver", ["Q91000002"]),
        # One person under two spellings.
        reduced("2020-03-01-000003", WIND, "Aoife Ni Bhriain", "Q91000003"),
        reduced("2020-03-01-000004", NOBODY, "Aoife Ní Bhriain", "Q91000003"),
    ]
    result = run(db_url, "import", "--format", "quotebank", str(write_bz2(tmp_path / "q.json.bz2", lines)))
    assert result.returncode == 0, result.stdout + result.stderr

    carvers = speakers(db_url, "John Carver")
    assert sorted(item for _, _, item, _ in carvers) == ["Q91000001", "Q91000002"]
    assert len({sid for sid, *_ in carvers}) == 2
    [(_, name, item, aliases)] = speakers(db_url, "Aoife Ni Bhriain", "Aoife Ní Bhriain")
    assert (name, item, aliases) == ("Aoife Ni Bhriain", "Q91000003", ["Aoife Ní Bhriain"])


def test_an_ambiguous_name_is_not_given_anyone_s_identity(db_url: str, tmp_path: Path) -> None:
    line = released("2020-03-02-000001", HARBOUR, "Sam Reyes", ["Q92000001", "Q92000002"])
    run(db_url, "import", "--format", "quotebank", str(write_bz2(tmp_path / "q.json.bz2", [line])))
    [(_, _, item, _)] = speakers(db_url, "Sam Reyes")
    assert item is None


def test_a_person_stored_from_articles_is_the_person_quotebank_identifies(
    db_url: str, tmp_path: Path, client_after: Any, auth: dict[str, str]
) -> None:
    c = client_after()
    article = {"title": "Tunnel", "text": f'"{FERRY}," Mara Lindqvist said on Monday.'}
    assert c.post("/v1/articles", json=article, headers=auth).status_code == 201
    line = released("2020-03-03-000001", HARBOUR, "Mara Lindqvist", ["Q93000001"])
    run(db_url, "import", "--format", "quotebank", str(write_bz2(tmp_path / "q.json.bz2", [line])))
    [(sid, _, item, _)] = speakers(db_url, "Mara Lindqvist")
    assert item == "Q93000001"
    quotes = client_after().get(f"/v1/speakers/{sid}").json()["quotes"]
    assert sorted(q["text"] for q in quotes) == sorted([FERRY, HARBOUR])


def test_a_verified_quotebank_quote_cites_what_quotebank_knows(db_url: str, tmp_path: Path, client_after: Any) -> None:
    line = released("2020-03-04-000001", HARBOUR, "Mara Lindqvist", ["Q94000001"])
    run(db_url, "import", "--format", "quotebank", str(write_bz2(tmp_path / "q.json.bz2", [line])))
    c = client_after()

    post = f'Lindqvist on the tunnel: "{HARBOUR.lower()}" - good news if true'
    answer = c.post("/v1/verify", json={"text": post}).json()
    assert answer["verdict"] == "verified"
    match = answer["matches"][0]
    assert match["speaker"]["name"] == "Mara Lindqvist" and match["speaker"]["wikidata_id"] == "Q94000001"
    assert match["quote"]["speaker_probability"] == pytest.approx(0.8123)
    assert match["quote"]["occurrences"] == 3
    assert match["quote"]["first_seen_at"].startswith("2020-02-11T14:05:00")
    assert match["article"]["url"] == "https://news.example.org/2020/02/11/tunnel"
    assert match["article"]["publisher"] == "news.example.org"

    detail = c.get(f"/v1/quotes/{match['quote']['id']}").json()
    assert detail["appearances"] == ["https://other.example.com/a/1"]

    wrong = c.post("/v1/verify", json={"text": HARBOUR, "speaker": "Tomas Okoro"}).json()
    assert wrong["verdict"] == "misattributed"
    assert wrong["matches"][0]["speaker"]["name"] == "Mara Lindqvist"


def test_an_unattributed_quotation_neither_confirms_nor_accuses(db_url: str, tmp_path: Path, client_after: Any) -> None:
    line = released("2020-03-05-000001", NOBODY, "None", [], probas=[["None", "0.9"], ["Tomas Okoro", "0.1"]])
    run(db_url, "import", "--format", "quotebank", str(write_bz2(tmp_path / "q.json.bz2", [line])))
    c = client_after()

    credited = c.post("/v1/verify", json={"text": NOBODY, "speaker": "Tomas Okoro"}).json()
    assert credited["verdict"] == "not_found"  # never "misattributed": nobody on record said it
    match = credited["matches"][0]
    assert match["speaker"]["unattributed"] is True and match["speaker_match"] is None
    assert "unattributed" in match["flags"]
    assert "not confirmed" in match["explanation"]
    assert match["quote"]["speaker_probability"] is None

    post = c.post("/v1/verify", json={"text": f'Tomas Okoro said: "{NOBODY}"'}).json()
    assert post["verdict"] == "not_found"

    words_only = c.post("/v1/verify", json={"text": NOBODY}).json()
    assert words_only["verdict"] == "verified"
    assert words_only["matches"][0]["explanation"] == "The words are on record without a known speaker."


def test_a_truncated_file_keeps_what_came_before_and_says_where_it_broke(db_url: str, tmp_path: Path) -> None:
    lines = [
        released(f"2020-04-01-{i:06d}", f"{HARBOUR} number {i}", "Mara Lindqvist", ["Q95000001"]) for i in range(400)
    ]
    # gzip, as a stream, yields what comes before the cut (bzip2 would hold all of it in one block).
    whole = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    path = tmp_path / "cut.json.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    before = count_quotes(db_url)

    result = run(db_url, "import", "--format", "quotebank", str(path), "--batch-size", "50", "--quiet")
    assert result.returncode == 1
    assert "the file cannot be read from here on: EOFError" in result.stdout
    added = count_quotes(db_url) - before
    assert 0 < added < 400
    assert f"added {added}," in result.stdout


def test_the_page_shows_what_the_api_answers(db_url: str, tmp_path: Path, client_after: Any) -> None:
    lines = [
        released("2020-03-06-000001", HARBOUR, "Mara Lindqvist", ["Q96000001"]),
        released("2020-03-06-000002", NOBODY, "None", []),
    ]
    run(db_url, "import", "--format", "quotebank", str(write_bz2(tmp_path / "q.json.bz2", lines)))
    c = client_after()

    page = c.get("/check", params={"text": HARBOUR}).text
    assert 'Mara Lindqvist</a> (<a href="https://www.wikidata.org/wiki/Q96000001"' in page
    assert "attributed by machine, probability 0.81" in page
    assert 'seen in 3 articles, first <time datetime="2020-02-11">' in page

    page = c.get("/check", params={"text": NOBODY, "speaker": "Tomas Okoro"}).text
    assert c.post("/v1/verify", json={"text": NOBODY, "speaker": "Tomas Okoro"}).json()["verdict"] == "not_found"
    assert "Nobody known: the quotation is on record without a speaker" in page
    assert "it neither confirms nor contradicts the person credited" in page
    assert "Misattributed" not in page


def test_a_line_without_an_item_never_gives_a_person_s_identity_to_a_namesake(db_url: str, tmp_path: Path) -> None:
    files = [
        [
            released("2020-05-01-000001", HARBOUR, "Kim Ashby", ["Q97000001", "Q97000002"]),  # Quotebank could not tell
            released("2020-05-01-000002", FERRY, "Kim Ashby", ["Q97000001"]),
        ],
        [released("2020-05-01-000003", WIND, "Kim Ashby", ["Q97000002"])],
        [released("2020-05-01-000004", NOBODY, "Kim Ashby", ["Q97000001"])],
    ]
    for n, lines in enumerate(files):
        run(db_url, "import", "--format", "quotebank", str(write_bz2(tmp_path / f"q{n}.json.bz2", lines)))
    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.wikidata_id, q.text FROM quote q JOIN speaker s ON s.id = q.speaker_id "
                "WHERE s.name = 'Kim Ashby'"
            )
        ).all()
    engine.dispose()
    item_of = {quote: item for item, quote in rows}
    assert item_of[FERRY] == item_of[NOBODY] == "Q97000001"
    assert item_of[WIND] == "Q97000002"


def test_a_new_spelling_is_logged_for_every_process(db_url: str, tmp_path: Path) -> None:
    run(
        db_url,
        "import",
        "--format",
        "quotebank",
        str(write_bz2(tmp_path / "a.json.bz2", [reduced("2020-06-01-000001", WIND, "Joe Bidwell", "Q98000001")])),
    )
    engine = make_engine(db_url)
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM statement_change")).scalar_one()
    second = [reduced("2020-06-01-000002", FERRY, "Joseph Bidwell", "Q98000001")]
    run(db_url, "import", "--format", "quotebank", str(write_bz2(tmp_path / "b.json.bz2", second)))
    with engine.connect() as conn:
        after = conn.execute(text("SELECT count(*) FROM statement_change")).scalar_one()
    engine.dispose()
    assert after - before == 2  # the new quotation, and the old one under the speaker's new alias


def test_a_line_that_is_not_utf8_is_rejected_alone(db_url: str, tmp_path: Path) -> None:
    lines = [
        released(f"2020-07-01-{i:06d}", f"{FERRY} on route {i}", "Tomas Okoro", ["Q99000001"]).encode()
        for i in range(6)
    ]
    lines[3] = lines[3].replace(b"route", b"r\xe9oute")  # Latin-1, not UTF-8
    path = tmp_path / "mixed.json.bz2"
    path.write_bytes(bz2.compress(b"\n".join(lines) + b"\n"))
    before = count_quotes(db_url)
    result = run(db_url, "import", "--format", "quotebank", str(path), "--batch-size", "2", "--quiet")
    assert "added 5, skipped 0 already stored, rejected 1" in result.stdout
    assert "line 4: not UTF-8 text" in result.stdout
    assert count_quotes(db_url) == before + 5
