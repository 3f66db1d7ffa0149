"""Search: rank stored statements by the words of a query, and people by their names.

Verification asks "is this text a stored quote?"; search asks "which stored quotes talk about
these words?". A fact-checker types a few words remembered from a quote, maybe misspelt, maybe
the start of the last one; every word counts by how rare it is, so "threat nation" finds the
statement that holds both rare words before the many that share only "the".

The statements come from the matcher's candidate index: each query word is widened to the
indexed words within a typo or two of it (and to the words the last one begins), the index
short-lists the statements sharing the most rare-word weight with those, and only the
short-list is scored.
"""

from __future__ import annotations

import bisect
import math
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from service.matching.index import CandidateIndex
from service.matching.matcher import Matcher, Statement
from service.matching.names import NAME_TYPO_MIN_LENGTH, NAME_TYPO_MIN_SIMILARITY, speaker_matches
from service.matching.normalise import tokenize

# Query words this short must be typed exactly: one edit turns "war" into "was" or "far".
EXACT_MAX_LENGTH = 3
# Up to this length a word tolerates one typo (an edit or a swap of two letters); longer words
# tolerate two, the way a misspelt "Mohamed"/"Mohammad" or "Simonovich" needs.
ONE_TYPO_MAX_LENGTH = 6
# The last query word also finds the words it begins ("natio" -> "nation"), as a search box
# does while a word is being typed; shorter stubs would begin too many words to mean anything.
PREFIX_MIN_LENGTH = 3
# A completed prefix counts nearly as much as the word typed out: it is most likely the word.
PREFIX_SIMILARITY = 0.9
# Indexed words one query word may stand for, closest first: enough for a typo's neighbours
# and a prefix's common completions, few enough that one query stays a handful of lookups.
MAX_VARIANTS = 12
# Statements short-listed by the index and scored; also the most results one search answers.
# Past the first few pages nobody reads on; they refine the query instead.
SEARCH_CANDIDATES = 200
# With a speaker filter most of the short-list is other people's: read deeper so the speaker's
# own statements that share a rare word with the query are still there after the filter.
FILTERED_CANDIDATES = 5000
# The score is this share word coverage (how much of the query's rare-word weight a statement
# holds) and the rest phrase similarity (the words together, in the query's order).
COVERAGE_SHARE = 0.8
# A result must hold this share of the query's weight: in a query of two or three words, a
# statement that shares only "the" or "we" (light, common words) is left out.
MIN_COVERAGE = 0.2
# Name search short-lists the name words this similar (rapidfuzz partial_ratio, 0-100) to a typed
# word of typo length, then checks the people behind them word by word. It is below the typo
# threshold, and partial_ratio is at least ratio (whole word or its start), so no name the
# word-by-word check accepts is lost.
NAME_SHORTLIST_MIN = 75
# Name search: a name word beginning with the typed word matches it ("pan" -> "Panetta").
NAME_PREFIX_SIMILARITY = 0.9
# Name search: the score is this share how well the typed words match, the rest how much of
# the name they cover, so "Leon Panetta" ranks the person named exactly that first.
NAME_MATCH_SHARE = 0.9


class EmptyQueryError(ValueError):
    """The query has no words to search for."""


@dataclass(frozen=True, slots=True)
class Highlight:
    """Where a query word was found in a statement's text, by character offsets."""

    start: int
    end: int
    word: str  # the query word (normalised) this text matched


@dataclass(frozen=True, slots=True)
class Hit:
    statement: Statement
    score: float  # 0-100, rounded to one decimal: the order pages are cut in
    highlights: tuple[Highlight, ...]

    @property
    def rank(self) -> tuple[float, str]:
        """Sort key, best first; ties by id so every page boundary is well defined."""
        return (-self.score, self.statement.id)


def query_words(query: str) -> list[str]:
    """The distinct normalised words of a query, in order.

    >>> query_words("Threat, THREAT to our nation")
    ['threat', 'to', 'our', 'nation']
    """
    return list(dict.fromkeys(t.norm for t in tokenize(query)))


def max_typos(word: str) -> int:
    """Edits a query word tolerates.

    >>> [max_typos(w) for w in ("war", "threat", "frontiers")]
    [0, 1, 2]
    """
    if len(word) <= EXACT_MAX_LENGTH:
        return 0
    return 1 if len(word) <= ONE_TYPO_MAX_LENGTH else 2


