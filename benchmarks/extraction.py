"""Benchmark the quote extractor on PolNeAR: train and dev side by side, per publisher.

Reads ``../shared/eval/polnear-train-articles.jsonl`` and ``polnear-dev-articles.jsonl`` relative to the
repository root (never copied into the repository). Train is what the rules may be tuned on (``--verbose``
lists its errors); dev is for validation, and its errors are never listed.

Scoring (the service's published figures use exactly this):

- Direct quotes. A gold direct quote (kind ``direct``) is found when the extracted direct quotes together
  cover >= 30% of its characters; an extracted direct quote is right when >= 30% of its characters lie in
  gold direct spans or in the ``quoted_parts`` of ``mixed`` records (quoted words inside a paraphrase are
  direct quotation too). Exact boundaries: the same sets compared with both ends equal after trimming
  whitespace and a trailing comma (the seed convention drops the comma before a closing mark).
- Speaker accuracy, over found gold direct quotes whose ``speaker_resolution`` is ``gold_span`` or
  ``gold_span_unnamed``: the speaker of the extracted quote overlapping the gold quote most is right when
  its name shares the gold name's last token, or when the whole predicted name appears inside the gold
  ``speaker_mention`` (case and punctuation ignored). A missing prediction is wrong.
- Reported statements: gold = ``indirect`` and ``mixed`` records, against extracted ``indirect`` records,
  by the same 30% overlap rule, with speaker accuracy by the same rule.

Usage: ``python benchmarks/extraction.py [--splits train dev] [--verbose] [--speed]``
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.extraction import ExtractedStatement, extract  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report  # noqa: E402 (a sibling script)

EVAL = ROOT.parent / "shared" / "eval"
SPLITS = {"train": EVAL / "polnear-train-articles.jsonl", "dev": EVAL / "polnear-dev-articles.jsonl"}
# Share of a span that must be covered for it to count as found / right.
OVERLAP = 0.30
SCORED_RESOLUTIONS = {"gold_span", "gold_span_unnamed"}
Span = tuple[int, int]


def _coverage(span: Span, others: list[Span]) -> float:
    s, e = span
    if e <= s:
        return 0.0
    covered = [False] * (e - s)
    for os_, oe in others:
        for i in range(max(s, os_), min(e, oe)):
            covered[i - s] = True
    return sum(covered) / (e - s)


def _tokens(name: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+", (name or "").lower())


def speaker_matches(predicted: str | None, gold_speaker: str | None, gold_mention: str | None) -> bool:
    """The predicted name shares the gold name's last token, or appears whole inside the gold mention.

    >>> speaker_matches("Leon Panetta", "Panetta", "Defense Secretary Leon Panetta")
    True
    >>> speaker_matches("the senator", None, "the senator from Ohio"), speaker_matches(None, "Obama", "Obama")
    (True, False)
    >>> speaker_matches("Mitt Romney", "Barack Obama", "the president")
    False
    """
    pred, gold = _tokens(predicted), _tokens(gold_speaker)
    if not pred:
        return False
    if gold and gold[-1] in pred:
        return True
    return f" {' '.join(pred)} " in f" {' '.join(_tokens(gold_mention))} "


def _trim(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


class Score:
    """Found/right counts and speaker accuracy of one kind of statement over a group of articles."""

    def __init__(self) -> None:
        self.gold = self.found = self.pred = self.right = 0
        self.spk_total = self.spk_ok = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.right / self.pred if self.pred else 0.0
        r = self.found / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def speaker(self) -> float:
        return self.spk_ok / self.spk_total if self.spk_total else 0.0


def _score(
    text: str, gold: list[dict], also_right: list[Span], preds: list[ExtractedStatement], score: Score
) -> list[str]:
    """Add one article's figures to `score`; the misses, for --verbose."""
    spans = [(p.start, p.end) for p in preds]
    gold_spans = [(g["start"], g["end"]) for g in gold]
    found = [_coverage(g, spans) >= OVERLAP for g in gold_spans]
    right = [_coverage(p, gold_spans + also_right) >= OVERLAP for p in spans]
    score.gold += len(gold)
    score.found += sum(found)
    score.pred += len(preds)
    score.right += sum(right)
    misses = [f"  EXTRA {p.kind}: {p.text[:90]!r}" for p, ok in zip(preds, right, strict=True) if not ok]
    for g, ok in zip(gold, found, strict=True):
        if not ok:
            misses.append(f"  MISS {g['kind']}: {text[g['start'] : g['end']][:90]!r}")
            continue
        if g.get("speaker_resolution") not in SCORED_RESOLUTIONS:
            continue
        best = max(preds, key=lambda p: min(p.end, g["end"]) - max(p.start, g["start"]))
        name = best.speaker.name if best.speaker else None
        score.spk_total += 1
        if speaker_matches(name, g.get("speaker"), g.get("speaker_mention")):
            score.spk_ok += 1
        else:
            misses.append(f"  SPEAKER {name!r} vs gold {g.get('speaker_mention')!r}: {g['text'][:60]!r}")
    return misses


