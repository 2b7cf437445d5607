"""The floor: a bare WSGI function giving the service's JSON for the benchmarked reads.

No framework, no ORM, no schema: the DB-API driver (sqlite3 or psycopg), hand-written SQL
equivalent to what the service asks, plain tuples to dicts, orjson. Served by gunicorn with the
service's settings, it is the cost of the work itself, the bar the service is measured against
(`bench/run.py` also checks that both answer the same JSON).

    FLOOR_DATABASE_URL=sqlite:///bench/data/synth-10000.db gunicorn -w 2 bench.floor:app

Endpoints: /v1/quotes?limit=&cursor=, /v1/quotes/<id>, /v1/topics/<id>/comparison?as_of=,
/v1/search?q=&limit= (the service's query shape: the newest 1,000 matches ranked, the top n),
/v1/search-fast?q=&limit= (the bounded shape: the index scan stops after n matches), and
/empty (`{}`, no database: what gunicorn's sync workers cost by themselves).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

import orjson

URL = os.environ.get("FLOOR_DATABASE_URL", "")
POSTGRES = URL.startswith(("postgresql", "postgres:"))
UTC = dt.UTC

_connection: Any = None


def _connect() -> Any:
    global _connection
    if _connection is None:
        if POSTGRES:
            import psycopg

            url = URL.replace("postgresql+psycopg://", "postgresql://")
            _connection = psycopg.connect(url, autocommit=True)
        else:
            path = URL.removeprefix("sqlite:///")
            _connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    return _connection


def _sql(query: str) -> str:
    return query.replace("?", "%s") if POSTGRES else query


def rows(query: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    return _connect().execute(_sql(query), tuple(params)).fetchall()


def timestamp(value: Any) -> str:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


_PRECISION = {4: "year", 7: "month", 10: "day"}


# -- quotes -----------------------------------------------------------------------------------

_QUOTE_SQL = """
SELECT q.id, q.text, q.attribution, q.span_start, q.span_end, q.kind, q.notes, q.date,
       q.date_inferred, q.created_at, q.updated_at,
       a.id, a.name, a.kind, s.id, s.title, e.id, e.title
FROM (SELECT * FROM quotes WHERE {where} ORDER BY id LIMIT {limit}) q
LEFT JOIN actors a ON a.id = q.speaker_id
JOIN sources s ON s.id = q.source_id
LEFT JOIN events e ON e.id = q.event_id
ORDER BY q.id
"""


def _quote(r: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "id": r[0],
        "text": r[1],
        "speaker": {"id": r[11], "name": r[12], "kind": r[13]} if r[11] is not None else None,
        "attribution": r[2],
        "source": {"id": r[14], "title": r[15]},
        "start": r[3],
        "end": r[4],
        "kind": r[5],
        "event": {"id": r[16], "title": r[17]} if r[16] is not None else None,
        "notes": r[6],
        "date": r[7],
        "date_precision": _PRECISION[len(r[7])],
        "date_inferred": bool(r[8]),
        "created_at": timestamp(r[9]),
        "updated_at": timestamp(r[10]),
    }


def _cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(("k1:" + last_id).encode()).decode().rstrip("=")


def quotes_page(args: dict[str, str]) -> Any:
    limit = int(args.get("limit", 50))
    where, params = "deleted_at IS NULL", []
    if args.get("cursor"):
        raw = args["cursor"]
        where += " AND id > ?"
        params.append(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()[3:])
    found = rows(_QUOTE_SQL.format(where=where, limit=limit + 1), params)
    items = [_quote(r) for r in found[:limit]]
    next_cursor = _cursor(items[-1]["id"]) if len(found) > limit else None
    return {"items": items, "next_cursor": next_cursor, "facets": []}


def quote_item(quote_id: str) -> Any:
    found = rows(_QUOTE_SQL.format(where="id = ? AND deleted_at IS NULL", limit=1), [quote_id])
    return _quote(found[0]) if found else None


# -- comparison -------------------------------------------------------------------------------

_TOPIC_SQL = """
SELECT t.id, t.title, o.id, o.label
FROM topics t LEFT JOIN options o ON o.topic_id = t.id
WHERE t.id = ? AND t.deleted_at IS NULL
ORDER BY o.rank
"""
_ON_RECORD = """p.topic_id = ? AND p.deleted_at IS NULL AND p.date_earliest <= ?
  AND (p.valid_to_latest IS NULL OR p.valid_to_latest >= ?)
  AND NOT EXISTS (SELECT 1 FROM positions l WHERE l.supersedes_id = p.id
                  AND l.date_latest <= ? AND l.deleted_at IS NULL)"""
_POSITIONS_SQL = f"""
SELECT p.id, p.stance, p.summary, p.date, p.date_inferred, p.date_latest, p.valid_to_earliest,
       p.option_id, a.id, a.name, a.kind,
       EXISTS (SELECT 1 FROM positions m WHERE m.supersedes_id = p.id
               AND m.date_earliest <= ? AND m.deleted_at IS NULL)
