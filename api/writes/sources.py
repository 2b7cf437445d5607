"""Writing sources: the text and its hash are set together."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.search_index import index_row
from api.models import EventEvidence, PositionEvidence, Quote, Source
from api.models.dated import set_partial_date
from api.writes.common import Conflict


def apply_source(session: Session, source: Source, data: dict[str, Any]) -> Source:
    for name in ("id", "title", "author", "outlet", "url", "language", "notes", "date_inferred"):
        if name in data:
            setattr(source, name, data[name])
    if "date" in data:
        set_partial_date(source, "date", data["date"])
    if "text" in data:
        pointing = [] if source.id is None else _spans_point_into(session, source.id)
        if pointing and source.text != data["text"]:
            raise Conflict(
                "The text cannot change while spans point into it.", pointing, field="text"
            )
        source.text = data["text"]
        source.sha256 = hashlib.sha256(data["text"].encode("utf-8")).hexdigest()
    session.add(source)
    index_row(session, "source", source)
    return source


def _spans_point_into(session: Session, source_id: str) -> list[str]:
    """Items holding a character span into the source (deleted ones too: they may return)."""
    found = [
        f"quotes/{i}" for i in session.scalars(select(Quote.id).where(Quote.source_id == source_id))
    ]
    found += [
        f"positions/{i}"
        for i in session.scalars(
            select(PositionEvidence.position_id).where(PositionEvidence.source_id == source_id)
        )
    ]
    found += [
        f"events/{i}"
        for i in session.scalars(
            select(EventEvidence.event_id).where(EventEvidence.source_id == source_id)
        )
    ]
    return sorted(set(found))
