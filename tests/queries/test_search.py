"""Full-text search: stemming, relevance, snippets, type filters; same on both databases."""

from sqlalchemy.orm import Session

from api.queries.search import search
from tests.factories import make_actor, make_quote, make_source

ALL = ["quote", "position", "event", "actor", "source"]


def test_stemmed_words_find_the_focused_document_first(session: Session) -> None:
    make_source(session)
    make_quote(session, id="t-shield-quote", text="we want a shared shield with one trigger")
    hits = search(session, "shields triggers", ALL, limit=10, offset=0)
    assert [(h["type"], h["id"]) for h in hits][:2] == [
        ("quote", "t-shield-quote"),
        ("source", "t-source"),
    ]
    assert "<mark>" in hits[0]["snippet"]
    assert hits[0]["score"] >= hits[1]["score"]


def test_every_word_must_match_and_types_filter(session: Session) -> None:
    make_source(session)
    make_actor(session, id="t-zeta", name="Zeta Republic", aliases=["the Zetans"])
    assert [h["id"] for h in search(session, "zetans", ["actor"], limit=5, offset=0)] == ["t-zeta"]
    assert search(session, "zetans", ["quote"], limit=5, offset=0) == []
    assert search(session, "zeta unicorn", ALL, limit=5, offset=0) == []


def test_pages_do_not_overlap(session: Session) -> None:
    make_source(session)
    for i in range(5):
        make_actor(session, id=f"t-a{i}", name=f"Zeta member {i}")
    first = search(session, "zeta member", ["actor"], limit=3, offset=0)
    second = search(session, "zeta member", ["actor"], limit=3, offset=3)
    assert len(first) == 3 and len(second) == 2
    assert not {h["id"] for h in first} & {h["id"] for h in second}
