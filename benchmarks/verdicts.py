"""Right verdicts on the claims people paste: real paragraphs, posts, informal spelling, paraphrases.

Why: the verdict is the product. A wrong "misattributed" accuses a correct post of fabrication;
a wrong "verified" launders a fake. This script measures, per family of claims, the share whose
verdict is right and whose top match is the real speaker's statement:
- ctx, swap, alter: real paragraphs of news articles with their attribution as published, with
  the speaker's mention replaced by another person's, and with one word changed inside the quote
  (built by ../shared/eval/make_claims.py from the articles file of the split);
- post-right / post-wrong: quotes of those articles inside social-media posts (benchmarks/
  claim_forms.py), credited to their speaker (full name, surname, title and surname) or to
  someone else; `-tuning` forms may be looked at while tuning, `-held-out` forms never are;
- informal (apostrophes dropped: verified), typo-negation (a typo inside a negation word:
  altered, with no negation flag), reordered (two sentences swapped: altered, flagged reordered),
  paraphrase-reported / paraphrase-direct (a reported statement or a direct quote restated in
  other words as "X said that ...": paraphrase);
- unstored, unstored-reported: real Quotebank quotes taken out of the corpus (those whose words
  are held anyway left out), as they are and framed as reported speech ("X said that ..."): any
  verdict but not_found is a false positive.

It also prints the rates the service promises: false "misattributed" on correctly credited text,
false "verified" on text with a changed word, and false verified/altered on unstored quotes.

Run:  .venv/bin/python benchmarks/verdicts.py --split dev [--databases sqlite postgresql] [--in-process]
      [--per-family 300] [--examples N --family F] [--write]
--split train tunes, --split dev reports.
--in-process checks through the use case directly (no database, no HTTP): quick, for tuning.
Over HTTP the corpus is imported with `python -m service import` and the claims are sent to
`python -m service serve` in JSON batches. It prints tables (--write also puts them in
docs/benchmarks.md); it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import claim_forms  # sibling scripts, not installed modules
import report as report_md
import verify as corpus_tools

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SPLITS = {"train": EVAL / "polnear-train-articles.jsonl", "dev": EVAL / "polnear-dev-articles.jsonl"}
# Quotes used in posts: long enough to be a claim, short enough for a post (longer ones are cut
# to their first sentences, as people do).
POST_MIN_WORDS = 6
POST_MAX_WORDS = 40
BATCH = 100
FAMILIES = (
    "ctx", "swap", "alter",
    "post-right-tuning", "post-wrong-tuning", "post-right-held-out", "post-wrong-held-out",
    "informal", "typo-negation", "reordered", "paraphrase-reported", "paraphrase-direct",
    "unstored", "unstored-reported",
)  # fmt: skip
# Families whose text credits the quote to its real speaker: a "misattributed" there is false.
CORRECTLY_CREDITED = ("ctx", "post-right-tuning", "post-right-held-out", "informal", "typo-negation", "reordered")
# Families with a changed word: a "verified" there is false.
CHANGED = ("alter", "typo-negation")


@dataclass(frozen=True, slots=True)
class Query:
    family: str
    text: str
    verdicts: tuple[str, ...]
    speaker: str | None  # the real speaker (None: nothing should match)
    flag: str | None = None  # a flag the top match must carry
    no_flags: tuple[str, ...] = ()  # flags it must not carry


@dataclass(slots=True)
class Answer:
    verdict: str
    speaker: str | None
    flags: tuple[str, ...]


@dataclass
class Tally:
    n: int = 0
    verdict: int = 0
    speaker: int = 0
    both: int = 0
    got: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[Query, Answer]] = field(default_factory=list)


def same_person(a: str | None, b: str | None) -> bool:
    """The scoring rule of the extraction figures: the names share their last word."""
    if not a or not b:
        return False
    return a.split()[-1].lower().strip(".,'’") == b.split()[-1].lower().strip(".,'’")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def make_claims(split: str, work: Path) -> tuple[Path, list[dict]]:
    out = work / split
    subprocess.run(
        [sys.executable, str(EVAL / "make_claims.py"), str(SPLITS[split]), str(out)], check=True, capture_output=True
    )
    return out / "corpus.jsonl", read_jsonl(out / "queries.jsonl")


def article_statements(split: str, kind: str) -> list[dict]:
    """The split's statements of one kind with a named gold speaker, one per text."""
    seen: set[str] = set()
    out = []
    for article in read_jsonl(SPLITS[split]):
        for q in article["quotes"]:
            if q["kind"] != kind or q["speaker_resolution"] != "gold_span" or not q["speaker"]:
                continue
            sp = q["speaker"]
            if "," in sp or not sp[:1].isupper() or len(q["text"].split()) < POST_MIN_WORDS:
                continue
            key = " ".join(q["text"].lower().split())
            if key in seen:
                continue
            seen.add(key)
            out.append(
                {"text": q["text"], "speaker": sp, "article": article["title"], "publisher": article["publisher"]}
            )
    return out


