"""Inputs that must never raise: empty, binary garbage, pathological marks and very large text."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from service.extraction import extract

# How fast these inputs go is measured by benchmarks/extraction.py; here they must only finish correctly.


def _check_offsets(text: str) -> None:
    statements = extract(text)
    assert statements == sorted(statements, key=lambda s: (s.start, s.end, s.kind))
    for s in statements:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert 0.0 <= s.confidence <= 1.0


def test_empty_and_blank() -> None:
    assert extract("") == []
    assert extract("   \n\n\t") == []


def test_binary_garbage() -> None:
    rng = random.Random(7)
    garbage = bytes(rng.randrange(256) for _ in range(50_000)).decode("latin-1")
    _check_offsets(garbage)


def test_unbalanced_marks() -> None:
    _check_offsets('"""“““”””\'\'``«»" said he said " said')
    _check_offsets("“" * 5000 + "said" + "”" * 5000)


def test_one_megabyte_article() -> None:
    paragraph = (
        '"We will rebuild the port," said Maria Chen, the harbour director. Officials said the cost was unclear. '
        "The “smart” cranes arrive in May, according to the ministry.\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph))
    statements = extract(text)
    assert len(statements) > 1000
    assert all(text[s.start : s.end] == s.text for s in statements[:50])


def test_one_megabyte_without_newlines_or_periods() -> None:
    text = ('word "quoted bit" said ' * 45_000)[:1_000_000]
    _check_offsets(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"“”'«»`Said hetold ATo")), max_size=300))
def test_offsets_always_exact(text: str) -> None:
    _check_offsets(text)
