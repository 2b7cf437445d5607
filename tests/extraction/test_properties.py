"""Properties: extract() never raises, and every span it returns indexes the text it was given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.extraction import Extraction, KnownActor, extract

MARKS = "\"'“”‘’«»‹›„‚`"
PIECES = st.sampled_from(
    [
        " said ",
        ", he said, ",
        " according to ",
        "Rasmussen",
        " told reporters ",
        "Mr. Smith",
        ":\n\n",
        "\n",
        "\n\n",
        ". ",
        " that ",
        "don't",
        "’90s",
        "– Christian Caryl",
        "\u00a0",
        "\u200b",
        "😀",
        "ﬁ",
        "e\u0301",
    ]
)
TEXT = st.lists(
    st.one_of(st.text(min_size=0, max_size=12), st.sampled_from(list(MARKS)), PIECES),
    max_size=40,
).map("".join)
ACTORS = (KnownActor("anders-fogh-rasmussen", "Anders Fogh Rasmussen", "person", ("Rasmussen",)),)


def check(text: str, found: Extraction) -> None:
    assert isinstance(found, Extraction)
    for q in found.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in ("direct", "partial", "block", "reported")
        assert 0.0 <= q.confidence <= 1.0
        for span in (q.cue, q.speaker):
            if span is not None:
                assert text[span.start : span.end] == span.text
    for s in found.speakers:
        for m in s.mentions:
            assert text[m.start : m.end] == m.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_never_raises_and_spans_index_the_text(text: str) -> None:
    check(text, extract(text, ACTORS))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode(text: str) -> None:
    check(text, extract(text))
