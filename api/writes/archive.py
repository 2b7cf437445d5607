"""Backups: the whole record, revisions and tokens included, as a versioned archive.

The archive is gzipped JSON lines: a header naming the format, its version and the schema
revision, then one line per row. Rows are copied as stored (ids, timestamps, versions), so
an import into an empty database answers every request exactly as the original did; the
full-text index is derived, so it is rebuilt rather than copied.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Date, Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from api.db import Base, UTCDateTime, utcnow
from api.db.search_index import index_row
from api.writes.kinds import KINDS

ARCHIVE_FORMAT = "stances-archive"
ARCHIVE_VERSION = 1
BATCH = 1000


class ArchiveError(Exception):
    pass


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _decoder(table: Table) -> dict[str, Any]:
    decoders: dict[str, Any] = {}
    for column in table.columns:
        if isinstance(column.type, UTCDateTime):
            decoders[column.key] = datetime.fromisoformat
        elif isinstance(column.type, Date):
            decoders[column.key] = date.fromisoformat
    return decoders


def _schema_revision(session: Session) -> str | None:
    return session.execute(text("SELECT version_num FROM alembic_version")).scalar()


def export_archive(session: Session, path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with gzip.open(path, "wt", encoding="utf-8") as out:
        header = {
            "format": ARCHIVE_FORMAT,
            "version": ARCHIVE_VERSION,
            "schema_revision": _schema_revision(session),
            "exported_at": utcnow().isoformat(),
        }
        out.write(json.dumps(header) + "\n")
        for table in _tables():
            counts[table.name] = 0
            key = list(table.primary_key.columns)
            for row in session.execute(select(table).order_by(*key)).mappings():
                line = {"table": table.name, "row": {k: _encode(v) for k, v in row.items()}}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                counts[table.name] += 1
    return counts


def _lines(handle: IO[str]) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(handle, start=1):
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise ArchiveError(f"Line {number} is not JSON: {exc.msg}") from exc


def import_archive(session: Session, path: Path) -> dict[str, int]:
    """Load an archive into an empty, migrated database; all or nothing."""
    tables = {t.name: t for t in _tables()}
    for table in tables.values():
        if session.scalar(select(func.count()).select_from(table)):
            raise ArchiveError(f"The database is not empty ({table.name} has rows).")
    counts = dict.fromkeys(tables, 0)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = _lines(handle)
        header = next(lines, None)
        if not header or header.get("format") != ARCHIVE_FORMAT:
            raise ArchiveError("Not a Stances archive.")
        if header.get("version") != ARCHIVE_VERSION:
            raise ArchiveError(f"Archive version {header.get('version')} is not supported.")
        if header.get("schema_revision") != _schema_revision(session):
            raise ArchiveError(
                f"The archive's schema is {header.get('schema_revision')}; this database is at "
                f"{_schema_revision(session)}. Migrate one to the other first."
            )
        pending: list[tuple[Table, dict[str, Any]]] = []
        deferred: list[tuple[Table, dict[str, Any], dict[str, Any]]] = []
        for line in lines:
            table = tables.get(line.get("table"))
            if table is None:
                raise ArchiveError(f"Unknown table {line.get('table')!r}.")
            decoders = _decoder(table)
            row = {
                k: decoders[k](v) if k in decoders and v is not None else v
                for k, v in line["row"].items()
            }
            # A row may point at a later row of its own table (a superseding position):
            # insert it without that link, then set the link once every row is in.
            self_refs = {
                fk.parent.key: row[fk.parent.key]
                for fk in table.foreign_keys
                if fk.column.table is table and row.get(fk.parent.key) is not None
            }
            if self_refs:
                deferred.append((table, row, self_refs))
                row = {**row, **dict.fromkeys(self_refs)}
            pending.append((table, row))
            counts[table.name] += 1
            if len(pending) >= BATCH:
                _flush(session, pending)
        _flush(session, pending)
        for table, row, self_refs in deferred:
            key = {c.key: row[c.key] for c in table.primary_key.columns}
            # Columns with an onupdate default (updated_at) keep their archived value.
            kept = {c.key: row[c.key] for c in table.columns if c.onupdate is not None}
            session.execute(
                update(table)
                .where(*(table.c[k] == v for k, v in key.items()))
                .values({**self_refs, **kept})
            )
    _reset_sequences(session, tables.values())
    reindex_all(session)
    return counts


def _flush(session: Session, pending: list[tuple[Table, dict[str, Any]]]) -> None:
    while pending:
        table = pending[0][0]
        batch = []
        while pending and pending[0][0] is table:
            batch.append(pending.pop(0)[1])
        session.execute(insert(table), batch)


def _reset_sequences(session: Session, tables: Any) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) == 1 and key[0].autoincrement is not False and key[0].type.python_type is int:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key[0].name}'), "
                    f"COALESCE((SELECT MAX({key[0].name}) FROM {table.name}), 0) + 1, false)"
                )
            )


def reindex_all(session: Session) -> int:
    """Rebuild the full-text index from the live rows."""
    count = 0
    for kind in KINDS:
        if kind.doc_type not in ("quote", "position", "event", "actor", "source"):
            continue
        stmt = select(kind.model).where(kind.model.deleted_at.is_(None))
        for row in session.scalars(stmt.execution_options(yield_per=BATCH)):
            index_row(session, kind.doc_type, row)
            count += 1
    return count
