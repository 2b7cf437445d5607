"""Timelines: quotes, positions and events of an actor or topic, in date order."""

from datetime import date

from sqlalchemy.orm import Session

from api.queries.timeline import actor_timeline, topic_timeline
from tests.factories import (
    make_actor,
    make_event,
    make_position,
    make_quote,
    make_source,
    make_topic,
)


def _setup(session: Session) -> None:
    make_source(session)
    make_actor(session, id="zeta", name="Zeta")
    make_topic(session)
    make_event(
        session,
        id="t-meeting",
        date="2011-01-26",
        participants=[{"actor": "zeta", "role": None, "on_behalf_of": None}],
    )
    make_quote(session, id="t-q", speaker="zeta", date="2011-01-26", event="t-meeting")
    make_position(session, id="t-p-2010", actor="zeta", date="2010", evidence=[{"quote": "t-q"}])
    make_position(
        session, id="t-p-2011", actor="zeta", date="2011-02-03", option="t-two", stance="opposes"
    )


def test_actor_timeline_in_date_order(session: Session) -> None:
    _setup(session)
    items = actor_timeline(
        session, "zeta", start=None, end=None, types=["quote", "position", "event"]
    )
    assert [(i["type"], i["id"]) for i in items] == [
        ("position", "t-p-2010"),
        ("event", "t-meeting"),
        ("quote", "t-q"),
        ("position", "t-p-2011"),
    ]
    assert items[0]["date_precision"] == "year"


def test_timeline_filters_by_range_and_type(session: Session) -> None:
    _setup(session)
    items = actor_timeline(
        session, "zeta", start=date(2011, 1, 1), end=date(2011, 1, 31), types=["quote", "position"]
    )
    assert [i["id"] for i in items] == ["t-q"]


def test_topic_timeline_includes_cited_quotes_and_their_events(session: Session) -> None:
    _setup(session)
    items = topic_timeline(
        session, "t-topic", start=None, end=None, types=["quote", "position", "event"]
    )
    assert {i["id"] for i in items} == {"t-p-2010", "t-meeting", "t-q", "t-p-2011"}
