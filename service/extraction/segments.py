"""Paragraph and sentence boundaries with exact character offsets.

News text is split on newlines into paragraphs (a quotation never spans a paragraph break without
reopening), and paragraphs into sentences with a small abbreviation-aware rule so that "Rep." or
"G.K." does not end a sentence. Everything works on offsets so callers never lose track of positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens ending in a period that do not end a sentence (titles, months, initials are handled separately).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof rep reps sen sens gov lt col gen adm sgt capt cmdr maj st jr sr rev hon pres
    vs etc inc corp co ltd no jan feb mar apr jun jul aug sep sept oct nov dec dept govt sec mt ft del amb atty supt
    """.split()
)

_PARA_RE = re.compile(r"[^\n]+")
# Markup left in article text, such as <tweet author="..."> around an embedded post.
MARKUP_RE = re.compile(r"<[A-Za-z/][^<>\n]{0,2000}>")
# A sentence ends at . ! ? or … optionally followed by closing quotes/brackets, then whitespace.
_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|[.!?…]+[\"'”’»)\]]*$")
_PARTY_TAG_RE = re.compile(r"\([A-Z][\w.\- ]{0,15}$")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.'-]*)$")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range of the article."""

    start: int
    end: int


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines, trimmed of surrounding whitespace."""
    out = []
    for m in _PARA_RE.finditer(text):
        s, e = trim(text, m.start(), m.end())
        if e > s:
            out.append(Span(s, e))
    return out


def blank_markup(text: str) -> str:
    """``text`` with markup tags turned into spaces: attribute values are not prose, and a tag glued to
    the next word ("...True.">Sanders said") would otherwise hide that sentence's subject. Offsets keep."""
    return MARKUP_RE.sub(lambda m: " " * len(m.group(0)), text)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace (including no-break spaces)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` belongs to an abbreviation or an initial, not a sentence end."""
    m = _WORD_BEFORE_RE.search(text, max(0, dot - 30), dot)
    if not m:
        return False
    word = m.group(1)
    bare = word.replace(".", "").lower()
    if bare in ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "G.K.", "U.S.", "C." - a single letter before the dot.
    if len(bare) == 1 or ("." in word and len(bare) <= 4):
        nxt = text[dot + 1 : dot + 3].strip()
        # "the U.S. Then ..." is ambiguous; treat a following lowercase or capitalised word as continuation.
        return not nxt.startswith(("“", '"'))
    return False


def sentences(text: str, para: Span) -> list[Span]:
    """Split one paragraph into sentences."""
    out: list[Span] = []
    start = para.start
    for m in _END_RE.finditer(text, para.start, para.end):
        if m.group(0).startswith(".") and len(m.group(0).rstrip("\"'”’»)]")) == 1 and _is_abbreviation(text, m.start()):
            continue
        if m.group(0).endswith(")") and _PARTY_TAG_RE.search(text, max(para.start, m.start() - 16), m.start()):
            continue  # "(D-Mo.)", "(R-Fla.)": a party/state tag, not a sentence end
        s, e = trim(text, start, m.end())
        if e > s:
            out.append(Span(s, e))
        start = m.end()
    s, e = trim(text, start, para.end)
    if e > s:
        out.append(Span(s, e))
    return out
