"""The same requests give the same answers on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from api import create_app
from api.config import Config
from api.db import make_engine
from api.db.migrations import alembic_config
from api.writes.fixtures import load_fixtures
from tests.conftest import PG_SERVER

REQUESTS = [
    "/v1/sources",
    "/v1/actors?limit=500&facets=kind",
    "/v1/topics",
    "/v1/positions?limit=500&facets=stance,actor,topic,option",
    "/v1/quotes?limit=500&facets=speaker,kind",
    "/v1/events?limit=500&from=2011",
    "/v1/quotes?q=missile defence&limit=500",
    "/v1/topics/missile-defence-architecture/comparison?as_of=2011-12-31&roll_up=true",
    "/v1/compare?actors=russia,nato,united-states&as_of=2011-12-31",
    "/v1/actors/russia/timeline",
    "/v1/search?q=missile&limit=100&type=quote,event,actor",
]
VOLATILE = {"created_at", "updated_at", "score", "snippet"}


def _strip(value):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def comparable(request: str, answers: dict) -> object:
    """Search hits are the same set; bm25 and ts_rank score, order and cut snippets their own
    way."""
    answer = answers[request]
    if request.startswith("/v1/search"):
        return sorted((h["type"], h["id"], h["label"]) for h in answer["items"])
    return answer


def _answers(url: str) -> dict[str, object]:
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with Session(engine) as session:
        load_fixtures(session)
        session.commit()
    engine.dispose()
    app = create_app(Config(database_url=url))
    client = app.test_client()
    answers = {}
    for request in REQUESTS:
        response = client.get(request)
        assert response.status_code == 200, (url, request, response.json)
        answers[request] = _strip(response.json)
    app.extensions["stances"]["engine"].dispose()
    return answers


def test_sqlite_and_postgresql_answer_alike(tmp_path: Path) -> None:
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    name = f"stances_same_{os.getpid()}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        pytest.skip("no PostgreSQL server to compare with")
    try:
        pg_url = make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)
        on_postgres = _answers(pg_url)
        on_sqlite = _answers(f"sqlite:///{tmp_path / 'same.db'}")
        for request in REQUESTS:
            assert comparable(request, on_sqlite) == comparable(request, on_postgres), request
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
