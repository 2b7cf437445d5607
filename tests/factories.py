"""Factory functions: records made through the same schemas and writers as the API."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.models import Actor, Event, Position, Quote, Source, Topic
from api.schemas.actor import ActorCreateSchema
from api.schemas.event import EventCreateSchema
from api.schemas.position import PositionCreateSchema
from api.schemas.quote import QuoteCreateSchema
from api.schemas.source import SourceCreateSchema
from api.schemas.topic import TopicCreateSchema
from api.writes.actors import apply_actor
from api.writes.events import apply_event
from api.writes.positions import apply_position
from api.writes.quotes import apply_quote
from api.writes.sources import apply_source
from api.writes.topics import apply_topic

TEXT = (
    'The ministers met in Vienna. Zeta said "we want a shared shield with one trigger". '
    "Omega replied that two separate shields were the only safe answer."
)


def _make(session: Session, model, schema, apply, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    row = apply(session, model(), schema().load(data))
    session.flush()
    return row


def make_source(session: Session, **overrides: Any) -> Source:
    data = {"id": "t-source", "title": "Test source", "date": "2011-01-26", "text": TEXT}
    return _make(session, Source, SourceCreateSchema, apply_source, {**data, **overrides})


def make_actor(session: Session, **overrides: Any) -> Actor:
    data = {"id": "t-actor", "name": "Test actor", "kind": "state"}
    return _make(session, Actor, ActorCreateSchema, apply_actor, {**data, **overrides})


def make_topic(session: Session, **overrides: Any) -> Topic:
    data = {
        "id": "t-topic",
        "title": "Shields",
        "question": "One shield or two?",
        "options": [{"id": "t-one", "label": "One"}, {"id": "t-two", "label": "Two"}],
    }
    return _make(session, Topic, TopicCreateSchema, apply_topic, {**data, **overrides})


def make_quote(session: Session, **overrides: Any) -> Quote:
    data = {
        "id": "t-quote",
        "text": "we want a shared shield",
        "source": "t-source",
        "kind": "partial",
        "date": "2011-01-26",
    }
    return _make(session, Quote, QuoteCreateSchema, apply_quote, {**data, **overrides})


def make_position(session: Session, **overrides: Any) -> Position:
    data = {
        "id": "t-position",
        "actor": "t-actor",
        "topic": "t-topic",
        "option": "t-one",
        "stance": "supports",
        "summary": "Wants one shield.",
        "date": "2011-01-26",
        "evidence": [{"source": "t-source", "start": 0, "end": 10}],
    }
    return _make(session, Position, PositionCreateSchema, apply_position, {**data, **overrides})


def make_event(session: Session, **overrides: Any) -> Event:
    data = {"id": "t-event", "title": "Vienna meeting", "kind": "meeting", "date": "2011-01-26"}
    return _make(session, Event, EventCreateSchema, apply_event, {**data, **overrides})
