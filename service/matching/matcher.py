"""The matcher: stored statements in, verdicts out.

It holds the statements in memory with a candidate index, so a verification costs a few
index lookups and a handful of rapidfuzz comparisons however large the corpus.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from service.matching.diff import WINDOW_SLACK_WORDS, DiffOp, word_diff
from service.matching.index import CandidateIndex
from service.matching.names import SpeakerRef, speaker_matches
from service.matching.normalise import Claim, negation_flip, normalise, parse_claim, tokenize
from service.matching.paraphrase import STOPWORDS, restates
from service.matching.quoted import quoted_passages, reported_content
from service.matching.score import MIN_EXCERPT_WORDS, Alignment, ClaimText, align
from service.matching.statement_table import Entry, Statement, StatementTable, TableBuilder
from service.matching.verdict import (
    ALTERED_MIN_SCORE,
    SPEAKER_TIE_MARGIN,
    SUGGESTION_MIN_SCORE,
    Verdict,
    supported_verdict,
)

# Statements short-listed by the index and scored in full. The index ranks by shared rare
# words, so a true match with typos in several of its rare words can fall a few places; 10
# leaves room for that. At a million statements recall@1 was the same with 10, 20 and 50
# (0.990 on 1,200 single quotes of benchmarks/verify.py), benchmarks/calibrate.py gives the same
# figures for every family with 10 as with 20, and 10 took 14% off the p50 of 20. A longer post's
# passages and sentences bring their own (below), so the whole text needs no more.
CANDIDATES = 10
# Extra short-list for each quoted passage and sentence of the submitted text: enough to bring
# the statement a passage quotes into the running when the whole text points elsewhere.
CANDIDATES_PER_PART = 5
# Candidates scored even when the deadline has already passed: a verdict needs at least the
# best of the whole text's short-list, and one comparison costs well under a millisecond.
ALWAYS_SCORED = 1
# A match that accounts for this share of the submitted words accounts for all of it.
WHOLE_CLAIM = 0.999
# A claim is misattributed only when the words it shares with another person's statement say
# something about who said them: the sum of their rarities reaches this. A word's rarity is
# log(N / statements holding it) over log(N), so a word in one statement of N counts 1 whatever
# N is, and a function word 0. Among the 38,400 statements of the train split of
# benchmarks/verdicts.py, stock phrases sum to 0.25-0.68 ("What are we going to do" 0.25, "Thank
# you very much" 0.52, "I don't know" 0.57, "We're going to win" 0.65, "This is a disgrace" 0.68),
# sentences that say something to 0.9 and more ("We don't want them in our country" 0.90, "I love
# Oreos" 1.40, "That tide will lift all boats" 2.17). At 1.2 instead, 2.7% of the posts that pin
# a stored quote on someone else came back not_found; at 0.6, "It's time to go" (0.65) would
# accuse. Below it, the claimed speaker's own words are simply not stored: not_found.
MISATTRIBUTION_MIN_EVIDENCE = 0.7
# Rarity is measured as if there were at least this many statements: in a handful, every word
# is in a good share of them, yet that says nothing about how common it is in speech.
RARITY_MIN_STATEMENTS = 1000
# Reported speech may drop or replace a statement's common words ("need" -> "require": rarity 0.29,
# the words of the synonym tables of benchmarks/claim_forms.py 0.22-0.57 among the 38,400
# statements of the train split), not the words that carry its facts ("autumn" 0.93, "storms" 0.83).
RESTATED_MAX_RARITY = 0.6
# Candidates tested for a restatement in other words when none matches closely: the index ranks
# by shared rare words, which a paraphrase keeps, so its statement is among the first.
PARAPHRASE_CANDIDATES = 5

# Words around a quoted passage that are mostly (at least this share) the statement's own words make the
# passage a quotation inside the quote rather than a quote inside commentary.
SURROUNDINGS_SHARE = 0.6

# What follows a reporting verb is read as reported speech only when the verb comes within this
# many words of the start: a frame introduces what it reports ("A spokesman for the campaign
# said ...", "Senator Jane Doe, the chair of the committee, said ..."), while a reporting verb
# deep in a sentence is not a frame ("It would be a whole lot easier if the president himself
# told business to step up": 13 words), and the few words after it are a common phrase that some
# statement among a million holds verbatim. Measured on the 821 truly unstored real quotes of
# benchmarks/verify.py, such readings made 3 of the 17 false answers (after 13, 20 and 40 words;
# one also a short partial match, see score.py)
# and turned a 5-word tail after "added" into "verified"; at 10 they are gone, and
# benchmarks/calibrate.py finds "<frame of 2-6 words> said <excerpt of 3-8 words>" as often as
# before (97.3% verified at rank 1).
REPORTED_MAX_FRAME_WORDS = 10

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


class EmptyClaimError(ValueError):
    """The submitted text has no words to match (empty, blank, punctuation only)."""


@dataclass(frozen=True, slots=True)
class Match:
    statement: Statement
    score: float
    exact: bool
    verdict: Verdict  # what this match alone supports, before the claimed speaker
    speaker_matches: bool | None  # None when no speaker was claimed, or the statement's speaker is unknown
    diff: tuple[DiffOp, ...]
    explained: float = 1.0  # share of the submitted words this match accounts for
    claimed: str | None = None  # the name it was checked against: the one that matched, else the one named


@dataclass(frozen=True, slots=True)
class Verification:
    verdict: Verdict
    matches: tuple[Match, ...]
    cut_short: bool = False  # the deadline passed before every candidate was looked up and scored


def _views(text: str, focus: tuple[int, int] | None = None) -> tuple[list[Claim], int]:
    """Readings of the submitted text to match, the whole text first: the same with square
    brackets read as part of the quote (some published quotes carry their own [insertions]);
    each quoted passage (or only `focus`, the part of the text the claim is about, when the
    caller has read it); and what follows a reporting frame ("An official said ..."). Also how
    many of them are quoted passages or the focus (the last ones)."""
    whole = parse_claim(text)
    views = [whole]
    if whole.inserted:
        views.append(parse_claim(text.replace("[", " ").replace("]", " ")))
    spans = [focus] if focus is not None else quoted_passages(text)
    quoted = bool(spans)
    reported = reported_content(text)
    if reported is not None and not spans and len(tokenize(text[: reported[0]])) <= REPORTED_MAX_FRAME_WORDS:
        spans.append(reported)
    seen = {_segment_words(v) for v in views}
    passages = 0
    for start, end in spans:
        part = parse_claim(text[start:end])
        words = _segment_words(part)
        # A passage that reads exactly like a view already held (the whole text in quotation marks) adds nothing.
        if len(part.quoted_words) >= MIN_EXCERPT_WORDS and words not in seen:
            seen.add(words)
            views.append(part if quoted else replace(part, reported=True))
            passages += quoted
    return views, passages


def _segment_words(claim: Claim) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(claim.tokens[i].norm for i in seg) for seg in claim.segments)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a longer text; none for a single sentence."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    spans = [(a, b) for a, b in spans if text[a:b].strip()]
    return spans if len(spans) > 1 else []


def _sentence_words(whole: Claim, text: str) -> list[list[str]]:
    """The quoted words of each sentence of a longer text, each looked up on its own so that a
    quote buried in a post is found by its own rare words, not drowned by the rarer words
    around it. Taken from the whole text's tokens: no second tokenisation."""
    spans = _sentence_spans(text)
    if not spans:
        return []
    tokens = whole.tokens
    order = [i for seg in whole.segments for i in seg]
    out: list[list[str]] = []
    at = 0
    for _, end in spans:
        words = []
        while at < len(order) and tokens[order[at]].start < end:
            words.append(tokens[order[at]].norm)
            at += 1
        if words:
            out.append(words)
    return out


