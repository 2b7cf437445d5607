"""Full-text search in relevance order, with highlighted snippets, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from api.search_index import query_terms

MARK_START, MARK_END = "<mark>", "</mark>"

# Verbatim words and names are what people search for; summaries and whole articles that
# mention the same words come after them at equal relevance.
TYPE_WEIGHTS = {"quote": 2.0, "actor": 2.0, "event": 1.5, "position": 1.0, "source": 1.0}
_WEIGHT = (
    "CASE doc_type "
    + " ".join(f"WHEN '{t}' THEN {w}" for t, w in TYPE_WEIGHTS.items())
    + " ELSE 1.0 END"
)

_SQLITE_SEARCH = """
SELECT doc_type, doc_id, label, bm25(search_fts) * {weight} AS score,
       snippet(search_fts, 3, '<mark>', '</mark>', '…', 24) AS snippet
FROM search_fts
WHERE search_fts MATCH :match AND doc_type IN ({types})
ORDER BY score, doc_type, doc_id
LIMIT :limit OFFSET :offset
"""

# ts_rank normalisation 2 divides by length: like bm25, the focused document ranks first.
_POSTGRES_SEARCH = """
WITH query AS (SELECT plainto_tsquery('english', :q) AS tsq),
hits AS (
    SELECT doc_type, doc_id, label, body, -ts_rank(tsv, query.tsq, 2) * {weight} AS score
    FROM search_documents, query
    WHERE tsv @@ query.tsq AND doc_type IN ({types})
    ORDER BY score, doc_type, doc_id
    LIMIT :limit OFFSET :offset
)
SELECT doc_type, doc_id, label, score,
       ts_headline('english', body, query.tsq,
           'StartSel=<mark>, StopSel=</mark>, MaxWords=24, MinWords=8, MaxFragments=1,
            FragmentDelimiter=" … "') AS snippet
FROM hits, query
ORDER BY score, doc_type, doc_id
"""


def _fts5_match(terms: list[str]) -> str:
    return " ".join(f'"{t}"' for t in terms)


def matching_ids(session: Session, q: str, doc_type: str) -> TextClause:
    """A subquery of the ids of `doc_type` documents matching `q`, for use in IN (...)."""
    if session.get_bind().dialect.name == "sqlite":
        clause = text(
            "SELECT doc_id FROM search_fts WHERE search_fts MATCH :match AND doc_type = :dt"
        ).bindparams(match=_fts5_match(query_terms(q)), dt=doc_type)
    else:
        clause = text(
            "SELECT doc_id FROM search_documents "
            "WHERE tsv @@ plainto_tsquery('english', :q) AND doc_type = :dt"
        ).bindparams(q=q, dt=doc_type)
    return clause


def search(
    session: Session, q: str, types: list[str], *, limit: int, offset: int
) -> list[dict[str, Any]]:
    """At most `limit` hits from `offset`, best first, each with a label and a snippet."""
    terms = query_terms(q)
    if not terms or not types:
        return []
    type_params = {f"t{i}": t for i, t in enumerate(types)}
    placeholders = ", ".join(f":{k}" for k in type_params)
    params: dict[str, Any] = {"limit": limit, "offset": offset, **type_params}
    if session.get_bind().dialect.name == "sqlite":
        sql, params["match"] = _SQLITE_SEARCH, _fts5_match(terms)
    else:
        sql, params["q"] = _POSTGRES_SEARCH, q
    sql = sql.format(types=placeholders, weight=_WEIGHT)
    hits = session.execute(text(sql), params).mappings().all()
    return [
        {
            "type": h["doc_type"],
            "id": h["doc_id"],
            "label": h["label"],
            "snippet": h["snippet"],
            "score": round(-float(h["score"]), 6),
        }
        for h in hits
    ]
