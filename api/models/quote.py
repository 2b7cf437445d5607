"""Verbatim words, located by a character span in their source."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, Record
from api.models.actor import Actor
from api.models.dated import Dated
from api.models.event import Event
from api.models.source import Source


class Quote(Dated, Record, Base):
    __tablename__ = "quotes"
    __table_args__ = (CheckConstraint("span_start >= 0 AND span_end > span_start", name="span"),)

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    speaker_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"), index=True)
    attribution: Mapped[str | None] = mapped_column(String(500))
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    # "start"/"end" are SQL keywords; the columns say what they are instead.
    start: Mapped[int] = mapped_column("span_start", Integer)
    end: Mapped[int] = mapped_column("span_end", Integer)
    kind: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)

    speaker: Mapped[Actor | None] = relationship(lazy="joined")
    source: Mapped[Source] = relationship(lazy="joined")
    event: Mapped[Event | None] = relationship(lazy="joined")
