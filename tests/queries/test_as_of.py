"""As-of: stated on or before the day, not ended, not superseded; precision kept honest."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Position
from api.queries.as_of import mark_certainty, on_record_conditions
from tests.factories import make_actor, make_position, make_source, make_topic


def _on_record(session: Session, day: date) -> dict[str, bool]:
    rows = list(
        session.scalars(
            select(Position).where(Position.topic_id == "t-topic", *on_record_conditions(day))
        )
    )
    mark_certainty(session, rows, day)
    return {p.id: p.as_of_certain for p in rows}


def test_month_precision_is_certain_only_after_the_month(session: Session) -> None:
    make_source(session), make_actor(session), make_topic(session)
    make_position(session, id="p-jan", date="2011-01")
    assert _on_record(session, date(2010, 12, 31)) == {}
    assert _on_record(session, date(2011, 1, 15)) == {"p-jan": False}
    assert _on_record(session, date(2011, 1, 31)) == {"p-jan": True}
    assert _on_record(session, date(2011, 2, 1)) == {"p-jan": True}


def test_superseded_and_ended_positions_leave_the_record(session: Session) -> None:
    make_source(session), make_actor(session), make_topic(session)
    make_position(session, id="p-old", date="2009-09-17", stance="supports")
    make_position(session, id="p-new", date="2011-06", stance="opposes", supersedes="p-old")
    make_position(session, id="p-ended", option="t-two", date="2009", valid_to="2010-03-01")
    assert _on_record(session, date(2010, 1, 1)) == {"p-old": True, "p-ended": True}
    assert _on_record(session, date(2009, 6, 1)) == {"p-ended": False}
    assert _on_record(session, date(2010, 3, 2)) == {"p-old": True}
    # During June 2011 the new position may or may not have been stated yet.
    assert _on_record(session, date(2011, 6, 10)) == {"p-old": False, "p-new": False}
    assert _on_record(session, date(2011, 7, 1)) == {"p-new": True}