class Matcher:
    """In-memory statements with a candidate index; safe to share between threads.

    >>> from service.matching import SpeakerRef
    >>> m = Matcher([Statement("q1", "We won't allow any threat to harm our nation", "direct",
    ...                        SpeakerRef("Abdelmalek Sellal"))])
    >>> m.verify("we will allow any threat to harm our nation", speaker="Sellal").verdict
    <Verdict.ALTERED: 'altered'>
    """

    def __init__(self, statements: Iterable[Statement] = ()) -> None:
        self._index = CandidateIndex()
        self._table = StatementTable()
        self._lock = threading.Lock()
        entries: dict[str, Entry] = {}
        for statement in statements:
            entries[statement.id] = Entry(statement, normalise(statement.text))  # the last of an id wins
        for key, entry in enumerate(entries.values()):
            self._table.put(key, entry)
        self._next_key = len(entries)
        self._index.build((key, entry.words) for key, entry in enumerate(entries.values()))

    @classmethod
    def loaded(cls, rows: Iterable[tuple[str, str, str, SpeakerRef]]) -> Matcher:
        """A matcher over (id, text, kind, speaker) rows with unique ids, held as flat arrays from
        the start: how a process loads a whole database (see `TableBuilder`)."""
        builder = TableBuilder()
        index = CandidateIndex()

        def docs() -> Iterator[tuple[int, list[str]]]:
            for key, (statement_id, text, kind, speaker) in enumerate(rows):
                norm = normalise(text)
                builder.append(statement_id, text, kind, speaker)
                yield key, norm.split()

        index.build(docs())
        return cls.restored(builder.table(), index)

    @classmethod
    def restored(cls, table: StatementTable, index: CandidateIndex) -> Matcher:
        """A matcher over a table and an index read from a snapshot (see `snapshot.py`)."""
        matcher = cls()
        matcher._table, matcher._index = table, index
        matcher._next_key = table.base_size
        return matcher

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, statement_id: object) -> bool:
        return isinstance(statement_id, str) and self._table.key_of(statement_id) is not None

    @property
    def index(self) -> CandidateIndex:
        """The candidate index, for searches that rank statements their own way (matching.search)."""
        return self._index

    @property
    def table(self) -> StatementTable:
        """The statements by key, for a snapshot to persist."""
        return self._table

    @property
    def lock(self) -> threading.Lock:
        """Held while the statements change; a snapshot holds it to read them in one state."""
        return self._lock

    @property
    def key_space(self) -> int:
        """Every key given so far is below this."""
        return self._next_key

    def indexed(self, key: int) -> tuple[Statement, str] | None:
        """The statement the index holds under `key` and its normalised text; None once it was
        removed or replaced."""
        entry = self._table.get(key)
        return None if entry is None else (entry.statement, entry.norm)

    def _take_key(self) -> int:
        key = self._next_key
        self._next_key += 1
        return key

    def add(self, statement: Statement) -> None:
        """Add a statement, or replace the one with the same id."""
        entry = Entry(statement, normalise(statement.text))
        with self._lock:
            old = self._table.key_of(statement.id)
            if old is not None:
                current = self._table.get(old)
                if current is not None and current.statement == statement:
                    return  # already current: the change log replays this process's own writes
                self._table.drop(statement.id)
            key = self._take_key()
            self._table.put(key, entry)
            if old is not None:
                self._index.remove(old)
            self._index.add(key, entry.words)

    def remove(self, statement_id: str) -> None:
        with self._lock:
            key = self._table.drop(statement_id)
            if key is not None:
                self._index.remove(key)

    def verify(
        self,
        text: str,
        *,
        speaker: str | None = None,
        confirm: Sequence[str] = (),
        focus: tuple[int, int] | None = None,
        limit: int = 5,
        deadline: float | None = None,
    ) -> Verification:
        """Verdict and best matches for submitted text, optionally with a claimed speaker.

        `speaker` is the person the text is said to be by: when the words are someone else's,
        the verdict is `misattributed`. `confirm` are other names the text may credit the words
        to (an attribution read less surely): one of them matching the statement's speaker
        credits it too, but none of them ever makes a misattribution. `focus` is the character
        span of the text the claim is about (its quoted passage, read by the caller): a statement
        must match it, and the words around it are context, not changes. Without it, the text's
        own quotation marks say what it quotes.

        `deadline` is a `time.monotonic()` instant: once it has passed, no further candidate
        is looked up or scored, and the verdict rests on the best found so far (the whole
        text's own short-list comes first, and its best candidate is always scored). The
        result then says `cut_short`.
        """
        views, passages = _views(text, focus)
        if not views[0].quoted_words:
            raise EmptyClaimError("the text contains no words to match")
        claimed = (speaker or "").strip() or None
        names = tuple(dict.fromkeys(n for n in (claimed, *confirm) if n and n.strip()))
        total = len(views[0].quoted_words)
        # How much of the submission a view accounts for: the whole text beats a passage in it.
        share = {id(v): min(1.0, len(v.quoted_words) / total) for v in views}
        readings = [(v, ClaimText.of(v)) for v in views]
        ranked: list[_Scored] = []
        keys, cut_short = self._candidates(views, text, deadline)
        for n, key in enumerate(keys):
            if deadline is not None and n >= ALWAYS_SCORED and time.monotonic() >= deadline:
                cut_short = True
                break
            entry = self._table.get(key)
            if entry is None:  # removed since the index was read
                continue
            a, view, touches = _best_view(readings, entry, share, passages)
            verdict = supported_verdict(kind=entry.statement.kind, exact=a.exact, score=a.score, one_word=a.one_word)
            if view is views[0] and not touches:
                verdict = Verdict.NOT_FOUND  # it matches the writer's own words around the quote, not the quote
            elif verdict is Verdict.ALTERED and view.reported and _same_sense(view, entry, a, self._weights()):
                # "Panetta said that they need to work with ...": reported speech restates the quote,
                # it does not claim its words; only a change of sense (a negation, a figure) alters it.
                verdict = Verdict.PARAPHRASE
            ranked.append(_Scored(a, view, entry, verdict, share[id(view)] * a.claim_share, views[0]))
        if ranked and all(r.verdict is Verdict.NOT_FOUND for r in ranked):
            self._restatements(ranked, views)
        ranked.sort(key=_Scored.rank, reverse=True)
        context = _outside(views[0], [focus] if focus is not None else quoted_passages(text))
        result = _decide(ranked, claimed, names, limit, context, self._weights())
        return replace(result, cut_short=True) if cut_short else result

    def _restatements(self, ranked: list[_Scored], views: list[Claim]) -> None:
        """Mark as paraphrases the candidates the text restates in other words (see paraphrase.py)."""
        weight = self._weights()
        content = [v for v in views if len(v.quoted_words) >= MIN_EXCERPT_WORDS]
        for r in ranked[:PARAPHRASE_CANDIDATES]:
            if any(restates(v.quoted_words, r.entry.words, weight) for v in content):
                r.verdict = Verdict.PARAPHRASE

    def _weights(self) -> Callable[[str], float]:
        """A word's weight as evidence, 0 to 1: how rare it is among the stored statements, on a log
        scale (1: in no statement or one; 0: in all of them, or a function word, which is common
        in any speech however few statements hold it)."""
        total = max(RARITY_MIN_STATEMENTS, len(self._index))
        scale = math.log(total + 1)
        cache: dict[str, float] = {}

        def weight(word: str) -> float:
            w = cache.get(word)
            if w is None:
                rare = 0.0 if word in STOPWORDS else math.log((total + 1) / (self._index.frequency(word) + 1)) / scale
                w = cache[word] = min(1.0, rare)
            return w

        return weight

    def _candidates(self, views: list[Claim], text: str, deadline: float | None) -> tuple[list[int], bool]:
        """Keys to score, best first, and whether the deadline stopped the look-ups early.

        The whole text's short-list comes first; each quoted passage and sentence adds its own,
        all looked up in one pass over the index (they share most of their terms).
        """
        parts = [v.quoted_words for v in views[1:]] + _sentence_words(views[0], text)
        queries = [(views[0].quoted_words, CANDIDATES)]
        skipped = bool(parts) and deadline is not None and time.monotonic() >= deadline
        if not skipped:
            asked = {tuple(views[0].quoted_words)}
            for words in parts:
                if tuple(words) not in asked:  # a sentence that is also a quoted passage is looked up once
                    asked.add(tuple(words))
                    queries.append((words, CANDIDATES_PER_PART))
        found = self._index.candidates_each(queries, parts_from=1)
        return list(dict.fromkeys(k for keys in found for k in keys)), skipped


