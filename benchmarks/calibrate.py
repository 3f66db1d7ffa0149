"""Calibrate the matching engine's thresholds on real quotations.

Why: ALTERED_MIN_SCORE and PARAPHRASE_MIN_SCORE in service/matching/verdict.py decide when a
near-miss counts as an altered quote. This script measures, on real text, how the engine scores
perturbed copies of stored quotes (which it should find) and real quotes it does not hold (which
it should not), so the thresholds are set from figures rather than guesses. It prints figures only.

Data: ../shared/eval/attributed-quotes.jsonl next to the repository (see ../shared/eval/README.md).
It is read in place, never copied into the repository; without it the script exits.

Run:  cd /work/main && .venv/bin/python benchmarks/calibrate.py [--stored 10000] [--queries 1000] [--seed 7]
      (about 3-4 minutes with the defaults; add --examples 3 to print failing queries per family)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from service.matching import Matcher, SpeakerRef, Statement, Verdict, normalise, tokenize
from service.matching.matcher import CANDIDATES
from service.matching.names import speaker_matches
from service.matching.verdict import ALTERED_MIN_SCORE, PARAPHRASE_MIN_SCORE

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "attributed-quotes.jsonl"
MIN_SOURCE_WORDS = 6  # query sources need room for an excerpt and a two-part omission
SHORT_SOURCE_WORDS = 12  # sources up to this long are reported apart in the threshold sweep
CANDIDATE_THRESHOLDS = (75, 78, 80, 82, 85, 88, 90)
VERDICTS = [v.value for v in Verdict]
# Families whose queries should come back "verified"; every other family should be "altered".
VERIFIED_FAMILIES = {
    "exact", "case_curly", "excerpt", "omission", "bracketed", "embedded", "embedded_bare", "reported_excerpt",
}  # fmt: skip
# Altered families matched partially (a claim inside a longer statement, a statement inside a
# longer claim): score.py asks more of those, so they stay out of the ALTERED_MIN_SCORE sweep.
PARTIAL_FAMILIES = {"excerpt_typo", "embedded_typo"}
# Reporting frames put before an excerpt (reported_excerpt), from a pronoun to a title and name.
FRAMES = ("She said", "The senator said", "Senator Jane Doe said", "A spokesman for the campaign said")
FLIPS = {
    "will": "won't", "can": "can't", "is": "isn't", "are": "aren't", "was": "wasn't", "were": "weren't",
    "do": "don't", "does": "doesn't", "did": "didn't", "should": "shouldn't", "would": "wouldn't",
    "could": "couldn't", "has": "hasn't", "have": "haven't", "must": "mustn't",
}  # fmt: skip
FLIPS |= {v: k for k, v in FLIPS.items()}
AUX_FOR_NOT = {"am", "be", "been", "being", "may", "might", "shall"}


def load(path: Path) -> list[dict]:
    """Rows with at least three words, one per normalised text (Quotebank repeats itself)."""
    seen: set[str] = set()
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            key = normalise(row["text"])
            if len(key.split()) >= 3 and key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


def words(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.end, text[t.start : t.end]) for t in tokenize(text)]


def editable(text: str, interior: bool = False) -> list[tuple[int, int, str]]:
    """Words a perturbation may touch: not inside the quote's own [editorial] brackets, which the
    engine ignores by design, and for insertions/deletions not the first or last word, where an
    edit would turn the query into an excerpt or the quote plus surrounding text."""
    brackets = [m.span() for m in re.finditer(r"\[[^\[\]]*\]", text)]
    ws = [w for w in words(text) if not any(a <= w[0] < b for a, b in brackets)]
    return (ws[1:-1] or ws) if interior else ws


def replace_word(text: str, w: tuple[int, int, str], new: str) -> str:
    return text[: w[0]] + new + text[w[1] :]


def typo(text: str, rng: random.Random, count: int) -> str:
    pool = [w for w in editable(text) if len(w[2]) >= 4 and w[2].isalpha()]
    for w in sorted(rng.sample(pool, min(count, len(pool))), reverse=True):  # right to left keeps offsets
        s, i = w[2], rng.randrange(1, len(w[2]) - 1)
        new = s[:i] + s[i + 1] + s[i] + s[i + 2 :] if s[i] != s[i + 1] and rng.random() < 0.5 else s[:i] + s[i + 1 :]
        text = replace_word(text, w, new)
    return text


def negate(text: str, rng: random.Random) -> str:
    ws = editable(text)
    flips = [w for w in ws if w[2].lower().replace("’", "'") in FLIPS]
    if flips:
        w = rng.choice(flips)
        new = FLIPS[w[2].lower().replace("’", "'")]
        return replace_word(text, w, new.capitalize() if w[2][0].isupper() else new)
    nots = [w for w in ws if w[2].lower() in ("not", "never")]
    if nots:
        w = rng.choice(nots)
        return text[: w[0]] + text[w[1] :].lstrip()
    inner = editable(text, interior=True)
    aux = [w for w in inner if w[2].lower() in AUX_FOR_NOT] or inner
    w = rng.choice(aux)
    return text[: w[1]] + " not" + text[w[1] :]


def reorder(text: str, rng: random.Random) -> str:
    n = len(text)
    cuts = [m.end() for m in re.finditer(r"[,;:]\s|\sand\s|\sbut\s", text) if 0.25 * n < m.start() < 0.75 * n]
    if cuts:
        cut = min(cuts, key=lambda c: abs(c - n / 2))
    else:
        ws = words(text)
        cut = ws[len(ws) // 2][0]
    return f"{text[cut:].strip()} {text[:cut].strip().rstrip(',;:')}"


def span(text: str, ws: list, a: int, b: int) -> str:
    return text[ws[a][0] : ws[b - 1][1]]


def perturb(family: str, text: str, rng: random.Random, vocab: list[str], fillers: list[str]) -> str:
    ws = words(text)
    n = len(ws)
    if family == "exact":
        return text
    if family == "case_curly":
        cased = text.lower() if rng.random() < 0.5 else text.upper()
        swapped = cased.replace("'", "\u2019") if "'" in cased else cased.replace("\u2019", "'")
        return "\u201c" + swapped.replace('"', "\u201d") + "\u201d"
    if family == "excerpt":
        k = rng.randint(min(5, n - 1), min(12, n - 1))
        a = rng.randrange(0, n - k + 1)
        return span(text, ws, a, a + k)
    if family == "omission":
        k1 = rng.randint(3, min(5, n - 3))  # the engine wants one part of 3+ words
        k2 = rng.randint(min(3, n - k1 - 1), min(5, n - k1 - 1))
        a = rng.randrange(0, n - k1 - k2)
        c = rng.randrange(a + k1 + 1, n - k2 + 1)
        return f"{span(text, ws, a, a + k1)} ... {span(text, ws, c, c + k2)}"
    if family == "bracketed":
        return f"[{rng.choice(vocab)}] {text[ws[1][0] :]}"
    if family == "typo1":
        return typo(text, rng, 1)
    if family == "typo2":
        return typo(text, rng, 2)
    if family == "substitute":
        w = rng.choice([w for w in editable(text) if len(w[2]) >= 3] or ws)
        return replace_word(text, w, rng.choice([v for v in vocab if v != w[2].lower()]))
    if family == "negation":
        return negate(text, rng)
    if family == "drop":
        w = rng.choice(editable(text, interior=True))
        return text[: w[0]] + text[w[1] :].lstrip()
    if family == "insert":
        w = rng.choice(editable(text, interior=True))
        return text[: w[0]] + rng.choice(vocab) + " " + text[w[0] :]
    if family == "reorder":
        return reorder(text, rng)
    if family == "excerpt_typo":  # a partial match: the claim inside a longer statement
        k = rng.randint(min(6, n - 1), min(12, n - 1))
        a = rng.randrange(0, n - k + 1)
        return typo(span(text, ws, a, a + k), rng, 1)
    if family == "reported_excerpt":  # reported speech: the frame is not part of the quote
        k = rng.randint(min(3, n - 1), min(8, n - 1))
        a = rng.randrange(0, n - k + 1)
        return f"{rng.choice(FRAMES)} {span(text, ws, a, a + k)}"
    # embedded, embedded_bare, embedded_typo: the quote inside a ~500-character post whose other
    # text is unstored quotes
    room = max(120, 500 - len(text))
    filler = " ".join(rng.sample(fillers, 8))
    before = filler[: rng.randint(room // 4, 3 * room // 4)].rsplit(" ", 1)[0]
    after = filler[len(before) : room].rsplit(" ", 1)[0]
    if family == "embedded_typo":  # a partial match: the statement inside a longer claim
        text = typo(text, rng, 1)
    quote = f"\u201c{text}\u201d" if family == "embedded" else text
    return f"{before.strip()} {quote} {after.strip()}"


FAMILIES = [
    "exact", "case_curly", "excerpt", "omission", "bracketed", "typo1", "typo2", "substitute",
    "negation", "drop", "insert", "reorder", "embedded", "embedded_bare", "excerpt_typo", "embedded_typo",
    "reported_excerpt",
]  # fmt: skip


def rate(items: list, pred) -> float:
    return 100 * sum(1 for x in items if pred(x)) / max(1, len(items))


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q / 100 * len(s)))]


def timed(matcher: Matcher, text: str, speaker: str | None, clock: list[float]):
    t0 = time.perf_counter()
    result = matcher.verify(text, speaker=speaker, limit=CANDIDATES)
    clock.append((time.perf_counter() - t0) * 1000)
    return result


def short(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stored", type=int, default=10000, help="real quotes stored in the matcher")
    parser.add_argument("--queries", type=int, default=1000, help="queries per family, and negatives")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--examples", type=int, default=0, help="failing queries to show per family")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"calibrate: evaluation data not found at {DATA}; it lives outside the repo in ../shared/eval/.")

    rng = random.Random(args.seed)
    rows = load(DATA)
    rng.shuffle(rows)
    stored, rest = rows[: args.stored], rows[args.stored :]
    negatives, fillers = rest[: args.queries], [r["text"] for r in rest[args.queries :]]
    if len(fillers) < 100:
        sys.exit("calibrate: --stored/--queries leave too few unstored quotes for negatives and fillers")
    vocab = Counter(w.lower() for t in fillers for _, _, w in words(t) if w.isalpha() and len(w) >= 3)
    vocab_list = [w for w, _ in vocab.most_common(2000)]

    t0 = time.perf_counter()
    matcher = Matcher(Statement(f"s{i}", r["text"], "direct", SpeakerRef(r["speaker"])) for i, r in enumerate(stored))
    build_s = time.perf_counter() - t0
    eligible = [i for i, r in enumerate(stored) if len(editable(r["text"])) >= MIN_SOURCE_WORDS]
    sources = rng.sample(eligible, min(args.queries, len(eligible)))
    print(f"data: {DATA}  ({len(rows)} distinct quotes)  seed={args.seed}")
    print(f"stored {len(matcher)} quotes in {build_s:.1f}s; {len(sources)} sources with >= {MIN_SOURCE_WORDS} words")
    print(f"current ALTERED_MIN_SCORE={ALTERED_MIN_SCORE}  PARAPHRASE_MIN_SCORE={PARAPHRASE_MIN_SCORE}\n")

    clock: list[float] = []
    records: dict[str, list[tuple[bool, str, float, bool, bool, int]]] = {f: [] for f in FAMILIES}
    failures: dict[str, list[str]] = {f: [] for f in FAMILIES}
    for family in FAMILIES:
        frng = random.Random(f"{args.seed}:{family}")
        for i in sources:
            text, speaker = stored[i]["text"], stored[i]["speaker"]
            query = perturb(family, text, frng, vocab_list, fillers)
            res = timed(matcher, query, speaker, clock)
            top = res.matches[0] if res.matches else None
            hit = top is not None and top.statement.id == f"s{i}"
            src = next((m for m in res.matches if m.statement.id == f"s{i}"), None)  # None: not returned
            score, exact = (src.score, src.exact) if src else (0.0, False)
            tie = not hit and top is not None and top.exact and exact  # another statement holds it verbatim too
            records[family].append((hit, res.verdict.value, score, exact, tie, len(tokenize(text))))
            expected = "verified" if family in VERIFIED_FAMILIES else "altered"
            if (not hit or res.verdict.value != expected) and len(failures[family]) < args.examples:
                got = f"{res.verdict.value} {top.score if top else ''} {short(top.statement.text, 80) if top else ''!r}"
                failures[family].append(
                    f"query={short(query)!r}\n      expected={short(text, 80)!r} [{expected}] src_score={score}"
                    f"\n      got={got}"
                )

    print("1. perturbed queries of stored quotes (claimed speaker = the stored speaker)")
    print("   p5/p50: the source statement's score, 0 when it is not among the matches returned")
    head = f"{'family':<14}{'n':>5}{'R@1':>7}{'tie':>6}" + "".join(f"{v[:8]:>10}" for v in VERDICTS)
    print(head + f"{'p5':>7}{'p50':>7}")
    for family, recs in records.items():
        verdicts = Counter(r[1] for r in recs)
        cells = "".join(f"{100 * verdicts[v] / len(recs):>9.1f}%" for v in VERDICTS)
        scores = [r[2] for r in recs]
        hits, ties = (100 * sum(r[k] for r in recs) / len(recs) for k in (0, 4))
        p5, p50 = pct(scores, 5), pct(scores, 50)
        print(f"{family:<14}{len(recs):>5}{hits:>6.1f}%{ties:>5.1f}%{cells}{p5:>7.1f}{p50:>7.1f}")

    print("\n2. negatives: unstored real quotes, no speaker claimed")
    neg: list[tuple[float, bool, bool, str, str]] = []  # score, exact, same speaker, submitted, stored
    for r in negatives:
        res = timed(matcher, r["text"], None, clock)
        if top := (res.matches[0] if res.matches else None):
            same = speaker_matches(r["speaker"], top.statement.speaker)
            neg.append((top.score, top.exact, same, r["text"], top.statement.text))
        else:
            neg.append((0.0, False, False, r["text"], ""))
    v_fp, a_fp = rate(neg, lambda n: n[1]), rate(neg, lambda n: not n[1] and n[0] >= ALTERED_MIN_SCORE)
    same = rate(neg, lambda n: n[2] and (n[1] or n[0] >= ALTERED_MIN_SCORE))
    print(f"n={len(neg)}  false positives {v_fp + a_fp:.1f}% (verified {v_fp:.1f}%, altered {a_fp:.1f}%); "
          f"{same:.1f}% matched the same speaker (likely real repeats)")  # fmt: skip
    top_scores = [s for s, *_ in neg]
    dist = "  ".join(f"p{q} {pct(top_scores, q):.1f}" for q in (50, 90, 99))
    print(f"matches[0].score (0 = no match >= 60, {100 * top_scores.count(0.0) / len(neg):.1f}%): {dist}"
          f"  max {max(top_scores):.1f}")  # fmt: skip
    print("highest-scoring non-exact negatives (exact ones are verbatim excerpts: Q submitted, S stored):")
    for s, _, sp, q, st in sorted((n for n in neg if not n[1]), key=lambda x: x[0], reverse=True)[:5]:
        print(f"  {s:5.1f} {'same' if sp else 'other'} speaker\n    Q: {short(q)}\n    S: {short(st)}")

    print("\n3. ALTERED_MIN_SCORE candidates (recomputed from recorded scores)")
    altered = [r for f, recs in records.items() if f not in VERIFIED_FAMILIES | PARTIAL_FAMILIES for r in recs]
    short_alt = [r for r in altered if r[5] <= SHORT_SOURCE_WORDS]
    print("FP: negatives exact or scoring >= t; other-spk: those matched to another speaker's statement.")
    print(f"recall: altered families, source at rank 1, not exact, score >= t; short: <= {SHORT_SOURCE_WORDS} words")
    print(f"{'threshold':>10}{'FP':>8}{'other-spk':>11}{'recall':>9}{'short':>8}   (n short = {len(short_alt)})")
    for t in CANDIDATE_THRESHOLDS:
        fp = rate(neg, lambda n, t=t: n[1] or n[0] >= t)
        other = rate(neg, lambda n, t=t: not n[2] and (n[1] or n[0] >= t))
        rec, rec_short = (rate(g, lambda r, t=t: r[0] and not r[3] and r[2] >= t) for g in (altered, short_alt))
        mark = "  <- current" if t == ALTERED_MIN_SCORE else ""
        print(f"{t:>10}{fp:>7.1f}%{other:>10.1f}%{rec:>8.1f}%{rec_short:>7.1f}%{mark}")

    print(f"\n4. timing: {len(clock)} verify calls, p50 {statistics.median(clock):.2f} ms, p99 {pct(clock, 99):.2f} ms")
    if args.examples:
        print("\nfirst failures per family (rank-1 miss or unexpected verdict):")
        for family, items in failures.items():
            for item in items:
                print(f"  [{family}] {item}")


if __name__ == "__main__":
    raise SystemExit(report.run(main, "calibration", "Threshold calibration (benchmarks/calibrate.py)"))