class Vocabulary:
    """The index's words, grouped by length for typo lookups and sorted for prefix lookups.

    Kept in step with the index incrementally: its vocabulary only grows.
    """

    def __init__(self, index: CandidateIndex) -> None:
        self._index = index
        self._size = 0
        self._by_length: defaultdict[int, list[str]] = defaultdict(list)
        self._sorted: list[str] = []
        self._lock = threading.Lock()

    def _refresh(self) -> None:
        new = self._index.words(self._size)
        if not new:
            return
        self._size += len(new)
        for word in new:
            self._by_length[len(word)].append(word)
        if len(new) > len(self._sorted) // 100:
            self._sorted = sorted(self._sorted + new)
        else:
            for word in new:
                bisect.insort(self._sorted, word)

    def variants(self, word: str, *, prefix: bool) -> dict[str, float]:
        """Indexed words `word` may stand for, with their similarity to it (1.0: the word itself)."""
        with self._lock:
            self._refresh()
            found: dict[str, float] = {}
            typos = max_typos(word)
            if typos:
                near: list[tuple[int, str]] = []
                for length in range(len(word) - typos, len(word) + typos + 1):
                    for other, distance, _ in process.extract(
                        word, self._by_length.get(length, ()), scorer=OSA.distance, score_cutoff=typos, limit=None
                    ):
                        near.append((int(distance), other))
                for distance, other in sorted(near)[:MAX_VARIANTS]:
                    found[other] = 1.0 - distance / max(len(word), len(other))
            if prefix and len(word) >= PREFIX_MIN_LENGTH:
                at = bisect.bisect_left(self._sorted, word)
                for other in self._sorted[at : at + MAX_VARIANTS]:
                    if not other.startswith(word):
                        break
                    found.setdefault(other, PREFIX_SIMILARITY)
        if self._index.frequency(word):
            found[word] = 1.0
        return found


_vocabularies: weakref.WeakKeyDictionary[CandidateIndex, Vocabulary] = weakref.WeakKeyDictionary()
_vocabularies_lock = threading.Lock()


def vocabulary(index: CandidateIndex) -> Vocabulary:
    """The vocabulary kept for `index`, made on first use (one per matcher, shared by threads)."""
    with _vocabularies_lock:
        vocab = _vocabularies.get(index)
        if vocab is None:
            vocab = _vocabularies[index] = Vocabulary(index)
        return vocab


def search(
    matcher: Matcher,
    query: str,
    *,
    speaker: str | None = None,
    after: tuple[float, str] | None = None,
    limit: int = 10,
) -> list[Hit]:
    """Statements best matching the words of `query`, best first.

    `speaker` keeps only statements by someone that name (or alias, or surname, or description)
    fits; `after` is the (score, id) of the last hit of the previous page.

    >>> from service.matching import SpeakerRef
    >>> m = Matcher([Statement("q1", "We won't allow any threat to harm our nation", "direct",
    ...                        SpeakerRef("Abdelmalek Sellal")),
    ...              Statement("q2", "We need to work with the nations in the region", "direct",
    ...                        SpeakerRef("Leon Panetta"))])
    >>> [(h.statement.id, [(x.start, x.end) for x in h.highlights]) for h in search(m, "thraet natio")]
    [('q1', [(19, 25), (38, 44)]), ('q2', [(25, 32)])]
    """
    words = query_words(query)
    if not words:
        raise EmptyQueryError("the query contains no words to search for")
    vocab = vocabulary(matcher.index)
    variants = [vocab.variants(w, prefix=i == len(words) - 1) for i, w in enumerate(words)]
    total = len(matcher.index) + 1
    weights = [_weight(matcher.index, w, v, total) for w, v in zip(words, variants, strict=True)]
    # In query order, so the index's bigram lookups pair words the way the query does.
    terms = list(dict.fromkeys(term for v in variants for term in v))
    claimed = (speaker or "").strip() or None
    pool = matcher.index.candidates(terms, limit=FILTERED_CANDIDATES if claimed else SEARCH_CANDIDATES)
    hits = []
    phrase = " ".join(words)
    for key in pool:
        found = matcher.indexed(key)
        if found is None or (claimed and not _by_speaker(claimed, found[0])):
            continue
        hit = _score(found[0], found[1], words, variants, weights, phrase)
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: h.rank)
    hits = hits[:SEARCH_CANDIDATES]
    if after is not None:
        boundary = (-after[0], after[1])
        hits = [h for h in hits if h.rank > boundary]
    # Highlights need the words' offsets in the text as written: only for the hits answered.
    return [_highlighted(h, words, variants) for h in hits[:limit]]


def _weight(index: CandidateIndex, word: str, variants: dict[str, float], total: int) -> float:
    """How much a query word counts: the rarer (in the forms found), the more, as the index weighs words."""
    df = index.frequency(word) or max((index.frequency(v) for v in variants), default=0)
    return math.log(total / (df + 1)) + 1.0 if df else math.log(total) + 1.0


def _by_speaker(claimed: str, statement: Statement) -> bool:
    ref = statement.speaker
    return name_score(claimed, (ref.name, *ref.aliases)) > 0 or speaker_matches(claimed, ref)


def _score(
    statement: Statement,
    norm: str,
    words: Sequence[str],
    variants: Sequence[dict[str, float]],
    weights: Sequence[float],
    phrase: str,
) -> Hit | None:
    present = set(norm.split())
    best = [max((s for form, s in forms.items() if form in present), default=0.0) for forms in variants]
    coverage = sum(w * b for w, b in zip(weights, best, strict=True)) / sum(weights)
    if coverage < MIN_COVERAGE:
        return None
    together = fuzz.partial_ratio(phrase, norm) / 100
    score = 100 * (COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * together)
    return Hit(statement, round(score, 1), ())


