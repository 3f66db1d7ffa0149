"""Candidate search: narrow the stored statements down to the few worth scoring.

Scoring every stored statement with rapidfuzz is linear in the corpus; instead an inverted
index maps each word, and each pair of adjacent words (a word bigram), to the statements
that contain it, and a query looks up only its rarest terms, where the evidence is. Words
alone cannot tell a statement from another that shares its vocabulary in a different order
("the region" and "region the" read the same to them); bigrams can, and they are cheap,
because almost every bigram of a quote is rare. The postings live in numpy arrays (one
sorted block per term, CSR style), so a million statements cost a few hundred megabytes
instead of the gigabytes Python sets of ints would, and a query is a handful of vectorised
operations.

Writes after the bulk build go to small per-term delta lists; deletions mark a key dead and
are filtered out at query time. When the deltas grow, they are merged into the arrays.
"""

from __future__ import annotations

import itertools
import math
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np

from service.matching.statement_table import stable_hash

# The rarest query words consulted. A real quote has a handful of distinctive words; past 16
# the extra lookups hit ever longer posting lists and rarely change the short-list.
QUERY_WORDS = 16
# The rarest query bigrams consulted. A quote of a dozen words has eleven; 16 covers a long
# quote's rarest ones, and a quote buried in a post is also looked up sentence by sentence.
QUERY_BIGRAMS = 16
# Posting entries read in full per query at most (after the rarest term): the rarest terms
# name the candidates. Reading the postings of common words ("we", "the") in full would cost
# milliseconds at a million statements, sorting keys that can never reach the short-list; the
# commoner terms re-rank instead. At a million statements, 1,500 rather than 5,000 took 9% off
# the engine's p50 with the same recall@1 on 700 benchmark queries; 600 lost one of them.
SEED_POSTINGS = 1_500
# A part of a submitted text (a sentence or quoted passage of a post, looked up besides the whole
# text) whose rarest term is in more statements than this names no candidates of its own: its
# words are all common ones ("I urge all of my colleagues to do the same"), so any of the
# statements holding its rarest term would do, and reading them costs milliseconds per part at
# ten million statements (sorting half a million keys), which made the slowest posts there.
# The whole text always reads its rarest term.
PART_SEED_MAX = 20_000
# Candidates named by the rarest terms that the commoner terms then re-rank: many more than
# any short-list asked for, so a statement that shares the common words too still rises.
REFINED = 128
# Terms in at least this share of the statements (and at least DENSE_MIN_POSTINGS of them) also
# get a bitmap over the keys, for membership tests. Re-ranking asks whether each of ~128 keys is in
# a term's block; a binary search of a block of hundreds of thousands of keys misses the cache at
# each step (114 us a term at a million statements), where a bitmap answers all 128 at once (a few
# us). A bitmap costs an eighth of a byte per statement, whatever the term: at a million
# statements 263 terms qualify, for 33 MB. A fixed count instead of a share gave 2,876 terms and
# 3.6 GB at ten million, half the snapshot; at 1% it is 263 terms again, 329 MB, for 0.25 ms more
# at p50 (1.27 to 1.52 ms for single quotes, measured on the mapped snapshot).
DENSE_SHARE = 0.01
DENSE_MIN_POSTINGS = 10_000
# Words of a persisted vocabulary whose ids are remembered once looked up: the words of queries
# repeat (the common ones in every query), and a look-up in the mapped arrays costs a hash and a
# binary search. 200,000 words take some 30 MB; past that the memory is cleared and refilled.
LOOKUP_CACHE = 200_000
# Merge the delta lists into the arrays once they hold this share of the indexed entries:
# small enough that deltas stay cheap to read, large enough that merges stay rare.
MERGE_SHARE = 0.1
# A bigram's term is its two word ids hashed into [0, 2**31): a term and a key then pack into
# one int64, so building is one in-place sort. Two bigrams sharing a hash share a posting
# block, which can only add candidates (scoring decides); at 2**31 slots that is rare.
_PAIR_SPACE = 2**31 - 1  # a prime, so the multiplier below spreads pairs over every slot
_PAIR_MULTIPLIER = 1_000_003  # larger than any vocabulary here, so (a, b) -> a * M + b is one-to-one before the modulo


