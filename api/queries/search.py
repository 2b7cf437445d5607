"""Full-text search in relevance order, with highlighted snippets, on SQLite and PostgreSQL.

Ranking every match of a common word costs time in proportion to the record (a third of a
million matches at a million quotes), so hits are ranked in windows: the `RANK_WINDOW`
most recently indexed matches first, best first within them, then the next window of older
matches, and so on. While a search has fewer matches than the window, the order is plain
relevance; the cost of a page is bounded by the window whatever the size of the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from api.db.search_index import DOC_TYPES, query_terms

MARK_START, MARK_END = "<mark>", "</mark>"
RANK_WINDOW = 200

# Verbatim words and names are what people search for; summaries and whole articles that
# mention the same words come after them at equal relevance.
TYPE_WEIGHTS = {"quote": 2.0, "actor": 2.0, "event": 1.5, "position": 1.0, "source": 1.0}
_WEIGHT = (
    "CASE doc_type "
    + " ".join(f"WHEN '{t}' THEN {w}" for t, w in TYPE_WEIGHTS.items())
    + " ELSE 1.0 END"
)

# Each dialect in three steps, none of which reads more than the window: where the window
# ends (the window-th newest match below `upper`, and the next one if older matches exist);
# one page of the window ranked (one hit more, to know whether the window goes on); labels
# and snippets for that page only. Ties rank newer first.
_SQLITE_WINDOW = """
SELECT rowid AS seq FROM search_fts WHERE search_fts MATCH :match AND rowid < :upper{types}
ORDER BY rowid DESC LIMIT 2 OFFSET :window
"""
_SQLITE_RANKED = """
SELECT rowid AS seq, bm25(search_fts) * {weight} AS score FROM search_fts
WHERE search_fts MATCH :match AND rowid >= :lower AND rowid < :upper{types}
ORDER BY score, rowid DESC LIMIT :limit OFFSET :offset
"""
# FTS5 walks every match to honour `rowid IN (...)` next to MATCH; a rowid range it seeks
# to, so the range leads and the IN (made no index constraint by the `+`) only filters.
_SQLITE_SHOWN = """
SELECT rowid AS seq, doc_type, doc_id, label,
       snippet(search_fts, 3, '<mark>', '</mark>', '…', 24) AS snippet
FROM search_fts WHERE search_fts MATCH :match AND rowid >= :first AND rowid <= :last
  AND +rowid IN ({shown})
"""
_POSTGRES_WINDOW = """
SELECT seq FROM search_documents
WHERE tsv @@ plainto_tsquery('english', :q) AND seq < :upper{types}
ORDER BY seq DESC LIMIT 2 OFFSET :window
"""
# ts_rank normalisation 2 divides by length: like bm25, the focused document ranks first.
_POSTGRES_RANKED = """
SELECT seq, -ts_rank(tsv, plainto_tsquery('english', :q), 2) * {weight} AS score
FROM search_documents
WHERE tsv @@ plainto_tsquery('english', :q) AND seq >= :lower AND seq < :upper{types}
ORDER BY score, seq DESC LIMIT :limit OFFSET :offset
"""
_POSTGRES_SHOWN = """
SELECT seq, doc_type, doc_id, label,
       ts_headline('english', body, plainto_tsquery('english', :q),
           'StartSel=<mark>, StopSel=</mark>, MaxWords=24, MinWords=8, MaxFragments=1,
            FragmentDelimiter=" … "') AS snippet
FROM search_documents WHERE seq IN ({shown})
"""
_SQL = {
    "sqlite": (_SQLITE_WINDOW, _SQLITE_RANKED, _SQLITE_SHOWN),
    "postgresql": (_POSTGRES_WINDOW, _POSTGRES_RANKED, _POSTGRES_SHOWN),
}
# Above every rowid and seq a database will hand out.
_TOP = 2**63 - 1


@dataclass(frozen=True)
class PageStart:
    """Where a page starts: `offset` hits into the window of matches below `upper`."""

    upper: int = _TOP
    offset: int = 0


_CURSOR = re.compile(r"(?:o|s([0-9]{1,19})\.)([0-9]{1,5})")


def parse_cursor(cursor: str | None) -> PageStart | None:
    """`o<offset>` in the first window, `s<upper>.<offset>` in a later one; None when the
    cursor is not one `cursor_of` makes."""
    if not cursor:
        return PageStart()
    found = _CURSOR.fullmatch(cursor)
    if found is None or int(found[2]) >= RANK_WINDOW or int(found[1] or 1) < 1:
        return None
    return PageStart(int(found[1]), int(found[2])) if found[1] else PageStart(offset=int(found[2]))


def cursor_of(start: PageStart | None) -> str | None:
    if start is None:
        return None
    if start.upper == PageStart().upper:
        return f"o{start.offset}"
    return f"s{start.upper}.{start.offset}"


@dataclass
class Page:
    hits: list[dict[str, Any]]
    next: PageStart | None

    def as_json(self) -> dict[str, Any]:
        return {"items": self.hits, "next_cursor": cursor_of(self.next)}


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


@contextmanager
def _runner(session: Session) -> Iterator[tuple[str, Any]]:
    """The dialect's name, and a function running SQL text with `:name` parameters.

    On PostgreSQL the statements are planned afresh each time, never from a prepared
    statement's generic plan: search plans well only when the planner sees the words (a
    generic plan scans every match of a common word, ten times slower at 100k rows).
    psycopg prepares a statement on its fifth run, so generic plans are turned off for the
    request's transaction or, for a read without one (autocommit), until the search ends."""
    connection = session.connection()
    dialect = connection.dialect.name

    def run(sql: str, params: dict[str, Any]) -> list[Any]:
        return list(connection.execute(text(sql), params).all())

    if dialect != "postgresql":
        yield dialect, run
    elif connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
        connection.exec_driver_sql("SET plan_cache_mode = force_custom_plan")
        try:
            yield dialect, run
        finally:
            connection.exec_driver_sql("RESET plan_cache_mode")
    else:
        connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
        yield dialect, run