def _best_view(
    readings: list[tuple[Claim, ClaimText]], entry: Entry, share: dict[int, float], passages: int
) -> tuple[Alignment, Claim, bool]:
    """The reading of the submission that matches this statement best, and whether a quoted
    passage (the last `passages` readings) resembles it at all: a statement matched only by the
    whole text, while its quoted passages have nothing of it, is found in the writer's narration
    around the quote (a paragraph's reported speech), not in what it quotes.

    An exact quoted passage normally wins over the text around it (Panetta: "We need ...").
    But when
    the words around the passage belong to the statement too, the passage is a quotation
    inside the quote ("We are not 'where we need to be'"), and the whole text, with whatever
    was changed in it, is what must be judged.
    """
    aligned = [(align(text, entry.norm, floor=SUGGESTION_MIN_SCORE), v) for v, text in readings]
    touches = not passages or any(a.score >= SUGGESTION_MIN_SCORE for a, _ in aligned[-passages:])
    a, view = _pick_view(aligned, readings, entry, share)
    return a, view, touches


def _pick_view(
    aligned: list[tuple[Alignment, Claim]],
    readings: list[tuple[Claim, ClaimText]],
    entry: Entry,
    share: dict[int, float],
) -> tuple[Alignment, Claim]:
    def key(av: tuple[Alignment, Claim]) -> tuple[bool, bool, float, float]:
        a = av[0]
        return a.exact, a.one_word or a.score >= ALTERED_MIN_SCORE, a.score, share[id(av[1])] * a.claim_share

    best = max(aligned, key=key)
    reported = next((av for av in aligned if av[1].reported), None)
    frame_unexplained = aligned[0][0].claim_share < WHOLE_CLAIM or aligned[0][0].score < ALTERED_MIN_SCORE
    if (
        reported is not None
        and not best[0].exact
        and frame_unexplained
        and (reported[0].score >= ALTERED_MIN_SCORE or reported[0].one_word)
    ):
        # "Kasich said that he hates to say it": the frame is the writer's, the rest the claim. The
        # whole text slid along the statement can score higher, but it credits the frame's words too.
        # (When the statement holds the frame's words as well, "They told us that ...", they are the
        # speaker's, and the whole text is the claim.)
        return reported
    whole = [av for av in aligned if share[id(av[1])] >= WHOLE_CLAIM and av[0].claim_share >= WHOLE_CLAIM]
    if not whole or best in whole or len(best[1].quoted_words) >= len(readings[0][0].quoted_words):
        return best  # (the last: the whole text read with its [brackets] as words, not a part of it)
    a, view = max(whole, key=key)
    if (a.exact or a.score >= ALTERED_MIN_SCORE) and _surroundings_belong(readings[0][0], best[1], entry.words):
        return a, view
    return best