def post_quote(text_: str) -> str:
    """What a post quotes of a statement: all of it, or its first sentences up to POST_MAX_WORDS
    (without quotation marks of its own at either end, which the post supplies)."""
    text_ = text_.strip().strip("\"“”'‘’").strip()
    words = text_.split()
    if len(words) <= POST_MAX_WORDS:
        return text_.strip()
    sentences = re.split(r"(?<=[.!?])\s+", text_.strip())
    out: list[str] = []
    for s in sentences:
        if out and len(" ".join([*out, s]).split()) > POST_MAX_WORDS:
            break
        out.append(s)
    return " ".join(out) if len(" ".join(out).split()) >= POST_MIN_WORDS else " ".join(words[:POST_MAX_WORDS])


def name_variant(name: str, rng: random.Random) -> str:
    """How a post names a person: full name, surname, or a title and the surname."""
    parts = name.split()
    choice = rng.randrange(3) if len(parts) > 1 else rng.choice((1, 2))
    if choice == 0:
        return name
    if choice == 1:
        return parts[-1]
    return f"{claim_forms.TITLES[rng.randrange(len(claim_forms.TITLES))]} {parts[-1]}"


_NAME_WORD = r"(?:[A-Z]\.|[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*)"
_PERSON_NAME = re.compile(rf"^{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}$")


_INNER_QUOTE = re.compile('["“”]')


def post_queries(direct: list[dict], n: int, rng: random.Random) -> list[Query]:
    # Other people to pin a quote on: names that look like a person's (the annotation's speaker
    # strings also hold organisations, headlines and roles).
    names = sorted({d["speaker"] for d in direct if _PERSON_NAME.match(d["speaker"])})
    out = []
    for half, forms in (("tuning", claim_forms.FORMS_TUNING), ("held-out", claim_forms.FORMS_HELD_OUT)):
        form_names = sorted(forms)
        for d in rng.sample(direct, min(n, len(direct))):
            quote = post_quote(d["text"])
            form = forms[form_names[rng.randrange(len(form_names))]]
            right = name_variant(d["speaker"], rng)
            other = rng.choice(names)
            while same_person(other, d["speaker"]):
                other = rng.choice(names)
            wrong = name_variant(other, rng)
            out.append(Query(f"post-right-{half}", form(quote, right, rng), ("verified",), d["speaker"]))
            out.append(Query(f"post-wrong-{half}", form(quote, wrong, rng), ("misattributed",), d["speaker"]))
    return out


