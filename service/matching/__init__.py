"""The matching engine: pure Python and rapidfuzz, no web or database imports.

`Matcher` holds statements and answers `verify(text, speaker=...)` with a `Verification`:
a verdict and the best matches, each with a score and a word-level diff.
"""

from service.matching import snapshot
from service.matching.diff import DiffOp, apply_diff, word_diff
from service.matching.matcher import EmptyClaimError, Match, Matcher, Statement, Verification
from service.matching.names import SpeakerRef, speaker_matches
from service.matching.normalise import normalise, parse_claim, tokenize
from service.matching.verdict import Verdict

__all__ = [
    "DiffOp",
    "EmptyClaimError",
    "Match",
    "Matcher",
    "SpeakerRef",
    "Statement",
    "Verdict",
    "Verification",
    "apply_diff",
    "normalise",
    "parse_claim",
    "snapshot",
    "speaker_matches",
    "tokenize",
    "word_diff",
]
