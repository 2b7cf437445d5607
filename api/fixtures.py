"""Loading and checking the curated fixtures through the API's own schemas and writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from marshmallow import ValidationError
from sqlalchemy.orm import Session

from api.errors import field_errors
from api.store.common import InvalidInput
from api.store.kinds import KINDS, Kind
from api.store.writes import create_item, update_item

# Revisions made by loading fixtures name this instead of a token.
FIXTURES_AUTHOR = "fixtures"
DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


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


def load_fixtures(session: Session, directory: Path = DEFAULT_FIXTURES) -> Report:
    """Create or update every record; raise FixtureError (nothing flushed kept) on any problem."""
    report, problems = Report(), []
    for kind in KINDS:
        raw = read_records(directory, kind)
        ids = [r.get("id") for r in raw]
        problems.extend(
            f"{kind.name}.yaml id={i!r}: duplicate id"
            for i in sorted({i for i in ids if ids.count(i) > 1}, key=str)
        )
        for record in _ordered(raw, kind):
            where = f"{kind.name}.yaml id={record.get('id')!r}"
            try:
                data = kind.create_schema().load(record)
            except ValidationError as exc:
                problems.extend(
                    f"{where}: {e['field']}: {e['detail']}"
                    for e in field_errors({"fixture": exc.messages})
                )
                continue
            row = session.get(kind.model, data["id"])
            try:
                with session.begin_nested():
                    if row is None:
                        create_item(session, kind, data, FIXTURES_AUTHOR)
                        outcome = "created"
                    elif update_item(session, kind, row, data, FIXTURES_AUTHOR):
                        outcome = "updated"
                    else:
                        outcome = "unchanged"
            except InvalidInput as exc:
                problems.extend(f"{where}: {k}: {v}" for k, v in exc.errors.items())
                continue
            report.count(outcome, kind.name)
    if problems:
        session.rollback()
        raise FixtureError(problems)
    return report
