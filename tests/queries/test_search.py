"""Full-text search: stemming, relevance, snippets, type filters, windows; both databases."""

from sqlalchemy import text
from sqlalchemy.orm import Session

from api.queries.search import Page, PageStart, search
from tests.factories import make_actor, make_quote, make_source

ALL = ["quote", "position", "event", "actor", "source"]


def _ids(page: Page) -> list[str]:
    return [h["id"] for h in page.hits]


def test_stemmed_words_find_the_focused_document_first(session: Session) -> None:
    make_source(session)
    make_quote(session, id="t-shield-quote", text="we want a shared shield with one trigger")
    hits = search(session, "shields triggers", ALL, limit=10).hits
    assert [(h["type"], h["id"]) for h in hits][:2] == [
        ("quote", "t-shield-quote"),
        ("source", "t-source"),
    ]
    assert "<mark>" in hits[0]["snippet"]
    assert hits[0]["score"] >= hits[1]["score"]


def test_every_word_must_match_and_types_filter(session: Session) -> None:
    make_source(session)
    make_actor(session, id="t-zeta", name="Zeta Republic", aliases=["the Zetans"])
    assert _ids(search(session, "zetans", ["actor"], limit=5)) == ["t-zeta"]
    assert search(session, "zetans", ["quote"], limit=5) == Page([], None)
    assert search(session, "zeta unicorn", ALL, limit=5) == Page([], None)


def test_pages_do_not_overlap(session: Session) -> None:
    make_source(session)
    for i in range(5):
        make_actor(session, id=f"t-a{i}", name=f"Zeta member {i}")
    first = search(session, "zeta member", ["actor"], limit=3)
    assert first.next == PageStart(offset=3)
    second = search(session, "zeta member", ["actor"], limit=3, start=first.next)
    assert len(first.hits) == 3 and len(second.hits) == 2 and second.next is None
    assert not set(_ids(first)) & set(_ids(second))


def test_windows_rank_the_newest_matches_first_and_reach_every_match(session: Session) -> None:
    make_source(session)
    # Names of different lengths so that relevance differs from the order of creation.
    for i in range(8):
        make_actor(session, id=f"t-w{i}", name="Zeta " + "long " * ((i * 5) % 8) + f"w{i}")
    everything = search(session, "zeta", ["actor"], limit=50)
    assert everything.next is None and len(everything.hits) == 8
    relevance = _ids(everything)

    seen: list[list[str]] = []
    start = PageStart()
    for _ in range(10):
        page = search(session, "zeta", ["actor"], limit=2, start=start, window=3)
        seen.append(_ids(page))
        if page.next is None:
            break
        start = page.next
    walked = [i for ids in seen for i in ids]
    assert sorted(walked) == sorted(relevance), "every match once, none twice"
    # Windows of three, newest first: t-w7..t-w5, t-w4..t-w2, t-w1..t-w0; pages of two.
    windows = [walked[0:3], walked[3:6], walked[6:8]]
    assert [sorted(w) for w in windows] == [
        ["t-w5", "t-w6", "t-w7"],
        ["t-w2", "t-w3", "t-w4"],
        ["t-w0", "t-w1"],
    ]
    for w in windows:
        assert w == [i for i in relevance if i in w], "relevance order within a window"
    assert [len(ids) for ids in seen] == [2, 1, 2, 1, 2]


def test_a_start_past_the_window_is_an_empty_last_page(session: Session) -> None:
    make_source(session)
    make_actor(session, id="t-zeta", name="Zeta Republic")
    assert search(session, "zeta", ["actor"], limit=5, start=PageStart(offset=7)) == Page([], None)


def test_search_never_runs_on_a_generic_plan(session: Session) -> None:
    """On PostgreSQL a prepared statement's generic plan cannot see the words, and scans
    every match of a common word (bench/README.md); search turns such plans off for its
    transaction."""
    if session.get_bind().dialect.name != "postgresql":
        return
    make_source(session)
    for _ in range(7):  # psycopg prepares a statement on its fifth run
        search(session, "trigger", ALL, limit=5)
    assert session.execute(text("SHOW plan_cache_mode")).scalar() == "force_custom_plan"


def test_a_read_in_autocommit_searches_on_custom_plans_and_leaves_none_behind(engine) -> None:
    """Reads run without a transaction on PostgreSQL (api/web/session.py): there SET LOCAL
    would do nothing, so search sets the mode for its own statements and resets it."""
    if engine.dialect.name != "postgresql":
        return
    with Session(engine) as session:
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        for _ in range(7):  # past psycopg's fifth run, when it prepares the statement
            assert search(session, "missile", ALL, limit=5).hits
        assert session.execute(text("SHOW plan_cache_mode")).scalar() == "auto"
        generic = session.execute(
            text(
                "SELECT generic_plans FROM pg_prepared_statements "
                "WHERE statement LIKE '%search_documents%'"
            )
        ).scalars()
        assert not any(generic)
