"""Test databases: a fresh SQLite file, or a throwaway PostgreSQL database when DATABASE_URL
points at a server. The user's own database is never touched."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from api import create_app
from api.config import Config, normalise_database_url
from api.db import make_engine
from api.db.migrations import alembic_config
from api.writes.fixtures import load_fixtures

BASE_URL = normalise_database_url(os.environ.get("DATABASE_URL", "sqlite://"))
ON_POSTGRES = BASE_URL.startswith("postgresql")

# .ci/run picks "ci": the same examples on every run, so a red build is never a dice roll.
settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


PG_SERVER = normalise_database_url(
    os.environ.get("STANCES_PG_SERVER", "postgresql://postgres@127.0.0.1:5432/postgres")
)


def _server_admin_engine(url: str) -> Engine:
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def new_database_url(tmp_dir: Path, base: str = BASE_URL) -> str:
    """A new, empty database of the kind `base` (default: DATABASE_URL) names."""
    if not base.startswith("postgresql"):
        return f"sqlite:///{tmp_dir / f'stances-{uuid.uuid4().hex[:8]}.db'}"
    name = f"stances_test_{uuid.uuid4().hex[:12]}"
    admin = _server_admin_engine(base)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    name = make_url(url).database
    admin = _server_admin_engine(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def migrated_database(tmp_dir: Path) -> str:
    """A new database of the kind DATABASE_URL names, migrated, with the curated fixtures."""
    url = new_database_url(tmp_dir)
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with Session(engine) as session:
        load_fixtures(session)
        session.commit()
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database holding the curated fixtures, shared by the whole run."""
    url = migrated_database(tmp_path_factory.mktemp("db"))
    yield url
    drop_database(url)


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator:
    """A transaction per test, rolled back at the end whatever the test committed."""
    with engine.connect() as conn:
        trans = conn.begin()
        yield conn
        trans.rollback()


@pytest.fixture
def session(connection) -> Iterator[Session]:
    with Session(bind=connection, join_transaction_mode="create_savepoint") as s:
        yield s


@pytest.fixture
def app(database_url: str, connection) -> Flask:
    app = create_app(Config(database_url=database_url))
    return bind_to_connection(app, connection)


def bind_to_connection(app: Flask, connection) -> Flask:  # type: ignore[no-untyped-def]
    """Every request's work in the test's transaction (on a savepoint), reads included:
    servers started by tests, e.g. the contract tests', read in autocommit as in production."""
    app.extensions["stances"]["sessionmaker"] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    app.extensions["stances"]["autocommit_reads"] = False
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
