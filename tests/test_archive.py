"""`stances export` then `stances import` into an empty database gives identical answers,
across SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy.orm import Session

from api import create_app
from api.config import Config
from api.db import make_engine
from api.db.migrations import alembic_config
from api.writes.archive import ArchiveError, export_archive, import_archive
from api.writes.tokens import create_token
from tests.conftest import PG_SERVER, drop_database, new_database_url
from tests.test_same_on_both_databases import REQUESTS, comparable

HISTORY = ["/v1/changes?limit=500", "/v1/quotes/t-archived/revisions", "/v1/quotes/t-archived"]


def _answers(url: str) -> dict[str, object]:
    app = create_app(Config(database_url=url))
    client = app.test_client()
    answers = {r: client.get(r).get_json() for r in REQUESTS + HISTORY}
    app.extensions["stances"]["engine"].dispose()
    return answers


def _migrated(url: str) -> str:
    command.upgrade(alembic_config(url), "head")
    return url


def test_round_trip_sqlite_to_postgresql_and_back(database_url: str, tmp_path: Path) -> None:
    # A source database with the fixtures and one edited quote (so revisions matter).
    origin = _migrated(f"sqlite:///{tmp_path / 'origin.db'}")
    from api.writes.fixtures import load_fixtures

    engine = make_engine(origin)
    with Session(engine) as session:
        load_fixtures(session)
        raw = create_token(session, "archivist")
        session.commit()
    engine.dispose()
    app = create_app(Config(database_url=origin))
    client = app.test_client()
    auth = {"Authorization": f"Bearer {raw}"}
    created = client.post(
        "/v1/quotes",
        json={
            "id": "t-archived",
            "text": "sectoral",
            "kind": "partial",
            "date": "2011-06",
            "source": "missile-defense-negotiations-break-down",
        },
        headers=auth,
    )
    assert created.status_code == 201, created.json
    client.patch(
        "/v1/quotes/t-archived",
        json={"notes": "kept"},
        headers={**auth, "If-Match": created.headers["ETag"]},
    )
    app.extensions["stances"]["engine"].dispose()
    expected = _answers(origin)

    archive = tmp_path / "record.jsonl.gz"
    engine = make_engine(origin)
    with Session(engine) as session:
        export_archive(session, archive)
    engine.dispose()

    postgres = _migrated(new_database_url(tmp_path, PG_SERVER))
    back = _migrated(f"sqlite:///{tmp_path / 'back.db'}")
    try:
        for target, source_archive in ((postgres, archive), (back, tmp_path / "again.jsonl.gz")):
            if target == back:  # PostgreSQL -> SQLite: export what PostgreSQL now holds
                engine = make_engine(postgres)
                with Session(engine) as session:
                    export_archive(session, source_archive)
                engine.dispose()
            engine = make_engine(target)
            with Session(engine) as session:
                import_archive(session, source_archive)
                session.commit()
                with pytest.raises(ArchiveError, match="not empty"):
                    import_archive(session, source_archive)
            engine.dispose()
            got = _answers(target)
            for request in expected:
                assert comparable(request, got) == comparable(request, expected), request
    finally:
        drop_database(postgres)
