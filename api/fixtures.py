"""Loading and checking the curated fixtures through the API's own schemas and writers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError
from sqlalchemy.orm import Session

from api.db import Base
from api.errors import field_errors
from api.models import Actor, Event, Position, Quote, Source, Topic
from api.schemas.actor import ActorCreateSchema, ActorSchema
from api.schemas.event import EventCreateSchema, EventSchema
from api.schemas.position import PositionCreateSchema, PositionSchema
from api.schemas.quote import QuoteCreateSchema, QuoteSchema
from api.schemas.source import SourceCreateSchema, SourceSchema
from api.schemas.topic import TopicCreateSchema, TopicSchema
from api.store.actors import apply_actor
from api.store.common import InvalidInput
from api.store.events import apply_event
from api.store.positions import apply_position
from api.store.quotes import apply_quote
from api.store.sources import apply_source
from api.store.topics import apply_topic

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Base]
    load_schema: type[Schema]
    dump_schema: type[Schema]
    apply: Callable[[Session, Any, dict[str, Any]], Any]
    # Within-kind reference that must be loaded first (an affiliation's organisation, ...).
    depends_on: Callable[[dict[str, Any]], list[str]] = lambda _record: []


KINDS = [
    Kind("sources", Source, SourceCreateSchema, SourceSchema, apply_source),
    Kind(
        "actors",
        Actor,
        ActorCreateSchema,
        ActorSchema,
        apply_actor,
        lambda r: [a.get("organization") for a in r.get("affiliations") or []],
    ),
    Kind("topics", Topic, TopicCreateSchema, TopicSchema, apply_topic),
    Kind("events", Event, EventCreateSchema, EventSchema, apply_event),
    Kind("quotes", Quote, QuoteCreateSchema, QuoteSchema, apply_quote),
    Kind(
        "positions",
        Position,
        PositionCreateSchema,
        PositionSchema,
        apply_position,
        lambda r: [r["supersedes"]] if r.get("supersedes") else [],
    ),
]


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str, kind: str) -> None:
        counts = getattr(self, outcome)
        counts[kind] = counts.get(kind, 0) + 1

    def lines(self) -> list[str]:
        return [
            f"{k.name}: {self.created.get(k.name, 0)} created, "
            f"{self.updated.get(k.name, 0)} updated, {self.unchanged.get(k.name, 0)} unchanged"
            for k in KINDS
        ]


class FixtureError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the fixtures:\n" + "\n".join(problems))
        self.problems = problems


def read_records(directory: Path, kind: Kind) -> list[dict[str, Any]]:
    path = directory / f"{kind.name}.yaml"
    if not path.exists():
        return []
    records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if kind.name == "sources":
        for record in records:
            if "text_file" in record:
                text_path = directory / record.pop("text_file")
                # newline="" keeps the text byte-exact: spans count the original line ends.
                with open(text_path, encoding="utf-8", newline="") as handle:
                    record["text"] = handle.read()
    return records


def _ordered(records: list[dict[str, Any]], kind: Kind) -> list[dict[str, Any]]:
    """Records with their within-kind dependencies first; unknown ids are left for apply."""
    by_id = {r.get("id"): r for r in records}
    done: set[str] = set()
    ordered: list[dict[str, Any]] = []

    def visit(record: dict[str, Any], trail: tuple[str, ...]) -> None:
        rid = record.get("id")
        if rid in done or rid in trail:
            return
        for dep in kind.depends_on(record):
            if dep in by_id:
                visit(by_id[dep], (*trail, rid))
        done.add(rid)
        ordered.append(record)

    for record in records:
        visit(record, ())
    return ordered


def _comparable(kind: Kind, row: Any) -> dict[str, Any]:
    return kind.dump_schema(exclude=("created_at", "updated_at")).dump(row)


def load_fixtures(session: Session, directory: Path = DEFAULT_FIXTURES) -> Report:
    """Create or update every record; raise FixtureError (nothing flushed kept) on any problem."""
    report, problems = Report(), []
    for kind in KINDS:
        raw = read_records(directory, kind)
        seen: set[str] = set()
        for record in _ordered(raw, kind):
            where = f"{kind.name}.yaml id={record.get('id')!r}"
            if record.get("id") in seen:
                problems.append(f"{where}: duplicate id")
                continue
            seen.add(record.get("id"))
            try:
                data = kind.load_schema().load(record)
            except ValidationError as exc:
                problems.extend(
                    f"{where}: {e['field']}: {e['detail']}"
                    for e in field_errors({"fixture": exc.messages})
                )
                continue
            row = session.get(kind.model, data["id"])
            before = _comparable(kind, row) if row is not None else None
            try:
                with session.begin_nested():
                    row = kind.apply(session, row or kind.model(), data)
                    session.flush()
            except InvalidInput as exc:
                problems.extend(f"{where}: {k}: {v}" for k, v in exc.errors.items())
                continue
            session.refresh(row)
            after = _comparable(kind, row)
            outcome = "created" if before is None else "unchanged" if before == after else "updated"
            report.count(outcome, kind.name)
    if problems:
        session.rollback()
        raise FixtureError(problems)
    return report
