"""Who stands where on a topic's options, on what evidence, as of a day.

Rows come from Core statements built once (positions on record, their evidence, and for
roll-up the spokespeople's affiliations) into small plain objects, and the table is written
as finished JSON dicts: no ORM objects and no schema dump. ComparisonSchema still describes
it for the spec, and a test checks every answer has exactly that shape.

The statements are built once (`@cache`) and bound per request: SQLAlchemy's compiled cache
then finds their SQL without compiling them again. Rows are read by column name through
`mappings()`: a Row's attribute lookup costs ten times more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, aliased

from api.models import Actor, Affiliation, Option, Position, PositionEvidence, Quote, Source, Topic
from api.models.partial_dates import PRECISION_BY_LENGTH
from api.queries.as_of import certainly_on_record, on_record_conditions, possibly_superseded


@dataclass(frozen=True)
class ActorRef:
    id: str
    name: str
    kind: str

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "kind": self.kind}


@dataclass(frozen=True)
class OptionRef:
    id: str
    label: str


@dataclass(frozen=True)
class TopicRef:
    """What a comparison needs of a topic (an ORM Topic has the same attributes)."""

    id: str
    title: str
    options: list[OptionRef]


@dataclass
class PositionRow:
    """The columns of a position a comparison needs, and its evidence as finished JSON."""

    id: str
    topic_id: str
    option_id: str | None
    actor: ActorRef
    stance: str
    summary: str
    date: str
    date_inferred: bool
    date_earliest: date
    date_latest: date
    valid_to_earliest: date | None
    superseded_maybe: bool
    evidence: list[dict[str, Any]] = field(default_factory=list)
    as_of_certain: bool = False

    @property
    def actor_id(self) -> str:
        return self.actor.id


@dataclass
class Contribution:
    """A position counted for `owner`: its own, or a member's words rolled up to it."""

    owner: ActorRef
    position: PositionRow
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
                "date_precision": PRECISION_BY_LENGTH[len(c.position.date)],
                "date_inferred": c.position.date_inferred,
                "actor": c.position.actor.as_json(),
                "rolled_up": c.rolled_up,
                "role": c.role,
                "certain": c.position.as_of_certain,
            }
            for c in self.contributions
        ]

    @property
    def evidence(self) -> list[dict[str, Any]]:
        return [e for c in self.contributions for e in c.position.evidence]

    def as_json(self) -> dict[str, Any]:
        if not self.contributions:  # most cells of a wide table: no need to work it out
            return {
                "option": self.option,
                "stance": "unknown",
                "certain": True,
                "positions": [],
                "evidence": [],
            }
        return {
            "option": self.option,
            "stance": self.stance,
            "certain": self.certain,
            "positions": self.positions,
            "evidence": self.evidence,
        }


# Built once: constructing these (aliases, dozens of columns) costs more than running them,
# and the hot path prepares each once. Parameters: `topic_ids` (a list) and `day`.
_DAY = bindparam("day")
_TOPIC_IDS = bindparam("topic_ids", expanding=True)


@cache
def _topic_query() -> Select:
    return (
        select(Topic.id, Topic.title, Option.id.label("option_id"), Option.label)
        .outerjoin(Option, Option.topic_id == Topic.id)
        .where(Topic.id == bindparam("topic_id"), Topic.deleted_at.is_(None))
        .order_by(Option.rank)
    )


@cache
def _actors_query() -> Select:
    return select(Actor.id, Actor.name, Actor.kind).where(
        Actor.id.in_(bindparam("actor_ids", expanding=True))
    )


def find_topic(session: Session, topic_id: str) -> TopicRef | None:
    """The topic with its options in order, or None when there is none (or it was deleted)."""
    rows = session.connection().execute(_topic_query(), {"topic_id": topic_id}).mappings().all()
    if not rows:
        return None
    options = [OptionRef(r["option_id"], r["label"]) for r in rows if r["option_id"] is not None]
    return TopicRef(rows[0]["id"], rows[0]["title"], options)


def find_actors(session: Session, ids: list[str]) -> list[ActorRef] | None:
    """The actors named, in that order without repeats; None when one of them is unknown
    (or none is named)."""
    if not ids:
        return None
    rows = session.connection().execute(_actors_query(), {"actor_ids": ids}).mappings().all()
    found = {r["id"]: ActorRef(r["id"], r["name"], r["kind"]) for r in rows}
    if len(found) < len(set(ids)):
        return None
    return [found[i] for i in dict.fromkeys(ids)]


