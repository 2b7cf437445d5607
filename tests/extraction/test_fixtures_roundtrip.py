"""Both fixture articles: every curated direct and block quote is found with its exact span."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from api.extraction import KnownActor, extract

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
QUOTES = yaml.safe_load((FIXTURES / "quotes.yaml").read_text(encoding="utf-8"))
ACTORS = tuple(
    KnownActor(a["id"], a["name"], a["kind"], tuple(a.get("aliases") or ()))
    for a in yaml.safe_load((FIXTURES / "actors.yaml").read_text(encoding="utf-8"))
)
SOURCES = sorted({q["source"] for q in QUOTES})


@pytest.fixture(scope="module")
def extracted() -> dict:
    out = {}
    for source in SOURCES:
        text = (FIXTURES / "sources" / f"{source}.txt").read_text(encoding="utf-8")
        out[source] = (text, extract(text, ACTORS))
    return out


@pytest.mark.parametrize(
    "quote", [q for q in QUOTES if q["kind"] in ("direct", "block")], ids=lambda q: q["id"]
)
def test_direct_and_block_quotes_found_exactly(extracted: dict, quote: dict) -> None:
    _, found = extracted[quote["source"]]
    spans = {(q.start, q.end): q for q in found.quotes if q.kind == quote["kind"]}
    assert (quote["start"], quote["end"]) in spans
    got = spans[(quote["start"], quote["end"])]
    assert got.text == quote["text"]
    assert got.speaker and got.speaker.actor and got.speaker.actor.id == quote["speaker"]


@pytest.mark.parametrize(
    "quote", [q for q in QUOTES if q["kind"] == "partial"], ids=lambda q: q["id"]
)
def test_partial_quotes_found_exactly(extracted: dict, quote: dict) -> None:
    _, found = extracted[quote["source"]]
    assert (quote["start"], quote["end"], "partial") in {
        (q.start, q.end, q.kind) for q in found.quotes
    }


def test_every_span_indexes_the_text(extracted: dict) -> None:
    for text, found in extracted.values():
        for q in found.quotes:
            assert text[q.start : q.end] == q.text
        for s in found.speakers:
            for m in s.mentions:
                assert text[m.start : m.end] == m.text