def spelling_queries(direct: list[dict], n: int, rng: random.Random) -> list[Query]:
    forms = claim_forms.FORMS_TUNING
    form_names = sorted(forms)
    out: list[Query] = []
    informal = [(d, claim_forms.drop_apostrophes(post_quote(d["text"]))) for d in direct]
    for d, q in rng.sample([x for x in informal if x[1]], min(n, sum(1 for x in informal if x[1]))):
        form = forms[form_names[rng.randrange(len(form_names))]]
        out.append(Query("informal", form(q, name_variant(d["speaker"], rng), rng), ("verified",), d["speaker"]))
    typos = [(d, claim_forms.negation_typo(post_quote(d["text"]), rng)) for d in direct]
    no_negation = ("negation_added", "negation_removed")
    for d, q in rng.sample([x for x in typos if x[1]], min(n, sum(1 for x in typos if x[1]))):
        claim = f'"{q}," {name_variant(d["speaker"], rng)} said.'
        out.append(Query("typo-negation", claim, ("altered",), d["speaker"], no_flags=no_negation))
    # (Quotes that quote someone themselves are left out: their inner marks would pair with the post's.)
    swapped = [
        (d, claim_forms.reorder(post_quote(d["text"]), rng)) for d in direct if not _INNER_QUOTE.search(d["text"])
    ]
    for d, q in rng.sample([x for x in swapped if x[1]], min(n, sum(1 for x in swapped if x[1]))):
        claim = f'"{q}" {name_variant(d["speaker"], rng)} said.'
        out.append(Query("reordered", claim, ("altered",), d["speaker"], flag="reordered"))
    return out


def paraphrase_queries(split: str, direct: list[dict], reported: list[dict], n: int) -> list[Query]:
    table = claim_forms.SYNONYMS_TUNING if split == "train" else claim_forms.SYNONYMS_HELD_OUT
    out = []
    for family, rows, is_direct in (("paraphrase-reported", reported, False), ("paraphrase-direct", direct, True)):
        made = [(d, claim_forms.paraphrase(d["text"], d["speaker"], table, direct=is_direct)) for d in rows]
        kept = [(d, p) for d, p in made if p is not None][:n]
        out += [Query(family, p.text, ("paraphrase",), d["speaker"]) for d, p in kept]
    return out


# A quote that shares a run of this many words with a stored statement is not unstored: the same
# words were quoted in another article (or Quotebank holds them), and finding them is no error.
SHARED_RUN_WORDS = 6


def _runs(text_: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text_.lower().replace("’", "'"))
    return {tuple(words[i : i + SHARED_RUN_WORDS]) for i in range(max(1, len(words) - SHARED_RUN_WORDS + 1))}


def hold_out(corpus_path: Path, n: int, rng: random.Random) -> list[dict]:
    """Take `n` of the background's Quotebank quotations out of the corpus file (they become the
    unstored queries) and return them: real quotes, by real people, that the service does not hold."""
    rows = read_jsonl(corpus_path)
    candidates = [i for i, r in enumerate(rows) if r.get("publisher") == "Quotebank" and len(r["text"].split()) >= 8]
    taken = set(rng.sample(candidates, min(n, len(candidates))))
    with corpus_path.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for i, r in enumerate(rows) if i not in taken)
    return [{"text": rows[i]["text"], "speaker": rows[i]["speaker"]} for i in sorted(taken)]


def unstored_queries(held: list[dict], corpus: list[dict]) -> list[Query]:
    """Held-out quotes as they are and as reported speech, those whose words the corpus holds anyway
    (Quotebank keeps several cuts of one quote, under one or several speakers) left out."""
    stored = set().union(*(_runs(r["text"]) for r in corpus))
    picked = [d for d in held if not (_runs(d["text"]) & stored)]
    out = [Query("unstored", d["text"], ("not_found",), None) for d in picked]
    out += [Query("unstored-reported", f"{d['speaker']} said that {d['text']}", ("not_found",), None) for d in picked]
    return out


