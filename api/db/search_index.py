"""The full-text index: one document per searchable item, SQLite FTS5 or PostgreSQL tsvector.

The tables are created by the migration (they are not models: their shape is per database).
Writers call `index_document` after every change, so the index never lags the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

DOC_TYPES = ("quote", "position", "event", "actor", "source")


def _table(session: Session) -> str:
    return "search_fts" if session.get_bind().dialect.name == "sqlite" else "search_documents"


def unindex_document(session: Session, doc_type: str, doc_id: str) -> None:
    session.execute(
        text(f"DELETE FROM {_table(session)} WHERE doc_type = :t AND doc_id = :i"),
        {"t": doc_type, "i": doc_id},
    )


def index_document(
    session: Session, doc_type: str, doc_id: str, label: str, *more: str | None
) -> None:
    """Index `label` (what a hit shows: text, summary, title or name) and `more` words."""
    unindex_document(session, doc_type, doc_id)
    body = "\n".join(p for p in (label, *more) if p)
    session.execute(
        text(
            f"INSERT INTO {_table(session)} (doc_type, doc_id, label, body) VALUES (:t, :i, :l, :b)"
        ),
        {"t": doc_type, "i": doc_id, "l": label, "b": body},
    )


# What each kind of document shows as its label, and the further words it is found by.
_PARTS: dict[str, Callable[[Any], tuple[str, ...]]] = {
    "quote": lambda q: (q.text,),
    "position": lambda p: (p.summary,),
    "event": lambda e: (e.title, e.description),
    "actor": lambda a: (a.name, *a.alias_names),
    "source": lambda s: (s.title, s.text),
}


def index_row(session: Session, doc_type: str, row: Any) -> None:
    index_document(session, doc_type, row.id, *_PARTS[doc_type](row))


def query_terms(q: str) -> list[str]:
    """The words of a search, as both engines will see them."""
    return re.findall(r"\w+", q.lower())
