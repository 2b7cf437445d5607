"""An actor's stance on a topic or one of its options, dated and backed by evidence."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, Record
from api.models.actor import Actor
from api.models.dated import Dated, ValidityRange
from api.models.quote import Quote
from api.models.source import Source
from api.models.topic import Option, Topic


class Position(Dated, ValidityRange, Record, Base):
    __tablename__ = "positions"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id"), index=True)
    option_id: Mapped[str | None] = mapped_column(ForeignKey("options.id"), index=True)
    stance: Mapped[str] = mapped_column(String(20), index=True)
    summary: Mapped[str] = mapped_column(Text)
    supersedes_id: Mapped[str | None] = mapped_column(ForeignKey("positions.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[Actor] = relationship(lazy="joined")
    topic: Mapped[Topic] = relationship(lazy="joined")
    option: Mapped[Option | None] = relationship(lazy="joined")
    supersedes: Mapped[Position | None] = relationship(
        remote_side=[id], lazy="joined", join_depth=1
    )
    evidence: Mapped[list[PositionEvidence]] = relationship(
        cascade="all, delete-orphan", order_by="PositionEvidence.id"
    )

    # Set by as-of queries; None when the question was not asked.
    as_of_certain = None


class PositionEvidence(Base):
    """Either a quote or a span of a source; a quote evidences its own span."""

    __tablename__ = "position_evidence"
    __table_args__ = (
        CheckConstraint(
            "(quote_id IS NOT NULL AND source_id IS NULL"
            " AND span_start IS NULL AND span_end IS NULL)"
            " OR (quote_id IS NULL AND source_id IS NOT NULL AND span_start >= 0"
            " AND span_end > span_start)",
            name="quote_or_span",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position_id: Mapped[str] = mapped_column(
        ForeignKey("positions.id", ondelete="CASCADE"), index=True
    )
    quote_id: Mapped[str | None] = mapped_column(ForeignKey("quotes.id"), index=True)
    source_id: Mapped[str | None] = mapped_column(ForeignKey("sources.id"), index=True)
    start: Mapped[int | None] = mapped_column("span_start", Integer)
    end: Mapped[int | None] = mapped_column("span_end", Integer)
    # Copied at write time: the source's text cannot change while spans point into it.
    excerpt: Mapped[str | None] = mapped_column(Text)

    quote: Mapped[Quote | None] = relationship(lazy="joined")
    source: Mapped[Source | None] = relationship(lazy="joined")

    @property
    def cited_source(self) -> Source:
        return self.quote.source if self.quote else self.source  # type: ignore[return-value]

    @property
    def cited_start(self) -> int:
        return self.quote.start if self.quote else self.start  # type: ignore[return-value]

    @property
    def cited_end(self) -> int:
        return self.quote.end if self.quote else self.end  # type: ignore[return-value]

    @property
    def cited_excerpt(self) -> str:
        return self.quote.text if self.quote else self.excerpt  # type: ignore[return-value]
