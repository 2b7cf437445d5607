"""Quotes as finished JSON dicts straight from one SQL query: the quote pages and items.

Same answer as QuoteSchema's dump of the ORM objects (a test proves it), without building
ORM objects or running marshmallow per row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, bindparam, select, type_coerce
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
            # As the driver hands them back: SQLite's stored text is made ISO 8601 by
            # iso_utc without building a datetime (a page holds a hundred of them).
            type_coerce(q.created_at, String).label("created_at"),
            type_coerce(q.updated_at, String).label("updated_at"),
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


def iso_utc(value: datetime | str) -> str:
    """A UTCDateTime column as `isoformat()` of its value gives it. SQLite hands back the
    text SQLAlchemy stored, in UTC ("2011-01-26 10:00:00.000000"); PostgreSQL a datetime."""
    if not isinstance(value, str):
        return value.isoformat()
    fraction = value[20:26]
    return f"{value[:10]}T{value[11:19]}{'.' + fraction if fraction.strip('0') else ''}+00:00"


def quote_json(r: Mapping[str, Any]) -> dict[str, Any]:
    """One row of `_page` (by column name) as the quote's JSON."""
    return {
        "id": r["id"],
        "text": r["text"],
        "attribution": r["attribution"],
        "start": r["start"],
        "end": r["end"],
        "kind": r["kind"],
        "notes": r["notes"],
        "date": r["date"],
        "date_precision": PRECISION_BY_LENGTH[len(r["date"])],
        "date_inferred": r["date_inferred"],
        "created_at": iso_utc(r["created_at"]),
        "updated_at": iso_utc(r["updated_at"]),
        "speaker": None
        if r["speaker_id"] is None
        else {"id": r["speaker_id"], "name": r["speaker_name"], "kind": r["speaker_kind"]},
        "source": {"id": r["source_id"], "title": r["source_title"]},
        "event": None
        if r["event_id"] is None
        else {"id": r["event_id"], "title": r["event_title"]},
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
    else:
        after_key = None if after is None else Quote.id > after
        conditions = [c for c in (where, after_key) if c is not None]
        rows = session.connection().execute(_page(*conditions, limit=limit))
    # By column name through mappings(): a Row's attribute lookup costs ten times more.
    return [quote_json(r) for r in rows.mappings()]


def quote_item(session: Session, quote_id: str) -> dict[str, Any] | None:
    rows = session.connection().execute(_one_quote(), {"quote_id": quote_id}).mappings().all()
    return quote_json(rows[0]) if rows else None
