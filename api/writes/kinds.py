"""The six resource kinds: their model, schemas, writer, and who may refer to them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from marshmallow import Schema
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from api.db import Base
from api.models import (
    Actor,
    Affiliation,
    Event,
    EventEvidence,
    EventParticipant,
    Position,
    PositionEvidence,
    Quote,
    Source,
    Topic,
)
from api.schemas.actor import ActorCreateSchema, ActorPatchSchema, ActorSchema
from api.schemas.event import EventCreateSchema, EventPatchSchema, EventSchema
from api.schemas.position import PositionCreateSchema, PositionPatchSchema, PositionSchema
from api.schemas.quote import QuoteCreateSchema, QuotePatchSchema, QuoteSchema
from api.schemas.source import SourceCreateSchema, SourcePatchSchema, SourceSchema
from api.schemas.topic import TopicCreateSchema, TopicPatchSchema, TopicSchema
from api.writes.actors import apply_actor
from api.writes.events import apply_event
from api.writes.positions import apply_position
from api.writes.quotes import apply_quote
from api.writes.sources import apply_source
from api.writes.topics import apply_topic

# (collection of the referring item, query of its id given the referred id)
Referrer = tuple[str, Callable[[str], Select[Any]]]


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Base]
    create_schema: type[Schema]
    patch_schema: type[Schema]
    read_schema: type[Schema]
    apply: Callable[[Session, Any, dict[str, Any]], Any]
    doc_type: str
    referrers: list[Referrer] = field(default_factory=list)
    # Within-kind references loaded first by the fixture loader.
    depends_on: Callable[[dict[str, Any]], list[str]] = lambda _record: []


def _live(model: Any, column: Any, key: str) -> Select[Any]:
    return select(model.id).where(column == key, model.deleted_at.is_(None))


def _via(parent: Any, child_fk: Any, child_column: Any, key: str) -> Select[Any]:
    """Ids of live `parent` rows whose children (`child_fk` -> parent) point at `key`."""
    return select(parent.id).where(
        parent.id.in_(select(child_fk).where(child_column == key)), parent.deleted_at.is_(None)
    )


SOURCES = Kind(
    "sources",
    Source,
    SourceCreateSchema,
    SourcePatchSchema,
    SourceSchema,
    apply_source,
    "source",
    referrers=[
        ("quotes", lambda k: _live(Quote, Quote.source_id, k)),
        (
            "positions",
            lambda k: _via(Position, PositionEvidence.position_id, PositionEvidence.source_id, k),
        ),
        ("events", lambda k: _via(Event, EventEvidence.event_id, EventEvidence.source_id, k)),
    ],
)
ACTORS = Kind(
    "actors",
    Actor,
    ActorCreateSchema,
    ActorPatchSchema,
    ActorSchema,
    apply_actor,
    "actor",
    referrers=[
        ("quotes", lambda k: _live(Quote, Quote.speaker_id, k)),
        ("positions", lambda k: _live(Position, Position.actor_id, k)),
        ("actors", lambda k: _via(Actor, Affiliation.member_id, Affiliation.organization_id, k)),
        ("events", lambda k: _via(Event, EventParticipant.event_id, EventParticipant.actor_id, k)),
        (
            "events",
            lambda k: _via(Event, EventParticipant.event_id, EventParticipant.on_behalf_of_id, k),
        ),
    ],
    depends_on=lambda r: [a.get("organization") for a in r.get("affiliations") or []],
)
TOPICS = Kind(
    "topics",
    Topic,
    TopicCreateSchema,
    TopicPatchSchema,
    TopicSchema,
    apply_topic,
    "topic",
    referrers=[("positions", lambda k: _live(Position, Position.topic_id, k))],
)
EVENTS = Kind(
    "events",
    Event,
    EventCreateSchema,
    EventPatchSchema,
    EventSchema,
    apply_event,
    "event",
    referrers=[("quotes", lambda k: _live(Quote, Quote.event_id, k))],
)
QUOTES = Kind(
    "quotes",
    Quote,
    QuoteCreateSchema,
    QuotePatchSchema,
    QuoteSchema,
    apply_quote,
    "quote",
    referrers=[
        (
            "positions",
            lambda k: _via(Position, PositionEvidence.position_id, PositionEvidence.quote_id, k),
        ),
    ],
)
POSITIONS = Kind(
    "positions",
    Position,
    PositionCreateSchema,
    PositionPatchSchema,
    PositionSchema,
    apply_position,
    "position",
    referrers=[("positions", lambda k: _live(Position, Position.supersedes_id, k))],
    depends_on=lambda r: [r["supersedes"]] if r.get("supersedes") else [],
)

# In load order: every kind refers only to kinds before it (and to itself).
KINDS = [SOURCES, ACTORS, TOPICS, EVENTS, QUOTES, POSITIONS]


def referring_ids(session: Session, kind: Kind, key: str) -> list[str]:
    """`collection/id` of every live item that refers to `key`."""
    found: list[str] = []
    for collection, query in kind.referrers:
        found.extend(f"{collection}/{i}" for i in session.scalars(query(key)) if i != key)
    return sorted(set(found))