@cache
def _on_record() -> Select:
    return select(Position.id).where(Position.topic_id.in_(_TOPIC_IDS), *on_record_conditions(_DAY))


@cache
def _positions_query() -> Select:
    return (
        select(
            Position.id,
            Position.topic_id,
            Position.option_id,
            Actor.id.label("actor_id"),
            Actor.name.label("actor_name"),
            Actor.kind.label("actor_kind"),
            Position.stance,
            Position.summary,
            Position.date,
            Position.date_inferred,
            Position.date_earliest,
            Position.date_latest,
            Position.valid_to_earliest,
            possibly_superseded(_DAY).label("superseded_maybe"),
        )
        .join(Actor, Actor.id == Position.actor_id)
        .where(Position.topic_id.in_(_TOPIC_IDS), *on_record_conditions(_DAY))
        .order_by(Position.date_earliest, Position.id)
    )


@cache
def _evidence_query() -> Select:
    speaker, quote_source, span_source = aliased(Actor), aliased(Source), aliased(Source)
    return (
        select(
            PositionEvidence.position_id,
            Quote.id.label("quote_id"),
            Quote.text.label("quote_text"),
            Quote.attribution,
            Quote.date.label("quote_date"),
            Quote.start.label("quote_start"),
            Quote.end.label("quote_end"),
            speaker.id.label("speaker_id"),
            speaker.name.label("speaker_name"),
            speaker.kind.label("speaker_kind"),
            quote_source.id.label("quote_source_id"),
            quote_source.title.label("quote_source_title"),
            span_source.id.label("span_source_id"),
            span_source.title.label("span_source_title"),
            PositionEvidence.start.label("span_start"),
            PositionEvidence.end.label("span_end"),
            PositionEvidence.excerpt,
        )
        .select_from(PositionEvidence)
        .outerjoin(Quote, Quote.id == PositionEvidence.quote_id)
        .outerjoin(speaker, speaker.id == Quote.speaker_id)
        .outerjoin(quote_source, quote_source.id == Quote.source_id)
        .outerjoin(span_source, span_source.id == PositionEvidence.source_id)
        .where(PositionEvidence.position_id.in_(_on_record()))
        .order_by(PositionEvidence.id)
    )


@cache
def _affiliations_query() -> Select:
    organization = aliased(Actor)
    speakers = select(Position.actor_id).where(Position.id.in_(_on_record()))
    return (
        select(
            Affiliation.member_id,
            Affiliation.role,
            Affiliation.valid_from_earliest,
            Affiliation.valid_to_latest,
            organization.id.label("org_id"),
            organization.name.label("org_name"),
            organization.kind.label("org_kind"),
        )
        .join(organization, organization.id == Affiliation.organization_id)
        .where(Affiliation.on_behalf_of.is_(True), Affiliation.member_id.in_(speakers))
        .order_by(Affiliation.id)
    )


def _positions(session: Session, params: dict[str, Any]) -> list[PositionRow]:
    positions = [
        PositionRow(
            r["id"],
            r["topic_id"],
            r["option_id"],
            ActorRef(r["actor_id"], r["actor_name"], r["actor_kind"]),
            r["stance"],
            r["summary"],
            r["date"],
            r["date_inferred"],
            r["date_earliest"],
            r["date_latest"],
            r["valid_to_earliest"],
            r["superseded_maybe"],
        )
        for r in session.connection().execute(_positions_query(), params).mappings()
    ]
    for p in positions:
        p.as_of_certain = certainly_on_record(p, params["day"], p.superseded_maybe)
    return positions