def build(split: str, work: Path, per_family: int, seed: int) -> tuple[Path, list[Query]]:
    rng = random.Random(seed)
    corpus_path, real = make_claims(split, work)
    held = hold_out(corpus_path, per_family, rng)
    corpus = read_jsonl(corpus_path)
    reported = article_statements(split, "indirect")
    # The reported statements of the split are stored too, as an article's would be.
    with corpus_path.open("a", encoding="utf-8") as fh:
        for r in reported:
            row = {"text": r["text"], "speaker": r["speaker"], "kind": "indirect", "article_title": r["article"]}
            fh.write(json.dumps({**row, "publisher": r["publisher"]}) + "\n")
    queries = [
        Query(q["id"].split("-")[0], q["text"], tuple(q["verdict"]), q["speaker"]) for q in rng.sample(real, len(real))
    ]
    by_family: dict[str, list[Query]] = defaultdict(list)
    for q in queries:
        by_family[q.family].append(q)
    queries = [q for fam in ("ctx", "swap", "alter") for q in by_family[fam][: per_family * 3]]
    direct = article_statements(split, "direct")
    queries += post_queries(direct, per_family, rng)
    queries += spelling_queries(direct, per_family, rng)
    queries += paraphrase_queries(split, direct, reported, per_family)
    queries += unstored_queries(held, corpus)
    return corpus_path, queries


