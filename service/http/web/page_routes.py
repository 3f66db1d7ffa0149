"""HTML pages: check a quote, browse speakers and articles, store an article with a write key.

Thin like the JSON routers: each page calls `catalog` and the repositories, maps rows with
`service.http.api.presenters` (so the page shows exactly what the API answers) and renders a template.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.exc import DBAPIError

from service.core import ingest
from service.core.verify import verify_claim
from service.errors import EmptyTextError, NotFoundError, ServiceError, UnauthorizedError
from service.http.api import claimreview, presenters
from service.http.api.deps import MatcherDep, SessionDep, SettingsDep, require_write_key
from service.http.api.request_records import article_record, statement_record
from service.http.web import forms
from service.http.web.render import article_spans, segment_views, templates
from service.storage import article_store, quote_store, speaker_store

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE_SIZE = 25
# No length limits on the query parameters themselves: the pages check lengths and explain on
# the page, instead of answering a JSON problem.
TextParam = Annotated[str | None, Query()]
SpeakerParam = Annotated[str | None, Query()]
CursorParam = Annotated[str | None, Query()]
MAX_SPEAKER_CHARS = 300

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def page(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> Response:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def not_found(request: Request, what: str) -> Response:
    return page(request, "error.html", {"title": "Not found", "status": 404, "message": what}, status=404)


def is_htmx(request: Request) -> bool:
    """An htmx swap of part of the page (not a history restore, which needs the whole page)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


# ---- check -----------------------------------------------------------------------------------


@router.get("/")
def home(request: Request) -> Response:
    return page(request, "check.html", {"text": "", "speaker": ""})


@router.get("/check")
def check(
    request: Request,
    matcher: MatcherDep,
    settings: SettingsDep,
    text: TextParam = None,
    speaker: SpeakerParam = None,
) -> Response:
    text = text or ""
    claimed = (speaker or "").strip() or None
    context: dict[str, Any] = {"text": text, "speaker": speaker or "", "claimed": claimed}
    status = 200
    if "\x00" in text or "\x00" in (claimed or ""):
        context["message"] = "The text contains a NUL character; remove it and try again."
        status = 422
    elif len(claimed or "") > MAX_SPEAKER_CHARS:
        context["message"] = f"The speaker’s name is too long: give at most {MAX_SPEAKER_CHARS} characters."
        status = 422
    else:
        try:
            claim = verify_claim(
                matcher,
                request.app.state.engine,
                text,
                speaker=claimed,
                max_chars=settings.max_text_chars,
                budget_ms=settings.match_budget_ms,
            )
        except ServiceError as exc:
            status = 422
            if isinstance(exc, EmptyTextError):
                context["message"] = (
                    "There is nothing to check yet: paste the words of a quote (or a whole post) "
                    "into the box, then press Check."
                )
            else:
                context["message"] = f"This text cannot be checked: {exc.detail}."
        else:
            out = presenters.claim_out(claim)
            ld_json = claimreview.script_for_page(
                out, text=text, speaker=claimed, url=str(request.url), settings=settings
            )
            context.update(
                result=out,
                result_decisive=claim.check.decisive,
                parts=segment_views(out),
                claimreview=Markup(ld_json),  # <, > and & are escaped in it: safe in a data block
            )
    name = "_result.html" if is_htmx(request) else "check.html"
    response = page(request, name, context, status=status)
    response.headers["Vary"] = "HX-Request"
    return response


# ---- browse ----------------------------------------------------------------------------------


@router.get("/speakers")
def speaker_list(
    request: Request, session: SessionDep, cursor: CursorParam = None, query: SpeakerParam = None
) -> Response:
    query = (query or "").strip() or None
    try:
        found = speaker_store.list_speakers(session, limit=PAGE_SIZE, cursor=cursor, query=query)
    except ServiceError as exc:
        return page(request, "error.html", {"title": "Bad link", "status": 422, "message": exc.detail}, status=422)
    counts = speaker_store.quote_counts(session, [s.id for s in found.items])
    items = [presenters.speaker_out(s, counts.get(s.id, 0)) for s in found.items]
    return page(
        request,
        "speakers.html",
        {"items": items, "next_cursor": found.next_cursor, "query": query or "", "first": cursor is None},
    )


@router.get("/speakers/{speaker_id}")
def speaker_detail(speaker_id: str, request: Request, session: SessionDep) -> Response:
    try:
        speaker = speaker_store.get_speaker(session, speaker_id)
    except NotFoundError:
        return not_found(request, "There is no speaker with this address. It may have been removed.")
    said = [presenters.quote_out(v) for v in quote_store.quotes_of_speaker(session, speaker_id)]
    return page(request, "speaker.html", {"speaker": presenters.speaker_out(speaker, len(said)), "quotes": said})


