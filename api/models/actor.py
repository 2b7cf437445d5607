"""People, states, alliances and organisations, their names and their roles over time."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, Record
from api.models.dated import ValidityRange


class Actor(Record, Base):
    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[ActorAlias]] = relationship(
        cascade="all, delete-orphan", order_by="ActorAlias.id"
    )
    identifiers: Mapped[list[ActorIdentifier]] = relationship(
        cascade="all, delete-orphan", order_by="ActorIdentifier.id"
    )
    affiliations: Mapped[list[Affiliation]] = relationship(
        cascade="all, delete-orphan",
        order_by="Affiliation.id",
        foreign_keys="Affiliation.member_id",
    )

    @property
    def alias_names(self) -> list[str]:
        return [a.alias for a in self.aliases]


class ActorAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200), index=True)


class ActorIdentifier(Base):
    __tablename__ = "actor_identifiers"
    __table_args__ = (UniqueConstraint("scheme", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    scheme: Mapped[str] = mapped_column(String(50))
    value: Mapped[str] = mapped_column(String(200))


class Affiliation(ValidityRange, Base):
    """A member's role in an organisation; `on_behalf_of` means their words are its words."""

    __tablename__ = "affiliations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(200))
    on_behalf_of: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Actor] = relationship(foreign_keys=[organization_id], lazy="joined")
