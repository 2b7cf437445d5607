"""An actor's or a topic's quotes, positions and events, in date order."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from api.models import Event, EventParticipant, Position, PositionEvidence, Quote

ITEM_TYPES = ("event", "position", "quote")


def _within(stmt: Select, model: Any, start: date | None, end: date | None) -> Select:
    """Keep live items whose dates may overlap [start, end]."""
    stmt = stmt.where(model.deleted_at.is_(None))
    if start is not None:
        stmt = stmt.where(model.date_latest >= start)
    if end is not None:
        stmt = stmt.where(model.date_earliest <= end)
    return stmt


def _item(item_type: str, row: Any, text: str, **extra: Any) -> dict[str, Any]:
    item = {
        "type": item_type,
        "id": row.id,
        "date": row.date,
        "date_precision": row.date_precision,
        "date_inferred": row.date_inferred,
        "text": text,
        "actor": None,
        "topic": None,
        "stance": None,
        "kind": None,
        "source": None,
    }
    item.update(extra)
    item["_sort"] = (row.date_earliest, row.date_latest, ITEM_TYPES.index(item_type), row.id)
    return item


def _collect(
    session: Session,
    quotes: Select,
    positions: Select,
    events: Select,
    start: date | None,
    end: date | None,
    types: list[str],
) -> list[dict[str, Any]]:
    items = []
    if "quote" in types:
        for q in session.scalars(_within(quotes, Quote, start, end)).unique():
            items.append(_item("quote", q, q.text, actor=q.speaker, kind=q.kind, source=q.source))
    if "position" in types:
        for p in session.scalars(_within(positions, Position, start, end)).unique():
            items.append(
                _item("position", p, p.summary, actor=p.actor, topic=p.topic, stance=p.stance)
            )
    if "event" in types:
        for e in session.scalars(_within(events, Event, start, end)).unique():
            items.append(_item("event", e, e.title, kind=e.kind))
    items.sort(key=lambda i: i.pop("_sort"))
    return items


def actor_timeline(
    session: Session, actor_id: str, *, start: date | None, end: date | None, types: list[str]
) -> list[dict[str, Any]]:
    took_part = select(EventParticipant.event_id).where(EventParticipant.actor_id == actor_id)
    return _collect(
        session,
        select(Quote).where(Quote.speaker_id == actor_id),
        select(Position).where(Position.actor_id == actor_id),
        select(Event).where(Event.id.in_(took_part)),
        start,
        end,
        types,
    )


def topic_timeline(
    session: Session, topic_id: str, *, start: date | None, end: date | None, types: list[str]
) -> list[dict[str, Any]]:
    cited = (
        select(PositionEvidence.quote_id)
        .join(Position, Position.id == PositionEvidence.position_id)
        .where(Position.topic_id == topic_id)
    )
    quoted_events = select(Quote.event_id).where(Quote.id.in_(cited))
    return _collect(
        session,
        select(Quote).where(Quote.id.in_(cited)),
        select(Position).where(Position.topic_id == topic_id),
        select(Event).where(Event.id.in_(quoted_events)),
        start,
        end,
        types,
    )
