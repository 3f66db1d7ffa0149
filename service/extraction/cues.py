"""Lexicon of speech cues (verbs and phrases that introduce what someone said).

Kept as plain word sets so rules elsewhere stay readable. Inflections are spelled out rather than
stemmed: news attribution uses a small closed set of verbs and explicit forms avoid false matches
("sayings", "statements").
"""

from __future__ import annotations

_BASES = {
    "say": "said says saying say",
    "tell": "told tells telling tell",
    "add": "added adds adding",
    "continue": "continued continues continuing",
    "explain": "explained explains explaining",
    "note": "noted notes noting",
    "argue": "argued argues arguing",
    "claim": "claimed claims claiming",
    "insist": "insisted insists insisting",
    "state": "stated",
    "write": "wrote writes writing written",
    "tweet": "tweeted tweets tweeting",
    "post": "posted",
    "ask": "asked asks asking",
    "answer": "answered answers",
    "reply": "replied replies",
    "respond": "responded responds",
    "warn": "warned warns warning",
    "declare": "declared declares",
    "announce": "announced announces",
    "acknowledge": "acknowledged acknowledges acknowledging",
    "admit": "admitted admits admitting",
    "concede": "conceded concedes",
    "suggest": "suggested suggests suggesting",
    "recall": "recalled recalls recalling",
    "predict": "predicted predicts",
    "promise": "promised promises promising",
    "vow": "vowed vows",
    "pledge": "pledged pledges",
    "boast": "boasted boasts",
    "complain": "complained complains",
    "joke": "joked jokes",
    "quip": "quipped quips",
    "charge": "charged",
    "contend": "contended contends",
    "assert": "asserted asserts",
    "maintain": "maintained maintains",
    "observe": "observed",
    "remark": "remarked",
    "report": "reported reports",
    "testify": "testified testifies",
    "urge": "urged urges",
    "caution": "cautioned cautions",
    "allege": "alleged alleges",
    "confirm": "confirmed confirms",
    "deny": "denied denies",
    "estimate": "estimated estimates",
    "describe": "described describes describing",
    "call": "called calls calling call",
    "label": "labeled labelled labeling",
    "cite": "cited cites citing",
    "liken": "likened likens",
    "laud": "lauded",
    "hail": "hailed hails",
    "condemn": "condemned condemns",
    "brand": "branded brands",
    "term": "termed",
    "decry": "decried decries",
    "blast": "blasted blasts",
    "slam": "slammed slams",
    "praise": "praised praises",
    "refer": "referred refers referring",
    "dismiss": "dismissed dismisses",
    "stress": "stressed stresses",
    "emphasize": "emphasized emphasised emphasizes",
    "conclude": "concluded concludes",
    "counter": "countered counters",
    "retort": "retorted",
    "agree": "agreed agrees",
    "believe": "believes believed",
    "think": "thinks",
    "shout": "shouted shouts",
    "yell": "yelled",
    "chant": "chanted",
    "exclaim": "exclaimed",
    "scoff": "scoffed",
    "mock": "mocked",
    "voice": "voiced voices",
    "express": "expressed expresses",
    "accuse": "accused accuses",
    "criticize": "criticized criticised",
    "tout": "touted",
    "proclaim": "proclaimed",
    "concur": "concurred",
    "lament": "lamented",
    "recount": "recounted",
    "wonder": "wondered",
    "demand": "demanded demands",
    "question": "questioned",
    "muse": "mused",
    "read": "reads",
    "hint": "hinted",
    "signal": "signaled signalled",
    "reiterate": "reiterated",
    "indicate": "indicated",
    "show": "showed shows",
    "find": "found finds",
    "reveal": "revealed",
    "dub": "dubbed",
    # Seen as the cue of at least two quotations each in the tuning articles (PolNeAR train):
    "assure": "assured assures",
    "bark": "barked",
    "press": "pressed",
    "fume": "fumed",
    "interject": "interjected",
    "denounce": "denounced denounces",
    "thank": "thanked",
    "blame": "blamed blames",
    "email": "emailed",
    "elaborate": "elaborated",
}
_BASES["state"] += " states"
_BASES["mock"] += " mocks"


def _ing(base: str) -> str:
    return (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"


SPEECH_VERBS = frozenset(w for forms in _BASES.values() for w in forms.split()) | {_ing(b) for b in _BASES}

# Two-word cues: a verb and the particle that makes it speech ("pointed out", "shot back", "went on"),
# each seen as the cue of at least two quotations in the tuning articles. The verb alone is not a cue.
PHRASAL_CUES = {
    "pointed": "out",
    "points": "out",
    "pointing": "out",
    "shot": "back",
    "fired": "back",
    "went": "on",
}

# Verbs that report a whole predicate rather than a that-clause ("voiced concern about X"): the statement
# is the verb phrase itself, which is how the seed curation spans "voiced concern ... but stressed ...".
PREDICATE_CUES = frozenset({"voiced", "voices", "expressed", "expresses"})

# Verbs that may frame a direct quotation but do not report a that-clause on their own ("found", "showed"
# are about evidence, "called" names things): they attribute quoted words but never start an indirect span.
QUOTE_ONLY_CUES = frozenset(
    "called calls calling call described describes describing labeled labelled labeling dubbed cited cites citing "
    "likened likens lauded hailed hails condemned condemns branded brands termed decried decries blasted blasts "
    "slammed slams praised praises referred refers referring dismissed dismisses promising mocked scoffed "
    "showed shows found finds reads "
    "shouted shouts yelled chanted exclaimed quipped quips joked jokes asked asks posted tweeted tweets "
    "continued continues answered answers replied replies responded responds retorted countered counters "
    "mused recounted wondered lamented touted criticized criticised accused accuses "
    "barked pressed fumed interjected denounced denounces thanked emailed mocks elaborated states".split()
)

# Cues whose subject is unreliable as a speaker for indirect speech ("polls show", "studies found").
WEAK_INDIRECT_CUES = frozenset({"showed", "shows", "found", "finds", "reads", "indicated", "revealed"})

# Nouns that, preceding a colon, introduce a quotation ("in a statement:", "the following comment:").
COLON_INTRODUCERS = frozenset(
    "statement comment comments remarks remark interview tweet post message letter saying said says wrote "
    "writes told tells added continued explained reports reported declared asked answered replied "
    "responded noted argued response reply answer verdict warning explanation advice message".split()
)