def _pair_terms(wids: np.ndarray) -> np.ndarray:
    return (wids[:-1] * _PAIR_MULTIPLIER + wids[1:]) % _PAIR_SPACE


class _Postings:
    """Postings for int64 term codes: sorted distinct codes, their blocks of keys, deltas."""

    def __init__(self) -> None:
        self.terms = np.zeros(0, dtype=np.int64)
        self.offsets = np.zeros(1, dtype=np.int64)
        self.keys = np.zeros(0, dtype=np.int32)
        self.delta: defaultdict[int, list[int]] = defaultdict(list)
        self.delta_size = 0
        # Bitmaps of the keys of the largest blocks, one row each (little-endian bits), so that
        # one gather tests a query's keys against all its common terms at once.
        self.dense: dict[int, int] = {}  # block number -> row of `bitmaps`
        self.bitmaps = np.zeros((0, 0), dtype=np.uint8)

    def __len__(self) -> int:
        return len(self.keys) + self.delta_size

    def load(self, terms: np.ndarray, keys: np.ndarray) -> None:
        """Replace the postings with (term, key) pairs, terms and keys below 2**31.

        Each pair packs into one int64 code (term * span + key), so a single in-place sort
        orders the postings by term, then key, and drops repeated pairs.
        """
        span = int(keys.max()) + 1 if len(keys) else 1
        codes = terms.astype(np.int64)  # a copy: the caller's array is left alone
        codes *= span
        codes += keys
        codes.sort()
        if len(codes):
            codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
        self.keys = (codes % span).astype(np.int32)
        codes //= span
        starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1]))) if len(codes) else codes[:0]
        self.terms = codes[starts]
        self.offsets = np.concatenate((starts, [len(codes)])).astype(np.int64)
        self.delta, self.delta_size = defaultdict(list), 0
        dense_min = max(DENSE_MIN_POSTINGS, math.ceil(DENSE_SHARE * span))  # keys are 0..n-1
        blocks = np.flatnonzero(np.diff(self.offsets) >= dense_min).tolist()
        self.dense = {block: row for row, block in enumerate(blocks)}
        self.bitmaps = np.zeros((len(blocks), (span + 7) // 8), dtype=np.uint8)
        member = np.zeros(span, dtype=bool)
        for row, block in enumerate(blocks):
            member[:] = False
            member[self.keys[self.offsets[block] : self.offsets[block + 1]]] = True
            self.bitmaps[row] = np.packbits(member, bitorder="little")

    def add(self, key: int, terms: Iterable[int]) -> None:
        for term in set(terms):
            self.delta[term].append(key)
            self.delta_size += 1

    def merge(self, alive: np.ndarray) -> None:
        """Fold the deltas into the arrays and drop dead keys from them."""
        base = np.repeat(self.terms, np.diff(self.offsets))
        delta_terms = np.fromiter(
            (t for t, keys in self.delta.items() for _ in keys), dtype=np.int64, count=self.delta_size
        )
        delta_keys = np.fromiter(
            (k for keys in self.delta.values() for k in keys), dtype=np.int32, count=self.delta_size
        )
        terms = np.concatenate((base, delta_terms))
        keys = np.concatenate((self.keys, delta_keys))
        live = alive[keys]
        self.load(terms[live], keys[live])

    def sizes(self, codes: Sequence[int]) -> dict[int, tuple[int, int]]:
        """Each code that has keys (dead ones included): its block number (-1 for none) and its size.

        One vectorised search for all codes: a post's sentences share most of their terms with
        the post itself, so a verification asks for them all at once.
        """
        found: dict[int, tuple[int, int]] = {}
        if len(self.terms) and len(codes):
            asked = np.asarray(codes, dtype=np.int64)
            at = np.minimum(np.searchsorted(self.terms, asked), len(self.terms) - 1)
            hit = self.terms[at] == asked
            sizes = np.where(hit, self.offsets[at + 1] - self.offsets[at], 0)
            for code, block, size in zip(asked[hit].tolist(), at[hit].tolist(), sizes[hit].tolist(), strict=True):
                found[code] = (block, size)
        if self.delta:
            for code in codes:
                extra = self.delta.get(code)
                if extra:
                    block, size = found.get(code, (-1, 0))
                    found[code] = (block, size + len(extra))
        return found

    def posting(self, code: int, block: int) -> Posting:
        """A code's keys: the sorted block from the arrays, the unsorted keys added since, and
        the block's bitmap if it has one."""
        if block < 0:
            base, dense = self.keys[:0], None
        else:
            base, dense = self.keys[self.offsets[block] : self.offsets[block + 1]], self.dense.get(block)
        extra = self.delta.get(code)
        return Posting(base, _NO_KEYS if extra is None else np.asarray(extra, dtype=np.int32), dense, self.bitmaps)


_NO_KEYS = np.zeros(0, dtype=np.int32)


@dataclass(frozen=True, slots=True)
class Posting:
    """One term's keys: `base`, sorted, from the arrays; `extra`, added since; `dense`, the row
    of `base`'s bitmap in `bitmaps`, if it has one."""

    base: np.ndarray
    extra: np.ndarray
    dense: int | None
    bitmaps: np.ndarray

    @property
    def size(self) -> int:
        return len(self.base) + len(self.extra)

    def keys(self) -> np.ndarray:
        return np.concatenate((self.base, self.extra)) if len(self.extra) else self.base


def _reranked(keys: np.ndarray, scores: np.ndarray, terms: list[tuple[Posting, float]]) -> np.ndarray:
    """`scores` plus the weight of each term that holds the key, for `keys` (ascending).

    Common terms are tested all at once through their bitmap rows, one gather per bitmap matrix
    (words, bigrams); the others by a binary search of their sorted block. Numpy's cost here is
    per call, not per element (128 keys), so the fewer calls the better.
    """
    if not terms or not len(keys):
        return scores
    scores = scores.copy()
    byte, bit = keys >> 3, (keys & 7).astype(np.uint8)
    by_matrix: dict[int, list[tuple[Posting, float]]] = {}
    for p, w in terms:
        if p.dense is not None:
            by_matrix.setdefault(id(p.bitmaps), []).append((p, w))
    for group in by_matrix.values():
        matrix = group[0][0].bitmaps
        rows = [(p.dense, w) for p, w in group]
        width = matrix.shape[1] * 8
        at = byte if keys[-1] < width else np.minimum(byte, matrix.shape[1] - 1)
        hits = (matrix[np.array([r for r, _ in rows])[:, None], at] >> bit) & 1
        if keys[-1] >= width:  # keys added since the build lie past the bitmaps
            hits[:, keys >= width] = 0
        scores += np.array([w for _, w in rows]) @ hits
    for posting, w in terms:
        base, extra = posting.base, posting.extra
        if posting.dense is None and len(base):
            scores += w * (base[np.minimum(np.searchsorted(base, keys), len(base) - 1)] == keys)
        if len(extra):
            scores += w * np.isin(keys, extra)
    return scores


def _summed(keys: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct key, ascending, with the sum of its weights.

    The keys are sorted blocks laid end to end, which a stable sort (timsort) merges as runs
    rather than sorting from scratch; with the weights carried along and summed per run of equal
    keys, this costs 60% of `np.unique(..., return_inverse=True)` and `np.bincount` and gives the
    same sums, added in the same order.
    """
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return ordered[starts], np.add.reduceat(weights[order], starts)


class _Vocabulary:
    """Word ids: a persisted base (the words in id order as one UTF-8 blob, and their stable
    hashes sorted, for look-ups by binary search) and the words met since, in a dict.

    An index built in memory has no base: its dict holds every word, as fast as before.
    """

    def __init__(
        self,
        extra: dict[str, int] | None = None,
        *,
        blob: np.ndarray | None = None,
        offsets: np.ndarray | None = None,
        hashes: np.ndarray | None = None,
        hash_ids: np.ndarray | None = None,
    ) -> None:
        self._extra = extra or {}
        self._blob = blob
        self._offsets = offsets if offsets is not None else np.zeros(1, dtype=np.int64)
        self._hashes = hashes if hashes is not None else np.zeros(0, dtype=np.uint64)
        self._hash_ids = hash_ids if hash_ids is not None else np.zeros(0, dtype=np.int64)
        self._base = len(self._offsets) - 1
        self._found: dict[str, int | None] = {}  # base look-ups so far (misses too), up to LOOKUP_CACHE

    def __len__(self) -> int:
        return self._base + len(self._extra)

    def _word(self, wid: int) -> str:
        assert self._blob is not None
        return self._blob[self._offsets[wid] : self._offsets[wid + 1]].tobytes().decode("utf-8")

    def lookup(self, words: Iterable[str]) -> dict[str, int | None]:
        """Each word's id, None for a word never indexed: one binary search for all of them."""
        found: dict[str, int | None] = {}
        asked: list[str] = []
        for w in words:
            if w not in found:
                wid = self._extra.get(w)
                if wid is None and self._base:
                    wid = self._found.get(w, -1)
                    if wid == -1:
                        asked.append(w)
                        wid = None
                found[w] = wid
        if asked:
            h = np.array([stable_hash(w) for w in asked], dtype=np.uint64)
            at = np.searchsorted(self._hashes, h)
            for w, i in zip(asked, at.tolist(), strict=True):
                while i < len(self._hashes) and self._hashes[i] == stable_hash(w):
                    wid = int(self._hash_ids[i])
                    if self._word(wid) == w:
                        found[w] = wid
                        break
                    i += 1
            if len(self._found) > LOOKUP_CACHE:
                self._found.clear()
            self._found.update((w, found[w]) for w in asked)
        return found

    def get(self, word: str) -> int | None:
        return self.lookup((word,))[word]

    def setdefault(self, word: str) -> int:
        wid = self.get(word)
        if wid is None:
            wid = self._extra[word] = len(self)
        return wid

    def words(self, start: int) -> list[str]:
        """The words from id `start` on, in id order (the order first seen)."""
        base = [self._word(i) for i in range(start, self._base)]
        return base + list(islice(self._extra, max(0, start - self._base), None))

    def export(self) -> dict[str, np.ndarray]:
        words = [self._word(i) for i in range(self._base)] + list(self._extra)
        parts = [w.encode("utf-8") for w in words]
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in parts], out=offsets[1:])
        hashes = np.array([stable_hash(w) for w in words], dtype=np.uint64)
        order = np.argsort(hashes, kind="stable")
        return {
            "vocab_blob": np.frombuffer(b"".join(parts), dtype=np.uint8),
            "vocab_offsets": offsets,
            "vocab_hashes": hashes[order],
            "vocab_hash_ids": order.astype(np.int64),
        }


class CandidateIndex:
    """Inverted index of words and word bigrams over statements keyed by non-negative integers.

    >>> idx = CandidateIndex()
    >>> idx.build([(1, ["we", "need", "to", "work"]), (2, ["we", "won't", "allow"])])
    >>> idx.candidates(["won't", "allow", "it"], limit=5)
    [2]
    >>> idx.remove(2); idx.candidates(["won't", "allow"], limit=5)
    []
    """

    def __init__(self) -> None:
        self._vocab = _Vocabulary()
        self._words = _Postings()
        self._bigrams = _Postings()
        self._alive = np.zeros(0, dtype=bool)
        self._count = 0
        # Keys removed since the build: until there is one, every key in the postings is alive
        # and the filter on `_alive` can be skipped.
        self._removed = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._count

    def _grow(self, key: int) -> None:
        if key >= len(self._alive):
            grown = np.zeros(max(key + 1, 2 * len(self._alive), 1024), dtype=bool)
            grown[: len(self._alive)] = self._alive
            self._alive = grown

    def build(self, docs: Iterable[tuple[int, Sequence[str]]]) -> None:
        """Replace the index with `docs` in one pass: the fast way to load a corpus.

        Word ids stream straight into a numpy array; bigrams are adjacent ids within a
        statement, so both posting sets come from that one array.
        """
        keys = array("q")
        lengths = array("q")
        ids = array("q")
        with self._lock:
            # A new word takes the next id inside the dict lookup itself, so the loop runs in C.
            vocab: defaultdict[str, int] = defaultdict(itertools.count().__next__)
            word_id = vocab.__getitem__
            for key, words in docs:
                keys.append(key)
                lengths.append(len(words))
                ids.extend(map(word_id, words))
            self._vocab = _Vocabulary(dict(vocab))
            key_array = np.frombuffer(keys, dtype=np.int64)
            length_array = np.frombuffer(lengths, dtype=np.int64)
            wids = np.frombuffer(ids, dtype=np.int64)
            owners = np.repeat(key_array.astype(np.int32), length_array)
            self._alive = np.zeros(0, dtype=bool)
            self._grow(int(key_array.max()) if len(key_array) else 0)
            self._alive[key_array] = True
            self._count = int(self._alive.sum())
            self._removed = 0
            self._words.load(wids, owners)
            # A bigram joins two words of one statement: not the last word of one and the first of the next.
            same = owners[:-1] == owners[1:]
            self._bigrams.load(_pair_terms(wids)[same], owners[:-1][same])

    def export(self) -> dict[str, np.ndarray]:
        """The index as named arrays, to persist: the deltas are merged in first, and dead keys
        dropped, so the arrays alone are the whole index."""
        with self._lock:
            for postings in (self._words, self._bigrams):
                if postings.delta_size or self._removed:
                    postings.merge(self._alive)
            self._removed = 0  # the postings hold live keys only now
            arrays = self._vocab.export()
            for name, postings in (("words", self._words), ("bigrams", self._bigrams)):
                arrays[f"{name}_terms"] = postings.terms
                arrays[f"{name}_offsets"] = postings.offsets
                arrays[f"{name}_keys"] = postings.keys
                arrays[f"{name}_dense"] = np.array(
                    sorted(postings.dense, key=postings.dense.__getitem__), dtype=np.int64
                )
                arrays[f"{name}_bitmaps"] = postings.bitmaps
            arrays["alive"] = self._alive
            return arrays

    @classmethod
    def restored(cls, arrays: dict[str, np.ndarray]) -> CandidateIndex:
        """An index over arrays from `export` (memory-mapped ones stay mapped: read, never written)."""
        index = cls()
        index._vocab = _Vocabulary(
            blob=arrays["vocab_blob"],
            offsets=arrays["vocab_offsets"],
            hashes=arrays["vocab_hashes"],
            hash_ids=arrays["vocab_hash_ids"],
        )
        for name, postings in (("words", index._words), ("bigrams", index._bigrams)):
            postings.terms = arrays[f"{name}_terms"]
            postings.offsets = arrays[f"{name}_offsets"]
            postings.keys = arrays[f"{name}_keys"]
            postings.dense = {int(block): row for row, block in enumerate(arrays[f"{name}_dense"].tolist())}
            postings.bitmaps = arrays[f"{name}_bitmaps"]
        index._alive = np.array(arrays["alive"], dtype=bool)  # a private copy: removals write to it
        index._count = int(index._alive.sum())
        return index

    def add(self, key: int, words: Sequence[str]) -> None:
        """Index a new key. Keys are never reused: replacing a document means a new key."""
        with self._lock:
            self._grow(key)
            if self._alive[key]:
                raise ValueError(f"key {key} is already indexed; replacing means a new key")
            self._alive[key] = True
            self._count += 1
            wids = np.array([self._vocab.setdefault(w) for w in words], dtype=np.int64)
            self._words.add(key, wids.tolist())
            self._bigrams.add(key, _pair_terms(wids).tolist() if len(wids) > 1 else [])
            for postings in (self._words, self._bigrams):
                if postings.delta_size > MERGE_SHARE * max(len(postings.keys), 10_000):
                    postings.merge(self._alive)

    def remove(self, key: int) -> None:
        with self._lock:
            if key < len(self._alive) and self._alive[key]:
                self._alive[key] = False
                self._count -= 1
                self._removed += 1

    def candidates(self, words: Sequence[str], *, limit: int) -> list[int]:
        """Keys of the live statements sharing the most rare-term weight with `words`, best first.

        Each term's weight is its inverse document frequency, so a statement that shares a
        query's rare words in the query's order (its bigrams too) outranks one that merely
        shares the words.
        """
        return self.candidates_each([(words, limit)])[0]

    def candidates_each(
        self, queries: Sequence[tuple[Sequence[str], int]], *, parts_from: int | None = None
    ) -> list[list[int]]:
        """`candidates` for several (words, limit) queries, looked up together.

        A post and its sentences share their terms: each word is looked up in the vocabulary
        once, and each term's postings located once, for all of them. The queries from
        `parts_from` on are parts of the first: one whose rarest term is in more than
        PART_SEED_MAX statements gets none.
        """
        with self._lock:
            ids = self._vocab.lookup(w for words, _ in queries for w in words)
            asked = []
            for words, limit in queries:
                wids = [ids[w] for w in words]
                known = sorted({w for w in wids if w is not None})
                pairs = sorted(
                    {
                        (a * _PAIR_MULTIPLIER + b) % _PAIR_SPACE
                        for a, b in itertools.pairwise(wids)
                        if a is not None and b is not None
                    }
                )
                asked.append((known, pairs, limit))
            located = (
                self._words.sizes(sorted({c for known, _, _ in asked for c in known})),
                self._bigrams.sizes(sorted({c for _, pairs, _ in asked for c in pairs})),
            )
            fetched: dict[tuple[int, int], Posting] = {}
            first_part = len(asked) if parts_from is None else parts_from
            return [
                self._ranked(known, pairs, limit, located, fetched, seed_max=PART_SEED_MAX if i >= first_part else None)
                for i, (known, pairs, limit) in enumerate(asked)
            ]

    def _ranked(
        self,
        known: list[int],
        pairs: list[int],
        limit: int,
        located: tuple[dict[int, tuple[int, int]], dict[int, tuple[int, int]]],
        fetched: dict[tuple[int, int], Posting],
        *,
        seed_max: int | None = None,
    ) -> list[int]:
        """One query's candidates from its word and bigram codes (under the lock); none when its
        rarest term is in more than `seed_max` statements."""
        picked: list[tuple[int, int, int]] = []  # (postings set, code, block)
        sizes: list[int] = []
        for which, (codes, most) in enumerate(((known, QUERY_WORDS), (pairs, QUERY_BIGRAMS))):
            where = located[which]
            found = [(where[c][1], c) for c in codes if c in where]
            found.sort(key=lambda sc: sc[0])  # stable: ties keep code order
            for size, code in found[:most]:
                picked.append((which, code, where[code][0]))
                sizes.append(size)
        if not picked:
            return []
        n = self._count + 1
        weight = [math.log(n / size) + 1.0 for size in sizes]
        order = sorted(range(len(picked)), key=lambda i: sizes[i])
        if seed_max is not None and sizes[order[0]] > seed_max:
            return []

        def posting(i: int) -> Posting:
            which, code, block = picked[i]
            got = fetched.get((which, code))
            if got is None:
                got = fetched[(which, code)] = (self._words, self._bigrams)[which].posting(code, block)
            return got

        # Seeds: the rarest terms, read in full, name the candidates; the commoner terms
        # only add their weight to the best of them, found by binary search.
        seeds: list[int] = []
        read = 0
        budget = max(SEED_POSTINGS, limit)  # a search that asks for thousands reads as deep
        for i in order:
            if seeds and read + sizes[i] > budget:
                break
            seeds.append(i)
            read += sizes[i]
        keys, scores = _summed(
            np.concatenate([posting(i).keys() for i in seeds]),
            np.repeat([weight[i] for i in seeds], [sizes[i] for i in seeds]),
        )
        if self._removed:
            live = self._alive[keys]
            keys, scores = keys[live], scores[live]
        refined = max(REFINED, limit)  # a search may ask for more than verification's short-list
        if len(keys) > refined:
            # Sorted, so the keys stay ascending and the binary searches below walk memory in order.
            top = np.sort(np.argpartition(-scores, refined - 1)[:refined])
            keys, scores = keys[top], scores[top]
        scores = _reranked(keys, scores, [(posting(i), weight[i]) for i in order[len(seeds) :]])
        if len(keys) > limit:
            top = np.argpartition(-scores, limit - 1)[:limit]
            keys, scores = keys[top], scores[top]
        ranked = np.lexsort((keys, -scores))
        return [int(k) for k in keys[ranked]]

    def words(self, start: int = 0) -> list[str]:
        """The indexed words in the order first seen, from the `start`-th on.

        The vocabulary only grows between builds, so a caller scanning it for near-misspellings
        keeps its copy and asks only for what is new.
        """
        with self._lock:
            if start >= len(self._vocab):
                return []
            return self._vocab.words(start)

    def frequency(self, word: str) -> int:
        """How many statements were indexed with `word` (removed ones included until a merge)."""
        with self._lock:
            wid = self._vocab.get(word)
            if wid is None:
                return 0
            return self._words.sizes([wid]).get(wid, (-1, 0))[1]
