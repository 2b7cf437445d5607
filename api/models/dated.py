"""Column mixins for partial dates: the text as given plus the days it can mean."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.partial_dates import PartialDate, Precision


class Dated:
    """The item's own date (said, stated, published, started)."""

    date: Mapped[str] = mapped_column(String(10))
    date_earliest: Mapped[dt.date] = mapped_column(Date, index=True)
    date_latest: Mapped[dt.date] = mapped_column(Date, index=True)
    date_inferred: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def date_precision(self) -> Precision:
        return PartialDate.parse(self.date).precision


class ValidityRange:
    """valid_from / valid_to, each a partial date with its day range."""

    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_from_earliest: Mapped[dt.date | None] = mapped_column(Date)
    valid_from_latest: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[str | None] = mapped_column(String(10))
    valid_to_earliest: Mapped[dt.date | None] = mapped_column(Date)
    valid_to_latest: Mapped[dt.date | None] = mapped_column(Date)


def set_partial_date(obj: object, name: str, text: str | None) -> None:
    """Set `name` and whichever of its `_earliest` / `_latest` columns the model has."""
    parsed = PartialDate.parse(text) if text else None
    setattr(obj, name, text)
    for bound in ("earliest", "latest"):
        attr = f"{name}_{bound}"
        if hasattr(type(obj), attr):
            setattr(obj, attr, getattr(parsed, bound) if parsed else None)
