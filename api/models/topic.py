"""Policy questions and the options actors take sides on."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, Record


class Topic(Record, Base):
    __tablename__ = "topics"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    question: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    options: Mapped[list[Option]] = relationship(
        cascade="all, delete-orphan", order_by="Option.rank", back_populates="topic"
    )


class Option(Base):
    __tablename__ = "options"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)

    topic: Mapped[Topic] = relationship(back_populates="options")