def _highlighted(hit: Hit, words: Sequence[str], variants: Sequence[dict[str, float]]) -> Hit:
    """The hit with the place of every word that matched a query word (the first, if several)."""
    marks = []
    for token in tokenize(hit.statement.text):
        word = next((w for w, forms in zip(words, variants, strict=True) if token.norm in forms), None)
        if word is not None:
            marks.append(Highlight(token.start, token.end, word))
    return Hit(hit.statement, hit.score, tuple(marks))


def _name_word_similarity(typed: str, known: str) -> float:
    if typed == known:
        return 1.0
    if known.startswith(typed):
        return NAME_PREFIX_SIMILARITY
    if min(len(typed), len(known)) >= NAME_TYPO_MIN_LENGTH:
        ratio = fuzz.ratio(typed, known)
        if ratio >= NAME_TYPO_MIN_SIMILARITY:
            return ratio / 100
        # A misspelt word still being typed: "simonv" for "simonovic".
        ratio = fuzz.ratio(typed, known[: len(typed)])
        if ratio >= NAME_TYPO_MIN_SIMILARITY:
            return NAME_PREFIX_SIMILARITY * ratio / 100
    return 0.0


class NameIndex:
    """People's names and aliases, split into words once, to rank against what someone types.

    Each typed word is looked up among the distinct name words (exactly, as a prefix, or with a
    typo), so a lookup reads a vocabulary of words rather than every name.

    >>> NameIndex([["Abdelmalek Sellal"], ["Leon Panetta"], ["Panetta", "Leon Panetta"]]).rank("panetta")
    [(2, 100.0), (1, 95.0)]
    """

    def __init__(self, people: Iterable[Sequence[str]]) -> None:
        self._people = [tuple(names) for names in people]
        postings: defaultdict[str, set[int]] = defaultdict(set)
        for i, names in enumerate(self._people):
            for name in names:
                for token in tokenize(name):
                    postings[token.norm].add(i)
        self._postings = dict(postings)
        self._sorted = sorted(self._postings)
        self._by_length: defaultdict[int, list[str]] = defaultdict(list)
        for word in self._sorted:
            self._by_length[len(word)].append(word)

    def __len__(self) -> int:
        return len(self._people)

    def _near(self, typed: str) -> set[int]:
        """People with a name word `typed` may stand for: itself, one it begins, or (for longer
        words) one within a typo, whole or at its start."""
        words = []
        at = bisect.bisect_left(self._sorted, typed)
        while at < len(self._sorted) and self._sorted[at].startswith(typed):
            words.append(self._sorted[at])
            at += 1
        if len(typed) >= NAME_TYPO_MIN_LENGTH:
            # A ratio of s needs the shorter word to be s / (200 - s) of the longer one at least:
            # shorter name words cannot be typos of this one (and would align inside it).
            shortest = max(
                NAME_TYPO_MIN_LENGTH,
                math.ceil(len(typed) * NAME_TYPO_MIN_SIMILARITY / (200 - NAME_TYPO_MIN_SIMILARITY)),
            )
            for length in [n for n in self._by_length if n >= shortest]:
                found = process.extract(
                    typed,
                    self._by_length[length],
                    scorer=fuzz.partial_ratio,
                    score_cutoff=NAME_SHORTLIST_MIN,
                    limit=None,
                )
                words += [word for word, _, _ in found]
        return set().union(*(self._postings[w] for w in words))

    def rank(self, query: str) -> list[tuple[int, float]]:
        """(position, score) of every person a name or alias of whom fits `query`, best first,
        ties in order of position."""
        typed = query_words(query)
        if not typed:
            return []
        shortlist = set.intersection(*(self._near(word) for word in typed))
        scored = [(i, name_score(query, self._people[i])) for i in sorted(shortlist)]
        return sorted(((i, s) for i, s in scored if s > 0), key=lambda r: (-r[1], r[0]))


def name_score(query: str, names: Iterable[str]) -> float:
    """How well `query` names someone known by `names`: 0 when some typed word is in none of
    them, up to 100 for a name typed out in full. Case and accents do not count; every typed
    word must begin a word of the name, or be one with a small typo.

    >>> name_score("panetta", ["Leon Panetta"]), name_score("LEON PAN", ["Leon Panetta"])
    (95.0, 95.5)
    >>> name_score("simonovic", ["Ivan Šimonović"]) > 0, name_score("Sellal", ["Leon Panetta"])
    (True, 0.0)
    """
    typed = query_words(query)
    if not typed:
        return 0.0
    best = 0.0
    for name in names:
        known = [t.norm for t in tokenize(name)]
        if not known:
            continue
        similarities = [max(_name_word_similarity(t, k) for k in known) for t in typed]
        if not all(similarities):
            continue
        covered = min(1.0, len(typed) / len(known))
        score = NAME_MATCH_SHARE * sum(similarities) / len(similarities) + (1 - NAME_MATCH_SHARE) * covered
        best = max(best, round(100 * score, 1))
    return best
