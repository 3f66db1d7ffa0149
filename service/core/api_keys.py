"""API keys: their format, how they are hashed, compared and scoped.

Two sources of keys, one rule for checking them:

- keys created with `python -m service keys create` live in the database (`api_key` table). Their
  format is `qvs_<id>_<secret>`: the id is public (listing, revoking, logs), the secret is 256 bits
  from `secrets`; only the SHA-256 digest of the whole key is stored.
- the `API_KEYS` setting: comma-separated entries, each `KEY`, `KEY:scope+scope` or
  `sha256:<64 hex digits>[:scope+scope]` (the digest of the key, so the plain key need not sit in
  the environment). Entries without scopes get `read` and `write`.

Why a plain SHA-256 and not a password hash (bcrypt, scrypt, argon2): those are slow on purpose
because passwords are guessable. A generated key has 256 bits of entropy, so a leaked digest
cannot be brute-forced whatever the hash speed, and a fast hash keeps every request cheap. Digests
are compared with `hmac.compare_digest`, so the time taken says nothing about how much matched.

Scopes are ranked: `admin` includes `write`, which includes `read`.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from enum import IntEnum

from sqlmodel import Session

from service.storage import key_store
from service.storage.tables import ApiKey

PREFIX = "qvs"
# 48 bits of public id: unique enough among the keys one service will ever hold, short to type.
ID_BYTES = 6
# 256 bits of secret: no brute force against a leaked digest, see the module docstring.
SECRET_BYTES = 32
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


class Scope(IntEnum):
    """What a key may do; a higher scope includes the lower ones."""

    READ = 1
    WRITE = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return self.name.lower()


DEFAULT_SCOPES = frozenset({Scope.READ, Scope.WRITE})


def parse_scopes(text: str, *, sep: str = ",") -> frozenset[Scope]:
    """Scopes named in `text`; ValueError names any that do not exist.

    >>> sorted(s.label for s in parse_scopes("write, read"))
    ['read', 'write']
    """
    names = [n.strip().lower() for n in text.split(sep) if n.strip()]
    if not names:
        raise ValueError("no scopes given; choose from read, write, admin")
    unknown = [n for n in names if n.upper() not in Scope.__members__]
    if unknown:
        raise ValueError(f"unknown scope {unknown[0]!r}; choose from read, write, admin")
    return frozenset(Scope[n.upper()] for n in names)


def format_scopes(scopes: frozenset[Scope]) -> str:
    return ",".join(s.label for s in sorted(scopes))


def allows(scopes: frozenset[Scope], needed: Scope) -> bool:
    """Whether a key holding `scopes` may do what needs `needed`.

    >>> allows(frozenset({Scope.ADMIN}), Scope.WRITE), allows(frozenset({Scope.READ}), Scope.WRITE)
    (True, False)
    """
    return any(s >= needed for s in scopes)


def digest(key: str) -> str:
    """The stored form of a key: SHA-256, hex."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def same_digest(a: str, b: str) -> bool:
    """Constant-time comparison of two digests."""
    return hmac.compare_digest(a.encode("ascii"), b.encode("ascii"))


@dataclass(frozen=True)
class NewKey:
    id: str
    key: str
    digest: str


def generate() -> NewKey:
    """A fresh database key: `qvs_<id>_<secret>`, and the digest to store."""
    key_id = secrets.token_hex(ID_BYTES)
    key = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return NewKey(id=key_id, key=key, digest=digest(key))


def stored_key_id(key: str) -> str | None:
    """The id of a key in the database format, or None for any other key.

    >>> stored_key_id("qvs_0123456789ab_s3cret"), stored_key_id("my-own-key")
    ('0123456789ab', None)
    """
    parts = key.split("_", 2)
    if len(parts) == 3 and parts[0] == PREFIX and len(parts[1]) == 2 * ID_BYTES and parts[2]:
        return parts[1]
    return None


@dataclass(frozen=True)
class ConfiguredKey:
    """One entry of the API_KEYS setting, held as a digest."""

    digest: str
    scopes: frozenset[Scope]


def parse_configured(setting: str) -> list[ConfiguredKey]:
    """The entries of API_KEYS; ValueError says which entry is malformed.

    >>> [(k.digest[:8], format_scopes(k.scopes)) for k in parse_configured("abc, xyz:admin")]
    [('ba7816bf', 'read,write'), ('3608bca1', 'admin')]
    """
    keys = []
    for entry in (e.strip() for e in setting.split(",")):
        if not entry:
            continue
        secret, scopes = entry, DEFAULT_SCOPES
        head, sep, tail = entry.rpartition(":")
        if sep and head and tail and all(n.upper() in Scope.__members__ for n in tail.split("+")):
            secret, scopes = head, parse_scopes(tail, sep="+")
        if secret.startswith("sha256:"):
            hashed = secret.removeprefix("sha256:").lower()
            if not _DIGEST.match(hashed):
                raise ValueError("an API_KEYS entry starting with 'sha256:' must carry 64 hex digits")
            keys.append(ConfiguredKey(hashed, scopes))
        else:
            keys.append(ConfiguredKey(digest(secret), scopes))
    return keys


def match_configured(key: str, configured: list[ConfiguredKey]) -> int | None:
    """The position of `key` among the configured keys, or None.

    Every entry is compared, in constant time, so timing reveals neither a key nor its position.

    >>> match_configured("xyz", parse_configured("abc, xyz:admin")), match_configured("nope", [])
    (1, None)
    """
    supplied = digest(key)
    found: int | None = None
    for position, entry in enumerate(configured):
        if same_digest(supplied, entry.digest) and found is None:
            found = position
    return found


def create_key(session: Session, *, name: str, scopes: frozenset[Scope]) -> tuple[ApiKey, str]:
    """A new stored key: its row, and the plain key, returned this once and never stored."""
    new = generate()
    row = key_store.add_key(session, key_id=new.id, name=name, scopes=format_scopes(scopes), key_hash=new.digest)
    return row, new.key
