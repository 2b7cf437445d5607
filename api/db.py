"""Declarative base with portable constraint names, and engine/session wiring."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData, TypeDecorator, create_engine, event
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, sessionmaker

# Same constraint names on SQLite and PostgreSQL, so migrations can name them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on every database: SQLite would otherwise hand back naive times."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    def iso_text_processor(self, dialect: Dialect) -> Callable[[Any], str | None] | None:
        """On SQLite, from the stored text straight to what `isoformat()` of the value would
        give, without making a datetime: a page of quotes holds a hundred of them. None on
        other databases (their driver hands back datetimes)."""
        if dialect.name != "sqlite":
            return None
        to_datetime = self._cached_result_processor(dialect, None)

        def iso(raw: Any) -> str | None:
            # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff" in UTC; isoformat() leaves out
            # a zero fraction. Anything else is read the long way.
            if isinstance(raw, str) and len(raw) == 26 and raw[10] == " " and raw[19] == ".":
                if raw.endswith(".000000"):
                    return f"{raw[:10]}T{raw[11:19]}+00:00"
                return f"{raw[:10]}T{raw[11:]}+00:00"
            value = to_datetime(raw) if to_datetime else raw
            return None if value is None else value.isoformat()

        return iso


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Record(Timestamped):
    """A top-level resource: timestamps, a version for optimistic locking, soft deletion."""

    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        # UPDATE ... WHERE version = <loaded>: a concurrent writer makes ours fail, not vanish.
        return {"version_id_col": cls.version}


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # We emit BEGIN ourselves (below): pysqlite's own handling breaks SAVEPOINTs.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # Writers ask for IMMEDIATE: they take the write lock before reading what they change,
    # so a concurrent writer waits instead of failing mid-transaction with SQLITE_BUSY.
    conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', 'DEFERRED')}")


WRITE_TRANSACTION = {"sqlite_begin": "IMMEDIATE"}


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # A statement running past the timeout is cancelled by the server (answered as a 503),
    # so one slow request cannot hold a worker and a connection for ever.
    timeout_ms = int(os.environ.get("STANCES_STATEMENT_TIMEOUT_MS", "10000"))
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_timeout=10,
        connect_args={"connect_timeout": 5, "options": f"-c statement_timeout={timeout_ms}"},
    )


def make_sessionmaker(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, expire_on_commit=False)
