"""Wire schemas: what clients send and receive."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; reject it for every backend so behaviour is the same.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
Name = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_no_nul), AfterValidator(_not_blank)]
Kind = Literal["direct", "indirect"]


def _date_time_string(value: object) -> object:
    # The schema says an RFC 3339 string; pydantic alone would also take a number as a timestamp.
    if value is not None and not isinstance(value, str | datetime):
        raise ValueError("must be an RFC 3339 date-time string")
    return value


DateTime = Annotated[datetime, BeforeValidator(_date_time_string)]

# Longest quote or context accepted in a write; a quote longer than this is an article.
MAX_QUOTE_CHARS = 20_000


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


# ---- requests ---------------------------------------------------------------------------------


class VerifyRequest(Strict):
    text: Text = Field(description="The text presented as a quote: a quote, an excerpt, a post.")
    speaker: Annotated[str, Field(max_length=300), AfterValidator(_no_nul)] | None = Field(
        None, description="The person the text is attributed to, if any."
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": "We won't allow any threat to harm our nation", "speaker": "Sellal"}]},
    )


class ExtractRequest(Strict):
    text: Text = Field(description="Article text, as plain text.")
    title: Annotated[str, Field(max_length=1000), AfterValidator(_no_nul)] | None = None


class SpeakerIn(Strict):
    name: Name
    affiliation: Annotated[str, Field(max_length=300), AfterValidator(_no_nul)] | None = None
    role: Annotated[str, Field(max_length=300), AfterValidator(_no_nul)] | None = None
    aliases: list[Name] = Field(default_factory=list, max_length=50)
    anonymous: StrictBool = Field(False, description="The article describes the source without naming them.")


class QuoteIn(Strict):
    text: Annotated[
        str, Field(min_length=1, max_length=MAX_QUOTE_CHARS), AfterValidator(_no_nul), AfterValidator(_not_blank)
    ]
    kind: Kind = "direct"
    speaker: SpeakerIn
    context: Annotated[str, Field(max_length=MAX_QUOTE_CHARS), AfterValidator(_no_nul)] | None = None
    start: StrictInt | None = Field(None, ge=0, description="Offset of the quote in the article text.")
    end: StrictInt | None = Field(None, ge=0)


class ArticleRef(Strict):
    title: Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_no_nul), AfterValidator(_not_blank)]
    url: Annotated[str, Field(max_length=2000), AfterValidator(_no_nul)] | None = None
    publisher: Annotated[str, Field(max_length=300), AfterValidator(_no_nul)] | None = None
    published_at: DateTime | None = None


class ArticleIn(ArticleRef):
    text: Text | None = Field(None, description="The article text; quote offsets refer to it.")
    quotes: list[QuoteIn] = Field(default_factory=list, max_length=1000)


class QuoteCreate(QuoteIn):
    article_id: Annotated[str, AfterValidator(_no_nul)] | None = Field(
        None, max_length=32, description="A stored article the quote belongs to."
    )
    article: ArticleRef | None = Field(None, description="Or the article, described inline.")


# ---- responses --------------------------------------------------------------------------------


class SpeakerBrief(BaseModel):
    id: str
    name: str
    affiliation: str | None
    role: str | None


class SpeakerOut(SpeakerBrief):
    aliases: list[str]
    anonymous: bool
    quote_count: int | None = None


class ArticleBrief(BaseModel):
    id: str
    title: str
    url: str | None
    publisher: str | None
    published_at: datetime | None


class ArticleTitle(BaseModel):
    id: str
    title: str


class QuoteOut(BaseModel):
    id: str
    text: str
    kind: Kind
    context: str | None
    start: int | None
    end: int | None
    speaker: SpeakerBrief
    article: ArticleTitle


class SpeakerDetail(SpeakerOut):
    quotes: list[QuoteOut]


class ArticleDetail(ArticleBrief):
    content_hash: str | None
    text: str | None
    quotes: list[QuoteOut]


class QuotePage(BaseModel):
    items: list[QuoteOut]
    next_cursor: str | None


class SpeakerPage(BaseModel):
    items: list[SpeakerOut]
    next_cursor: str | None


class ArticlePage(BaseModel):
    items: list[ArticleBrief]
    next_cursor: str | None


class StoreOut(BaseModel):
    article: ArticleBrief
    article_created: bool
    quotes_added: int
    quotes_skipped: int
    quotes: list[QuoteOut]


class DeleteOut(BaseModel):
    deleted: str
    quotes_deleted: int


class DiffOpOut(BaseModel):
    op: Literal["equal", "replace", "delete", "insert"]
    stored: str = Field(description="The stored words, as published.")
    submitted: str = Field(description="The submitted words, as written.")
    note: Literal["excerpt", "omission", "editorial"] | None = Field(
        None, description="Why the words differ when the submitter's own marks explain it."
    )
    negation: bool = Field(False, description="The change adds or removes a negation.")


class MatchedQuote(BaseModel):
    id: str
    text: str
    kind: Kind
    context: str | None


class MatchOut(BaseModel):
    score: float = Field(ge=0, le=100)
    verdict: str = Field(description="What this match alone supports, before the claimed speaker.")
    exact: bool
    speaker_match: bool | None = Field(description="Whether the claimed speaker is this quote's speaker.")
    quote: MatchedQuote
    speaker: SpeakerBrief
    article: ArticleBrief
    diff: list[DiffOpOut]


class VerifyOut(BaseModel):
    verdict: Literal["verified", "altered", "paraphrase", "misattributed", "not_found"]
    matches: list[MatchOut]


class Health(BaseModel):
    status: str
    database: str | None = None
    revision: str | None = None
    statements: int | None = None


class ExtractedSpeaker(BaseModel):
    name: str
    affiliation: str | None
    role: str | None
    anonymous: bool


class ExtractedQuote(BaseModel):
    text: str
    kind: Kind
    start: int
    end: int
    speaker: ExtractedSpeaker | None
    cue: str | None
    context: str
    confidence: float = Field(ge=0, le=1)


class ExtractOut(BaseModel):
    quotes: list[ExtractedQuote]
