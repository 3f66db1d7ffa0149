"""Immutable records returned by the extractor.

They are frozen dataclasses (not pydantic models) so the extraction package stays free of framework
dependencies; the API layer converts them with :func:`dataclasses.asdict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class ExtractedSpeaker:
    """Who a statement is attributed to, as the article names them.

    ``name`` is the full name when the article gives one (surname-only mentions are resolved to it) and the
    article's own description for unnamed sources ("a senior French diplomat"), with ``anonymous`` set.
    """

    name: str
    affiliation: str | None = None
    role: str | None = None
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class ExtractedStatement:
    """One extracted statement; ``text == source_text[start:end]`` always holds."""

    text: str
    kind: Kind
    start: int
    end: int
    speaker: ExtractedSpeaker | None
    cue: str | None
    context: str
    confidence: float
