"""Word-level edit scripts between a stored statement and submitted text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from service.matching.normalise import Claim, Token, negation_flip

# Why a group of words differs, when the submitter's own marks explain it.
EXCERPT = "excerpt"  # stored words outside the excerpt the submitter quoted
OMISSION = "omission"  # stored words dropped where the submitter wrote "..."
EDITORIAL = "editorial"  # words the submitter added in [brackets]
CONTEXT = "context"  # the submitter's own words around the passage they quote

# The scoring window is character-based and can be off by a word or two at either edge; the
# word alignment looks this many words beyond it and decides for itself where the excerpt is.
WINDOW_SLACK_WORDS = 3


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of the script that turns the stored words into the submitted ones.

    `stored` and `submitted` are the words as written (original spelling and punctuation
    between them); `stored_words` and `submitted_words` their normalised forms, so applying
    every op in order to the stored words yields the submitted words exactly.
    """

    op: str  # "equal" | "replace" | "delete" | "insert"
    stored: str
    submitted: str
    stored_words: tuple[str, ...]
    submitted_words: tuple[str, ...]
    note: str | None = None
    negation: bool = False


def _span(text: str, tokens: Sequence[Token], a: int, b: int) -> str:
    return text[tokens[a].start : tokens[b - 1].end] if b > a else ""


def word_diff(
    stored_text: str,
    stored: Sequence[Token],
    claim: Claim,
    *,
    window: tuple[int, int] | None = None,
    slack: int = WINDOW_SLACK_WORDS,
    context: frozenset[int] = frozenset(),
    excerpt: bool = True,
) -> list[DiffOp]:
    """Edit script from `stored` to the claim's words, aligned inside `window` when given.

    The window is the stored token range the claim was matched to; stored words before and
    after the aligned part become deletions noted as `excerpt`. Aligning inside the window
    (plus `slack` words, for windows measured on characters) keeps a short excerpt from being
    scattered over a long quote. `context`: claim tokens outside the words it quotes (a post's
    own words around a quoted passage); added, they are noted as such, never as changes. Without
    `excerpt`, the claim was compared with the whole statement, and every stored word it lacks
    was dropped, not left outside.

    >>> from service.matching.normalise import tokenize, parse_claim
    >>> ops = word_diff("we will go", tokenize("we will go"), parse_claim("we won't go"))
    >>> [(o.op, o.stored, o.submitted) for o in ops]
    [('equal', 'we', 'we'), ('replace', 'will', "won't"), ('equal', 'go', 'go')]
    """
    lo, hi = window if window is not None else (0, len(stored))
    sub = claim.tokens
    segment_of = {i: n for n, seg in enumerate(claim.segments) for i in seg}
    ops: list[DiffOp] = []

    def emit(tag: str, a: int, b: int, c: int, d: int, note: str | None = None) -> None:
        sw = tuple(t.norm for t in stored[a:b])
        cw = tuple(t.norm for t in sub[c:d])
        if tag != "equal" and note is None:
            if tag == "insert" and context and all(i in context for i in range(c, d)):
                note = CONTEXT
            elif d > c and all(i in claim.inserted for i in range(c, d)):
                note = EDITORIAL
            elif tag == "delete" and 0 < c < len(sub) and segment_of.get(c - 1) != segment_of.get(c):
                note = OMISSION
        negation = tag != "equal" and negation_flip(sw, cw) != 0
        ops.append(DiffOp(tag, _span(stored_text, stored, a, b), _span(claim.text, sub, c, d), sw, cw, note, negation))

    lo, hi = max(0, lo - slack), min(len(stored), hi + slack)
    middle = [
        (tag, lo + a, lo + b, c, d)
        for tag, a, b, c, d in _lcs_opcodes([t.norm for t in stored[lo:hi]], [t.norm for t in sub])
    ]
    middle = _trim_edges(middle, len(sub))
    # Stored words dropped at either end of an excerpt lie outside it; a claim compared with the
    # whole statement drops them from the quote itself ("but we cannot" -> "and so can we").
    if excerpt and middle and middle[0][0] == "delete":
        lo = middle.pop(0)[2]
    if excerpt and middle and middle[-1][0] == "delete":
        hi = middle.pop()[1]
    if lo > 0:
        emit("delete", 0, lo, 0, 0, EXCERPT)
    for tag, a, b, c, d in middle:
        emit(tag, a, b, c, d)
    if hi < len(stored):
        emit("delete", hi, len(stored), len(sub), len(sub), EXCERPT)
    return ops


def _lcs_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes of a longest-common-subsequence alignment, a deletion next to an insertion
    merged into one replacement.

    LCS keeps every run of shared words intact, where a Levenshtein alignment would rather
    substitute word for word across an omission and an editorial insertion.
    """
    merged: list[tuple[str, int, int, int, int]] = []
    for op in Indel.opcodes(a, b):
        current = (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
        if merged and {merged[-1][0], op.tag} == {"delete", "insert"}:
            prev = merged.pop()
            current = ("replace", prev[1], op.src_end, prev[3], op.dest_end)
        merged.append(current)
    return merged


def _trim_edges(ops: list[tuple[str, int, int, int, int]], n_sub: int) -> list[tuple[str, int, int, int, int]]:
    """Split a replacement at either end of the claim that holds more stored words than
    submitted ones: the submitted words replace the nearest stored words, the others are
    left outside the excerpt ("threat to harm our nation" -> "threax" is "threat" -> "threax")."""
    if ops and ops[-1][0] == "replace" and ops[-1][4] == n_sub:
        _, a, b, c, d = ops[-1]
        if b - a > d - c:
            ops = [*ops[:-1], ("replace", a, a + (d - c), c, d), ("delete", a + (d - c), b, d, d)]
    if ops and ops[0][0] == "replace" and ops[0][3] == 0:
        _, a, b, c, d = ops[0]
        if b - a > d - c:
            ops = [("delete", a, b - (d - c), 0, 0), ("replace", b - (d - c), b, c, d), *ops[1:]]
    return ops


def apply_diff(stored_words: Sequence[str], ops: Sequence[DiffOp]) -> list[str]:
    """Replay an edit script on stored words; the inverse check of `word_diff`."""
    out: list[str] = []
    pos = 0
    for op in ops:
        if op.op == "equal":
            out.extend(stored_words[pos : pos + len(op.stored_words)])
        elif op.op in ("replace", "insert"):
            out.extend(op.submitted_words)
        pos += len(op.stored_words)
    return out
