"""Index snapshots: a matcher written to disk and mapped back answers exactly as the one written,
keeps taking changes, and a snapshot that is not exactly as written is never used."""

from __future__ import annotations

import fcntl
import json
import random
from pathlib import Path

import pytest

from service.matching import Matcher, SpeakerRef, Statement, Verdict, snapshot

WORDS = (
    "harbour tunnel ferry bridge council budget winter storm tolls river school teachers funding "
    "hospital nurses wages housing rent energy wind solar coast jobs farmers water roads trains"
).split()


def statements(n: int, seed: int = 3) -> list[Statement]:
    rng = random.Random(seed)
    people = [SpeakerRef(f"Person {i}", affiliation=f"Party {i % 3}", aliases=(f"P{i}",)) for i in range(40)]
    out = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))) + f" number {i}"
        out.append(Statement(f"q{i}", text, "direct" if i % 4 else "indirect", people[i % len(people)]))
    return out


def answers(matcher: Matcher, claims: list[tuple[str, str | None]]) -> list[tuple[object, ...]]:
    out = []
    for text, speaker in claims:
        v = matcher.verify(text, speaker=speaker)
        out.append((v.verdict, tuple((m.statement, m.score, m.verdict, m.speaker_matches) for m in v.matches)))
    return out


def claims(stored: list[Statement], seed: int = 5) -> list[tuple[str, str | None]]:
    rng = random.Random(seed)
    out: list[tuple[str, str | None]] = []
    for st in rng.sample(stored, 40):
        words = st.text.split()
        words[rng.randrange(len(words) - 2)] = "banana"
        out.append((st.text, None))
        out.append((" ".join(words), st.speaker.name))
        out.append((st.text, "Someone Else"))
    return out


def test_a_restored_matcher_answers_as_the_one_written_and_keeps_taking_changes(tmp_path: Path) -> None:
    stored = statements(3000)
    written = Matcher(stored)
    written.remove("q7")
    written.add(Statement("late", "The ferry will run every twenty minutes from May", "direct", SpeakerRef("Ana Ruiz")))
    info = snapshot.write(written, tmp_path, cursor=42, database="db")
    assert (info.cursor, info.statements, info.database) == (42, 3000, "db")

    restored = snapshot.read(tmp_path, database="db")
    assert restored is not None and restored.info == info
    m = restored.matcher
    asked = claims(stored)
    assert answers(m, asked) == answers(written, asked)
    assert len(m) == 3000 and "q7" not in m and "late" in m and "q8" in m

    m.add(Statement("later", "Trains to the coast will be free for pensioners", "direct", SpeakerRef("Bo Li")))
    m.add(Statement("q9", "Person nine now says the budget is balanced", "direct", stored[9].speaker))  # replaced
    m.remove("q10")
    assert m.verify("Trains to the coast will be free for pensioners", speaker="Li").verdict is Verdict.VERIFIED
    assert m.verify(stored[10].text).verdict is not Verdict.VERIFIED
    assert m.verify(stored[9].text).verdict is not Verdict.VERIFIED
    assert len(m) == 3000

    snapshot.write(m, tmp_path, cursor=50, database="db")
    again = snapshot.read(tmp_path, database="db")
    assert again is not None
    assert answers(again.matcher, asked) == answers(m, asked)
    assert "later" in again.matcher and "q9" in again.matcher and "q10" not in again.matcher
    snapshot.write(again.matcher, tmp_path, cursor=51, database="db")
    assert len(list(tmp_path.glob("snapshot-*"))) == 2  # the one in force and the one before it


def test_an_empty_matcher_round_trips(tmp_path: Path) -> None:
    snapshot.write(Matcher(), tmp_path, cursor=0, database="db")
    restored = snapshot.read(tmp_path, database="db")
    assert restored is not None and len(restored.matcher) == 0
    restored.matcher.add(Statement("a", "The first words ever stored here", "direct", SpeakerRef("Ana Ruiz")))
    assert restored.matcher.verify("The first words ever stored here").verdict is Verdict.VERIFIED


def _written(tmp_path: Path) -> Path:
    snapshot.write(Matcher(statements(500)), tmp_path, cursor=1, database="db")
    found = snapshot.current(tmp_path)
    assert found is not None
    return found[0]


def test_a_damaged_file_is_never_used(tmp_path: Path) -> None:
    path = _written(tmp_path)
    target = path / "table_text_blob.npy"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x20  # one letter's case: same size, other text
    target.write_bytes(bytes(data))
    assert snapshot.read(tmp_path, database="db") is None


def test_a_short_or_missing_file_is_never_used(tmp_path: Path) -> None:
    path = _written(tmp_path)
    keys = path / "words_keys.npy"
    keys.write_bytes(keys.read_bytes()[:-8])
    assert snapshot.read(tmp_path, database="db") is None
    keys.unlink()
    assert snapshot.read(tmp_path, database="db") is None


def test_another_database_s_or_format_s_snapshot_is_never_used(tmp_path: Path) -> None:
    path = _written(tmp_path)
    assert snapshot.read(tmp_path, database="another") is None
    meta = json.loads((path / "meta.json").read_text())
    (path / "meta.json").write_text(json.dumps({**meta, "format": 0}))
    assert snapshot.read(tmp_path, database="db") is None


def test_no_snapshot_and_a_discarded_one_read_as_none(tmp_path: Path) -> None:
    assert snapshot.read(tmp_path / "nothing-here", database="db") is None
    _written(tmp_path)
    assert snapshot.discard(tmp_path)
    assert snapshot.read(tmp_path, database="db") is None
    assert not snapshot.discard(tmp_path)


def test_what_a_killed_write_left_is_never_read_and_is_cleared_by_the_next(tmp_path: Path) -> None:
    _written(tmp_path)
    leftover = tmp_path / ".tmp-99999-dead"
    leftover.mkdir()
    (leftover / "table_text_blob.npy").write_bytes(b"half")
    restored = snapshot.read(tmp_path, database="db")
    assert restored is not None and len(restored.matcher) == 500
    snapshot.write(restored.matcher, tmp_path, cursor=2, database="db")
    assert not leftover.exists()


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    with (tmp_path / ".lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(snapshot.SnapshotBusy):
            snapshot.write(Matcher(), tmp_path, cursor=0, database="db")


def test_a_matcher_loaded_into_arrays_answers_as_one_built_from_statements(tmp_path: Path) -> None:
    stored = statements(2000, seed=11)
    built = Matcher(stored)
    loaded = Matcher.loaded((s.id, s.text, s.kind, s.speaker) for s in stored)
    asked = claims(stored, seed=13)
    assert answers(loaded, asked) == answers(built, asked)
    assert len(loaded) == 2000 and "q3" in loaded and "q2000" not in loaded
    loaded.remove("q3")
    loaded.add(Statement("q4", "Person four has changed their mind on the harbour tunnel", "direct", stored[4].speaker))
    assert loaded.verify(stored[3].text).verdict is not Verdict.VERIFIED
    assert loaded.verify("Person four has changed their mind on the harbour tunnel").verdict is Verdict.VERIFIED
    snapshot.write(loaded, tmp_path, cursor=3, database="db")
    restored = snapshot.read(tmp_path, database="db")
    assert restored is not None and len(restored.matcher) == 1999
    assert answers(restored.matcher, asked) == answers(loaded, asked)
