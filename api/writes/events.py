"""Writing events with participants and the source spans that report them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.db.search_index import index_row
from api.models import Actor, Event, EventEvidence, EventParticipant, Source
from api.models.dated import set_partial_date
from api.writes.common import check_span, require, sync_children


def apply_event(session: Session, event: Event, data: dict[str, Any]) -> Event:
    for name in ("id", "title", "kind", "location", "status", "description", "notes"):
        if name in data:
            setattr(event, name, data[name])
    if "date_inferred" in data:
        event.date_inferred = data["date_inferred"]
    for name in ("date", "end_date"):
        if name in data:
            set_partial_date(event, name, data[name])
    if "participants" in data:
        for i, p in enumerate(data["participants"]):
            require(session, Actor, p["actor"], f"participants.{i}.actor")
            require(session, Actor, p["on_behalf_of"], f"participants.{i}.on_behalf_of")
        sync_children(
            event.participants,
            data["participants"],
            key=lambda r: (r.actor_id, r.role, r.on_behalf_of_id),
            wanted_key=lambda w: (w["actor"], w["role"], w["on_behalf_of"]),
            make=lambda w: EventParticipant(
                actor_id=w["actor"], role=w["role"], on_behalf_of_id=w["on_behalf_of"]
            ),
        )
    if "evidence" in data:
        for i, span in enumerate(data["evidence"]):
            source = require(session, Source, span["source"], f"evidence.{i}.source")
            assert source is not None
            span["excerpt"] = check_span(source.text, span["start"], span["end"], f"evidence.{i}")
        sync_children(
            event.evidence,
            data["evidence"],
            key=lambda r: (r.source_id, r.start, r.end),
            wanted_key=lambda w: (w["source"], w["start"], w["end"]),
            make=lambda w: EventEvidence(
                source_id=w["source"], start=w["start"], end=w["end"], excerpt=w["excerpt"]
            ),
        )
    session.add(event)
    index_row(session, "event", event)
    return event