def _same_sense(view: Claim, entry: Entry, a: Alignment, weight: Callable[[str], float]) -> bool:
    """Whether a restatement keeps what carries the statement: its negations, its figures and its
    rare words (those it drops or replaces are common ones: "need" -> "require", not "autumn" ->
    "winter")."""
    stored = entry.words[a.window[0] : a.window[1]]
    said = view.quoted_words
    if {w for w in stored if w.isdigit()} != {w for w in said if w.isdigit()} or negation_flip(stored, said):
        return False
    return all(weight(w) < RESTATED_MAX_RARITY for w in set(stored) - set(said))


def _surroundings_belong(whole: Claim, part: Claim, stored: Sequence[str]) -> bool:
    """True when most submitted words outside `part` also occur in the stored statement."""
    outside = Counter(whole.quoted_words) - Counter(part.quoted_words)
    if not outside:
        return True
    known = set(stored)
    inside = sum(n for w, n in outside.items() if w in known)
    return inside >= SURROUNDINGS_SHARE * sum(outside.values())


@dataclass(slots=True)
class _Scored:
    alignment: Alignment
    view: Claim
    entry: Entry
    verdict: Verdict
    explained: float  # share of the submitted words this match accounts for
    whole: Claim | None = None  # the whole text's reading

    def rank(self) -> tuple[bool, bool, float, bool, float, bool, float]:
        """Supported verdicts first; among them, exact matches of the whole submission, then
        matches that account for more of it (a fuzzy match of the whole post outranks an exact
        match of one sentence in it), then exactness and score."""
        a = self.alignment
        return (
            self.verdict is not Verdict.NOT_FOUND,
            a.exact and self.explained >= WHOLE_CLAIM,
            round(self.explained, 1),
            a.exact,
            a.score,
            self.entry.statement.kind == "direct",
            a.coverage,
        )

    def to_match(self, claimed: str | None, names: tuple[str, ...], context: frozenset[int]) -> Match:
        """The match as returned, checked against the names the text credits (the first that
        matches the statement's speaker is the one named in the explanation)."""
        e, a = self.entry, self.alignment
        same: bool | None = None
        if names and not e.statement.speaker.unattributed:
            named = next((n for n in names if speaker_matches(n, e.statement.speaker)), None)
            if named is not None or claimed is not None:
                same, claimed = named is not None, named or claimed
        view = self.view
        slack = 0 if a.exact or a.reordered else WINDOW_SLACK_WORDS
        # The post's words around its quoted passage are context only when the whole text is what matched.
        outside = context if view is self.whole else frozenset()
        diff = word_diff(
            e.statement.text,
            tokenize(e.statement.text),
            view,
            window=a.window,
            slack=slack,
            context=outside,
            excerpt=a.excerpt or a.exact,
        )
        return Match(
            e.statement, round(a.score, 1), a.exact, self.verdict, same, tuple(diff), round(self.explained, 3), claimed
        )