class Scores:
    """Every figure of one group of articles (a split, or one publisher in it)."""

    def __init__(self) -> None:
        self.articles = 0
        self.direct, self.exact, self.reported = Score(), Score(), Score()

    def add(self, article: dict, statements: list[ExtractedStatement]) -> list[str]:
        text, quotes = article["text"], article["quotes"]
        self.articles += 1
        direct = [q for q in quotes if q["kind"] == "direct"]
        quoted_parts = [
            (p["start"], p["end"]) for q in quotes if q["kind"] == "mixed" for p in q.get("quoted_parts") or []
        ]
        predicted = [s for s in statements if s.kind == "direct"]
        misses = _score(text, direct, quoted_parts, predicted, self.direct)
        gold_exact = {_trim(text, (q["start"], q["end"])) for q in direct}
        also_exact = {_trim(text, span) for span in quoted_parts}
        pred_exact = {_trim(text, (p.start, p.end)) for p in predicted}
        self.exact.gold += len(gold_exact)
        self.exact.found += len(gold_exact & pred_exact)
        self.exact.pred += len(pred_exact)
        self.exact.right += len(pred_exact & (gold_exact | also_exact))
        reported = [q for q in quotes if q["kind"] in ("indirect", "mixed")]
        misses += _score(text, reported, [], [s for s in statements if s.kind == "indirect"], self.reported)
        return misses


def table(groups: dict[str, dict[str, Scores]]) -> str:
    """One row per split and publisher: direct P/R/F1, exact F1, speakers; reported P/R/F1, speakers."""
    rows = [
        "| split | publisher | articles | direct P | direct R | direct F1 | exact F1 | speaker | reported P "
        "| reported R | reported F1 | reported speaker |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for split, by_publisher in groups.items():
        for publisher in sorted(by_publisher, key=lambda k: (k != "all", k)):
            sc = by_publisher[publisher]
            d, x, r = sc.direct.prf(), sc.exact.prf(), sc.reported.prf()
            name = f"**{publisher}**" if publisher == "all" else publisher
            speakers = f"{sc.direct.speaker():.3f} ({sc.direct.spk_ok}/{sc.direct.spk_total})"
            reported_speakers = f"{sc.reported.speaker():.3f} ({sc.reported.spk_ok}/{sc.reported.spk_total})"
            rows.append(
                f"| {split} | {name} | {sc.articles} | {d[0]:.3f} | {d[1]:.3f} | {d[2]:.3f} | {x[2]:.3f} | "
                f"{speakers} | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} | {reported_speakers} |"
            )
    return "\n".join(rows)


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


def article_speed(articles: list[dict]) -> str:
    """p50 of extracting real articles of 4,000-6,000 characters (best of 3 runs each)."""
    sized = [a for a in articles if 4000 <= len(a["text"]) <= 6000]
    times = []
    for a in sized:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            extract(a["text"], title=a.get("title"))
            best = min(best, time.perf_counter() - started)
        times.append(best * 1000)
    p50, worst = statistics.median(times), max(times)
    return f"articles of 4,000-6,000 characters: p50 {p50:.1f} ms, max {worst:.1f} ms ({len(times)} articles)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", choices=sorted(SPLITS), default=["train", "dev"])
    parser.add_argument("--verbose", action="store_true", help="list train's misses, article by article")
    parser.add_argument("--speed", action="store_true", help="also time real articles and 1 MB inputs")
    args = parser.parse_args(argv)
    groups: dict[str, dict[str, Scores]] = {}
    for split in args.splits:
        path = SPLITS[split]
        if not path.exists():
            print(
                f"evaluation file not found: {path} (expected ../shared/eval/ next to the repository)", file=sys.stderr
            )
            return 2
        articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        by_publisher: dict[str, Scores] = defaultdict(Scores)
        started = time.perf_counter()
        for article in articles:
            statements = extract(article["text"], title=article.get("title"))
            misses = by_publisher["all"].add(article, statements)
            by_publisher[article.get("publisher") or "unknown"].add(article, statements)
            if args.verbose and split == "train" and misses:
                print(article["id"])
                print("\n".join(misses))
        print(f"{split}: {len(articles)} articles, extracted and scored in {time.perf_counter() - started:.2f}s")
        groups[split] = dict(by_publisher)
        if args.speed:
            print(article_speed(articles))
    print()
    print(table(groups))
    if args.speed:
        print()
        speed()
    return 0


if __name__ == "__main__":
    raise SystemExit(report.run(main, "extraction", "Quote extraction on PolNeAR (benchmarks/extraction.py)"))
