"""Writing positions: every one cites evidence, and its option belongs to its topic."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.db.search_index import index_row
from api.models import Actor, Option, Position, PositionEvidence, Quote, Source, Topic
from api.models.dated import set_partial_date
from api.writes.common import InvalidInput, check_span, require, sync_children


def _evidence_key(w: dict[str, Any]) -> tuple[Any, ...]:
    return (w.get("quote"), w.get("source"), w.get("start"), w.get("end"))


def apply_position(session: Session, position: Position, data: dict[str, Any]) -> Position:
    for name in ("id", "stance", "summary", "notes", "date_inferred"):
        if name in data:
            setattr(position, name, data[name])
    for name in ("date", "valid_from", "valid_to"):
        if name in data:
            set_partial_date(position, name, data[name])
    if "actor" in data:
        require(session, Actor, data["actor"], "actor")
        position.actor_id = data["actor"]
    if "topic" in data:
        require(session, Topic, data["topic"], "topic")
        position.topic_id = data["topic"]
    if "option" in data:
        option = require(session, Option, data["option"], "option")
        if option is not None and option.topic_id != position.topic_id:
            raise InvalidInput(
                {"option": f"Option {option.id!r} belongs to topic {option.topic_id!r}."}
            )
        position.option_id = data["option"]
    if "supersedes" in data:
        if data["supersedes"] is not None and data["supersedes"] == position.id:
            raise InvalidInput({"supersedes": "A position cannot supersede itself."})
        require(session, Position, data["supersedes"], "supersedes")
        position.supersedes_id = data["supersedes"]
    if "evidence" in data:
        for i, item in enumerate(data["evidence"]):
            if "quote" in item:
                require(session, Quote, item["quote"], f"evidence.{i}.quote")
            else:
                source = require(session, Source, item["source"], f"evidence.{i}.source")
                assert source is not None
                item["excerpt"] = check_span(
                    source.text, item["start"], item["end"], f"evidence.{i}"
                )
        sync_children(
            position.evidence,
            data["evidence"],
            key=lambda r: (r.quote_id, r.source_id, r.start, r.end),
            wanted_key=_evidence_key,
            make=lambda w: PositionEvidence(
                quote_id=w.get("quote"),
                source_id=w.get("source"),
                start=w.get("start"),
                end=w.get("end"),
                excerpt=w.get("excerpt"),
            ),
        )
    session.add(position)
    index_row(session, "position", position)
    return position
