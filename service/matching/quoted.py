"""Find the passages a submitter put between quotation marks.

A tweet or paragraph often wraps the quote in attribution ("Sellal told parliament: "...""),
and only the quoted part is claimed to be the speaker's words. English news mixes its marks:
straight and curly doubles, guillemets, single quotes, and `''` closing a `"`.
"""

from __future__ import annotations

import re

# Closers each opener accepts. A straight double quote closes itself; `''` may close a double.
_CLOSERS = {
    '"': ('"', "\u201d", "''"),
    "\u201c": ("\u201d", '"', "''", "\u201c"),
    "\u201e": ("\u201c", "\u201d", '"'),
    "\u00ab": ("\u00bb",),
    "\u2018": ("\u2019", "'"),
    "'": ("'", "\u2019"),
    "``": ("''", '"'),
}
_SINGLES = {"'", "\u2018", "\u2019"}
_MARK = re.compile("''|``|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019']")


_OPENS_AFTER = " \t\n([{\u2014\u2013-/"


def _can_open(text: str, start: int, end: int, mark: str) -> bool:
    if mark not in _SINGLES:
        return True
    # Only after a space or bracket: an apostrophe in "won't" or "U.N.'s" never opens a quote.
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before in _OPENS_AFTER and after.isalnum()


def _can_close(text: str, start: int, end: int, mark: str) -> bool:
    if mark not in _SINGLES:
        return True
    after = text[end] if end < len(text) else " "
    return not after.isalnum()


def quoted_passages(text: str) -> list[tuple[int, int]]:
    """Character spans of the top-level quoted passages, quotation marks excluded.

    >>> t = 'Sellal said: “We won’t allow any threat,” and left.'
    >>> [t[a:b] for a, b in quoted_passages(t)]
    ['We won’t allow any threat,']
    """
    skip: set[int] = set()
    while True:
        spans, unclosed = _scan(text, skip)
        if unclosed is None:
            return spans
        skip.add(unclosed)  # an opener that never closes was an apostrophe or a typo ('90s)


def _scan(text: str, skip: set[int]) -> tuple[list[tuple[int, int]], int | None]:
    """Pair quotation marks left to right; also returns the position of an opener left open."""
    spans: list[tuple[int, int]] = []
    opener: str | None = None
    opened_at = opener_pos = 0
    for m in _MARK.finditer(text):
        mark, start, end = m.group(), m.start(), m.end()
        if opener in _SINGLES and "\n\n" in text[opened_at:start]:
            return spans, opener_pos  # a single quote left open across paragraphs was an apostrophe
        if opener is not None:
            if mark in _CLOSERS[opener] and _can_close(text, start, end, mark):
                if text[opened_at:start].strip():
                    spans.append((opened_at, start))
                opener = None
        elif start not in skip and mark in _CLOSERS and _can_open(text, start, end, mark):
            opener, opened_at, opener_pos = mark, end, start
    return spans, (opener_pos if opener is not None else None)


# A reporting frame before reported speech: "X said (that)", "X told lawmakers", "according to X,".
_REPORTING = re.compile(
    r"\b(?:said|says|say|stated|added|claimed|argued|insisted|declared|warned|explained|noted|"
    r"told\s+[\w'’-]+|according\s+to\s+[^,:]{1,80}[,:])\s*(?:that\s+)?[:,]?\s*",
    re.IGNORECASE,
)


def reported_content(text: str) -> tuple[int, int] | None:
    """The span after the first reporting frame ("An official said [...]"), if any.

    >>> t = "An Algerian official said Algiers would do its best"
    >>> a, b = reported_content(t); t[a:b]
    'Algiers would do its best'
    """
    m = _REPORTING.search(text)
    if m is None or not text[m.end() :].strip():
        return None
    return m.end(), len(text)
