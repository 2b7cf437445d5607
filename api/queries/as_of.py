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

from sqlalchemy import ColumnElement, exists, or_, select
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


def possibly_superseded(day: Any) -> ColumnElement[bool]:
    """Whether a later position, possibly stated by `day`, supersedes this one."""
    later = aliased(Position)
    return exists(
        select(later.id).where(
            later.supersedes_id == Position.id,
            later.date_earliest <= day,
            later.deleted_at.is_(None),
        )
    )


def certainly_on_record(position: Any, day: date, superseded_maybe: bool) -> bool:
    """Whether a position (at least possibly on record at `day`) certainly is: stated, not
    ended and not superseded whichever day its partial dates turn out to mean."""
    return (
        position.date_latest <= day
        and (position.valid_to_earliest is None or position.valid_to_earliest >= day)
        and not superseded_maybe
    )


def mark_certainty(session: Session, positions: Sequence[Position], day: date) -> None:
    """Set `as_of_certain` on each position, in one query for possible supersessions."""
    maybe: set[str] = set()
    if positions:
        maybe = set(
            session.scalars(
                select(Position.id).where(
                    Position.id.in_([p.id for p in positions]), possibly_superseded(day)
                )
            )
        )
    for p in positions:
        p.as_of_certain = certainly_on_record(p, day, p.id in maybe)
