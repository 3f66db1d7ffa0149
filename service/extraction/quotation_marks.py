"""Pairing of quotation marks into quoted spans.

English news mixes straight ``"``, curly “ ”, guillemets « », TeX-style ````...''`` and the wire-service
habit of closing a ``"`` with two apostrophes. Glyph direction is not reliable (``percent.“`` closes,
``”Mr.`` opens), so every mark is classified by what flanks it and by the current nesting state. Single
quotes are never boundaries: inside double quotes they nest, elsewhere they are apostrophes (won't,
U.N.'s, '90s) or headline quotes, and neither starts a statement.

A paragraph that ends inside a quotation closes the piece at the paragraph end; when the next paragraph
opens with a quotation mark the new piece is marked as a continuation (the multi-paragraph convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .segments import MARKUP_RE, paragraphs, trim

OPENING_GLYPHS = frozenset({"“", "«", "„", "``"})
CLOSING_GLYPHS = frozenset({"”", "»", "''"})
_MARK_RE = re.compile(r"``|''|[“”\"«»„]")
# Characters after which a mark is "left-flanking" (can open): start, space, brackets, dashes.
_OPEN_CONTEXT = set("([{—–-/") | {"\u2014", "\u2013"}
# Characters before which a mark is "right-flanking" (can close): space, end, punctuation.
_CLOSE_CONTEXT = set(".,;:!?)]}—–-…'’") | {"\u2014", "\u2013"}
# Trailing characters dropped from a quoted piece: the comma before ``," he said`` is punctuation of the
# attribution frame, not of the quote (the seed curation keeps final periods but drops commas).
TRAILING_STRIP = " ,\u00a0\t"


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Content of one quotation (marks excluded) plus where the marks were."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (paragraph end when unclosed)
    closed: bool
    continues: bool  # reopens a quotation left open at the end of the previous paragraph


def _flanks(text: str, pos: int, length: int, lo: int, hi: int) -> tuple[bool, bool]:
    prev = text[pos - 1] if pos > lo else " "
    nxt = text[pos + length] if pos + length < hi else " "
    quote_chars = "“”\"«»'’‘"
    left = (prev.isspace() or prev in _OPEN_CONTEXT or prev in quote_chars) and not nxt.isspace()
    right = (not prev.isspace()) and (nxt.isspace() or nxt in _CLOSE_CONTEXT or nxt in quote_chars)
    return left, right


def _masked(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Markup such as <tweet author="..."> carries attribute quotes that are not speech."""
    return [m.span() for m in MARKUP_RE.finditer(text, lo, hi)]


def _paragraph_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    tags = _masked(text, lo, hi)
    out = []
    for m in _MARK_RE.finditer(text, lo, hi):
        if any(s <= m.start() < e for s, e in tags):
            continue
        mark = m.group(0)
        if (
            mark == "''"
            and m.start() > lo
            and text[m.start() - 1].isalnum()
            and m.end() < hi
            and text[m.end()].isalnum()
        ):
            continue  # O''Brien-style typo inside a word
        out.append((m.start(), mark))
    return out


def _action(mark: str, left: bool, right: bool, inside: bool) -> str:
    """Return "open", "close" or "skip" for a mark given its flanking and the nesting state."""
    if mark in "«»":
        # Guillemets are unambiguous and often spaced ("« Non »"), so their glyph decides.
        return "open" if mark == "«" else ("close" if inside else "skip")
    if not inside:
        if mark in CLOSING_GLYPHS and mark != "''":
            return "open" if left and not right else "skip"
        if mark == "''":
            return "open" if left and not right else "skip"
        return "open" if left and not (right and mark == '"') else "skip"
    if mark in OPENING_GLYPHS:
        return "close" if right and not left else "open"
    if mark == '"':
        return "open" if left and not right else "close"
    return "close" if right or not left else "open"


def quoted_spans(text: str) -> list[QuotedSpan]:
    """All outermost quotations of ``text``, in order, one per paragraph piece."""
    out: list[QuotedSpan] = []
    prev_unclosed = False
    for para in paragraphs(text):
        stack: list[tuple[int, int]] = []  # (mark offset, content start)
        first_piece = True
        for pos, mark in _paragraph_marks(text, para.start, para.end):
            left, right = _flanks(text, pos, len(mark), para.start, para.end)
            act = _action(mark, left, right, bool(stack))
            if act == "open":
                stack.append((pos, pos + len(mark)))
            elif act == "close" and stack:
                open_at, content = stack.pop()
                if not stack:
                    cont = prev_unclosed and first_piece and open_at == para.start
                    _emit(text, out, open_at, content, pos, pos + len(mark), True, cont)
                    first_piece = False
        if stack:
            open_at, content = stack[0]
            cont = prev_unclosed and first_piece and open_at == para.start
            _emit(text, out, open_at, content, para.end, para.end, False, cont)
        prev_unclosed = bool(stack)
    return out


def _emit(
    text: str, out: list[QuotedSpan], open_at: int, start: int, end: int, close_end: int, closed: bool, cont: bool
) -> None:
    s, e = trim(text, start, end)
    while e > s and text[e - 1] in TRAILING_STRIP:
        e -= 1
    if e > s and any(ch.isalnum() for ch in text[s:e]):
        out.append(QuotedSpan(s, e, open_at, close_end, closed, cont))
