"""Why a match got its verdict, in one sentence a person can read, with flags a program can.

Built only from a `Match` and its word diff: what was changed, dropped, added or moved; whether
a change adds or removes a negation; and whether leaving words out changes what the speaker
meant (MediaReview calls such media "decontextualized": real, but cut so that it misleads).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from service.matching.diff import EDITORIAL, EXCERPT, OMISSION, DiffOp
from service.matching.matcher import Match
from service.matching.normalise import is_negation, negation_flip, tokenize
from service.matching.verdict import Verdict

# Flags, named as a fact-checker would name the problem.
NEGATION_ADDED = "negation_added"
NEGATION_REMOVED = "negation_removed"
REORDERED = "reordered"
DECONTEXTUALIZED = "decontextualized"
WRONG_SPEAKER = "wrong_speaker"
REPORTED_SPEECH = "reported_speech"
RESTATED = "restated"
UNATTRIBUTED = "unattributed"

# Words that make the rest of a sentence a condition or a limit on it. Cutting them (or a
# negation) off the quoted words changes what was said: "we won't oppose an intervention as long
# as foreign troops are not stationed on our soil" is not "we won't oppose an intervention".
QUALIFIERS = frozenset({"if", "unless", "until", "provided", "providing", "except", "but", "although"})
# Multi-word qualifiers, as normalised word sequences.
QUALIFIER_PHRASES = (("as", "long", "as"), ("so", "long", "as"), ("on", "condition"), ("as", "soon", "as"))
# Changes listed by name in the sentence; more are counted, not listed, to keep it one sentence.
MAX_LISTED_CHANGES = 3
# Omitted text quoted back to the reader is cut at this many characters.
MAX_OMITTED_CHARS = 120

_SENTENCE_ENDS = (".", "!", "?", "…")
_SENTENCE_BREAK = re.compile(r"[.!?…]\s")


@dataclass(frozen=True, slots=True)
class Explanation:
    """One sentence, and the flags behind it (see the module constants)."""

    text: str
    flags: tuple[str, ...]


def explain(match: Match, *, claimed: str | None = None) -> Explanation:
    """Explain one match; `claimed` is the speaker it was checked against, named when wrong.

    >>> from service.matching import Matcher, SpeakerRef, Statement
    >>> m = Matcher([Statement("q", "Algeria wants to avoid having terrorist dens at its frontiers.", "direct",
    ...                        SpeakerRef("Abdelmalek Sellal"))])
    >>> explain(m.verify("Algeria wants to avoid having terrorist camps at its frontiers").matches[0]).text
    "1 word changed: 'dens' → 'camps'."
    """
    flags: list[str] = []
    clauses: list[str] = []
    speaker = match.statement.speaker.name
    if match.speaker_matches is False:
        flags.append(WRONG_SPEAKER)
        clauses.append(f"said by {speaker}, not by {claimed or 'the person named'}")
    elif match.statement.speaker.unattributed:
        flags.append(UNATTRIBUTED)
        clauses.append(
            f"the words are on record without a known speaker, so that {claimed} said them is not confirmed"
            if claimed
            else "the words are on record without a known speaker"
        )
    changes = [op for op in match.diff if op.op != "equal" and op.note is None]
    cut = [op for op in match.diff if op.note in (EXCERPT, OMISSION)]
    if changes and _reordered(changes, cut):
        flags.append(REORDERED)
        clauses.append("the quoted words appear in a different order")
        cut = []  # the words "left out" were only moved
    elif changes:
        negation = _negation_flag(changes)
        if negation:
            flags.append(negation)
        clauses.append(_changes(changes))
    if cut:
        misleading = _decontextualizing(match.statement.text, match.diff)
        if misleading is not None:
            flags.append(DECONTEXTUALIZED)
            clauses.append(f"the part left out changes the meaning: it said '{_short(misleading)}'")
        elif match.verdict in (Verdict.VERIFIED, Verdict.ALTERED):
            clauses.append(_cut(cut))
    inserted = [op.submitted for op in match.diff if op.note == EDITORIAL]
    if inserted:
        clauses.append(f"the words in brackets ({_list(inserted)}) are the submitter's, not the speaker's")
    if match.statement.kind == "indirect":
        flags.append(REPORTED_SPEECH)
        clauses.insert(0, "the article reports this in its own words, not as a direct quote")
    elif match.verdict is Verdict.PARAPHRASE:
        flags.append(RESTATED)
        clauses.insert(0, f"the text restates in other words what the speaker said: '{_short(match.statement.text)}'")
    if not clauses:
        clauses.append("the words match the stored quote exactly" if match.exact else "the words match")
    if match.verdict is Verdict.NOT_FOUND:
        clauses.insert(0, f"only a near miss (score {match.score:g})")
    sentence = "; ".join(clauses)
    return Explanation(sentence[0].upper() + sentence[1:] + ".", tuple(flags))


def _negation_flag(changes: list[DiffOp]) -> str | None:
    """Added or removed, by comparing negations on each side of all the changes together (a
    negation moved from one change to another flips nothing)."""
    flip = negation_flip(
        [w for op in changes for w in op.stored_words], [w for op in changes for w in op.submitted_words]
    )
    return {1: NEGATION_ADDED, -1: NEGATION_REMOVED}.get(flip)


def _reordered(changes: list[DiffOp], cut: list[DiffOp]) -> bool:
    """The changes only move words: every word put in was taken out elsewhere, and every word
    taken out by a change was put back (words outside an excerpt may stay out)."""
    out = Counter(w for op in changes for w in op.stored_words)
    back = Counter(w for op in changes for w in op.submitted_words)
    outside = Counter(w for op in cut for w in op.stored_words)
    return bool(back) and not (back - (out + outside)) and not (out - back)


def _changes(changes: list[DiffOp]) -> str:
    """'3 words changed: 'dens' → 'camps', dropped 'really', added 'very''."""
    count = sum(max(len(op.stored_words), len(op.submitted_words)) for op in changes)
    parts = []
    for op in changes[:MAX_LISTED_CHANGES]:
        neg = ""
        if op.negation:
            neg = " (negation removed)" if any(is_negation(w) for w in op.stored_words) else " (negation added)"
        if op.op == "replace":
            parts.append(f"'{op.stored}' → '{op.submitted}'{neg}")
        elif op.op == "delete":
            parts.append(f"dropped '{_short(op.stored)}'{neg}")
        else:
            parts.append(f"added '{_short(op.submitted)}'{neg}")
    more = len(changes) - MAX_LISTED_CHANGES
    if more > 0:
        parts.append(f"and {more} more")
    return f"{_plural(count, 'word')} changed: {', '.join(parts)}"


def _cut(cut: list[DiffOp]) -> str:
    """What an excerpt or an omission left out."""
    omitted = [op for op in cut if op.note == OMISSION]
    if omitted:
        return f"words left out at the omission: '{_short(omitted[0].stored)}'"
    return f"excerpt of a longer quote: the omitted part said '{_short(cut[0].stored)}'"


def _decontextualizing(stored: str, diff: tuple[DiffOp, ...]) -> str | None:
    """The left-out words, when they carry a negation or a qualifier of the words kept.

    Only left-out words in the same sentence as the kept ones count: a negation in the next
    sentence qualifies nothing that was quoted. Before the kept words only a negation counts
    ("we won't | oppose ..."); a qualifier there ("..., but | stressed ...") qualifies what
    was left out, not what was kept.
    """
    for i, op in enumerate(diff):
        if op.note not in (EXCERPT, OMISSION):
            continue
        text = op.stored
        if op.note == EXCERPT and i == 0:
            if stored[stored.find(text) + len(text) :].lstrip().startswith(_SENTENCE_ENDS):
                continue  # the kept words start a new sentence
            text = _SENTENCE_BREAK.split(text)[-1]
        elif op.note == EXCERPT:
            if stored[: stored.rfind(text)].rstrip().endswith(_SENTENCE_ENDS):
                continue  # the kept words end their sentence
            text = _SENTENCE_BREAK.split(text)[0]
        words = [t.norm for t in tokenize(text)]
        if any(is_negation(w) for w in words):
            return text.strip()
        if (op.note == OMISSION or i > 0) and (any(w in QUALIFIERS for w in words) or _has_phrase(words)):
            return text.strip()
    return None


def _has_phrase(words: list[str]) -> bool:
    joined = " " + " ".join(words) + " "
    return any(" " + " ".join(p) + " " in joined for p in QUALIFIER_PHRASES)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_OMITTED_CHARS else text[: MAX_OMITTED_CHARS - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _list(items: list[str]) -> str:
    return ", ".join(f"'{i}'" for i in items)
