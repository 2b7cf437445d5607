"""Writing topics with their options; option ids are unique across topics."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.models import Option, Topic
from api.writes.common import InvalidInput, sync_children


def apply_topic(session: Session, topic: Topic, data: dict[str, Any]) -> Topic:
    for name in ("id", "title", "question", "description", "notes"):
        if name in data:
            setattr(topic, name, data[name])
    if "options" in data:
        seen: set[str] = set()
        for i, opt in enumerate(data["options"]):
            if opt["id"] in seen:
                raise InvalidInput({f"options.{i}.id": f"Option {opt['id']!r} is listed twice."})
            seen.add(opt["id"])
            other = session.get(Option, opt["id"])
            if other is not None and other.topic_id != topic.id:
                raise InvalidInput(
                    {f"options.{i}.id": f"Option {opt['id']!r} belongs to {other.topic_id!r}."}
                )
        by_id = {o.id: o for o in topic.options}

        def make(w: dict[str, Any]) -> Option:
            row = by_id.get(w["id"]) or Option(id=w["id"])
            row.label, row.description = w["label"], w["description"]
            return row

        for rank, opt in enumerate(data["options"]):
            opt["rank"] = rank
        sync_children(
            topic.options,
            data["options"],
            key=lambda r: (r.id, r.label, r.description, r.rank),
            wanted_key=lambda w: (w["id"], w["label"], w["description"], w["rank"]),
            make=lambda w: _ranked(make(w), w["rank"]),
        )
    session.add(topic)
    return topic


def _ranked(option: Option, rank: int) -> Option:
    option.rank = rank
    return option
