"""Alembic environment: the models' metadata, and DATABASE_URL (or the CLI's URL)."""

from __future__ import annotations

from alembic import context

import api.models  # noqa: F401  (fills Base.metadata)
from api.config import Config
from api.db import Base, UTCDateTime, make_engine

config = context.config
url = config.attributes.get("database_url") or Config.from_env().database_url


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _render_item(type_, obj, autogen_context):  # type: ignore[no-untyped-def]
    # Migrations name plain SQLAlchemy types, never our Python wrappers around them.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_item=_render_item,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
