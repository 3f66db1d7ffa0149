"""Turning mentions into speakers: coreference across the article.

People are registered the first time the article names them in full, usually with a title or an
appositive ("U.S. Defense Secretary Leon Panetta"); later surname-only mentions ("Panetta said",
"Mr. Panetta") resolve to that entry and inherit role and affiliation. Two people who share a surname are
kept apart unless their first names agree; a bare surname then goes to the one mentioned most recently.
Pronouns and unattributed quote-only paragraphs go to the salient speaker: the most recent person who
spoke or was the subject of a sentence before the statement. "The mayor" is the one person named earlier
with that title, when there is one. Before anyone has spoken or opened a sentence
("The plan, which Mayor Jo Lee backed, passed. She added: ..."), the last person named is the best guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .cues import SPEECH_VERBS
from .frames import leading_subject, tokens
from .lexicon import DETERMINERS, HONORIFICS
from .records import ExtractedSpeaker
from .roles import Mention, parse_mention
from .segments import Span

# A capitalised run of 2-4 name-like tokens, optionally preceded by up to 4 title words, used to
# pre-register people ("President Francois Hollande") before their first statement is reached.
_PERSON_RUN_RE = re.compile(
    r"(?:[A-Z][\w.'’-]* ){0,4}?(?:[A-Z][a-z'’-]+|[A-Z]\.(?:[A-Z]\.)*)(?: (?:[A-Z]\.|[A-Z][a-z'’-]+)){1,3}"
)
_SENT_START_RE = re.compile(r"^(?:(?:But|And|So|Yet|Still|Meanwhile|However|Now),?\s+)?((?:[A-Z][\w.'’-]*\s*){1,5})")
_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii"})
_TITLE_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "congressman", "sec": "secretary", "gen": "general"}


@dataclass
class Person:
    """A named person with everything the article says about them so far."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    last_seen: int = 0

    @property
    def surname(self) -> str:
        return _surname(self.name)

    def speaker(self) -> ExtractedSpeaker:
        return ExtractedSpeaker(self.name, self.affiliation, self.role, anonymous=False)


def _office(role: str) -> str:
    """The head word of a title, spelled out ("Sen." -> "senator") as a later "the senator" spells it."""
    head = role.lower().replace(".", "").split()[-1]
    return _TITLE_ABBREVIATIONS.get(head, head)


def _surname(name: str) -> str:
    parts = [p for p in name.split() if p.lower() not in _SUFFIXES]
    return parts[-1].lower() if parts else name.lower()


def _first(name: str) -> str:
    parts = name.split()
    return parts[0].lower() if len(parts) > 1 else ""


