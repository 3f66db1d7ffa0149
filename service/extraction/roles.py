"""Parsing a speaker mention into name, role and affiliation.

A mention is the text the article uses for the source: "U.S. Defense Secretary Leon Panetta",
"Riccardo Fabiani, North Africa analyst at Eurasia Group", "a senior French diplomat", "he". The rules
are shape-based: a trailing capitalised run is a person's name once honorifics, titles and nationality
words are peeled off its left; what was peeled off (or an appositive after a comma) gives role and
affiliation. Descriptions without a name are anonymous sources and keep the article's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    ABBREVIATION_EXPANSIONS,
    COUNTRY_WORDS,
    DEMONYMS,
    DEPARTMENTS,
    DETERMINERS,
    GROUP_NOUNS,
    HONORIFICS,
    NAME_BLOCKERS,
    OFFICE_NOUNS,
    ORDINALS,
    ORG_NOUNS,
    ORG_WORDS,
    PRONOUNS,
    TITLE_WORDS,
)

_PAREN_RE = re.compile(r"\s*\([^()]{0,40}\)")
_NICKNAME_RE = re.compile(r"\s[\"“][A-Z][^\"”\s]{0,20}[\"”](?=\s)")
_NAME_TOKEN_RE = re.compile(
    r"^(?:[A-Z][\w'’.-]*|[A-Z]\.(?:[A-Z]\.)*|(?:de|van|von|der|bin|al|la|le|da|di)|Jr\.?|III?)$"
)
_ORG_SPLIT_RE = re.compile(r"\s+(?:at|with|of|for|from)\s+(?=(?:the\s+)?[A-Z])")
_POSSESSIVE_RE = re.compile(r"^(?:the\s+)?(.+?)['’]s\s+(.+)$")
# Words that end the pre-modifier chain of a description ("sources in France", "source informed about").
POSTMODIFIER_STARTS = NAME_BLOCKERS - {"and", "or"} | {"who", "that", "familiar", "close"}
# Longest description we accept as a speaker ("an Algerian source informed about discussions on Mali").
DESCRIPTION_MAX_WORDS = 10
# First words that show a "mention" is really a clause or an adverbial.
NON_SUBJECT_STARTS = frozenset(
    "during after before while though although because when if as since until compared approach with without following "
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday this that there it you".split()
)
# Longest person name we accept; longer capitalised runs are organisations or headlines.
MAX_NAME_TOKENS = 4
# Parsed mentions remembered across calls (a few hundred cover any article).
MENTION_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class Mention:
    """A parsed speaker mention; ``name`` is None for pronouns."""

    name: str | None
    role: str | None
    affiliation: str | None
    anonymous: bool
    pronoun: bool = False
    person: bool = False  # a person's name (can be resolved by surname), not a description or organisation


def _plausible(text: str) -> bool:
    """Reject clause fragments that reach the parser as "mentions" ("In January", "Machado's", "from")."""
    words = text.split()
    first = words[0].lower().strip(",")
    if first in NON_SUBJECT_STARTS or (first in NAME_BLOCKERS and first not in {"and", "or"}):
        return False
    if first.endswith("ly") and _adverb(words):
        return False  # adverbs ("Conversely"), not names ("Emily Kessel", "Kelly", "Daily News")
    if text.isupper() and len(words) > 2:
        return False  # all-caps subheadings
    if words[-1].endswith(("'s", "’s", "'", "’")):
        return False
    head = text.split(",")[0].split()  # an appositive after the comma may be long ("Bayh, a moderate ...")
    if words[0][:1].islower() and first not in DETERMINERS and len(head) > DESCRIPTION_MAX_WORDS:
        return False
    return len(words) <= DESCRIPTION_MAX_WORDS or "," in text


def _adverb(words: list[str]) -> bool:
    """An -ly first word is an adverb when lower-case, followed by its comma, or before a lower-case word;
    capitalised before a name or alone it is a name ("Emily Kessel", "Kelly")."""
    first = words[0]
    if first[:1].islower() or first.endswith(","):
        return True
    return len(words) > 1 and not words[1][:1].isupper()


def _split_appositive(text: str) -> tuple[str, str | None]:
    """Split "Name, appositive, more" into the name part and the first appositive only."""
    parts = [p.strip() for p in text.split(",")]
    main = parts[0]
    rest = [p for p in parts[1:] if p]
    return main, (rest[0] if rest else None)


def _country(word: str) -> str | None:
    low = word.lower()
    if low in DEMONYMS:
        return DEMONYMS[low]
    if low in ABBREVIATION_EXPANSIONS:
        return ABBREVIATION_EXPANSIONS[low]
    return None


def _name_start(tokens: list[str]) -> int | None:
    """Index where the person's name starts in ``tokens`` (a trailing capitalised run), or None."""
    i = len(tokens)
    while i > 0 and _NAME_TOKEN_RE.match(tokens[i - 1]):
        i -= 1
    j = i
    while j < len(tokens) and (
        tokens[j].lower() in TITLE_WORDS or _country(tokens[j]) or tokens[j].lower() in COUNTRY_WORDS
    ):
        j += 1
    name = tokens[j:]
    titled = [k for k in range(j, len(tokens) - 1) if tokens[k].lower() in TITLE_WORDS]
    if len(name) > MAX_NAME_TOKENS and titled:
        j = titled[-1] + 1  # "South Carolina Gov. Jim Hodges": the name follows the last title of the run
        name = tokens[j:]
    if not name or len(name) > MAX_NAME_TOKENS or not name[-1][:1].isupper():
        return None
    if any(t.lower().strip(".") in ORG_WORDS for t in name):
        return None
    if i > 0 and tokens[i - 1].lower() in NAME_BLOCKERS:
        return None
    if len(name) == 1 and name[0].lower() in GROUP_NOUNS | OFFICE_NOUNS:
        return None  # sentence-initial "Historians say" is a description, not a surname
    return j


