"""Candidate search: narrow the stored statements down to the few worth scoring.

Scoring every stored statement with rapidfuzz is linear in the corpus; instead an inverted
index maps each word to the statements that contain it, and a query looks up only its
rarest words, where the evidence is. The postings live in numpy arrays (one sorted block per
word, CSR style), so a million statements cost a few hundred megabytes instead of the
gigabytes Python sets of ints would, and a query is a handful of vectorised operations.

Writes after the bulk build go to small per-word delta lists; deletions mark a key dead and
are filtered out at query time. When the deltas grow, they are merged into the arrays.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import islice

import numpy as np

# The rarest query words consulted. A real quote has a handful of distinctive words; past 16
# the extra lookups hit ever longer posting lists and rarely change the short-list.
QUERY_WORDS = 16
# Posting entries read per query at most (after the first word). A query made only of common
# words ("we need to do it") would otherwise read millions of entries at a million statements;
# its short-list is decided by its rarest words anyway.
MAX_POSTINGS = 50_000
# Merge the delta lists into the arrays once they hold this share of the indexed entries:
# small enough that deltas stay cheap to read, large enough that merges stay rare.
MERGE_SHARE = 0.1


class CandidateIndex:
    """Inverted word index over statements keyed by non-negative integers.

    >>> idx = CandidateIndex()
    >>> idx.build([(1, ["we", "need", "to", "work"]), (2, ["we", "won't", "allow"])])
    >>> idx.candidates(["won't", "allow", "it"], limit=5)
    [2]
    >>> idx.remove(2); idx.candidates(["won't", "allow"], limit=5)
    []
    """

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}
        self._offsets = np.zeros(1, dtype=np.int64)  # word id -> start of its block in _keys
        self._keys = np.zeros(0, dtype=np.int32)
        self._delta: defaultdict[int, list[int]] = defaultdict(list)
        self._delta_size = 0
        self._alive = np.zeros(0, dtype=bool)
        self._count = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._count

    def _word_ids(self, words: Iterable[str]) -> list[int]:
        ids = []
        for word in set(words):
            wid = self._vocab.get(word)
            if wid is None:
                wid = self._vocab[word] = len(self._vocab)
            ids.append(wid)
        return ids

    def _grow(self, key: int) -> None:
        if key >= len(self._alive):
            grown = np.zeros(max(key + 1, 2 * len(self._alive), 1024), dtype=bool)
            grown[: len(self._alive)] = self._alive
            self._alive = grown

    def build(self, docs: Iterable[tuple[int, Sequence[str]]]) -> None:
        """Replace the index with `docs` in one pass: the fast way to load a corpus.

        Word ids stream straight into a numpy array, and a single sort of combined
        (word, key) codes both orders the postings and drops repeated words.
        """
        keys = array("q")
        lengths = array("q")
        ids = array("q")
        with self._lock:
            vocab: dict[str, int] = {}
            self._vocab, self._delta, self._delta_size = vocab, defaultdict(list), 0
            add = vocab.setdefault
            for key, words in docs:
                keys.append(key)
                lengths.append(len(words))
                ids.extend([add(word, len(vocab)) for word in words])
            key_array = np.frombuffer(keys, dtype=np.int64)
            span = int(key_array.max()) + 1 if len(key_array) else 1
            # codes = word id * span + key, built and sorted in place to keep the peak low.
            codes = np.frombuffer(ids, dtype=np.int64).copy()
            del ids
            codes *= span
            codes += np.repeat(key_array, np.frombuffer(lengths, dtype=np.int64))
            codes.sort()
            if len(codes):
                codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
            self._alive = np.zeros(0, dtype=bool)
            self._grow(span - 1)
            self._alive[key_array] = True
            self._count = int(self._alive.sum())
            self._keys = (codes % span).astype(np.int32)
            counts = np.bincount(codes // span, minlength=len(vocab))
            self._offsets = np.concatenate(([0], np.cumsum(counts)))

    def _pack(self, word_ids: np.ndarray, keys: np.ndarray) -> None:
        order = np.lexsort((keys, word_ids))
        self._keys = keys[order]
        counts = np.bincount(word_ids, minlength=len(self._vocab))
        self._offsets = np.concatenate(([0], np.cumsum(counts)))

    def add(self, key: int, words: Iterable[str]) -> None:
        """Index a new key. Keys are never reused: replacing a document means a new key."""
        with self._lock:
            self._grow(key)
            if self._alive[key]:
                raise ValueError(f"key {key} is already indexed; replacing means a new key")
            self._alive[key] = True
            self._count += 1
            for wid in self._word_ids(words):
                self._delta[wid].append(key)
                self._delta_size += 1
            if self._delta_size > MERGE_SHARE * max(len(self._keys), 10_000):
                self._merge()

    def remove(self, key: int) -> None:
        with self._lock:
            if key < len(self._alive) and self._alive[key]:
                self._alive[key] = False
                self._count -= 1

    def _merge(self) -> None:
        """Fold the deltas into the arrays and drop dead keys from them."""
        n_base = len(self._offsets) - 1
        base_words = np.repeat(np.arange(n_base, dtype=np.int64), np.diff(self._offsets))
        delta_words = np.fromiter(
            (wid for wid, keys in self._delta.items() for _ in keys), dtype=np.int64, count=self._delta_size
        )
        delta_keys = np.fromiter(
            (k for keys in self._delta.values() for k in keys), dtype=np.int32, count=self._delta_size
        )
        words = np.concatenate((base_words, delta_words))
        keys = np.concatenate((self._keys, delta_keys))
        live = self._alive[keys]
        self._pack(words[live], keys[live])
        self._delta, self._delta_size = defaultdict(list), 0

    def _posting(self, wid: int) -> np.ndarray:
        start, end = (self._offsets[wid], self._offsets[wid + 1]) if wid + 1 < len(self._offsets) else (0, 0)
        base = self._keys[start:end]
        extra = self._delta.get(wid)
        return np.concatenate((base, np.asarray(extra, dtype=np.int32))) if extra else base

    def candidates(self, words: Iterable[str], *, limit: int) -> list[int]:
        """Keys of the live statements sharing the most rare-word weight with `words`, best first."""
        with self._lock:
            found = []
            for word in set(words):
                wid = self._vocab.get(word)
                if wid is not None:
                    posting = self._posting(wid)
                    if len(posting):
                        found.append((len(posting), word, posting))
            found.sort(key=lambda f: (f[0], f[1]))  # rarest first; ties by word, so results are stable
            postings = [posting for _, _, posting in found]
            n = self._count + 1
            chosen: list[np.ndarray] = []
            weights: list[np.ndarray] = []
            read = 0
            for posting in postings[:QUERY_WORDS]:
                if chosen and read + len(posting) > MAX_POSTINGS:
                    break
                read += len(posting)
                chosen.append(posting)
                weights.append(np.full(len(posting), math.log(n / len(posting)) + 1.0))
            if not chosen:
                return []
            keys, inverse = np.unique(np.concatenate(chosen), return_inverse=True)
            scores = np.bincount(inverse, weights=np.concatenate(weights))
            live = self._alive[keys]
            keys, scores = keys[live], scores[live]
        if len(keys) > limit:
            top = np.argpartition(-scores, limit - 1)[:limit]
            keys, scores = keys[top], scores[top]
        order = np.lexsort((keys, -scores))
        return [int(k) for k in keys[order]]

    def words(self, start: int = 0) -> list[str]:
        """The indexed words in the order first seen, from the `start`-th on.

        The vocabulary only grows between builds, so a caller scanning it for near-misspellings
        keeps its copy and asks only for what is new.
        """
        with self._lock:
            if start >= len(self._vocab):
                return []
            return list(islice(self._vocab, start, None))

    def frequency(self, word: str) -> int:
        """How many statements were indexed with `word` (removed ones included until a merge)."""
        with self._lock:
            wid = self._vocab.get(word)
            return 0 if wid is None else len(self._posting(wid))