def _outside(whole: Claim, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Indices of the submitted tokens outside every span (none when there is no span)."""
    if not spans:
        return frozenset()
    return frozenset(i for i, t in enumerate(whole.tokens) if not any(a <= t.start and t.end <= b for a, b in spans))


def _decide(
    ranked: list[_Scored],
    claimed: str | None,
    names: tuple[str, ...],
    limit: int,
    context: frozenset[int],
    weight: Callable[[str], float],
) -> Verification:
    """Pick the verdict from ranked matches, letting the credited speakers break near-ties.

    Diffs are computed only for the matches returned.
    """

    def out(rows: list[_Scored]) -> tuple[Match, ...]:
        return tuple(r.to_match(claimed, names, context) for r in rows)

    supported = [r for r in ranked if r.verdict is not Verdict.NOT_FOUND]
    if not supported:
        return Verification(
            Verdict.NOT_FOUND, out([r for r in ranked if r.alignment.score >= SUGGESTION_MIN_SCORE][:limit])
        )
    best = supported[0]
    if not names:
        return Verification(best.verdict, out(supported[:limit]))
    own = next((r for r in supported if any(speaker_matches(n, r.entry.statement.speaker) for n in names)), None)

    def own_first() -> Verification:
        assert own is not None
        return Verification(own.verdict, out([own, *(r for r in supported if r is not own)][:limit]))

    if best.entry.statement.speaker.unattributed:
        # Words on record without a speaker neither confirm nor contradict the one credited: the
        # credited person's own statement, if any matches, is the answer; else a known person's
        # nearly as close can still make a misattribution; else nothing on record says who.
        if own is not None:
            return own_first()
        known = next((r for r in supported if not r.entry.statement.speaker.unattributed), None)
        if known is None or known.alignment.score < best.alignment.score - SPEAKER_TIE_MARGIN:
            return Verification(Verdict.NOT_FOUND, out(supported[:limit]))
        best, supported = known, [known, *(r for r in supported if r is not known)]
    if (
        own is not None
        and (own.alignment.exact or not best.alignment.exact)
        and (own.alignment.score >= best.alignment.score - SPEAKER_TIE_MARGIN)
    ):
        return own_first()
    if claimed is None:  # only names read less surely: they credit, but never accuse
        return Verification(best.verdict, out(supported[:limit]))
    if _evidence(best, weight) < MISATTRIBUTION_MIN_EVIDENCE:
        # Words this common ("What are we going to do?") are anybody's: that someone else once said
        # them does not make the claim a misattribution, and the claimed speaker's own are not stored.
        return Verification(Verdict.NOT_FOUND, out(supported[:limit]))
    return Verification(Verdict.MISATTRIBUTED, out(supported[:limit]))


def _evidence(scored: _Scored, weight: Callable[[str], float]) -> float:
    """How much the words a claim shares with a statement say about who said them: the sum of
    their rarities."""
    lo, hi = scored.alignment.window
    shared = set(scored.view.quoted_words) & set(scored.entry.words[lo:hi])
    return sum(weight(w) for w in shared)