@dataclass
class Registry:
    """People seen so far plus the salience trail used for pronouns."""

    people: dict[str, list[Person]] = field(default_factory=dict)  # by lower-case surname
    trail: list[tuple[int, ExtractedSpeaker]] = field(default_factory=list)
    _keys: list[int] = field(default_factory=list)  # trail positions, kept sorted for bisect
    # Before the trail starts, a pronoun falls back to the last sentence subject that looked like a name
    # but was never given in full, else to the last full name anywhere (a capitalised run that may
    # also be a newspaper's name, hence second).
    subjects: list[tuple[int, Person]] = field(default_factory=list)
    named: list[tuple[int, Person]] = field(default_factory=list)
    # Title head word -> the people holding it, by first naming; built on first use, after registration.
    _offices: dict[str, list[tuple[int, Person]]] | None = None

    def _match(self, name: str) -> Person | None:
        name = " ".join(t for t in name.split() if t.lower() not in HONORIFICS)
        candidates = list(self.people.get(_surname(name), []))
        if len(name.split()) > 1:
            first = _first(name)
            candidates = [p for p in candidates if not _first(p.name) or _first(p.name)[0] == first[0]]
        return max(candidates, key=lambda p: p.last_seen) if candidates else None

    def person(self, mention: Mention, pos: int) -> Person:
        """Find or create the person a named mention refers to, merging role and affiliation."""
        assert mention.name
        found = self._match(mention.name)
        if found is None:
            found = Person(mention.name)
            self.people.setdefault(found.surname, []).append(found)
        elif len(mention.name.split()) > len(found.name.split()):
            found.name = mention.name
        found.role = found.role or mention.role
        found.affiliation = found.affiliation or mention.affiliation
        found.last_seen = pos
        return found

    def speaker_for(self, mention: Mention | None, pos: int) -> ExtractedSpeaker | None:
        """The speaker a parsed mention denotes; pronouns go to the salient speaker."""
        if mention is None:
            return None
        if mention.pronoun:
            return self.salient(pos)
        if mention.person:
            return self.person(mention, pos).speaker()
        if mention.name:
            holder = self._office_holder(mention.name, pos)
            if holder is not None:
                return holder.speaker()
            return ExtractedSpeaker(mention.name, mention.affiliation, mention.role, anonymous=mention.anonymous)
        return None

    def _office_holder(self, description: str, pos: int) -> Person | None:
        """ "the mayor" after "Mayor Jane Okafor": the one person named earlier whose title ends in that
        word. Two such people ("the senator" with two senators named) leave the description as it is."""
        words = description.lower().split()
        if len(words) != 2 or words[0] != "the":
            return None
        if self._offices is None:
            self._offices = {}
            for at, person in self.named:  # in text order, so each list is sorted by first naming
                holders = self._offices.setdefault(_office(person.role), []) if person.role else None
                if holders is not None and all(p is not person for _, p in holders):
                    holders.append((at, person))
        holders = self._offices.get(words[1].rstrip("."), [])
        named_before = bisect.bisect_left(holders, pos, key=lambda item: item[0])
        return holders[0][1] if named_before == 1 else None

    def note(self, pos: int, speaker: ExtractedSpeaker | None) -> None:
        if speaker is not None:
            i = bisect.bisect_right(self._keys, pos)
            self._keys.insert(i, pos)
            self.trail.insert(i, (pos, speaker))

    def salient(self, pos: int) -> ExtractedSpeaker | None:
        i = bisect.bisect_left(self._keys, pos)
        if i > 0:
            return self.trail[i - 1][1]
        for fallback in (self.subjects, self.named):
            k = bisect.bisect_left(fallback, pos, key=lambda item: item[0])
            if k > 0:
                return fallback[k - 1][1].speaker()
        return None


def preregister(text: str, registry: Registry, sents: list[Span]) -> None:
    """Register full names with titles and note sentence subjects that are known people."""
    for m in _PERSON_RUN_RE.finditer(text):
        run = m.group(0).split(" ")
        if run[0].lower() in SPEECH_VERBS:
            run = run[1:]  # "Said Ellis: ..." opens with its cue, which is no given name
        mention = parse_mention(" ".join(run))
        if mention and mention.person and mention.name and len(mention.name.split()) >= 2:
            person = registry.person(mention, m.start())
            person.last_seen = 0
            registry.named.append((m.start(), person))
    for sent in sents:
        start = _SENT_START_RE.match(text, sent.start, min(sent.end, sent.start + 200))
        mention = parse_mention(start.group(1)) if start else None
        if mention is None or not mention.person:
            # "In a statement issued Tuesday, nominee Hillary Clinton was ...": the subject after an
            # introductory phrase is as salient as one opening the sentence.
            raw = leading_subject(text, tokens(text, sent.start, min(sent.end, sent.start + 200)))
            mention = parse_mention(raw) if raw else None
        if mention and mention.person and mention.name:
            match = registry._match(mention.name)
            if match is not None:
                registry.note(sent.start, match.speaker())
            elif mention.name.lower() not in DETERMINERS:
                # "Okafor spoke to reporters. She added: ...": a surname never given in full still names
                # someone, but only as the fallback, since a capitalised subject may be a place or a law.
                registry.subjects.append((sent.start, Person(mention.name)))
