"""Which stored person a newly named speaker is: one person, whatever the order their articles arrive in.

"Panetta" after "Leon Panetta" is Leon Panetta; "Leon Panetta" after a stored bare "Panetta" completes
that speaker's name. The decisions are made here, with the matcher's notion of a name
(service.matching.names); the rows are read and written by storage.speaker_store.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from service.matching import SpeakerRef, speaker_matches
from service.storage import speaker_store
from service.storage.statement_store import SpeakerRecord
from service.storage.tables import Speaker

# A stored name that resolves a new mention has at most this many words: longer "names" are
# organisations or descriptions ("the United Nations Security Council"), whose last word is no surname.
MAX_PERSON_NAME_WORDS = 4
# Lower-case words allowed inside a person's name ("Bill de Blasio", "Osama bin Laden").
_NAME_PARTICLES = frozenset("de del della di da van von der den bin al la le du dos das".split())


def _person_words(name: str) -> list[str] | None:
    """The words of a person's name, or None when ``name`` does not look like one."""
    words = name.replace(",", " ").split()
    if not words or len(words) > MAX_PERSON_NAME_WORDS:
        return None
    if not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words):
        return None
    return words


def resolve_speaker(session: Session, record: SpeakerRecord) -> SpeakerRecord:
    """The stored person a named mention refers to, when the evidence is unambiguous.

    A new article often names someone more briefly than an earlier one ("Panetta" after "Leon
    Panetta"). The mention joins a stored person who shares its surname exactly and whom it could
    name (:func:`service.matching.speaker_matches`: no conflicting given name), the mention becoming
    an alias. Nothing is merged when two stored people could be meant ("Clinton" with both Bill and
    Hillary stored) unless the role or affiliation tells them apart, nor across a different given
    name ("Bill Panetta" stays apart from "Leon Panetta"). Anonymous sources are never merged.
    """
    words = None if record.anonymous else _person_words(record.name)
    if words is None:
        return record
    surname = words[-1].lower()
    if speaker_store.has_speaker_named(session, record.name):
        return record  # already stored under this very name: that speaker is the one
    candidates = []
    for stored in speaker_store.named_speakers_ending(session, surname):
        stored_words = _person_words(stored.name)
        if stored_words is None or len(stored_words) < 2 or stored_words[-1].lower() != surname:
            continue  # a bare stored surname is itself ambiguous and never absorbs a fuller name
        ref = SpeakerRef(stored.name, stored.affiliation, stored.role, tuple(stored.aliases or ()))
        if speaker_matches(record.name, ref):
            candidates.append(stored)
    if len(candidates) > 1:
        candidates = [c for c in candidates if _same_office(record, c)]
    if len(candidates) != 1:
        return record
    found = candidates[0]
    aliases = tuple(dict.fromkeys((*record.aliases, record.name)))
    return replace(record, name=found.name, aliases=aliases)


def absorb_bare_surname(session: Session, record: SpeakerRecord) -> Speaker | None:
    """Give a stored bare-surname speaker the full name a later mention brings, when only they can be meant.

    Articles arrive in any order: "Panetta" may be stored before any article names "Leon Panetta".
    When the full name arrives, it is not stored yet, no other stored full name shares the surname
    (a namesake would make the bare surname ambiguous) and role and affiliation do not contradict
    each other, the bare speaker is renamed in place: its id, and so every link to it and the ids
    of its quotes, stay as they were; the surname becomes an alias. The renamed speaker's quotes go
    into the change log so every process's matcher rereads them with the full name.
    Returns the renamed speaker, or None when nothing was absorbed.
    """
    words = None if record.anonymous else _person_words(record.name)
    if words is None or len(words) < 2:
        return None
    surname = words[-1].lower()
    bare: list[Speaker] = []
    for stored in speaker_store.named_speakers_ending(session, surname):
        stored_words = _person_words(stored.name)
        if stored_words is None or stored_words[-1].lower() != surname:
            continue
        if len(stored_words) > 1:
            return None  # the full name itself, or a namesake: the bare surname is not this one's alone
        bare.append(stored)
    if len(bare) != 1 or _contradicts(record, bare[0]):
        return None
    found = bare[0]
    speaker_store.rename_speaker(
        session,
        found,
        name=record.name.strip(),
        aliases=[a for a in dict.fromkeys((*found.aliases, found.name, *record.aliases)) if a != record.name],
        role=found.role or record.role,
        affiliation=found.affiliation or record.affiliation,
    )
    return found


def _contradicts(record: SpeakerRecord, stored: Speaker) -> bool:
    """Role or affiliation given on both sides with neither wording containing the other."""
    pairs = ((record.role, stored.role), (record.affiliation, stored.affiliation))
    return any(a and b and a.lower() not in b.lower() and b.lower() not in a.lower() for a, b in pairs)


def _same_office(record: SpeakerRecord, stored: Speaker) -> bool:
    """Role or affiliation given on both sides and equal: evidence that tells namesakes apart."""
    pairs = ((record.role, stored.role), (record.affiliation, stored.affiliation))
    return any(a and b and a.strip().lower() == b.strip().lower() for a, b in pairs)
