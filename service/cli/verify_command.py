"""`python -m service verify TEXT...`: the verification use case, printed for a person or as the API's JSON."""

from __future__ import annotations

import argparse
import sys

from pydantic import ValidationError

from service.core import live_index
from service.core.verify import verify_claim
from service.errors import ServiceError
from service.http.api import presenters
from service.http.api.schemas import VerifyOut, VerifyRequest
from service.settings import Settings
from service.storage import migrate
from service.storage.database import make_engine


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("verify", help="verify quotes (or posts) against the stored statements")
    p.add_argument("texts", nargs="+", metavar="TEXT", help="one claim per argument")
    p.add_argument("--speaker", default=None)
    p.add_argument("--json", action="store_true", help="print each answer as POST /v1/verify gives it, one a line")


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:  # the request schema of POST /v1/verify checks the arguments
        requests = [VerifyRequest(text=text, speaker=args.speaker) for text in args.texts]
    except ValidationError as exc:
        error = exc.errors()[0]
        print(f"error: {'.'.join(str(p) for p in error['loc'])}: {error['msg']}", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    migrate.upgrade(engine, seed_empty=settings.seed_on_start)
    matcher = live_index.load_matcher(engine)
    answers = []
    for request in requests:
        try:
            claim = verify_claim(
                matcher,
                engine,
                request.text,
                speaker=request.speaker,
                max_chars=settings.max_text_chars,
                budget_ms=settings.match_budget_ms,
            )
        except ServiceError as exc:
            print(f"error: {exc.detail}", file=sys.stderr)
            return 2
        out = presenters.claim_out(claim)
        answers.append(out.model_dump_json() if args.json else format_claim(out))
    print(("\n" if args.json else "\n\n").join(answers))
    engine.dispose()
    return 0


def format_claim(out: VerifyOut) -> str:
    """A verification as a person reads it: the verdict, then each segment and its matches."""
    lines = [f"verdict: {out.verdict}"]
    if out.passages_not_found and out.verdict != "not_found" and len(out.segments) > 1:
        lines.append(f"({out.passages_not_found} of {len(out.segments)} passages not on record)")
    for k, seg in enumerate(out.segments, start=1):
        if len(out.segments) > 1:
            credit = f", credited to {seg.attributed_to}" if seg.attributed_to else ""
            lines.append(f"passage {k}: {seg.verdict}{credit}: {seg.text!r}")
        for i, m in enumerate(seg.matches, start=1):
            who = ", ".join(x for x in (m.speaker.name, m.speaker.role, m.speaker.affiliation) if x)
            lines.append(f"{i}. [{m.score:5.1f}] {m.verdict:<10} {who}")
            lines.append(f"   {m.quote.kind}: {m.quote.text}")
            lines.append(f"   {m.explanation}")
            for d in m.diff:
                if d.op != "equal" and d.note not in ("excerpt", "context"):
                    mark = " (negation)" if d.negation else ""
                    note = f" [{d.note}]" if d.note else ""
                    lines.append(f"   {d.op}: {d.stored!r} -> {d.submitted!r}{note}{mark}")
    return "\n".join(lines)
