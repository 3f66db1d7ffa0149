"""The key rules on their own: format, digests, scopes and the API_KEYS entries."""

from __future__ import annotations

import doctest
import hashlib

import pytest

from service import keys, ratelimit
from service.keys import Scope


@pytest.mark.parametrize("module", [keys, ratelimit])
def test_the_examples_in_the_docstrings_hold(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


def test_generated_keys_are_unique_and_only_their_digest_is_kept() -> None:
    made = [keys.generate() for _ in range(200)]
    assert len({m.key for m in made}) == len({m.id for m in made}) == 200
    for m in made[:5]:
        assert keys.stored_key_id(m.key) == m.id
        assert m.digest == hashlib.sha256(m.key.encode()).hexdigest() and m.key not in m.digest
        # 32 random bytes in URL-safe base64: 43 characters of secret.
        assert len(m.key.split("_", 2)[2]) == 43


def test_scopes_rank_admin_over_write_over_read() -> None:
    assert keys.allows(frozenset({Scope.ADMIN}), Scope.READ)
    assert keys.allows(frozenset({Scope.WRITE}), Scope.READ)
    assert not keys.allows(frozenset({Scope.WRITE}), Scope.ADMIN)
    assert not keys.allows(frozenset(), Scope.READ)
    with pytest.raises(ValueError, match="unknown scope 'root'"):
        keys.parse_scopes("read,root")
    with pytest.raises(ValueError, match="no scopes"):
        keys.parse_scopes(" , ")


def test_configured_entries() -> None:
    digest = hashlib.sha256(b"hidden").hexdigest()
    entries = keys.parse_configured(f" plain , reader:read , boss:admin+read, sha256:{digest.upper()}:write, a:b ,,")
    scopes = [keys.format_scopes(e.scopes) for e in entries]
    assert scopes == ["read,write", "read", "read,admin", "write", "read,write"]
    assert keys.match_configured("plain", entries) == 0
    assert keys.match_configured("reader", entries) == 1
    assert keys.match_configured("hidden", entries) == 3  # upper-case hex digests are accepted
    assert keys.match_configured("a:b", entries) == 4  # a colon not followed by scope names belongs to the key
    assert keys.match_configured("reader:read", entries) is None
    assert keys.match_configured(digest, entries) is None
