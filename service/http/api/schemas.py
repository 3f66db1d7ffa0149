"""Wire schemas: what clients send and receive."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)


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


SpeakerName = Annotated[str, Field(max_length=300), AfterValidator(_no_nul)]

# A paragraph from the seed article's statements, rewritten the way posts garble them: one quote
# as published, one with a word changed, one put in the wrong mouth.
CLAIM_EXAMPLE = (
    'Sellal told parliament: "We won\'t allow any threat to harm our nation." '
    '"Algeria wants to avoid having terrorist camps at its frontiers," Sellal said. '
    'Fabiani said: "We need to work with the nations in the region."'
)


def _web_address(value: str) -> str:
    if not value.lower().startswith(("http://", "https://")):
        raise ValueError("must be an http:// or https:// address")
    return value


# The pattern is for the schema's readers (and generators); the validator gives the clearer message.
WebAddress = Annotated[
    str,
    Field(max_length=2000, json_schema_extra={"pattern": "^[hH][tT][tT][pP][sS]?://"}),
    AfterValidator(_no_nul),
    AfterValidator(_web_address),
]


class Appearance(Strict):
    """Where the text was seen: the page a browser extension or a newsroom tool found it on
    (ClaimReview's `appearance` of the claim, as opposed to the statement's own article)."""

    url: WebAddress | None = Field(None, description="The page's address.")
    title: Annotated[str, Field(max_length=1000), AfterValidator(_no_nul)] | None = Field(
        None, description="The page's title."
    )


class VerifyRequest(Strict):
    text: Text = Field(description="The text presented as a quote: a quote, an excerpt, a post.")
    speaker: SpeakerName | None = Field(
        None,
        description="The person the text is attributed to, if any. With several quoted passages, it applies to "
        "those the text does not attribute itself.",
    )
    save: StrictBool = Field(
        False, description="Store the result under a permalink (check_id, url). ClaimReview output always does."
    )
    appearance: Appearance | None = Field(
        None,
        description="Where the text was found (page address and title): echoed in the answer, kept with a saved "
        "check, and the claim's appearance in its ClaimReview. It does not change the verdict.",
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"text": "We won't allow any threat to harm our nation", "speaker": "Sellal"},
                {"text": CLAIM_EXAMPLE, "save": True},
            ]
        },
    )


class BatchItemIn(BaseModel):
    """One text to verify. Text is checked per item (empty, too long, NUL), so that one bad
    item is answered with its own error rather than failing the batch."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, Field(max_length=200)] | None = Field(None, description="Yours; echoed in the answer.")
    text: str
    speaker: SpeakerName | None = None


class BatchRequest(Strict):
    items: list[BatchItemIn]

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {"id": "1", "text": "We won't allow any threat to harm our nation", "speaker": "Sellal"},
                        {"id": "2", "text": "We will allow any threat to harm our nation", "speaker": "Sellal"},
                        {"id": "3", "text": "", "speaker": None},
                    ]
                }
            ]
        },
    )


def _one_source(text: str | None, html: str | None) -> None:
    if text is not None and html is not None:
        raise ValueError("give either text or html, not both")


class ExtractRequest(Strict):
    text: Text | None = Field(None, description="Article text, as plain text.")
    html: Text | None = Field(None, description="Or the article's HTML page; its main text is read first.")
    title: Annotated[str, Field(max_length=1000), AfterValidator(_no_nul)] | None = None

    @model_validator(mode="after")
    def _text_or_html(self) -> ExtractRequest:
        _one_source(self.text, self.html)
        if self.text is None and self.html is None:
            raise ValueError("give text or html")
        return self


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


Title = Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_no_nul), AfterValidator(_not_blank)]


class ArticleMeta(Strict):
    url: Annotated[str, Field(max_length=2000), AfterValidator(_no_nul)] | None = None
    publisher: Annotated[str, Field(max_length=300), AfterValidator(_no_nul)] | None = None
    published_at: DateTime | None = None