def score(queries: list[Query], answers: list[Answer]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for q, a in zip(queries, answers, strict=True):
        t = tallies[q.family]
        t.n += 1
        t.got[a.verdict] += 1
        ok_verdict = a.verdict in q.verdicts
        ok_verdict = ok_verdict and (q.flag is None or q.flag in a.flags)
        ok_verdict = ok_verdict and not any(f in a.flags for f in q.no_flags)
        ok_speaker = q.speaker is None or same_person(a.speaker, q.speaker)
        t.verdict += ok_verdict
        t.speaker += ok_speaker
        t.both += ok_verdict and ok_speaker
        if not (ok_verdict and ok_speaker):
            t.misses.append((q, a))
    return tallies


def report(title: str, tallies: dict[str, Tally]) -> str:
    """The family table and the rates the service promises, as markdown."""
    lines = [f"### {title}", ""]
    lines.append("| family | claims | right verdict | right top speaker | both | verdicts given |")
    lines.append("|---|---|---|---|---|---|")
    for fam in FAMILIES:
        t = tallies.get(fam)
        if not t or not t.n:
            continue
        given = ", ".join(f"{v} {c}" for v, c in t.got.most_common())
        lines.append(
            f"| {fam} | {t.n} | {t.verdict / t.n:.3f} | {t.speaker / t.n:.3f} | {t.both / t.n:.3f} | {given} |"
        )

    def rate(families: Iterable[str], verdicts: set[str]) -> str:
        n = sum(tallies[f].n for f in families if f in tallies)
        bad = sum(c for f in families if f in tallies for v, c in tallies[f].got.items() if v in verdicts)
        return f"{bad}/{n} = {bad / n:.2%}" if n else "-"

    matched = {"verified", "altered", "paraphrase", "misattributed"}
    lines += [
        "",
        f"- false misattributed on correctly credited text: {rate(CORRECTLY_CREDITED, {'misattributed'})}",
        f"- false verified on text with a changed word: {rate(CHANGED, {'verified'})}",
        f"- false verified/altered on unstored real quotes: {rate(['unstored'], {'verified', 'altered'})}",
        f"- any match on unstored real quotes: {rate(['unstored', 'unstored-reported'], matched)}",
    ]
    return "\n".join(lines) + "\n"


def answer_of(body: dict) -> Answer:
    top = body["matches"][0] if body.get("matches") and body["verdict"] != "not_found" else None
    return Answer(body["verdict"], top["speaker"]["name"] if top else None, tuple(top["flags"]) if top else ())


# ---- in process ------------------------------------------------------------------------------


def in_process(corpus_path: Path) -> Callable[[list[str]], list[Answer]]:
    from service.core.verify import check_claim, explained
    from service.matching import Matcher, SpeakerRef, Statement

    refs: dict[tuple, SpeakerRef] = {}

    def ref(r: dict) -> SpeakerRef:
        key = (r["speaker"], r.get("affiliation"), r.get("role"))
        return refs.setdefault(key, SpeakerRef(*key))

    rows = read_jsonl(corpus_path)
    matcher = Matcher(Statement(str(i), r["text"], r.get("kind") or "direct", ref(r)) for i, r in enumerate(rows))

    def run(texts: list[str]) -> list[Answer]:
        out = []
        for t in texts:
            check = check_claim(matcher, t)
            top = check.matches[0] if check.matches and check.verdict.value != "not_found" else None
            seg = check.segments[check.decisive]
            flags = explained(top, seg).flags if top else ()
            out.append(Answer(check.verdict.value, top.statement.speaker.name if top else None, flags))
        return out

    return run


# ---- over HTTP -------------------------------------------------------------------------------


def over_http(kind: str, corpus_path: Path, pg_url: str, work: Path, texts: list[str]) -> list[Answer]:
    url = corpus_tools.fresh_database(kind, pg_url, work, len(texts))
    env = {**os.environ, "DATABASE_URL": url, "SEED_ON_START": "false"}
    subprocess.run(
        [sys.executable, "-m", "service", "import", str(corpus_path), "--quiet", "--batch-size", "5000"],
        env=env,
        check=True,
        capture_output=True,
    )
    port = 18950
    server = corpus_tools.serve(env, 1, port, work / f"server-{kind}.log")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            answers = []
            for i in range(0, len(texts), BATCH):
                items = [{"id": str(i + k), "text": t} for k, t in enumerate(texts[i : i + BATCH])]
                r = client.post("/v1/verify/batch", json={"items": items})
                r.raise_for_status()
                answers += [
                    answer_of(item["result"]) if item["result"] else Answer("error", None, ())
                    for item in r.json()["items"]
                ]
            return answers
    finally:
        server.terminate()
        server.wait(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--databases", nargs="*", default=["sqlite", "postgresql"])
    parser.add_argument("--in-process", action="store_true", help="check through the use case, without HTTP")
    parser.add_argument("--per-family", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--examples", type=int, default=0, help="print up to N misses of --family")
    parser.add_argument("--family", action="append", default=[])
    parser.add_argument("--write", action="store_true", help="write the tables into docs/benchmarks.md")
    args = parser.parse_args()
    if not SPLITS[args.split].exists():
        print(f"no {SPLITS[args.split]}: this benchmark needs ../shared/eval beside the repository")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus_path, queries = build(args.split, work, args.per_family, args.seed)
        n_stored = sum(1 for _ in corpus_path.open(encoding="utf-8"))
        print(f"{args.split} split: {n_stored} statements stored, {len(queries)} claims")
        texts = [q.text for q in queries]
        runs: list[tuple[str, list[Answer]]] = []
        if args.in_process:
            t0 = time.perf_counter()
            runs.append(("in process", in_process(corpus_path)(texts)))
            print(f"in process: {time.perf_counter() - t0:.1f} s")
        else:
            for kind in args.databases:
                runs.append((f"over HTTP, {kind}", over_http(kind, corpus_path, args.postgres_url, work, texts)))
        tables = []
        for title, answers in runs:
            tallies = score(queries, answers)
            tables.append(report(f"{args.split} split, {title}", tallies))
            print("\n" + tables[-1])
            for fam in args.family:
                rng = random.Random(1)
                misses = tallies[fam].misses
                for q, a in rng.sample(misses, min(args.examples, len(misses))):
                    want = f"{q.verdicts} {q.speaker} {q.flag or ''}"
                    print(f"--- {fam}: want {want}; got {a.verdict} {a.speaker} {a.flags}")
                    print("   ", q.text[:500].replace("\n", "\\n"))
        if len(runs) == 2:
            differ = sum(a.verdict != b.verdict for a, b in zip(runs[0][1], runs[1][1], strict=True))
            tables.append(f"Verdicts that differ between {runs[0][0]} and {runs[1][0]}: {differ}.\n")
            print(tables[-1])
        if args.write:
            head = f"{args.split} split: {n_stored} statements stored, {len(queries)} claims.\n"
            command = "python benchmarks/verdicts.py " + " ".join(sys.argv[1:])
            report_md.write_section(
                f"verdicts-{args.split}",
                f"Verdicts on real claims ({args.split} split)",
                head + "\n".join(tables),
                command=command,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