def _evidence(session: Session, params: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each position's evidence in order: a quote (its words and span), or a source span."""
    by_position: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in session.connection().execute(_evidence_query(), params).mappings():
        if r["quote_id"] is None:
            item = {
                "quote": None,
                "source": {"id": r["span_source_id"], "title": r["span_source_title"]},
                "start": r["span_start"],
                "end": r["span_end"],
                "excerpt": r["excerpt"],
            }
        else:
            source = {"id": r["quote_source_id"], "title": r["quote_source_title"]}
            speaker = None
            if r["speaker_id"] is not None:
                speaker = {
                    "id": r["speaker_id"],
                    "name": r["speaker_name"],
                    "kind": r["speaker_kind"],
                }
            item = {
                "quote": {
                    "id": r["quote_id"],
                    "text": r["quote_text"],
                    "speaker": speaker,
                    "attribution": r["attribution"],
                    "source": source,
                    "date": r["quote_date"],
                },
                "source": source,
                "start": r["quote_start"],
                "end": r["quote_end"],
                "excerpt": r["quote_text"],
            }
        by_position[r["position_id"]].append(item)
    return by_position


def _affiliation_holds(aff: Any, position: PositionRow) -> bool:
    """Whether the member may have held the role when the position was stated."""
    starts_ok = (
        aff["valid_from_earliest"] is None or aff["valid_from_earliest"] <= position.date_latest
    )
    ends_ok = aff["valid_to_latest"] is None or aff["valid_to_latest"] >= position.date_earliest
    return starts_ok and ends_ok


def _contributions(
    session: Session, positions: list[PositionRow], params: dict[str, Any], roll_up: bool
) -> list[Contribution]:
    contributions = [Contribution(p.actor, p) for p in positions]
    if not roll_up or not positions:
        return contributions
    by_member: dict[str, list[Any]] = defaultdict(list)
    for aff in session.connection().execute(_affiliations_query(), params).mappings():
        by_member[aff["member_id"]].append(aff)
    for p in positions:
        for aff in by_member[p.actor_id]:
            if _affiliation_holds(aff, p):
                owner = ActorRef(aff["org_id"], aff["org_name"], aff["org_kind"])
                contributions.append(Contribution(owner, p, aff["role"]))
    return contributions


def load_contributions(
    session: Session, as_of: date, topic_ids: list[str], roll_up: bool
) -> dict[str, list[Contribution]]:
    """Contributions on record at `as_of`, by topic id: two queries, three with roll-up."""
    params = {"topic_ids": topic_ids, "day": as_of}
    positions = _positions(session, params)
    if positions:
        evidence = _evidence(session, params)
        for p in positions:
            p.evidence = evidence.get(p.id, [])
    by_topic: dict[str, list[Contribution]] = defaultdict(list)
    for c in _contributions(session, positions, params, roll_up):
        by_topic[c.position.topic_id].append(c)
    return by_topic


def build_rows(
    topic: Topic | TopicRef,
    contributions: list[Contribution],
    actors: list[Actor] | list[ActorRef] | None = None,
    kinds: list[str] | None = None,
) -> list[dict[str, Any]]:
    """One row per actor (the requested ones, in order, or all with a stance, by name)."""
    owners: dict[str, ActorRef] = {c.owner.id: c.owner for c in contributions}
    if actors is not None:
        wanted = [a.id for a in actors]
        owners.update({a.id: ActorRef(a.id, a.name, a.kind) for a in actors})
    else:
        wanted = sorted(owners, key=lambda i: (owners[i].name.lower(), i))
    if kinds:
        wanted = [i for i in wanted if owners[i].kind in kinds]
    by_owner: dict[str, list[Contribution]] = defaultdict(list)
    for c in contributions:
        by_owner[c.owner.id].append(c)
    rows = []
    for actor_id in wanted:
        cells = {o.id: Cell(o.id) for o in topic.options}
        general = Cell(None)
        for c in by_owner[actor_id]:
            option = c.position.option_id
            (cells[option] if option else general).contributions.append(c)
        rows.append(
            {"actor": owners[actor_id], "cells": list(cells.values()), "topic_level": general}
        )
    return rows


def compare_topic(
    session: Session,
    topic: Topic | TopicRef,
    *,
    as_of: date,
    actors: list[Actor] | list[ActorRef] | None = None,
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


def comparison_as_asked(
    session: Session,
    topic: Topic | TopicRef,
    actors: list[Actor] | list[ActorRef] | None,
    args: dict[str, Any],
) -> dict[str, Any]:
    """The JSON answer to ComparisonArgsSchema's `args` (no `as_of`: today),"""
    table = compare_topic(
        session,
        topic,
        as_of=args.get("as_of") or date.today(),
        actors=actors,
        kinds=args.get("kinds"),
        roll_up=args["roll_up"],
    )
    return comparison_json(table)


def comparison_json(table: dict[str, Any]) -> dict[str, Any]:
    """compare_topic's table as the JSON the API answers (ComparisonSchema's shape)."""
    topic = table["topic"]
    return {
        "topic": {"id": topic.id, "title": topic.title},
        "as_of": table["as_of"].isoformat(),
        "roll_up": table["roll_up"],
        "options": [{"id": o.id, "label": o.label} for o in table["options"]],
        "rows": [
            {
                "actor": row["actor"].as_json(),
                "cells": [cell.as_json() for cell in row["cells"]],
                "topic_level": row["topic_level"].as_json(),
            }
            for row in table["rows"]
        ],
    }
