"""Who stands where on a topic's options, on what evidence, as of a day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload, selectinload

from api.models import Actor, Affiliation, Position, PositionEvidence, Quote, Topic
from api.queries.as_of import mark_certainty, on_record_conditions


@dataclass
class Contribution:
    """A position counted for `owner`: its own, or a member's words rolled up to it."""

    owner: Actor
    position: Position
    role: str | None = None

    @property
    def rolled_up(self) -> bool:
        return self.owner.id != self.position.actor_id


@dataclass
class Cell:
    option: str | None
    contributions: list[Contribution] = field(default_factory=list)

    @property
    def stance(self) -> str:
        stances = {c.position.stance for c in self.contributions}
        if not stances:
            return "unknown"
        return stances.pop() if len(stances) == 1 else "mixed"

    @property
    def certain(self) -> bool:
        return all(c.position.as_of_certain for c in self.contributions)

    @property
    def positions(self) -> list[dict[str, Any]]:
        return [
            {
                "id": c.position.id,
                "stance": c.position.stance,
                "summary": c.position.summary,
                "date": c.position.date,
                "date_precision": c.position.date_precision,
                "date_inferred": c.position.date_inferred,
                "actor": c.position.actor,
                "rolled_up": c.rolled_up,
                "role": c.role,
                "certain": bool(c.position.as_of_certain),
            }
            for c in self.contributions
        ]

    @property
    def evidence(self) -> list[Any]:
        return [e for c in self.contributions for e in c.position.evidence]


def _affiliation_holds(aff: Affiliation, position: Position) -> bool:
    """Whether the member may have held the role when the position was stated."""
    starts_ok = aff.valid_from_earliest is None or aff.valid_from_earliest <= position.date_latest
    ends_ok = aff.valid_to_latest is None or aff.valid_to_latest >= position.date_earliest
    return starts_ok and ends_ok


def _contributions(
    session: Session, positions: list[Position], roll_up: bool
) -> list[Contribution]:
    contributions = [Contribution(p.actor, p) for p in positions]
    if not roll_up or not positions:
        return contributions
    affiliations = session.scalars(
        select(Affiliation).where(
            Affiliation.on_behalf_of.is_(True),
            Affiliation.member_id.in_({p.actor_id for p in positions}),
        )
    ).all()
    by_member: dict[str, list[Affiliation]] = defaultdict(list)
    for aff in affiliations:
        by_member[aff.member_id].append(aff)
    for p in positions:
        for aff in by_member[p.actor_id]:
            if _affiliation_holds(aff, p):
                contributions.append(Contribution(aff.organization, p, aff.role))
    return contributions


def load_contributions(
    session: Session, as_of: date, topic_ids: list[str], roll_up: bool
) -> dict[str, list[Contribution]]:
    """Contributions on record at `as_of`, by topic id, in a constant number of queries."""
    positions = list(
        session.scalars(
            select(Position)
            .options(
                # Only what a cell shows: no superseded position, topic or quote event rows.
                lazyload(Position.supersedes),
                lazyload(Position.topic),
                selectinload(Position.evidence)
                .joinedload(PositionEvidence.quote)
                .lazyload(Quote.event),
            )
            .where(Position.topic_id.in_(topic_ids), *on_record_conditions(as_of))
            .order_by(Position.date_earliest, Position.id)
        ).unique()
    )
    mark_certainty(session, positions, as_of)
    by_topic: dict[str, list[Contribution]] = defaultdict(list)
    for c in _contributions(session, positions, roll_up):
        by_topic[c.position.topic_id].append(c)
    return by_topic


def build_rows(
    topic: Topic,
    contributions: list[Contribution],
    actors: list[Actor] | None = None,
    kinds: list[str] | None = None,
) -> list[dict[str, Any]]:
    """One row per actor (the requested ones, in order, or all with a stance, by name)."""
    owners: dict[str, Actor] = {c.owner.id: c.owner for c in contributions}
    if actors is not None:
        wanted = [a.id for a in actors]
        owners.update({a.id: a for a in actors})
    else:
        wanted = sorted(owners, key=lambda i: (owners[i].name.lower(), i))
    if kinds:
        wanted = [i for i in wanted if owners[i].kind in kinds]
    rows = []
    for actor_id in wanted:
        cells = {o.id: Cell(o.id) for o in topic.options}
        general = Cell(None)
        for c in contributions:
            if c.owner.id == actor_id:
                option = c.position.option_id
                (cells[option] if option else general).contributions.append(c)
        rows.append(
            {"actor": owners[actor_id], "cells": list(cells.values()), "topic_level": general}
        )
    return rows


def compare_topic(
    session: Session,
    topic: Topic,
    *,
    as_of: date,
    actors: list[Actor] | None = None,
    kinds: list[str] | None = None,
    roll_up: bool = False,
) -> dict[str, Any]:
    """The comparison table: one row per actor, one cell per option, plus topic-level stances."""
    contributions = load_contributions(session, as_of, [topic.id], roll_up)[topic.id]
    return {
        "topic": topic,
        "as_of": as_of,
        "roll_up": roll_up,
        "options": topic.options,
        "rows": build_rows(topic, contributions, actors, kinds),
    }
