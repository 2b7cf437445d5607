"""Engines and sessions: SQLite's pragmas and transaction start, PostgreSQL's timeouts."""

from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

DEFAULT_STATEMENT_TIMEOUT_MS = 10_000


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


def make_engine(url: str, statement_timeout_ms: int = DEFAULT_STATEMENT_TIMEOUT_MS) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # A statement running past the timeout is cancelled by the server (answered as a 503),
    # so one slow request cannot hold a worker and a connection for ever.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_timeout=10,
        connect_args={
            "connect_timeout": 5,
            "options": f"-c statement_timeout={statement_timeout_ms}",
        },
    )


def make_sessionmaker(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, expire_on_commit=False)
