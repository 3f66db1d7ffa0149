"""The curated seed agrees with the article it was curated from."""

from __future__ import annotations

from collections import Counter

from service.matching.quoted import quoted_passages
from service.storage.seed import seed_records


def test_every_statement_sits_at_its_offsets_in_the_article() -> None:
    article, statements = seed_records()
    assert article.text is not None
    for s in statements:
        assert s.start is not None and s.end is not None
        assert article.text[s.start : s.end] == s.text
        assert s.context and s.text.replace('"', "").split()[0] in s.context


def test_every_quoted_passage_of_three_words_or_more_is_a_direct_quote() -> None:
    article, statements = seed_records()
    assert article.text is not None
    direct = {s.text.rstrip(".,") for s in statements if s.kind == "direct"}
    passages = [article.text[a:b].rstrip(".,") for a, b in quoted_passages(article.text)]
    # 'The new Afghanistan' is a headline in scare quotes, not a statement.
    assert "The new Afghanistan" in passages
    statements_quoted = [p for p in passages if p != "The new Afghanistan"]
    assert len(statements_quoted) == 10
    for passage in statements_quoted:
        assert passage in direct, passage


def test_continuations_and_pronouns_belong_to_the_person_the_article_means() -> None:
    _, statements = seed_records()
    by_text = {s.text: s.speaker.name for s in statements}
    assert (
        by_text[
            "And so our goal right now is to try to do everything we can to bring those countries together "
            "in a common effort to go after AQIM."
        ]
        == "Leon Panetta"
    )
    assert by_text["We won't allow any threat to harm our nation"] == "Abdelmalek Sellal"
    assert by_text["Algeria wants to avoid having terrorist dens at its frontiers."] == "Abdelmalek Sellal"
    assert (
        by_text[
            "They are adopting a sort of benevolent neutrality. The Algerians are going to stand by and watch. "
            "I can't see collaboration at any level other than intelligence sharing."
        ]
        == "Riccardo Fabiani"
    )
    assert (
        by_text[
            "the change in position came after a high-level meeting in the Malian capital Bamako on Oct. 19 that "
            "brought regional and international players to the negotiating table"
        ]
        == "a senior French diplomat"
    )


def test_speakers_keep_the_affiliation_and_role_the_article_gives() -> None:
    _, statements = seed_records()
    speakers = {s.speaker.name: s.speaker for s in statements}
    assert (speakers["Riccardo Fabiani"].role, speakers["Riccardo Fabiani"].affiliation) == (
        "North Africa analyst",
        "Eurasia Group",
    )
    assert speakers["Mohamed Attaher"].affiliation == "MNLA"
    assert speakers["Ivan Simonovic"].role == "Assistant Secretary-General for Human Rights"
    assert speakers["a senior French diplomat"].anonymous
    kinds = Counter(s.kind for s in statements)
    assert kinds == {"direct": 10, "indirect": 13}
