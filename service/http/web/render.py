"""Presentation helpers for the web pages: pure functions from API schemas to what templates draw.

Nothing here touches the database; the routers hand in `service.http.api.schemas` objects.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from starlette.templating import Jinja2Templates

from service.http.api import schemas

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")


@dataclass(frozen=True, slots=True)
class VerdictInfo:
    key: str
    icon: str
    word: str
    summary: str


VERDICTS: dict[str, VerdictInfo] = {
    v.key: v
    for v in (
        VerdictInfo("verified", "✓", "Verified", "These are the speaker's words as published."),
        VerdictInfo(
            "altered",
            "✎",
            "Altered",
            "The closest stored quote says something different: words were changed, added or dropped.",
        ),
        VerdictInfo(
            "paraphrase",
            "≈",
            "Paraphrase",
            "This matches a reported statement: what the article says the person said, not their exact words.",
        ),
        VerdictInfo(
            "misattributed",
            "✗",
            "Misattributed",
            "The words match a stored statement, but someone else said it.",
        ),
        VerdictInfo(
            "not_found",
            "?",
            "Not found",
            "Nothing stored matches closely enough. That does not prove the quote is invented, "
            "only that this service has no record of it.",
        ),
    )
}


def verdict_info(verdict: str) -> VerdictInfo:
    return VERDICTS.get(verdict, VERDICTS["not_found"])


@dataclass(frozen=True, slots=True)
class Piece:
    """One run of the matched quote as drawn on the check page.

    kind: "text" (unchanged, or punctuation between words), "del" (a stored word the submitter
    dropped or replaced), "ins" (a word the submitter added or wrote instead), "outside" (stored
    words outside the excerpt that was quoted), "omitted" (stored words left out at a `...`),
    "editorial" (the submitter's own [bracketed] insertion).
    """

    kind: str
    text: str
    negation: bool = False
    replaced: bool = False


MUTED_NOTES = {"excerpt": "outside", "omission": "omitted", "editorial": "editorial"}
# What each flag of a match means, for people.
FLAG_WORDS = {
    "negation_added": "A negation was added: the text says the opposite of the speaker.",
    "negation_removed": "A negation was removed: the text says the opposite of the speaker.",
    "reordered": "The words are the speaker's, in another order.",
    "decontextualized": "The part left out changes the meaning.",
    "wrong_speaker": "Someone else said this.",
    "reported_speech": "The article reports this in its own words, not as a quote.",
    "restated": "The text restates the speaker in other words.",
    "unattributed": "Nobody is known to have said this: it neither confirms nor contradicts the person credited.",
}


def flag_words(flag: str) -> str:
    return FLAG_WORDS.get(flag, flag.replace("_", " "))


@dataclass(frozen=True, slots=True)
class SegmentView:
    """What the check page draws for one segment of a result: its best match (when it has one)
    laid over the stored quote, the other candidates, and the context with the quote marked."""

    segment: schemas.SegmentOut
    top: schemas.MatchOut | None
    others: list[schemas.MatchOut]
    pieces: list[Piece]
    changes: dict[str, int]
    marked: tuple[str, str, str] | None


def segment_views(out: schemas.VerifyOut) -> list[SegmentView]:
    views = []
    for seg in out.segments:
        first = seg.matches[0] if seg.matches else None
        # Words on record without a speaker are shown as the match they are, under "not found"
        # for the person credited; other matches of an unfound passage are only near misses.
        on_record = first is not None and first.speaker.unattributed and first.verdict != "not_found"
        top = first if seg.verdict != "not_found" or on_record else None
        views.append(
            SegmentView(
                segment=seg,
                top=top,
                others=seg.matches[1:] if top else seg.matches,
                pieces=diff_pieces(top.quote.text, top.diff) if top else [],
                changes=change_counts(top.diff) if top else {},
                marked=mark_in(top.quote.context, top.quote.text) if top else None,
            )
        )
    return views


def diff_pieces(quote_text: str, diff: list[schemas.DiffOpOut]) -> list[Piece]:
    """The stored quote, as published (punctuation kept), with the diff ops laid over it; the
    submitter's own words around the passage they quote (context) are not part of it."""
    pieces: list[Piece] = []
    pos = 0
    diff = [op for op in diff if op.note != "context"]

    def take_stored(stored: str) -> None:
        """Emit what lies between the previous op and `stored`, and advance past it."""
        nonlocal pos
        found = quote_text.find(stored, pos)
        if found < 0:
            pieces.append(Piece("text", " "))
            return
        if found > pos:
            pieces.append(Piece("text", quote_text[pos:found]))
        pos = found + len(stored)

    for op in diff:
        if op.op == "equal":
            take_stored(op.stored)
            pieces.append(Piece("text", op.stored))
        elif op.op == "delete":
            take_stored(op.stored)
            kind = MUTED_NOTES.get(op.note or "", "del")
            pieces.append(Piece(kind, op.stored, negation=op.negation))
        elif op.op == "insert":
            if pos > 0 and not quote_text[pos - 1 : pos].isspace():
                pieces.append(Piece("text", " "))
            kind = MUTED_NOTES.get(op.note or "", "ins")
            pieces.append(Piece(kind, op.submitted, negation=op.negation))
            if pos < len(quote_text) and not quote_text[pos].isspace():
                pieces.append(Piece("text", " "))
        else:  # replace
            take_stored(op.stored)
            if op.note == "editorial":
                pieces.append(Piece("omitted", op.stored))
                pieces.append(Piece("text", " "))
                pieces.append(Piece("editorial", op.submitted))
            else:
                pieces.append(Piece("del", op.stored, negation=op.negation, replaced=True))
                pieces.append(Piece("ins", op.submitted, negation=op.negation, replaced=True))
    if pos < len(quote_text):
        pieces.append(Piece("text", quote_text[pos:]))
    return pieces


def change_counts(diff: list[schemas.DiffOpOut]) -> dict[str, int]:
    """How many changes of each kind the submitter made (ops their own marks explain are not changes)."""
    counts = {"replace": 0, "delete": 0, "insert": 0, "negation": 0}
    for op in diff:
        if op.op == "equal" or op.note is not None:
            continue
        counts[op.op] += 1
        counts["negation"] += int(op.negation)
    return counts


def mark_in(text: str | None, needle: str) -> tuple[str, str, str] | None:
    """Split `text` around the first occurrence of `needle` (exact, then ignoring case)."""
    if not text or not needle:
        return None
    at = text.find(needle)
    if at < 0:
        at = text.casefold().find(needle.casefold())
        if at < 0 or len(text.casefold()) != len(text):
            return None
    return text[:at], text[at : at + len(needle)], text[at + len(needle) :]


@dataclass(frozen=True, slots=True)
class Span:
    """A run of article text: covered by `depth` quotes, where quotes `starts` begin and `ends` end."""

    text: str
    depth: int = 0
    starts: tuple[int, ...] = ()
    ends: tuple[tuple[int, schemas.QuoteOut], ...] = ()


def article_spans(
    text: str, said: list[schemas.QuoteOut]
) -> tuple[list[Span], list[tuple[int, schemas.QuoteOut]], list[schemas.QuoteOut]]:
    """The article text cut at its quotes' offsets (quotes may overlap or nest), the quotes placed
    in it, numbered in reading order, and the quotes whose offsets are unknown or out of range."""
    located: list[tuple[int, int, int, schemas.QuoteOut]] = []  # number, start, end, quote
    unplaced: list[schemas.QuoteOut] = []
    ordered = sorted(said, key=lambda q: (q.start if q.start is not None else -1, -(q.end or 0)))
    for quote in ordered:
        start, end = quote.start, quote.end
        if start is None or end is None or not (0 <= start < end <= len(text)):
            unplaced.append(quote)
        else:
            located.append((len(located) + 1, start, end, quote))
    cuts = sorted({0, len(text)} | {start for _, start, _, _ in located} | {end for _, _, end, _ in located})
    spans: list[Span] = []
    for a, b in itertools.pairwise(cuts):
        covering = [(n, start, end, q) for n, start, end, q in located if start <= a and b <= end]
        spans.append(
            Span(
                text[a:b],
                depth=len(covering),
                starts=tuple(n for n, start, _, _ in covering if start == a),
                ends=tuple((n, q) for n, _, end, q in covering if end == b),
            )
        )
    placed = [(n, q) for n, _, _, q in located]
    return spans, placed, unplaced


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) link; anything else (javascript:, data:) is not made a link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def check_url(text: str, speaker: str | None = None) -> str:
    """The permalink of a check: the results URL with the text and the speaker, if any."""
    params = {"text": text}
    if speaker:
        params["speaker"] = speaker
    return "/check?" + urlencode(params)


def date(value: datetime | None) -> str:
    return value.strftime("%-d %B %Y") if value else ""


def speaker_line(s: schemas.SpeakerBrief) -> str:
    """'Prime Minister, Algeria' (role and affiliation, whichever are known)."""
    return ", ".join(p for p in (s.role, s.affiliation) if p)


templates.env.globals.update(
    verdict_info=verdict_info,
    flag_words=flag_words,
    diff_pieces=diff_pieces,
    check_url=check_url,
    safe_url=safe_url,
    speaker_line=speaker_line,
)
templates.env.filters["date"] = date
