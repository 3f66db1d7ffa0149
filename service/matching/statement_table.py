"""The matcher's statements by key: a persisted base in flat arrays, and what changed since in memory.

Why: a million statements held as Python objects cost each process about a kilobyte apiece and
tens of seconds to build. Held as a few flat arrays (the UTF-8 text of every statement laid end
to end with an offset table, and likewise their ids), they can be memory-mapped from a snapshot on
disk: every worker then reads the same pages of the page cache, and a start maps them in
milliseconds. A statement is decoded from the arrays only when a verification scores it (a
handful per request), and its normalised words are derived from its text then: kept as a blob
of their own, they were a seventh of a snapshot (1 GB at ten million statements) to save some
microseconds per candidate. Statements added after the snapshot, and the keys removed
from it, are kept in memory until the next snapshot.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from service.matching.names import SpeakerRef
from service.matching.normalise import normalise

KINDS = ("direct", "indirect")


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (Python's `hash` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass(frozen=True, slots=True)
class Statement:
    """A stored statement: a direct quote or a reported (indirect) statement."""

    id: str
    text: str
    kind: str  # "direct" | "indirect"
    speaker: SpeakerRef


@dataclass(frozen=True, slots=True)
class Entry:
    """A stored statement and its normalised words, kept as one string: a million of them
    fit in memory, where per-word token objects would not."""

    statement: Statement
    norm: str

    @property
    def words(self) -> list[str]:
        return self.norm.split()


@dataclass(frozen=True)
class TableArrays:
    """The persisted form: per key (0..n-1), spans of three UTF-8 blobs, a kind and a speaker number.

    A key with an empty id span holds no statement (it was removed before the snapshot).
    `id_hashes` are the ids' stable hashes sorted, `id_keys` the key of each, for finding a key by id.
    """

    id_blob: np.ndarray  # uint8
    id_offsets: np.ndarray  # int64, n + 1
    text_blob: np.ndarray
    text_offsets: np.ndarray
    kinds: np.ndarray  # uint8 index into KINDS
    speakers: np.ndarray  # int32 index into the speaker list
    id_hashes: np.ndarray  # uint64, sorted
    id_keys: np.ndarray  # int32


def _blob(parts: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in parts], out=offsets[1:])
    return np.frombuffer(b"".join(parts), dtype=np.uint8), offsets


def _text(blob: memoryview, offsets: np.ndarray, key: int) -> str:
    start, end = offsets[key : key + 2].tolist()
    return str(blob[start:end], "utf-8")


class StatementTable:
    """Statements by integer key; ids map to keys. Not thread-safe: the matcher holds the lock."""

    def __init__(self, base: TableArrays | None = None, speakers: list[SpeakerRef] | None = None) -> None:
        self._base = base
        self._base_speakers = speakers or []
        self._base_size = 0 if base is None else len(base.kinds)
        self._base_live = 0 if base is None else int(np.count_nonzero(np.diff(base.id_offsets)))
        # Byte views of the blobs: slicing one and decoding is the cheapest way to a str.
        empty = memoryview(b"")
        self._ids_mv, self._texts_mv = (base.id_blob.data, base.text_blob.data) if base is not None else (empty, empty)
        self._removed: set[int] = set()  # base keys removed or replaced since the snapshot
        self._rows: dict[int, Entry] = {}  # keys added since the snapshot
        self._ids: dict[str, int] = {}  # their ids

    @property
    def base_size(self) -> int:
        """Keys below this come from the snapshot; new keys start here."""
        return self._base_size

    def __len__(self) -> int:
        return self._base_live - len(self._removed) + len(self._rows)

    def get(self, key: int) -> Entry | None:
        row = self._rows.get(key)
        if row is not None or key >= self._base_size or key in self._removed or self._base is None:
            return row
        b = self._base
        statement_id = _text(self._ids_mv, b.id_offsets, key)
        if not statement_id:
            return None
        text = _text(self._texts_mv, b.text_offsets, key)
        statement = Statement(statement_id, text, KINDS[int(b.kinds[key])], self._base_speakers[int(b.speakers[key])])
        return Entry(statement, normalise(text))

    def key_of(self, statement_id: str) -> int | None:
        key = self._ids.get(statement_id)
        if key is not None or self._base is None:
            return key
        b = self._base
        h = np.uint64(stable_hash(statement_id))
        at = int(np.searchsorted(b.id_hashes, h))
        while at < len(b.id_hashes) and b.id_hashes[at] == h:
            key = int(b.id_keys[at])
            if key not in self._removed and _text(self._ids_mv, b.id_offsets, key) == statement_id:
                return key
            at += 1
        return None

    def put(self, key: int, entry: Entry) -> None:
        """Hold `entry` under a new key (the id's old key, if any, must be dropped first)."""
        self._rows[key] = entry
        self._ids[entry.statement.id] = key

    def drop(self, statement_id: str) -> int | None:
        """Forget the statement with this id; returns the key it had."""
        key = self._ids.pop(statement_id, None)
        if key is not None:
            del self._rows[key]
            return key
        key = self.key_of(statement_id)
        if key is not None:
            self._removed.add(key)
        return key

    def items(self) -> Iterator[tuple[int, Entry]]:
        """Every live statement, by ascending key."""
        for key in range(self._base_size):
            if key not in self._removed:
                row = self.get(key)
                if row is not None:
                    yield key, row
        yield from sorted(self._rows.items())

    def export(self, size: int) -> tuple[TableArrays, list[SpeakerRef]]:
        """Every live statement as arrays over keys 0..size-1 (keys without one stay empty), to persist.

        The snapshot's own statements are carried over as whole arrays (their removed keys emptied),
        not decoded one by one: a process re-persisting a million mapped statements would otherwise
        spend seconds of the CPU its requests need. Speakers are numbered in the order first met;
        equal speakers share a number.
        """
        base = self._base_size
        speakers: dict[SpeakerRef, int] = {}
        for ref in self._base_speakers:
            speakers.setdefault(ref, len(speakers))
        renumber = np.array([speakers[ref] for ref in self._base_speakers] or [0], dtype=np.int32)
        keep = np.ones(base, dtype=bool)
        if self._removed:
            keep[np.fromiter(self._removed, dtype=np.int64, count=len(self._removed))] = False
        rest = size - base
        ids: list[bytes] = [b""] * rest
        texts: list[bytes] = [b""] * rest
        kinds = np.zeros(size, dtype=np.uint8)
        who = np.zeros(size, dtype=np.int32)
        hashes: list[int] = []
        owners: list[int] = []
        for key, entry in sorted(self._rows.items()):
            st = entry.statement
            at = key - base
            ids[at] = st.id.encode("utf-8")
            texts[at] = st.text.encode("utf-8")
            kinds[key] = KINDS.index(st.kind)
            who[key] = speakers.setdefault(st.speaker, len(speakers))
            hashes.append(stable_hash(st.id))
            owners.append(key)
        h = np.array(hashes, dtype=np.uint64)
        k = np.array(owners, dtype=np.int32)
        if self._base is not None and base:
            b = self._base
            kinds[:base] = b.kinds
            who[:base] = renumber[b.speakers]
            kept = keep[b.id_keys]
            h = np.concatenate((b.id_hashes[kept], h))
            k = np.concatenate((b.id_keys[kept], k))
        order = np.argsort(h, kind="stable")
        blobs = []
        for parts, (blob, offsets) in (
            (ids, self._base_blob("id", keep)),
            (texts, self._base_blob("text", keep)),
        ):
            new_blob, new_offsets = _blob(parts)
            blobs.append((np.concatenate((blob, new_blob)), np.concatenate((offsets[:-1], new_offsets + offsets[-1]))))
        (id_blob, id_offsets), (text_blob, text_offsets) = blobs
        arrays = TableArrays(id_blob, id_offsets, text_blob, text_offsets, kinds, who, h[order], k[order])
        return arrays, list(speakers)

    def _base_blob(self, name: str, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The snapshot's blob `name` with the spans of removed keys cut out, and its new offsets."""
        if self._base is None or not self._base_size:
            return np.zeros(0, dtype=np.uint8), np.zeros(1, dtype=np.int64)
        blob = getattr(self._base, f"{name}_blob")
        offsets = getattr(self._base, f"{name}_offsets")
        lengths = np.diff(offsets)
        if keep.all():
            return np.asarray(blob), np.asarray(offsets)
        lengths = np.where(keep, lengths, 0)
        new_offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=new_offsets[1:])
        return blob[np.repeat(keep, np.diff(offsets))], new_offsets


class TableBuilder:
    """Lays statements straight into the flat arrays of a table, one after another: loading a
    million from the database then makes no object per statement (the table decodes one when it
    is asked for it)."""

    def __init__(self) -> None:
        self._blobs = (bytearray(), bytearray())  # ids, texts
        self._offsets = (array("q", [0]), array("q", [0]))
        self._kinds = bytearray()
        self._who = array("i")
        self._hashes = array("Q")
        self._speakers: dict[SpeakerRef, int] = {}

    def append(self, statement_id: str, text: str, kind: str, speaker: SpeakerRef) -> None:
        """The next key's statement; ids must be unique."""
        for blob, offsets, value in zip(self._blobs, self._offsets, (statement_id, text), strict=True):
            blob += value.encode("utf-8")
            offsets.append(len(blob))
        self._kinds.append(KINDS.index(kind))
        self._who.append(self._speakers.setdefault(speaker, len(self._speakers)))
        self._hashes.append(stable_hash(statement_id))

    def table(self) -> StatementTable:
        (ids, texts), (id_off, text_off) = self._blobs, self._offsets
        h = np.frombuffer(self._hashes, dtype=np.uint64)
        order = np.argsort(h, kind="stable")
        arrays = TableArrays(
            np.frombuffer(ids, dtype=np.uint8),
            np.frombuffer(id_off, dtype=np.int64),
            np.frombuffer(texts, dtype=np.uint8),
            np.frombuffer(text_off, dtype=np.int64),
            np.frombuffer(self._kinds, dtype=np.uint8),
            np.frombuffer(self._who, dtype=np.int32),
            h[order],
            order.astype(np.int32),
        )
        return StatementTable(arrays, list(self._speakers))
