"""Loading and checking the curated fixtures through the API's own schemas and writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from marshmallow import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.errors import field_errors
from api.store.common import Conflict, InvalidInput
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


def read_records(directory: Path, kind: Kind, problems: list[str]) -> list[dict[str, Any]]:
    """The file's records; what cannot be read is added to `problems` and left out."""
    path = directory / f"{kind.name}.yaml"
    if not path.exists():
        return []
    try:
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: not readable YAML: {exc}")
        return []
    if not isinstance(records, list):
        problems.append(f"{path.name}: must be a list of records")
        return []
    readable = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            problems.append(f"{path.name} item {index}: must be a mapping of fields")
            continue
        if kind.name == "sources" and "text_file" in record:
            text_path = directory / str(record.pop("text_file"))
            try:
                # newline="" keeps the text byte-exact: spans count the original line ends.
                with open(text_path, encoding="utf-8", newline="") as handle:
                    record["text"] = handle.read()
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path.name} id={record.get('id')!r}: text_file: {exc}")
                continue
        readable.append(record)
    return readable


def _ordered(records: list[dict[str, Any]], kind: Kind) -> list[dict[str, Any]]:
    """Records with their within-kind dependencies first; unknown ids are left for apply, and
    ids that are not strings for the schema to refuse."""
    by_id = {r["id"]: r for r in records if isinstance(r.get("id"), str)}
    done: set[str] = set()
    ordered: list[dict[str, Any]] = [r for r in records if not isinstance(r.get("id"), str)]

    def visit(record: dict[str, Any], trail: tuple[str, ...]) -> None:
        rid = record["id"]
        if rid in done or rid in trail:
            return
        for dep in kind.depends_on(record):
            if isinstance(dep, str) and dep in by_id:
                visit(by_id[dep], (*trail, rid))
        done.add(rid)
        ordered.append(record)

    for record in by_id.values():
        visit(record, ())
    return ordered


def load_fixtures(session: Session, directory: Path = DEFAULT_FIXTURES) -> Report:
    """Create or update every record; raise FixtureError (nothing flushed kept) on any problem."""
    report, problems = Report(), []
    for kind in KINDS:
        raw = read_records(directory, kind, problems)
        ids = [r.get("id") for r in raw if isinstance(r.get("id"), str)]
        problems.extend(
            f"{kind.name}.yaml id={i!r}: duplicate id"
            for i in sorted({i for i in ids if ids.count(i) > 1})
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
            except Conflict as exc:
                problems.append(f"{where}: {exc.field or 'id'}: {exc.detail}")
                continue
            except IntegrityError as exc:
                # A constraint the schemas cannot see (an identifier another actor holds).
                problems.append(f"{where}: conflicts with the database: {exc.orig}")
                continue
            report.count(outcome, kind.name)
    if problems:
        session.rollback()
        raise FixtureError(problems)
    return report
