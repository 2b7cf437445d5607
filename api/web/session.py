"""One database session per request, closed when the request ends."""

from __future__ import annotations

from flask import current_app, g, request
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

READ_METHODS = frozenset({"GET", "HEAD"})


def db_session() -> Session:
    if "db_session" not in g:
        stances = current_app.extensions["stances"]
        session = stances["sessionmaker"]()
        if stances.get("autocommit_reads") and request.method in READ_METHODS:
            # A read needs no transaction of its own: on PostgreSQL, BEGIN and the ROLLBACK
            # when the connection goes back to the pool cost two round trips, more than the
            # query itself (bench/README.md). Each statement still sees a consistent snapshot.
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        g.db_session = session
    return g.db_session


def close_db_session(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        session.close()
    except DBAPIError:
        # The connection died after the answer was ready (a database restart): drop the
        # connection rather than turn a finished answer into a 500.
        session.invalidate()