class ArticleRef(ArticleMeta):
    title: Title


class ArticleIn(ArticleMeta):
    title: Title | None = Field(None, description="Required with text; with html, the page's title when left out.")
    text: Text | None = Field(None, description="The article text; quote offsets refer to it.")
    html: Text | None = Field(None, description="Or the article's HTML page, read into text before storing.")
    quotes: list[QuoteIn] = Field(default_factory=list, max_length=1000)

    @model_validator(mode="after")
    def _text_or_html(self) -> ArticleIn:
        _one_source(self.text, self.html)
        if self.html is None and self.title is None:
            raise ValueError("title is required unless html is given")
        if self.text is None and self.html is None and not self.quotes:
            raise ValueError("give text or html (or quotes)")
        return self


def _blank_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


Optional300 = Annotated[
    Annotated[str, Field(max_length=300), AfterValidator(_no_nul)] | None, BeforeValidator(_blank_is_none)
]


class ImportLine(BaseModel):
    """One line of a `python -m service import` file: a statement with its speaker and article.
    Other keys are ignored, so richer exports import as they are."""

    model_config = ConfigDict(extra="ignore")

    text: Annotated[
        str, Field(min_length=1, max_length=MAX_QUOTE_CHARS), AfterValidator(_no_nul), AfterValidator(_not_blank)
    ]
    speaker: Name
    kind: Annotated[Kind, BeforeValidator(lambda v: v or "direct")] = "direct"
    affiliation: Optional300 = None
    role: Optional300 = None
    context: Annotated[
        Annotated[str, Field(max_length=MAX_QUOTE_CHARS), AfterValidator(_no_nul)] | None,
        BeforeValidator(_blank_is_none),
    ] = None
    article_title: Title
    article_url: Annotated[
        Annotated[str, Field(max_length=2000), AfterValidator(_no_nul)] | None, BeforeValidator(_blank_is_none)
    ] = None
    publisher: Optional300 = None


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
    wikidata_id: str | None = Field(None, description="The person's Wikidata item, when a corpus identifies them.")
    unattributed: bool = Field(False, description="The statement is on record, but nobody is known to have said it.")


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


class CorpusFacts(BaseModel):
    """What a quotation corpus (Quotebank) says of a statement beyond its words; None elsewhere."""

    speaker_probability: float | None = Field(
        None, ge=0, le=1, description="How sure the corpus's machine attribution is of the speaker, 0 to 1."
    )
    occurrences: int | None = Field(None, description="Articles the quotation appeared in, as the corpus counted.")
    first_seen_at: datetime | None = Field(None, description="When the quotation was first seen in the news.")


class QuoteOut(CorpusFacts):
    id: str
    text: str
    kind: Kind
    context: str | None
    start: int | None
    end: int | None
    speaker: SpeakerBrief
    article: ArticleTitle


class QuoteDetail(QuoteOut):
    appearances: list[str] = Field(
        default_factory=list, description="Other addresses the quotation appeared at, besides its article."
    )


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
    note: Literal["excerpt", "omission", "editorial", "context"] | None = Field(
        None,
        description="Why the words differ when it is no change: stored words outside the excerpt quoted, left out "
        "at an omission mark, the submitter's [editorial] words, or the submitter's own words around the passage "
        "they quote (context).",
    )
    negation: bool = Field(False, description="The change adds or removes a negation.")


class MatchedQuote(CorpusFacts):
    id: str
    text: str
    kind: Kind
    context: str | None


Flag = Literal[
    "negation_added",
    "negation_removed",
    "reordered",
    "decontextualized",
    "wrong_speaker",
    "reported_speech",
    "restated",
    "unattributed",
]
VerdictName = Literal["verified", "altered", "paraphrase", "misattributed", "not_found"]


