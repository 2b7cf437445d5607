"""Loading and checking the curated fixtures through the API's own schemas and writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from marshmallow import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.config import PROJECT_ROOT
from api.schemas.errors import field_errors
from api.writes.common import Conflict, InvalidInput
from api.writes.kinds import KINDS, Kind
from api.writes.writes import create_item, serialise_writers, update_item

# Revisions made by loading fixtures name this instead of a token.
FIXTURES_AUTHOR = "fixtures"
DEFAULT_FIXTURES = PROJECT_ROOT / "fixtures"


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


def _apply(session: Session, kind: Kind, data: dict[str, Any]) -> str:
    """Create or update one item in a savepoint (undone if it fails): its outcome."""
    row = session.get(kind.model, data["id"])
    with session.begin_nested():
        if row is None:
            create_item(session, kind, data, FIXTURES_AUTHOR)
            return "created"
        return "updated" if update_item(session, kind, row, data, FIXTURES_AUTHOR) else "unchanged"


def _refusal(exc: Exception) -> list[str]:
    if isinstance(exc, InvalidInput):
        return [f"{k}: {v}" for k, v in exc.errors.items()]
    if isinstance(exc, Conflict):
        return [f"{exc.field or 'id'}: {exc.detail}"]
    # A constraint the schemas cannot see (an identifier another actor holds).
    return [f"conflicts with the database: {getattr(exc, 'orig', exc)}"]


def load_fixtures(session: Session, directory: Path = DEFAULT_FIXTURES) -> Report:
    """Create or update every record; raise FixtureError (nothing flushed kept) on any problem.

    The files say how things should end up, not in which order to get there: an identifier
    or an option moving from one item to another, or an option dropped in the reload that
    moves its positions elsewhere, is refused while the item giving it up is unchanged.
    Refused records are tried again after the rest, for as long as that helps."""
    if not directory.is_dir():
        raise FixtureError(f"No fixtures directory at {directory}.")
    serialise_writers(session)
    report, problems = Report(), []
    refused: dict[str, tuple[Kind, dict[str, Any], list[str]]] = {}

    def attempt(kind: Kind, where: str, data: dict[str, Any]) -> None:
        try:
            outcome = _apply(session, kind, data)
        except (InvalidInput, Conflict, IntegrityError) as exc:
            refused[where] = (kind, data, _refusal(exc))
            return
        refused.pop(where, None)
        report.count(outcome, kind.name)

    for kind in KINDS:
        raw = read_records(directory, kind, problems)
        ids = [r.get("id") for r in raw if isinstance(r.get("id"), str)]
        problems.extend(
            f"{kind.name}.yaml id={i!r}: duplicate id"
            for i in sorted({i for i in ids if ids.count(i) > 1})
        )
        for record in _ordered(raw, kind):
            where = f"{kind.name}.yaml id={record.get('id')!r}"
            # The API derives an id and dates a quote to its source; the files may not: a
            # reload finds each record by its id, and curated words carry their own date.
            missing = [
                name
                for name in ("id", "date")
                if name in kind.create_schema().fields and name not in record
            ]
            if missing:
                problems.extend(f"{where}: {n}: Missing data for required field." for n in missing)
                continue
            try:
                data = kind.create_schema().load(record)
            except ValidationError as exc:
                problems.extend(
                    f"{where}: {e['field']}: {e['detail']}"
                    for e in field_errors({"fixture": exc.messages})
                )
                continue
            attempt(kind, where, data)
    while refused:
        before = len(refused)
        for where, (kind, data, _) in list(refused.items()):
            attempt(kind, where, data)
        if len(refused) == before:
            break
    problems.extend(
        f"{w}: {detail}" for w, (_, _, details) in refused.items() for detail in details
    )
    if problems:
        session.rollback()
        raise FixtureError(problems)
    return report
