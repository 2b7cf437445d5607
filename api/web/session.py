"""One database session per request, closed when the request ends."""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


def db_session() -> Session:
    if "db_session" not in g:
        g.db_session = current_app.extensions["stances"]["sessionmaker"]()
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
