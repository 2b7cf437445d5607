"""What was on record on a given day, honest about dates of lesser precision.

A position is on record at day D when it was stated on or before D, had not ended
(`valid_to`) and had not been superseded. With partial dates each of those can be
certain or only possible: a position stated "2011-01" is certainly on record on
2011-02-01 but only possibly on 2011-01-15.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from api.models import Position


def on_record_conditions(day: date) -> list[ColumnElement[bool]]:
    """SQL conditions keeping positions that are at least possibly on record at `day`."""
    later = aliased(Position)
    certainly_superseded = exists(
        select(later.id).where(
            later.supersedes_id == Position.id, later.date_latest <= day, later.deleted_at.is_(None)
        )
    )
    return [
        Position.deleted_at.is_(None),
        Position.date_earliest <= day,
        or_(Position.valid_to_latest.is_(None), Position.valid_to_latest >= day),
        ~certainly_superseded,
    ]


def mark_certainty(
    session: Session,
    positions: Sequence[Any],
    day: date,
    among: tuple[Select, dict[str, Any]] | None = None,
) -> None:
    """Set `as_of_certain` on each position (Position or a row with its date columns), in
    one query for possible supersessions. `among`, a query of their ids and its parameters,
    spares a long IN list."""
    ids: Any = among[0] if among is not None else [p.id for p in positions]
    possibly_superseded: set[str] = set()
    if positions:
        possibly_superseded = set(
            session.scalars(
                select(Position.supersedes_id).where(
                    and_(
                        Position.supersedes_id.in_(ids),
                        Position.date_earliest <= day,
                        Position.deleted_at.is_(None),
                    )
                ),
                among[1] if among is not None else None,
            )
        )
    for p in positions:
        p.as_of_certain = (
            p.date_latest <= day
            and (p.valid_to_earliest is None or p.valid_to_earliest >= day)
            and p.id not in possibly_superseded
        )
