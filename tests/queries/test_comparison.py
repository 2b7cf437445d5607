"""Comparison cells, roll-up through dated affiliations, and agreement between actors."""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Actor, Topic
from api.queries.agreement import agreement
from api.queries.comparison import compare_topic, comparison_json
from api.schemas.analysis import ComparisonSchema
from tests.factories import make_actor, make_position, make_source, make_topic
from tests.schema_shape import assert_shape

DAY = date(2012, 1, 1)


def _setup(session: Session) -> Topic:
    make_source(session)
    make_actor(session, id="zeta", name="Zeta", kind="state")
    make_actor(session, id="omega", name="Omega", kind="alliance")
    make_actor(
        session,
        id="envoy",
        name="An Envoy",
        kind="person",
        affiliations=[
            {
                "organization": "zeta",
                "role": "Envoy",
                "on_behalf_of": True,
                "valid_from": "2010",
                "valid_to": "2011-06",
            }
        ],
    )
    topic = make_topic(session)
    make_position(session, id="z-one", actor="zeta", option="t-one", stance="supports")
    make_position(session, id="z-two", actor="zeta", option="t-two", stance="opposes")
    make_position(session, id="o-one", actor="omega", option="t-one", stance="opposes")
    make_position(session, id="o-two", actor="omega", option="t-two", stance="supports")
    make_position(
        session, id="e-two", actor="envoy", option="t-two", stance="supports", date="2011-03"
    )
    return topic


def _cells(table: dict) -> dict[str, dict[str, str]]:
    return {r["actor"].id: {c.option: c.stance for c in r["cells"]} for r in table["rows"]}


def test_cells_carry_stances_and_evidence(session: Session) -> None:
    topic = _setup(session)
    table = compare_topic(session, topic, as_of=DAY)
    assert _cells(table) == {
        "envoy": {"t-one": "unknown", "t-two": "supports"},
        "omega": {"t-one": "opposes", "t-two": "supports"},
        "zeta": {"t-one": "supports", "t-two": "opposes"},
    }
    for row in table["rows"]:
        for cell in row["cells"]:
            assert (cell.stance == "unknown") == (not cell.evidence)


def test_roll_up_counts_an_envoys_words_for_the_state_and_says_whose(session: Session) -> None:
    topic = _setup(session)
    table = compare_topic(session, topic, as_of=DAY, roll_up=True, kinds=["state"])
    assert _cells(table) == {"zeta": {"t-one": "supports", "t-two": "mixed"}}
    cell = table["rows"][0]["cells"][1]
    rolled = [p for p in cell.positions if p["rolled_up"]]
    assert [(p["actor"]["id"], p["role"]) for p in rolled] == [("envoy", "Envoy")]


def test_requested_actors_come_in_order_even_without_positions(session: Session) -> None:
    topic = _setup(session)
    make_actor(session, id="silent", name="Silent", kind="state")
    actors = [session.get(Actor, i) for i in ("silent", "zeta")]
    table = compare_topic(session, topic, as_of=DAY, actors=actors)
    assert [r["actor"].id for r in table["rows"]] == ["silent", "zeta"]
    assert _cells(table)["silent"] == {"t-one": "unknown", "t-two": "unknown"}


def test_as_of_before_any_statement_is_all_unknown(session: Session) -> None:
    topic = _setup(session)
    assert compare_topic(session, topic, as_of=date(2010, 1, 1))["rows"] == []


def test_agreement_between_opponents(session: Session) -> None:
    _setup(session)
    result = agreement(
        session, [session.get(Actor, "zeta"), session.get(Actor, "omega")], as_of=DAY
    )
    topic = next(t for t in result["topics"] if t["topic"].id == "t-topic")
    assert topic["verdict"] == "disagree"
    assert [o["verdict"] for o in topic["options"]] == ["disagree", "disagree"]
    assert (result["compared"], result["agreed"], result["agreement"]) == (2, 0, 0.0)


@pytest.mark.parametrize("roll_up", [False, True])
@pytest.mark.parametrize("day", [date(2011, 1, 15), date(2011, 6, 1), date(2012, 1, 1)])
def test_the_json_has_the_documented_shape_for_every_curated_topic(
    session: Session, roll_up: bool, day: date
) -> None:
    topics = session.scalars(select(Topic).order_by(Topic.id)).all()
    assert topics
    cells = 0
    for topic in topics:
        table = comparison_json(compare_topic(session, topic, as_of=day, roll_up=roll_up))
        assert_shape(table, ComparisonSchema())
        cells += sum(len(row["cells"]) for row in table["rows"])
        for row in table["rows"]:
            for cell in [*row["cells"], row["topic_level"]]:
                assert (cell["stance"] == "unknown") == (not cell["evidence"])
    if day.year == 2012:
        assert cells > 0
