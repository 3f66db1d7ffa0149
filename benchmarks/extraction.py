"""Benchmark the quote extractor on the PolNeAR dev articles.

Reads ``../shared/eval/polnear-dev-articles.jsonl`` relative to the repository root (never copied into
the repository) and prints precision, recall and F1 of direct-quote extraction, speaker accuracy, and the
same for indirect statements.

Rules
-----
Gold direct spans: quotes of kind ``direct`` plus the ``quoted_parts`` of ``mixed`` quotes (quoted words
inside a paraphrase are direct quotation too, and the extractor emits them as direct records, as the seed
curation does). A "strict" line also scores against kind ``direct`` only.

Overlap match (the headline figure): a gold span is found when the extracted direct quotes together
cover >= 30% of its characters; an extracted quote is right when >= 30% of its characters lie inside gold
direct spans. Exact match: boundaries equal after trimming whitespace and trailing commas on both sides
(the seed convention drops the comma before a closing mark, PolNeAR keeps it).

ExtractedSpeaker accuracy: over found gold direct spans whose ``speaker_resolution`` is ``gold_span`` or
``gold_span_unnamed``; the predicted speaker is that of the extracted quote overlapping the gold span most.
Names are compared case-insensitively without punctuation and honorifics. A prediction is correct when
(a) the predicted name equals the gold ``speaker`` or appears inside the gold ``speaker_mention``, or
(b) the predicted surname (last name token) occurs as a token of the gold ``speaker_mention`` (same person
named differently: "Leon Panetta" vs "Panetta"), or (c) for unnamed sources, the head noun (last word) of the
gold mention occurs in the predicted name or in the predicted role ("a senior French diplomat" vs "the
diplomat"; "Barack Obama" with role "President" vs "the president"). A missing prediction is wrong.
Honorifics and determiners (Mr., Sen., the, ...) are ignored unless nothing else is left.

Indirect statements (optional figures): gold = kind ``indirect`` and ``mixed`` spans, scored with the same
30% overlap rule against extracted ``indirect`` records, with speaker accuracy by the same rule.

Halves: the articles are split in two by a checksum of their id (``zlib.crc32(id) % 2``). Half A is the
one whose errors may be looked at while improving the extractor (``--verbose`` lists only its errors
unless ``--half all``); half B stays unread, so its figures show how the rules carry to unseen text. Every
figure is printed for A, B and all articles.

Usage: ``python benchmarks/extraction.py [--verbose [--indirect] [--half A|B|all]] [--speed] [--path FILE]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.extraction import ExtractedStatement, extract  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report  # noqa: E402 (a sibling script)

DEFAULT_PATH = ROOT.parent / "shared" / "eval" / "polnear-dev-articles.jsonl"
# Share of a span that must be covered for it to count as found / right (the task's definition).
OVERLAP = 0.30
SCORED_RESOLUTIONS = {"gold_span", "gold_span_unnamed"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "rep", "sen", "gov", "president", "the", "a", "an", "jr", "sr"}


def _coverage(span: tuple[int, int], others: list[tuple[int, int]]) -> float:
    s, e = span
    if e <= s:
        return 0.0
    covered = [False] * (e - s)
    for os_, oe in others:
        for i in range(max(s, os_), min(e, oe)):
            covered[i - s] = True
    return sum(covered) / (e - s)


def _norm_tokens(name: str) -> list[str]:
    tokens = re.findall(r"[a-z0-9]+", name.lower())
    return [t for t in tokens if t not in _HONORIFICS] or tokens


def speaker_matches(
    predicted: str | None, gold_speaker: str | None, gold_mention: str | None, predicted_role: str | None = None
) -> bool:
    """The rule documented in the module docstring."""
    if not predicted:
        return False
    mention_tokens = re.findall(r"[a-z0-9]+", (gold_mention or "").lower())
    if predicted_role and mention_tokens and mention_tokens[-1] in predicted_role.lower().split():
        return True  # "the president" for a speaker whose role is President
    pred = _norm_tokens(predicted)
    mention = _norm_tokens(gold_mention or "")
    gold = _norm_tokens(gold_speaker or "")
    if not pred:
        return False
    joined, mention_joined = " ".join(pred), " ".join(mention)
    if pred == gold or (joined and joined in mention_joined):
        return True
    if pred[-1] in mention or pred[-1] in gold:
        return True
    return bool(mention) and mention[-1] in pred


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def _gold(article: dict, strict: bool) -> list[dict]:
    out = []
    for q in article["quotes"]:
        if q["kind"] == "direct":
            out.append(q)
        elif q["kind"] == "mixed" and not strict:
            out.extend({**q, "start": p["start"], "end": p["end"]} for p in q.get("quoted_parts") or [])
    return out


class Score:
    """Accumulates found/right counts for one metric."""

    def __init__(self) -> None:
        self.gold = self.found = self.pred = self.right = 0
        self.spk_total = self.spk_ok = 0

    def add(self, gold_found: list[bool], pred_right: list[bool]) -> None:
        self.gold += len(gold_found)
        self.found += sum(gold_found)
        self.pred += len(pred_right)
        self.right += sum(pred_right)

    def line(self, label: str) -> str:
        p = self.right / self.pred if self.pred else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{label:<44} P={p:.3f} R={r:.3f} F1={f:.3f}  (gold {self.gold}, extracted {self.pred})"

    def speaker_line(self, label: str) -> str:
        acc = self.spk_ok / self.spk_total if self.spk_total else 0.0
        return f"{label:<44} {acc:.3f}  ({self.spk_ok}/{self.spk_total})"


def _score_kind(
    text: str, gold: list[dict], preds: list[ExtractedStatement], score: Score, exact: Score | None
) -> list[str]:
    spans = [(p.start, p.end) for p in preds]
    gspans = [(g["start"], g["end"]) for g in gold]
    found = [_coverage(g, spans) >= OVERLAP for g in gspans]
    score.add(found, [_coverage(p, gspans) >= OVERLAP for p in spans])
    misses = []
    for g, ok in zip(gold, found, strict=True):
        if not ok:
            misses.append(f"  MISS {g['kind']}: {text[g['start'] : g['end']][:90]!r}")
            continue
        if g.get("speaker_resolution") not in SCORED_RESOLUTIONS:
            continue
        best = max(preds, key=lambda p: min(p.end, g["end"]) - max(p.start, g["start"]))
        name = best.speaker.name if best.speaker else None
        role = best.speaker.role if best.speaker else None
        score.spk_total += 1
        if speaker_matches(name, g.get("speaker"), g.get("speaker_mention"), role):
            score.spk_ok += 1
        else:
            misses.append(f"  SPEAKER {name!r} vs gold {g.get('speaker_mention')!r}: {g['text'][:60]!r}")
    for p in preds:
        if _coverage((p.start, p.end), gspans) < OVERLAP:
            misses.append(f"  EXTRA {p.kind}: {p.text[:90]!r}")
    if exact is not None:
        gt = {_trim(text, s, e) for s, e in gspans}
        pt = {_trim(text, s, e) for s, e in spans}
        exact.add([g in pt for g in gt], [p in gt for p in pt])
    return misses


def half_of(article_id: str) -> str:
    """The half an article belongs to: fixed by its id, so the split never changes between runs."""
    return "AB"[zlib.crc32(article_id.encode("utf-8")) % 2]


class Scores:
    """The four metrics of one group of articles."""

    def __init__(self) -> None:
        self.direct, self.strict, self.exact, self.indirect = Score(), Score(), Score(), Score()

    def report(self, label: str, count: int) -> None:
        print(f"{label}: {count} articles")
        print(self.direct.line("direct quotes (>=30% overlap)"))
        print(self.exact.line("direct quotes (exact boundaries)"))
        print(self.strict.line("direct quotes, strict kind=direct (overlap)"))
        print(self.direct.speaker_line("speaker accuracy on found direct quotes"))
        print(self.indirect.line("indirect+mixed statements (>=30% overlap)"))
        print(self.indirect.speaker_line("speaker accuracy on found indirect"))


def speed() -> None:
    """Seconds to extract 1 MB of news-like text and 1 MB of worst case (a quotation every 23 characters)."""
    paragraph = (
        '"We will rebuild the port," said Maria Chen, the harbour director. Officials said the cost was unclear. '
        "The \u201csmart\u201d cranes arrive in May, according to the ministry.\n\n"
    )
    cases = {
        "1 MB of news-like paragraphs": paragraph * (1_000_000 // len(paragraph)),
        "1 MB, one sentence, a quotation every 23 chars": ('word "quoted bit" said ' * 45_000)[:1_000_000],
    }
    for label, text in cases.items():
        started = time.perf_counter()
        found = extract(text)
        print(f"{label:<48} {time.perf_counter() - started:6.2f}s  ({len(found)} statements)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="per-article breakdown with misses")
    parser.add_argument("--indirect", action="store_true", help="with --verbose, also list indirect misses")
    parser.add_argument("--half", choices=["A", "B", "all"], default="A", help="whose errors --verbose lists")
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--speed", action="store_true", help="also time 1 MB inputs (about half a minute)")
    args = parser.parse_args(argv)
    if args.speed:
        speed()
    if not args.path.exists():
        print(
            f"evaluation file not found: {args.path} (expected ../shared/eval/ next to the repository)", file=sys.stderr
        )
        return 2
    articles = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups = {"A": Scores(), "B": Scores(), "all": Scores()}
    counts = {"A": 0, "B": 0, "all": len(articles)}
    started = time.perf_counter()
    for art in articles:
        text = art["text"]
        half = half_of(art["id"])
        counts[half] += 1
        stmts = extract(text, title=art.get("title"))
        dpred = [s for s in stmts if s.kind == "direct"]
        ipred = [s for s in stmts if s.kind == "indirect"]
        igold = [q for q in art["quotes"] if q["kind"] in ("indirect", "mixed")]
        for key in (half, "all"):
            sc = groups[key]
            before = (sc.direct.found, sc.direct.gold, sc.direct.right, sc.direct.pred)
            misses = _score_kind(text, _gold(art, strict=False), dpred, sc.direct, sc.exact)
            _score_kind(text, _gold(art, strict=True), dpred, sc.strict, None)
            imisses = _score_kind(text, igold, ipred, sc.indirect, None)
            if args.verbose and key == "all" and args.half in (half, "all"):
                now = (sc.direct.found, sc.direct.gold, sc.direct.right, sc.direct.pred)
                f, g, r, p = (a - b for a, b in zip(now, before, strict=True))
                print(f"{art['id']}: direct found {f}/{g}, right {r}/{p}")
                print("\n".join(misses))
                if imisses and args.indirect:
                    print("\n".join(imisses))
    elapsed = time.perf_counter() - started
    print(f"PolNeAR dev: {len(articles)} articles, extraction and scoring {elapsed:.2f}s")
    for key, label in (("A", "half A (errors inspected)"), ("B", "half B (never inspected)"), ("all", "all")):
        groups[key].report(label, counts[key])
    return 0


if __name__ == "__main__":
    raise SystemExit(report.run(main, "extraction", "Quote extraction on PolNeAR (benchmarks/extraction.py)"))
