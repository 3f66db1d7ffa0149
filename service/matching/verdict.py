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
# altered. Measured by benchmarks/calibrate.py (10,000 stored real quotes, 1,000 perturbed
# queries per family, 1,000 real quotes not stored): single edits score p5 88.5 (a substituted
# word) to 97.8 (a typo); at 85, 99.4% of altered quotes are found at rank 1 (98.3% of those
# of 12 words or fewer) and 1.0% of unstored quotes falsely match another speaker's
# statement; at 82 that is 1.4%, at 80 1.7%, while 88 would lose short quotes (95.9%).
ALTERED_MIN_SCORE = 85.0
# A reported statement is paraphrased by nature, so a looser match still counts. The corpus
# holds no paraphrase pairs to calibrate this on; its false-positive side, measured on direct
# quotes as above, is 1.7% at 80. Reported speech wrapped in a frame ("an official said ...")
# is matched without the frame, so the paraphrase itself need not carry the score.
PARAPHRASE_MIN_SCORE = 80.0
# Near-ties: when the claimed speaker's own statement scores within this many points of the
# best match, the claim is about that statement, not a misattribution of the other one.
SPEAKER_TIE_MARGIN = 3.0
# Below this score a statement is not worth showing even as a near miss.
SUGGESTION_MIN_SCORE = 60.0


def supported_verdict(*, kind: str, exact: bool, score: float, one_word: bool = False) -> Verdict:
    """The verdict one match supports on its own, before the claimed speaker is considered;
    `one_word`: the claim is the statement with one word changed, added or dropped.

    >>> supported_verdict(kind="direct", exact=False, score=90.0)
    <Verdict.ALTERED: 'altered'>
    """
    if kind == "direct":
        if exact:
            return Verdict.VERIFIED
        if score >= ALTERED_MIN_SCORE or one_word:
            return Verdict.ALTERED
        return Verdict.NOT_FOUND
    if exact or score >= PARAPHRASE_MIN_SCORE or one_word:
        return Verdict.PARAPHRASE
    return Verdict.NOT_FOUND
