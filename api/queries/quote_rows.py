"""Quotes as finished JSON dicts straight from one SQL query: the quote pages and items.

Same answer as QuoteSchema's dump of the ORM objects (a test proves it), without building
ORM objects or running marshmallow per row.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, bindparam, select
from sqlalchemy.orm import Session, aliased

from api.models import Actor, Event, Quote, Source
from api.models.partial_dates import PRECISION_BY_LENGTH


def _page(*where: ColumnElement[bool], limit: Any) -> Select:
    """The quotes matching `where` in id order, up to `limit`, with their references.

    The page is cut before the joins: joined first, PostgreSQL sizes a Memoize cache for
    every actor and source in the table (2 ms at a million quotes) to fetch 51 rows.
    """
    if isinstance(limit, int):
        # Written into the SQL, so that a cached plan knows it.
        limit = bindparam("limit", limit, literal_execute=True)
    page = select(Quote).where(*where).order_by(Quote.id).limit(limit).subquery("page")
    q = aliased(Quote, page)
    return (
        select(
            q.id,
            q.text,
            q.attribution,
            q.start.label("start"),
            q.end.label("end"),
            q.kind,
            q.notes,
            q.date,
            q.date_inferred,
            q.created_at,
            q.updated_at,
            Actor.id.label("speaker_id"),
            Actor.name.label("speaker_name"),
            Actor.kind.label("speaker_kind"),
            Source.id.label("source_id"),
            Source.title.label("source_title"),
            Event.id.label("event_id"),
            Event.title.label("event_title"),
        )
        .select_from(q)
        .join(Source, Source.id == q.source_id)
        .outerjoin(Actor, Actor.id == q.speaker_id)
        .outerjoin(Event, Event.id == q.event_id)
        .order_by(q.id)
    )


def quote_json(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "text": r.text,
        "attribution": r.attribution,
        "start": r.start,
        "end": r.end,
        "kind": r.kind,
        "notes": r.notes,
        "date": r.date,
        "date_precision": PRECISION_BY_LENGTH[len(r.date)],
        "date_inferred": r.date_inferred,
        "created_at": r.created_at.isoformat(),
        "updated_at": r.updated_at.isoformat(),
        "speaker": None
        if r.speaker_id is None
        else {"id": r.speaker_id, "name": r.speaker_name, "kind": r.speaker_kind},
        "source": {"id": r.source_id, "title": r.source_title},
        "event": None if r.event_id is None else {"id": r.event_id, "title": r.event_title},
    }


_LIVE = Quote.deleted_at.is_(None)


@cache
def _plain_page(after: bool) -> Select:
    """Every live quote, first page or after a key: built once, bound per request."""
    where = [_LIVE, Quote.id > bindparam("after")] if after else [_LIVE]
    return _page(*where, limit=bindparam("limit", type_=Integer, literal_execute=True))


@cache
def _one_quote() -> Select:
    return _page(_LIVE, Quote.id == bindparam("quote_id"), limit=1)


def quote_items(
    session: Session, where: ColumnElement[bool] | None, after: str | None, limit: int
) -> list[dict[str, Any]]:
    """Up to `limit` quotes matching `where`, after id `after`, in id order."""
    if where is None or where.compare(_LIVE):
        params: dict[str, Any] = (
            {"limit": limit} if after is None else {"limit": limit, "after": after}
        )
        rows = session.connection().execute(_plain_page(after is not None), params)
        return [quote_json(r) for r in rows]
    conditions = [c for c in (where, None if after is None else Quote.id > after) if c is not None]
    return [quote_json(r) for r in session.connection().execute(_page(*conditions, limit=limit))]


def quote_item(session: Session, quote_id: str) -> dict[str, Any] | None:
    rows = session.connection().execute(_one_quote(), {"quote_id": quote_id}).all()
    return quote_json(rows[0]) if rows else None