FROM positions p JOIN actors a ON a.id = p.actor_id
WHERE {_ON_RECORD}
ORDER BY p.date_earliest, p.id
"""
_EVIDENCE_SQL = f"""
SELECT pe.position_id, q.id, q.text, q.attribution, q.date, q.span_start, q.span_end,
       qa.id, qa.name, qa.kind, qs.id, qs.title,
       s.id, s.title, pe.span_start, pe.span_end, pe.excerpt
FROM position_evidence pe
LEFT JOIN quotes q ON q.id = pe.quote_id
LEFT JOIN actors qa ON qa.id = q.speaker_id
LEFT JOIN sources qs ON qs.id = q.source_id
LEFT JOIN sources s ON s.id = pe.source_id
WHERE pe.position_id IN (SELECT p.id FROM positions p WHERE {_ON_RECORD})
ORDER BY pe.id
"""


def _evidence(r: tuple[Any, ...]) -> dict[str, Any]:
    if r[1] is None:
        return {
            "quote": None,
            "source": {"id": r[12], "title": r[13]},
            "start": r[14],
            "end": r[15],
            "excerpt": r[16],
        }
    source = {"id": r[10], "title": r[11]}
    return {
        "quote": {
            "id": r[1],
            "text": r[2],
            "speaker": {"id": r[7], "name": r[8], "kind": r[9]} if r[7] is not None else None,
            "attribution": r[3],
            "source": source,
            "date": r[4],
        },
        "source": source,
        "start": r[5],
        "end": r[6],
        "excerpt": r[2],
    }


def _cell(option: str | None, positions: list[dict[str, Any]], evidence: list[Any]) -> Any:
    stances = {p["stance"] for p in positions}
    stance = "unknown" if not stances else stances.pop() if len(stances) == 1 else "mixed"
    return {
        "option": option,
        "stance": stance,
        "certain": all(p["certain"] for p in positions),
        "positions": positions,
        "evidence": evidence,
    }


def comparison(topic_id: str, args: dict[str, str]) -> Any:
    as_of = dt.date.fromisoformat(args["as_of"]) if "as_of" in args else dt.date.today()
    day: Any = as_of if POSTGRES else as_of.isoformat()
    conn = _connect()
    if not POSTGRES:
        conn.execute("BEGIN")
    try:
        topic = rows(_TOPIC_SQL, [topic_id])
        if not topic:
            return None
        options = [(r[2], r[3]) for r in topic if r[2] is not None]
        found = rows(_POSITIONS_SQL, [day, topic_id, day, day, day])
        evidence: dict[str, list[Any]] = {p[0]: [] for p in found}
        if found:
            for r in rows(_EVIDENCE_SQL, [topic_id, day, day, day]):
                evidence[r[0]].append(_evidence(r))
    finally:
        if not POSTGRES:
            conn.execute("COMMIT")
    by_actor: dict[str, list[tuple[Any, ...]]] = {}
    actors: dict[str, dict[str, Any]] = {}
    for p in found:
        actors[p[8]] = {"id": p[8], "name": p[9], "kind": p[10]}
        by_actor.setdefault(p[8], []).append(p)
    option_ids = [o[0] for o in options]
    result_rows = []
    for actor_id in sorted(actors, key=lambda i: (actors[i]["name"].lower(), i)):
        cells: dict[str | None, tuple[list[Any], list[Any]]] = {o: ([], []) for o in option_ids}
        cells[None] = ([], [])
        for p in by_actor[actor_id]:
            latest, valid_to = p[5], p[6]
            if not POSTGRES:
                latest = dt.date.fromisoformat(latest)
                valid_to = dt.date.fromisoformat(valid_to) if valid_to else None
            certain = latest <= as_of and (valid_to is None or valid_to >= as_of) and not p[11]
            positions, cell_evidence = cells[p[7]]
            positions.append(
                {
                    "id": p[0],
                    "stance": p[1],
                    "summary": p[2],
                    "date": p[3],
                    "date_precision": _PRECISION[len(p[3])],
                    "date_inferred": bool(p[4]),
                    "actor": actors[actor_id],
                    "rolled_up": False,
                    "role": None,
                    "certain": certain,
                }
            )
            cell_evidence.extend(evidence[p[0]])
        result_rows.append(
            {
                "actor": actors[actor_id],
                "cells": [_cell(o, *cells[o]) for o in option_ids],
                "topic_level": _cell(None, *cells[None]),
            }
        )
    return {
        "topic": {"id": topic[0][0], "title": topic[0][1]},
        "as_of": as_of.isoformat(),
        "roll_up": False,
        "options": [{"id": o[0], "label": o[1]} for o in options],
        "rows": result_rows,
    }


# -- search -----------------------------------------------------------------------------------

_WEIGHT = (
    "CASE doc_type WHEN 'quote' THEN 2.0 WHEN 'actor' THEN 2.0 WHEN 'event' THEN 1.5"
    " WHEN 'position' THEN 1.0 WHEN 'source' THEN 1.0 ELSE 1.0 END"
)
_TYPES = "'quote', 'position', 'event', 'actor', 'source'"
_WINDOW = 200
# The service's shape (api/queries/search.py): where the window of the newest 200 matches
# ends, the top n of it by relevance, then labels and snippets for those n only.
_SQLITE_WINDOW = f"""
SELECT rowid FROM search_fts WHERE search_fts MATCH ?
ORDER BY rowid DESC LIMIT 2 OFFSET {_WINDOW - 1}
"""
_SQLITE_RANKED = f"""
SELECT rowid, bm25(search_fts) * {_WEIGHT} AS score FROM search_fts
WHERE search_fts MATCH ? AND rowid >= ? ORDER BY score, rowid DESC LIMIT ?
"""
_SQLITE_SHOWN = """
SELECT rowid, doc_type, doc_id, label, snippet(search_fts, 3, '<mark>', '</mark>', '…', 24)
FROM search_fts WHERE search_fts MATCH ? AND rowid >= ? AND rowid <= ? AND +rowid IN ({marks})
"""
_PG_HEADLINE = (
    "ts_headline('english', body, plainto_tsquery('english', ?), 'StartSel=<mark>, "
    'StopSel=</mark>, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=" … "\')'
)
_PG_WINDOW = f"""
SELECT seq FROM search_documents WHERE tsv @@ plainto_tsquery('english', ?)
ORDER BY seq DESC LIMIT 2 OFFSET {_WINDOW - 1}
"""
_PG_RANKED = f"""
SELECT seq, -ts_rank(tsv, plainto_tsquery('english', ?), 2) * {_WEIGHT} AS score
FROM search_documents WHERE tsv @@ plainto_tsquery('english', ?) AND seq >= ?
ORDER BY score, seq DESC LIMIT ?
"""
_PG_SHOWN = f"""
SELECT seq, doc_type, doc_id, label, {_PG_HEADLINE} FROM search_documents WHERE seq IN ({{marks}})
"""
# The bounded shape: the index scan stops after n matches (newest first on SQLite), and only
# those are scored and snippeted. Not the same order as the service: its cost floor.
_SQLITE_SEARCH_FAST = f"""
SELECT doc_type, doc_id, label, bm25(search_fts) * {_WEIGHT} AS score,
       snippet(search_fts, 3, '<mark>', '</mark>', '…', 24)
FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?
"""
_PG_HEADLINE_OF_QUERY = _PG_HEADLINE.replace("plainto_tsquery('english', ?)", "query.tsq")
_PG_SEARCH_FAST = f"""
WITH query AS (SELECT plainto_tsquery('english', ?) AS tsq),
hits AS (
    SELECT doc_type, doc_id, label, body, -ts_rank(tsv, query.tsq, 2) * {_WEIGHT} AS score
    FROM search_documents, query WHERE tsv @@ query.tsq LIMIT ?
)
SELECT doc_type, doc_id, label, score, {_PG_HEADLINE_OF_QUERY}
FROM hits, query ORDER BY score, doc_type, doc_id
"""


def search(args: dict[str, str], fast: bool = False) -> Any:
    """The first page only (the benchmark asks for no other)."""
    q = args.get("q", "")
    limit = int(args.get("limit", 20))
    match = " ".join(f'"{t}"' for t in re.findall(r"\w+", q.lower()))
    text = q if POSTGRES else match
    if fast:
        found = rows(_PG_SEARCH_FAST if POSTGRES else _SQLITE_SEARCH_FAST, [text, limit + 1])
        return _search_body(found[:limit], f"o{limit}" if len(found) > limit else None)
    ends = [r[0] for r in rows(_PG_WINDOW if POSTGRES else _SQLITE_WINDOW, [text])]
    lower = ends[0] if ends else 0
    if POSTGRES:
        ranked = rows(_PG_RANKED, [q, q, lower, limit + 1])
    else:
        ranked = rows(_SQLITE_RANKED, [match, lower, limit + 1])
    page = ranked[:limit]
    marks = ", ".join("?" * len(page))
    shown_sql = (_PG_SHOWN if POSTGRES else _SQLITE_SHOWN).format(marks=marks)
    seqs = [r[0] for r in page]
    bounds = [] if POSTGRES or not seqs else [min(seqs), max(seqs)]
    shown = {r[0]: r[1:] for r in rows(shown_sql, [text, *bounds, *seqs])} if page else {}
    found = [(*shown[seq][:3], score, shown[seq][3]) for seq, score in page]
    next_cursor = f"o{limit}" if len(ranked) > limit else f"s{lower}.0" if len(ends) > 1 else None
    return _search_body(found, next_cursor)


def _search_body(found: list[tuple[Any, ...]], next_cursor: str | None) -> Any:
    items = [
        {"type": h[0], "id": h[1], "label": h[2], "snippet": h[4], "score": round(-float(h[3]), 6)}
        for h in found
    ]
    return {"items": items, "next_cursor": next_cursor}


# -- WSGI -------------------------------------------------------------------------------------

_HEADERS = [("Content-Type", "application/json")]
_NOT_FOUND = b'{"status": 404, "title": "Not Found"}'


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    global _connection
    try:
        return _answer(environ, start_response)
    except Exception:
        # A lost database connection (a server restart) is replaced on the next request, as
        # the service's pool does; the error is this request's 503.
        if _connection is not None:
            with contextlib.suppress(Exception):
                _connection.close()
        _connection = None
        start_response("503 Service Unavailable", _HEADERS)
        return [b'{"status": 503, "title": "Service Unavailable"}']


def _answer(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    path = environ.get("PATH_INFO", "")
    args = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    parts = path.strip("/").split("/")
    body: Any = None
    if parts[:2] == ["v1", "quotes"]:
        body = quotes_page(args) if len(parts) == 2 else quote_item(parts[2])
    elif parts[:2] == ["v1", "topics"] and len(parts) == 4 and parts[3] == "comparison":
        body = comparison(parts[2], args)
    elif path == "/v1/search":
        body = search(args)
    elif path == "/v1/search-fast":
        body = search(args, fast=True)
    elif path == "/empty":
        body = {}
    if body is None:
        start_response("404 Not Found", _HEADERS)
        return [_NOT_FOUND]
    data = orjson.dumps(body)
    start_response("200 OK", [*_HEADERS, ("Content-Length", str(len(data)))])
    return [data]
