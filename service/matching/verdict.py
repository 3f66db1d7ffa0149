"""Verdicts and the score thresholds behind them."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    VERIFIED = "verified"
    ALTERED = "altered"
    PARAPHRASE = "paraphrase"
    MISATTRIBUTED = "misattributed"
    NOT_FOUND = "not_found"


# A direct quote this similar (0-100) to the claim, without being an exact excerpt, was
# altered: one changed word in a nine-word quote ("will" for "won't") scores about 90, a
# typo about 95, while unrelated real quotes that share common words with a stored one stay
# below 75 (see benchmarks/calibrate.py for the measured distribution).
ALTERED_MIN_SCORE = 82.0
# A reported statement is paraphrased by nature, so a looser match still counts; at this
# level the claim still shares most of the statement's words in order.
PARAPHRASE_MIN_SCORE = 75.0
# Near-ties: when the claimed speaker's own statement scores within this many points of the
# best match, the claim is about that statement, not a misattribution of the other one.
SPEAKER_TIE_MARGIN = 3.0
# Below this score a statement is not worth showing even as a near miss.
SUGGESTION_MIN_SCORE = 60.0


def supported_verdict(*, kind: str, exact: bool, score: float) -> Verdict:
    """The verdict one match supports on its own, before the claimed speaker is considered.

    >>> supported_verdict(kind="direct", exact=False, score=90.0)
    <Verdict.ALTERED: 'altered'>
    """
    if kind == "direct":
        if exact:
            return Verdict.VERIFIED
        if score >= ALTERED_MIN_SCORE:
            return Verdict.ALTERED
        return Verdict.NOT_FOUND
    if exact or score >= PARAPHRASE_MIN_SCORE:
        return Verdict.PARAPHRASE
    return Verdict.NOT_FOUND