class MatchOut(BaseModel):
    score: float = Field(ge=0, le=100)
    verdict: str = Field(description="What this match alone supports, before the claimed speaker.")
    exact: bool
    speaker_match: bool | None = Field(description="Whether the claimed speaker is this quote's speaker.")
    quote: MatchedQuote
    speaker: SpeakerBrief
    article: ArticleBrief
    diff: list[DiffOpOut]
    explanation: str = Field("", description="Why this match got its verdict, in one sentence.")
    flags: list[Flag] = Field(
        default_factory=list,
        description="negation_added / negation_removed: a change flips the meaning; reordered: the words were "
        "moved; decontextualized: what was left out negates or qualifies what was kept; wrong_speaker: the "
        "claimed speaker is not this statement's; reported_speech: the article paraphrases, it does not quote; "
        "restated: the text says it in other words; unattributed: the statement is on record without a known "
        "speaker, so it neither confirms nor contradicts the one credited.",
    )


class SegmentOut(BaseModel):
    start: int = Field(description="Offset of the passage in the submitted text.")
    end: int
    text: str = Field(description="The passage as submitted.")
    attributed_to: str | None = Field(description="The person the submitted text credits the passage to.")
    speaker: str | None = Field(description="The speaker it was checked against.")
    verdict: VerdictName
    matches: list[MatchOut]


class VerifyOut(BaseModel):
    verdict: VerdictName = Field(
        description="With several quoted passages, the worst of those on record: misattributed, altered, "
        "paraphrase, verified (worst first); not_found when none is."
    )
    matches: list[MatchOut] = Field(description="Best first; with several passages, those of the deciding one.")
    segments: list[SegmentOut] = Field(
        default_factory=list,
        description="One per quoted passage (or per sentence of a passage no one statement holds); the whole "
        "text when it quotes nothing.",
    )
    passages_not_found: int = Field(0, description="Segments that match no stored statement.")
    unchecked_passages: int = Field(0, description="Quoted passages past the first 25, not checked.")
    cut_short: bool = Field(
        False, description="The time budget (MATCH_BUDGET_MS) ran out: the verdict rests on the candidates scored."
    )
    appearance: Appearance | None = Field(None, description="Where the text was found, as sent.")
    check_id: str | None = Field(None, description="The stored check, when the result was saved.")
    url: str | None = Field(None, description="Its permalink: GET it for the same result.")


class CheckOut(VerifyOut):
    text: str = Field(description="The text that was checked.")
    claimed_speaker: str | None = Field(description="The speaker given with it.")
    checked_at: datetime


class BatchError(BaseModel):
    status: int
    title: str
    detail: str
    errors: list[dict[str, Any]] | None = None


class BatchItemOut(BaseModel):
    id: str | None
    result: VerifyOut | None = None
    error: BatchError | None = Field(None, description="Why this item could not be checked; the others were.")


class BatchOut(BaseModel):
    items: list[BatchItemOut] = Field(description="In the order sent.")


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
    text: str | None = Field(None, description="For html input: the article text the offsets refer to.")
    title: str | None = Field(None, description="For html input: the title used (given, or the page's).")


class HighlightOut(BaseModel):
    start: int = Field(description="Offset of the matched word in the quote's text.")
    end: int = Field(description="Offset just past the matched word.")
    word: str = Field(description="The query word (normalised) it matched, typed exactly or nearly.")


class SearchHitOut(BaseModel):
    score: float = Field(ge=0, le=100, description="Relevance to the query, 0-100.")
    quote: MatchedQuote
    highlights: list[HighlightOut] = Field(description="Where the query's words occur in quote.text.")
    speaker: SpeakerBrief
    article: ArticleBrief


class SearchPageOut(BaseModel):
    items: list[SearchHitOut]
    next_page_token: str | None = Field(
        None, alias="nextPageToken", description="Send as pageToken for the next page; absent on the last page."
    )

    model_config = ConfigDict(populate_by_name=True)
