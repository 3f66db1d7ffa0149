"""Claims the way people paste them: posts, informal spelling, reordered sentences, paraphrases.

Why: a fact-checker rarely pastes a clean quote. They paste a tweet that credits it ("Just saw
this from Panetta: ..."), a message forward, a TV caption, a headline; with apostrophes dropped
and typos; with sentences in another order; or a restatement in other words. This module turns a
stored statement and its speaker into such claims, deterministically (one `random.Random` per
call), for benchmarks/verdicts.py.

The post forms come in two halves. FORMS_TUNING may be looked at while rules are tuned;
FORMS_HELD_OUT are only ever measured, so the figures on them say how the reading of
attributions carries to forms it was not tuned on. Each form is written the way such posts are
written: the furniture of the medium (hashtags, "RT", "ICYMI", emoji, a dash before the name),
the name where people put it (before, after, on the next line), full names and surnames, with
and without a title.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

# A post form: (quote, name, rng) -> text.
Form = Callable[[str, str, random.Random], str]

TOPICS = ("the economy", "tonight's debate", "immigration", "the border", "health care", "the election", "Iran")
HANDLES = ("newsjunkie88", "PolitiFan", "the_real_dave", "MarthaK", "DCwatcher", "voter2016")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday")
NETWORKS = ("CNN", "Fox News", "MSNBC", "NBC", "reporters")


def _pick(rng: random.Random, options: tuple[str, ...]) -> str:
    return options[rng.randrange(len(options))]


def _bare(quote: str) -> str:
    """The quote without its final comma or full stop (posts put their own punctuation around it)."""
    return quote.rstrip(" ,.;:")


FORMS_TUNING: dict[str, Form] = {
    "just-saw": lambda q, n, r: f'Just saw this from {n}: "{_bare(q)}." Unbelievable.',
    "breaking-says": lambda q, n, r: f'BREAKING: {n} says "{_bare(q)}"',
    "dash-after": lambda q, n, r: f'"{_bare(q)}" — {n}',
    "name-on-topic": lambda q, n, r: f'{n} on {_pick(r, TOPICS)}: "{_bare(q)}"',
    "icymi-said": lambda q, n, r: f'ICYMI: "{_bare(q)}," {n} said.',
    "wow-really": lambda q, n, r: f'Wow. {n} really said "{_bare(q)}" 😳',
    "headline-colon": lambda q, n, r: f'{n}: "{_bare(q)}"',
    "retweet": lambda q, n, r: f'RT @{_pick(r, HANDLES)}: {n}: "{_bare(q)}" #politics',
    "quote-of-the-day": lambda q, n, r: f'Quote of the day: "{_bare(q)}" - {n}',
    "according-to": lambda q, n, r: f'According to {n}, "{_bare(q)}."',
    "thread-told": lambda q, n, r: (
        f'Thread 🧵 1/ Here is what {n} told {_pick(r, NETWORKS)} today: "{_bare(q)}." 2/ More below.'
    ),
    "uncle-words": lambda q, n, r: f'My uncle keeps sharing this. {n}\'s words: "{_bare(q)}". Is it real??',
    "forwarded": lambda q, n, r: f'Forwarded as received:\n\n{n}:\n"{_bare(q)}"\n\nShare before they delete it!',
    "said-on-day": lambda q, n, r: f'"{_bare(q)}," {n} said on {_pick(r, DAYS)}. #debate',
    "tv-caption": lambda q, n, r: f'LIVE: {n.upper()}: "{_bare(q).upper()}"',
    "unquoted-colon": lambda q, n, r: f"{n}: {_bare(q)}.",
}

FORMS_HELD_OUT: dict[str, Form] = {
    "lol-just-said": lambda q, n, r: f'LOL {n} just said "{_bare(q)}" 😂😂',
    "dash-date": lambda q, n, r: f'"{_bare(q)}."\n\n— {n}, {_pick(r, DAYS)}',
    "cant-believe": lambda q, n, r: f'Can\'t believe {n} said this: "{_bare(q)}"',
    "headline-says": lambda q, n, r: f'{n} says "{_bare(q)}"',
    "fact-check-paren": lambda q, n, r: f'Fact check this please: "{_bare(q)}" ({n})',
    "tweeted": lambda q, n, r: f'{n} tweeted: "{_bare(q)}"',
    "put-it": lambda q, n, r: f'As {n} put it: "{_bare(q)}."',
    "said-inverted": lambda q, n, r: f'"{_bare(q)}," said {n}, speaking to supporters.',
    "watch-tells": lambda q, n, r: f'Watch: {n} tells {_pick(r, NETWORKS)} "{_bare(q)}"',
    "reminder-once": lambda q, n, r: f'Reminder that {n} once said "{_bare(q)}"',
    "thats-what": lambda q, n, r: f'"{_bare(q)}." That\'s what {n} told the crowd.',
    "this-is-what": lambda q, n, r: f'This is what {n} said about it – "{_bare(q)}"',
    "interview-thoughts": lambda q, n, r: f'{n} in an interview: "{_bare(q)}" Thoughts?',
    "next-line": lambda q, n, r: f'"{_bare(q)}"\n{n}',
    "curly-dash-hashtag": lambda q, n, r: f"“{_bare(q)}” – {n} #{_pick(r, ('2016', 'vote', 'news'))}",
    "unquoted-says": lambda q, n, r: f"{n} says {_bare(q)[:1].lower()}{_bare(q)[1:]}",
}

# Titles people put before a surname in posts.
TITLES = ("Sen.", "Rep.", "Gov.", "Pres.", "Sec.", "Dr.", "Mr.", "Ms.", "Mrs.", "Amb.", "PM", "FM", "Prof.")

# Contractions as people type them without the apostrophe.
_CONTRACTION = re.compile(r"\b(\w+)['’](t|s|re|ve|ll|d|m)\b", re.IGNORECASE)
# Typos inside negation words, as they are commonly made: letters doubled, dropped or swapped (an
# apostrophe dropped or misplaced is spelling, not a typo: see drop_apostrophes).
NEGATION_TYPOS = {
    "cannot": ("canot", "cannnot", "cnanot"),
    "can't": ("cna't", "cam't"),
    "don't": ("dno't", "doon't"),
    "won't": ("wonn't", "woh't"),
    "didn't": ("dind't", "didnn't", "diddn't"),
    "doesn't": ("dosen't", "doens't"),
    "isn't": ("isnn't", "iisn't"),
    "never": ("nver", "neverr", "nevr"),
    "not": ("nott", "nto"),
    "wasn't": ("wsan't", "wasnn't"),
    "aren't": ("arne't", "aren'tt"),
    "wouldn't": ("woudln't", "wouldnn't"),
    "couldn't": ("coudln't", "couldnn't"),
    "shouldn't": ("shoudln't", "shouldnn't"),
    "haven't": ("havne't", "haveen't"),
    "nothing": ("nothign", "nothng"),
}
_NEGATION_WORD = re.compile(r"\b(" + "|".join(re.escape(k) for k in NEGATION_TYPOS) + r")\b", re.IGNORECASE)


def drop_apostrophes(quote: str) -> str | None:
    """The quote typed without the apostrophes of its contractions; None when it has none.

    >>> drop_apostrophes("We won't allow it, and it's over")
    'We wont allow it, and its over'
    """
    out = _CONTRACTION.sub(lambda m: m.group(1) + m.group(2), quote)
    return out if out != quote else None


def negation_typo(quote: str, rng: random.Random) -> str | None:
    """The quote with a typo inside one of its negation words; None when it has none."""
    text = quote.replace("’", "'")
    found = list(_NEGATION_WORD.finditer(text))
    if not found:
        return None
    m = found[rng.randrange(len(found))]
    typo = _pick(rng, NEGATION_TYPOS[m.group(1).lower()])
    if m.group(1)[:1].isupper():
        typo = typo[:1].upper() + typo[1:]
    return text[: m.start()] + typo + text[m.end() :]


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def reorder(quote: str, rng: random.Random) -> str | None:
    """Two sentences of the quote swapped; None when it has fewer than two of 3 words or more."""
    parts = [p for p in _SENTENCE.split(quote.strip()) if p]
    if len(parts) < 2 or any(len(p.split()) < 3 for p in parts):
        return None
    i = rng.randrange(len(parts) - 1)
    parts[i], parts[i + 1] = parts[i + 1], parts[i]
    return " ".join(parts)


# Paraphrase: the statement said again the way a reporter or a reader restates it. Two disjoint
# tables of substitutions, so one can tune and the other stay held out.
_PERSON_SHIFT = {
    "i": "he",
    "me": "him",
    "my": "his",
    "mine": "his",
    "myself": "himself",
    "we": "they",
    "us": "them",
    "our": "their",
    "ours": "theirs",
    "ourselves": "themselves",
    "i'm": "he is",
    "we're": "they are",
    "i've": "he has",
    "we've": "they have",
    "i'll": "he would",
    "we'll": "they would",
    "am": "is",
}
# Reported speech moves the tense back ("is" -> "was"); both halves do.
TENSE_SHIFT = {"is": "was", "are": "were", "will": "would", "can": "could", "has": "had", "have": "had", "am": "was"}
SYNONYMS_TUNING = {
    "big": "large",
    "help": "assist",
    "start": "begin",
    "think": "believe",
    "want": "wish",
    "need": "require",
    "very": "really",
    "many": "numerous",
    "people": "individuals",
    "country": "nation",
    "show": "demonstrate",
    "important": "crucial",
    "get": "obtain",
    "also": "additionally",
    "because": "since",
    "going to": "about to",
    "a lot of": "plenty of",
    "make": "create",
}
SYNONYMS_HELD_OUT = {
    "try": "attempt",
    "buy": "purchase",
    "end": "finish",
    "kids": "children",
    "children": "kids",
    "job": "work",
    "jobs": "work",
    "said": "stated",
    "great": "tremendous",
    "bad": "poor",
    "good": "fine",
    "know": "realize",
    "believe": "think",
    "right now": "at the moment",
    "maybe": "perhaps",
    "will": "would",
    "can": "could",
    "tell": "inform",
}
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_QUOTE_MARK = re.compile(r"[\"“”]|(?<!\w)['‘’]|['‘’](?!\w)")


@dataclass(frozen=True, slots=True)
class Paraphrase:
    text: str
    changed: int  # words replaced


def paraphrase(statement: str, speaker: str, synonyms: dict[str, str], *, direct: bool) -> Paraphrase | None:
    """The statement restated as reported speech ("X said that ..."), in other words where the
    table has them, figures, names and rare words kept; None when fewer than two words change."""
    if _QUOTE_MARK.search(statement):
        return None  # a statement that quotes someone itself would keep quotation marks in the restatement
    text = statement.strip().rstrip(".,")
    changed = 0
    for phrase, other in sorted((TENSE_SHIFT | synonyms).items(), key=lambda kv: -len(kv[0])):
        pattern = re.compile(rf"\b{re.escape(phrase)}\b(?!['’])", re.IGNORECASE)
        text, n = pattern.subn(other, text)
        changed += n
    if direct:

        def shift(m: re.Match[str]) -> str:
            nonlocal changed
            word = m.group().replace("’", "'")
            other = _PERSON_SHIFT.get(word.lower())
            if other is None:
                return m.group()
            changed += 1
            return other

        text = _WORD.sub(shift, text)
    if changed < 2:
        return None
    lead = text.split()[0] if text.split() else ""
    if lead.lower() in ("i", "we", "the", "a", "an", "it", "this", "that", "there", "our", "my", "he", "they"):
        text = text[:1].lower() + text[1:]  # a capital kept only on a name
    return Paraphrase(f"{speaker} said that {text}.", changed)