@router.get("/articles")
def article_list(request: Request, session: SessionDep, cursor: CursorParam = None) -> Response:
    try:
        found = article_store.list_articles(session, limit=PAGE_SIZE, cursor=cursor)
    except ServiceError as exc:
        return page(request, "error.html", {"title": "Bad link", "status": 422, "message": exc.detail}, status=422)
    items = [presenters.article_brief(a) for a in found.items]
    return page(request, "articles.html", {"items": items, "next_cursor": found.next_cursor, "first": cursor is None})


@router.get("/articles/{article_id}")
def article_detail(article_id: str, request: Request, session: SessionDep) -> Response:
    try:
        article = article_store.get_article(session, article_id)
    except NotFoundError:
        return not_found(request, "There is no article with this address. It may have been removed.")
    said = [presenters.quote_out(v) for v in quote_store.quotes_of_article(session, article_id)]
    spans, placed, unplaced = article_spans(article.text or "", said)
    return page(
        request,
        "article.html",
        {"article": presenters.article_brief(article), "spans": spans, "placed": placed, "unplaced": unplaced},
    )


# ---- ingest ----------------------------------------------------------------------------------


def _cross_site(request: Request) -> bool:
    """A form posted from another site. The key is never ambient (no cookie), so a forged post
    could not carry it anyway; refusing other origins outright is defence in depth.

    Fetch metadata first (every current browser sends it); then Origin; a client that sends
    neither (curl, scripts) is not a browser being tricked into posting."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc != request.headers.get("Host", "")


def _ingest_page(request: Request, context: dict[str, Any], status: int = 200) -> Response:
    context.setdefault("values", {})
    context.setdefault("errors", {})
    response = page(request, "ingest.html", context, status=status)
    # The page echoes what was typed (never the key); keep it out of every cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/ingest")
def ingest_form(request: Request) -> Response:
    return _ingest_page(request, {})


@router.post("/ingest")
def ingest_submitted(
    request: Request,
    session: SessionDep,
    matcher: MatcherDep,
    settings: SettingsDep,
    values: Annotated[dict[str, str] | None, Depends(forms.read_form)],
) -> Response:
    if values is None:
        return _ingest_page(request, {"problem": "The form could not be read; submit it from this page."}, 415)
    shown = {k: v for k, v in values.items() if k != "api_key"}  # the key is never echoed back
    if _cross_site(request):
        return _ingest_page(request, {"values": shown, "problem": "Forms posted from other sites are refused."}, 403)
    parsed = forms.parse_article(values, max_article_chars=settings.max_article_chars)
    context: dict[str, Any] = {"values": shown, "errors": parsed.errors, "lines": parsed.lines}
    context["found"] = {q.line: forms.found_in_text(values, q) for q in parsed.lines}
    if values.get("action") == "preview":
        context["preview"] = True
        if not parsed.lines and values.get("text", "").strip() and not parsed.errors:
            try:
                found = ingest.extract(values["text"], title=values.get("title"), max_chars=settings.max_article_chars)
            except ServiceError as exc:
                context["problem"] = exc.detail[:1].upper() + exc.detail[1:] + "."
                return _ingest_page(request, context, exc.status)
            context["extracted"] = True
            context["lines"] = [  # exactly what storing would store
                forms.QuoteLine(n, r.speaker.name, r.text, r.kind)
                for n, r in enumerate(ingest.extracted_records(found), start=1)
            ]
            context["found"] = {q.line: True for q in context["lines"]}
        return _ingest_page(request, context, 422 if parsed.errors else 200)
    try:
        require_write_key(settings, values.get("api_key") or None, session)
    except ServiceError as exc:
        if isinstance(exc, UnauthorizedError):
            context["problem"] = "Enter your API key to store an article."
        else:
            context["problem"] = exc.detail[:1].upper() + exc.detail[1:] + "."
        context["errors"] = {**parsed.errors, "api_key": [context["problem"]]}
        return _ingest_page(request, context, exc.status)
    if parsed.article is None:
        context["problem"] = "Nothing was stored: correct the fields marked below."
        return _ingest_page(request, context, 422)
    body = parsed.article
    try:
        given = [statement_record(q) for q in body.quotes]
        result = ingest.ingest_article(
            session, matcher, article_record(body), given, max_chars=settings.max_article_chars
        )
        session.commit()  # stored (and the matcher taught) before the page says so
    except (ServiceError, DBAPIError) as exc:
        session.rollback()
        detail = exc.detail if isinstance(exc, ServiceError) else "the database refused the write; try again"
        context["problem"] = f"Nothing was stored: {detail}."
        return _ingest_page(request, context, exc.status if isinstance(exc, ServiceError) else 503)
    stored = presenters.store_out(session, result, Response())
    context.update(stored=stored, values={}, lines=[], found={})
    return _ingest_page(request, context, 201 if result.article_created or result.added else 200)
