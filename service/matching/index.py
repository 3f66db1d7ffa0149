"""Candidate search: narrow the stored statements down to the few worth scoring.

Scoring every stored statement with rapidfuzz is linear in the corpus; instead an inverted
index maps each word to the statements that contain it, and a query looks up only its
rarest words, where the evidence is. Rare words are few per query and short-listed, so the
cost grows with how specific the query is, not with the corpus.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from collections.abc import Iterable

# The rarest query words consulted. A real quote has a handful of distinctive words; past 16
# the extra lookups hit ever longer posting lists and rarely change the short-list.
QUERY_WORDS = 16


class CandidateIndex:
    """Inverted word index over statements keyed by integers.

    >>> idx = CandidateIndex()
    >>> idx.add(1, ["we", "need", "to", "work"]); idx.add(2, ["we", "won't", "allow"])
    >>> idx.candidates(["won't", "allow", "it"], limit=5)
    [2]
    """

    def __init__(self) -> None:
        self._postings: defaultdict[str, set[int]] = defaultdict(set)
        self._words: dict[int, frozenset[str]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._words)

    def add(self, key: int, words: Iterable[str]) -> None:
        unique = frozenset(words)
        with self._lock:
            self._discard(key)
            self._words[key] = unique
            for word in unique:
                self._postings[word].add(key)

    def remove(self, key: int) -> None:
        with self._lock:
            self._discard(key)

    def _discard(self, key: int) -> None:
        for word in self._words.pop(key, ()):
            posting = self._postings[word]
            posting.discard(key)
            if not posting:
                del self._postings[word]

    def candidates(self, words: Iterable[str], *, limit: int) -> list[int]:
        """Keys of the statements sharing the most rare-word weight with `words`, best first."""
        with self._lock:
            n = len(self._words) + 1
            present = [(len(self._postings[w]), w) for w in set(words) if w in self._postings]
            present.sort()
            weights: defaultdict[int, float] = defaultdict(float)
            for df, word in present[:QUERY_WORDS]:
                idf = math.log(n / df) + 1.0
                for key in self._postings[word]:
                    weights[key] += idf
        return [key for key, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
