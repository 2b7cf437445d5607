"""`make bench-extract`: quote extraction speed and memory in one process on one core.

Corpus: the two fixture articles plus every eval/dev text, repeated to at least --words words.
Prints words/second for extract() and for the naive way (the model's full pipeline on the
whole text), the latency of ~1,000-word articles (median and p95 over --runs calls), and the
resident memory the model adds to the process.

    .venv/bin/python bench/extraction.py                 # ~60,000 words, 100 latency runs
    .venv/bin/python bench/extraction.py --words 20000 --runs 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/profile.py would shadow the standard library's profile module that spaCy imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def corpus() -> list[str]:
    paths = sorted((ROOT / "fixtures" / "sources").glob("*.txt"))
    paths += sorted((ROOT / "eval" / "dev").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def articles(texts: list[str], size: int = 1000) -> list[str]:
    """Articles of about `size` words, made of whole paragraphs of the corpus in order."""
    paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
    out, current, words = [], [], 0
    for p in paragraphs:
        current.append(p)
        words += len(p.split())
        if words >= size:
            out.append("\n\n".join(current))
            current, words = [], 0
    return out or ["\n\n".join(current)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=60_000)
    ap.add_argument("--runs", type=int, default=100)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    before_import = rss_mib()
    from api.extraction import extract, model

    imported = rss_mib()
    t0 = time.perf_counter()
    nlp = model.load()
    load_s = time.perf_counter() - t0
    loaded = rss_mib()

    texts = corpus()
    batch = []
    while sum(len(t.split()) for t in batch) < args.words:
        batch.extend(texts)
    words = sum(len(t.split()) for t in batch)
    for t in texts:
        extract(t)  # warm up
    t0 = time.perf_counter()
    for t in batch:
        extract(t)
    fast = time.perf_counter() - t0
    after_run = rss_mib()

    # The naive prototype: the whole published pipeline (ner, lemmatizer too) on every word.
    import spacy

    full = spacy.load(model.model_dir())
    sample = texts * max(1, (words // 4) // max(1, sum(len(t.split()) for t in texts)))
    sample_words = sum(len(t.split()) for t in sample)
    t0 = time.perf_counter()
    for _ in full.pipe(sample):
        pass
    naive = time.perf_counter() - t0
    del full, nlp

    docs = articles(texts)
    latencies = []
    for i in range(args.runs):
        doc = docs[i % len(docs)]
        t0 = time.perf_counter()
        extract(doc)
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    mean_words = statistics.mean(len(d.split()) for d in docs)

    rows = [
        ("corpus", f"{len(texts)} texts (2 fixture articles + eval/dev), {words:,} words"),
        ("extract() words/second", f"{words / fast:,.0f}"),
        ("naive full pipeline words/second", f"{sample_words / naive:,.0f}"),
        ("speed-up over naive", f"{(words / fast) / (sample_words / naive):.1f}x"),
        (f"latency, {len(docs)} articles of ~{mean_words:,.0f} words", ""),
        ("  median ms", f"{statistics.median(latencies):.1f}"),
        ("  p95 ms", f"{p95:.1f}"),
        ("model load s (first call)", f"{load_s:.2f}"),
        (
            "RSS MiB: start / imported / loaded",
            f"{before_import:.0f} / {imported:.0f} / {loaded:.0f}",
        ),
        ("RSS MiB after the corpus", f"{after_run:.0f}"),
        (
            "memory the model adds, MiB",
            f"{loaded - imported:.0f} loaded, {after_run - imported:.0f} in use",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print("$ .venv/bin/python bench/extraction.py  (one process, pinned to one core)")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
