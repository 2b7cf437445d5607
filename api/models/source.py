"""The articles everything else is curated from; their text is the ground truth."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, Record
from api.models.dated import Dated


class Source(Dated, Record, Base):
    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    author: Mapped[str | None] = mapped_column(String(200))
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000))
    language: Mapped[str] = mapped_column(String(35))
    # Deferred: quotes join their source on every read and need only its title.
    text: Mapped[str] = mapped_column(Text, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(Text)

    @property
    def length(self) -> int:
        return len(self.text)