def _title_parts(tokens: list[str]) -> tuple[str | None, str | None]:
    """Role and affiliation from the words before a name ("U.S. Defense Secretary")."""
    words = [t for t in tokens if t.lower() not in DETERMINERS and t.lower() not in HONORIFICS]
    country = None
    if words and _country(words[0]):
        country = _country(words[0])
        words = words[1:]
    if not words:
        return None, country
    role = " ".join(words)
    if country and len(words) == 2 and words[1].lower() == "secretary" and words[0].lower() in DEPARTMENTS:
        return role, f"{country} Department of {words[0]}"
    return role, country


def _appositive_parts(text: str) -> tuple[str | None, str | None]:
    """Role and affiliation from an appositive ("North Africa analyst at Eurasia Group")."""
    words = text.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    text = " ".join(words)
    if not text:
        return None, None
    m = _POSSESSIVE_RE.match(text)
    if m and m.group(1)[:1].isupper():
        org = m.group(1)
        return m.group(2), ABBREVIATION_EXPANSIONS.get(org.lower(), org)
    parts = _ORG_SPLIT_RE.split(text, maxsplit=1)
    if len(parts) == 2:
        org = re.sub(r"^the\s+", "", parts[1])
        return parts[0], ABBREVIATION_EXPANSIONS.get(org.lower(), org)
    return text, None


def _description(text: str) -> Mention:
    """An unnamed source: keep the wording, derive role/affiliation for singular office-like heads."""
    words = text.split()
    if words and words[0].lower() in {"both", "all"}:
        words = words[1:]
    if not words:
        return Mention(None, None, None, True)
    first = words[0]
    possessive = first.endswith(("'s", "’s")) and first[:1].isupper()  # "Ruiz's office" keeps its name
    if first.lower() in DETERMINERS or not (_country(first) or first.isupper() or possessive or _is_proper_org(words)):
        words[0] = first[0].lower() + first[1:]
    name = " ".join(words)
    if _is_proper_org(words):
        return Mention(name, None, None, anonymous=False)
    body = [w for w in words if w.lower() not in DETERMINERS]
    head_end = len(body)
    for k, w in enumerate(body):
        if k > 0 and (w.lower() in POSTMODIFIER_STARTS or w.endswith("ed")):
            head_end = k
            break
    chain, post = body[:head_end], body[head_end:]
    if not chain:
        return Mention(name, None, None, True)
    head = chain[-1].lower()
    if head.endswith("s") and not head.endswith("ss"):
        return Mention(name, None, None, True)  # groups ("diplomats", "sources in Algeria") carry no role
    org_at = next((k for k, w in enumerate(chain[:-1]) if w.lower() in ORG_NOUNS), None)
    if org_at is not None:
        affiliation: str | None = " ".join(chain[: org_at + 1])
        role_words = chain[org_at + 1 :]
    else:
        countries = [_country(w) for w in chain if _country(w)]
        affiliation = countries[0] if countries and head in OFFICE_NOUNS else None
        role_words = [w for w in chain if not _country(w) and w.lower() not in ORDINALS]
    role = " ".join(role_words + post) or None
    return Mention(name, role, affiliation, anonymous=True)


def _is_proper_org(words: list[str]) -> bool:
    rest = [w for w in words if w.lower() not in DETERMINERS]
    if not rest or not all(w[:1].isupper() for w in rest):
        return False
    if len(rest) == 1 and rest[0].lower() in GROUP_NOUNS | OFFICE_NOUNS:
        return False
    return len(rest) == 1 or any(w.lower().strip(".") in ORG_WORDS for w in rest)


def _of_place(tokens: list[str], appositive: str | None) -> Mention | None:
    """ "Gov. Earl Ray Tomblin of West Virginia": a name followed by "of/from <Place>"."""
    for k, tok in enumerate(tokens):
        if tok in {"of", "from"} and k > 0:
            start = _name_start(tokens[:k])
            if start is not None and tokens[k + 1 : k + 2] and tokens[k + 1][:1].isupper():
                role, _ = _title_parts(tokens[:start])
                name = " ".join(tokens[start:k])
                affiliation = " ".join(tokens[k + 1 :])
                if appositive:
                    a_role, a_aff = _appositive_parts(appositive)
                    role, affiliation = a_role or role, a_aff or affiliation
                return Mention(name, role, affiliation, anonymous=False, person=True)
            return None
    return None


@lru_cache(maxsize=MENTION_CACHE_SIZE)
def parse_mention(text: str) -> Mention | None:
    """Parse a speaker mention; None when it cannot name anyone. Pure and cached: an article names the
    same people again and again, and a Mention is immutable."""
    text = _NICKNAME_RE.sub(" ", _PAREN_RE.sub("", text)).strip(" ,;:\u00a0\"“”'’")
    if not text or not _plausible(text):
        return None
    main, appositive = _split_appositive(text)
    tokens = main.split()
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].lower() in PRONOUNS:
        return Mention(None, None, None, False, pronoun=True)
    start = _name_start(tokens)
    if start is None:
        return _of_place(tokens, appositive) or _description(main)
    role, affiliation = _title_parts(tokens[:start])
    if appositive and not appositive.split()[0].endswith("ing"):
        a_role, a_aff = _appositive_parts(appositive)
        role, affiliation = a_role or role, a_aff or affiliation
    name = " ".join(tokens[start:])
    return Mention(name, role, affiliation, anonymous=False, person=True)
