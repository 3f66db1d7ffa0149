"""The key rules on their own: format, digests, scopes and the API_KEYS entries."""

from __future__ import annotations

import doctest
import hashlib

import pytest

from service.core import api_keys
from service.core.api_keys import Scope
from service.http import ratelimit


@pytest.mark.parametrize("module", [api_keys, ratelimit])
def test_the_examples_in_the_docstrings_hold(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


def test_generated_keys_are_unique_and_only_their_digest_is_kept() -> None:
    made = [api_keys.generate() for _ in range(200)]
    assert len({m.key for m in made}) == len({m.id for m in made}) == 200
    for m in made[:5]:
        assert api_keys.stored_key_id(m.key) == m.id
        assert m.digest == hashlib.sha256(m.key.encode()).hexdigest() and m.key not in m.digest
        # 32 random bytes in URL-safe base64: 43 characters of secret.
        assert len(m.key.split("_", 2)[2]) == 43


def test_scopes_rank_admin_over_write_over_read() -> None:
    assert api_keys.allows(frozenset({Scope.ADMIN}), Scope.READ)
    assert api_keys.allows(frozenset({Scope.WRITE}), Scope.READ)
    assert not api_keys.allows(frozenset({Scope.WRITE}), Scope.ADMIN)
    assert not api_keys.allows(frozenset(), Scope.READ)
    with pytest.raises(ValueError, match="unknown scope 'root'"):
        api_keys.parse_scopes("read,root")
    with pytest.raises(ValueError, match="no scopes"):
        api_keys.parse_scopes(" , ")


def test_configured_entries() -> None:
    digest = hashlib.sha256(b"hidden").hexdigest()
    entries = api_keys.parse_configured(
        f" plain , reader:read , boss:admin+read, sha256:{digest.upper()}:write, a:b ,,"
    )
    scopes = [api_keys.format_scopes(e.scopes) for e in entries]
    assert scopes == ["read,write", "read", "read,admin", "write", "read,write"]
    assert api_keys.match_configured("plain", entries) == 0
    assert api_keys.match_configured("reader", entries) == 1
    assert api_keys.match_configured("hidden", entries) == 3  # upper-case hex digests are accepted
    assert api_keys.match_configured("a:b", entries) == 4  # a colon not followed by scope names belongs to the key
    assert api_keys.match_configured("reader:read", entries) is None
    assert api_keys.match_configured(digest, entries) is None
