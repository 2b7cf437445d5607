"""Summits, meetings, ratifications and other dated happenings, with who took part."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, Record
from api.models.actor import Actor
from api.models.dated import Dated
from api.models.source import Source


class Event(Dated, Record, Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(30), index=True)
    end_date: Mapped[str | None] = mapped_column(String(10))
    end_date_latest: Mapped[dt.date | None] = mapped_column(Date)
    location: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    participants: Mapped[list[EventParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="EventParticipant.id"
    )
    evidence: Mapped[list[EventEvidence]] = relationship(
        cascade="all, delete-orphan", order_by="EventEvidence.id"
    )


class EventParticipant(Base):
    __tablename__ = "event_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(200))
    on_behalf_of_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"))

    actor: Mapped[Actor] = relationship(foreign_keys=[actor_id], lazy="joined")
    on_behalf_of: Mapped[Actor | None] = relationship(foreign_keys=[on_behalf_of_id], lazy="joined")


class EventEvidence(Base):
    __tablename__ = "event_evidence"
    __table_args__ = (CheckConstraint("span_start >= 0 AND span_end > span_start", name="span"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    start: Mapped[int] = mapped_column("span_start", Integer)
    end: Mapped[int] = mapped_column("span_end", Integer)
    # Copied at write time: the source's text cannot change while spans point into it.
    excerpt: Mapped[str] = mapped_column(Text)

    source: Mapped[Source] = relationship(lazy="joined")