def search_as_asked(session: Session, args: dict[str, Any], start: PageStart) -> Page:
    """The page SearchArgsSchema's `args` ask for (no `type`: every type), from `start`."""
    types = list(dict.fromkeys(args.get("type") or DOC_TYPES))
    return search(session, args["q"], types, limit=args["limit"], start=start)


def search(
    session: Session,
    q: str,
    types: list[str],
    *,
    limit: int,
    start: PageStart = PageStart(),
    window: int = RANK_WINDOW,
) -> Page:
    """One page of at most `limit` hits from `start`, each with a label and a snippet, and
    where the next page starts (None after the last)."""
    terms = query_terms(q)
    if not terms or not types:
        return Page([], None)
    with _runner(session) as (dialect, run):
        return _search(dialect, run, q, terms, types, limit, start, window)


def _search(
    dialect: str,
    run: Any,
    q: str,
    terms: list[str],
    types: list[str],
    limit: int,
    start: PageStart,
    window: int,
) -> Page:
    window_sql, ranked_sql, shown_sql = _SQL[dialect]
    params: dict[str, Any] = {"upper": start.upper, "window": window - 1}
    if dialect == "sqlite":
        params["match"] = _fts5_match(terms)
    else:
        params["q"] = q
    # Reading each match's type costs more than ranking it: filter only when asked to.
    types_sql = ""
    if set(types) != set(DOC_TYPES):
        type_params = {f"t{i}": t for i, t in enumerate(types)}
        types_sql = f" AND doc_type IN ({', '.join(f':{k}' for k in type_params)})"
        params.update(type_params)

    ends = [r.seq for r in run(window_sql.format(types=types_sql), params)]
    params.update(lower=ends[0] if ends else 0, limit=limit + 1, offset=start.offset)
    sql = ranked_sql.format(types=types_sql, weight=_WEIGHT)
    ranked = run(sql, params)
    page = ranked[:limit]
    following: PageStart | None = None
    if len(ranked) > limit:
        following = PageStart(start.upper, start.offset + limit)
    elif len(ends) > 1:
        following = PageStart(ends[0])
    if not page:
        return Page([], following)
    seqs = [r.seq for r in page]
    shown_params = {f"s{i}": seq for i, seq in enumerate(seqs)}
    shown = {
        row.seq: row
        for row in run(
            shown_sql.format(shown=", ".join(f":{k}" for k in shown_params)),
            {**params, **shown_params, "first": min(seqs), "last": max(seqs)},
        )
    }
    hits = [
        {
            "type": shown[r.seq].doc_type,
            "id": shown[r.seq].doc_id,
            "label": shown[r.seq].label,
            "snippet": shown[r.seq].snippet,
            "score": round(-float(r.score), 6),
        }
        for r in page
    ]
    return Page(hits, following)
