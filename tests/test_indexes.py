"""The queries behind the hot routes can use an index (EXPLAIN), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

CASES = [
    ("SELECT id FROM quotes WHERE id > 'm' ORDER BY id LIMIT 51", "pk_quotes"),
    ("SELECT id FROM quotes WHERE speaker_id = 'russia'", "ix_quotes_speaker_id"),
    ("SELECT id FROM positions WHERE topic_id = 'joint-control'", "ix_positions_topic_id"),
    ("SELECT id FROM events WHERE date_earliest <= '2011-01-31'", "ix_events_date_earliest"),
    (
        "SELECT id FROM revisions WHERE collection = 'quotes' AND item_id = 'x' ORDER BY id",
        "ix_revisions_item",
    ),
    (
        "SELECT event_id FROM event_participants WHERE actor_id = 'russia'",
        "ix_event_participants_actor_id",
    ),
]


def _plan(session: Session, sql: str) -> str:
    if session.get_bind().dialect.name == "sqlite":
        rows = session.execute(text(f"EXPLAIN QUERY PLAN {sql}")).all()
        return "\n".join(str(r[-1]) for r in rows)
    # Tiny test tables make a sequential scan cheapest; ask whether an index can serve.
    session.execute(text("SET LOCAL enable_seqscan = off"))
    return "\n".join(r[0] for r in session.execute(text(f"EXPLAIN {sql}")))


@pytest.mark.parametrize(("sql", "index"), CASES, ids=[c[1] for c in CASES])
def test_hot_queries_use_their_index(session: Session, sql: str, index: str) -> None:
    plan = _plan(session, sql)
    if index.startswith("pk_") and session.get_bind().dialect.name == "sqlite":
        # SQLite names the implicit primary-key index sqlite_autoindex_<table>_1.
        index = "sqlite_autoindex_quotes_1"
    assert index in plan, plan


def test_search_uses_the_full_text_index(session: Session) -> None:
    if session.get_bind().dialect.name == "sqlite":
        plan = _plan(session, "SELECT doc_id FROM search_fts WHERE search_fts MATCH 'missile'")
        assert "VIRTUAL TABLE INDEX" in plan, plan
    else:
        plan = _plan(
            session,
            "SELECT doc_id FROM search_documents "
            "WHERE tsv @@ plainto_tsquery('english', 'missile')",
        )
        assert "ix_search_documents_tsv" in plan, plan
