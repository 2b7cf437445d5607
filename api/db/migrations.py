"""Alembic's configuration for a database URL: the one way the schema is migrated."""

from __future__ import annotations

from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from api.config import PROJECT_ROOT

MIGRATIONS = PROJECT_ROOT / "migrations"


def alembic_config(database_url: str) -> AlembicConfig:
    config = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = database_url
    return config


def schema_behind(engine: Engine) -> str | None:
    """Why the database's schema is not at Alembic's head, or None when it is.

    Commands that read or write records ask first, so an unmigrated database gets one clear
    sentence instead of a driver's "no such table"."""
    heads = set(ScriptDirectory(str(MIGRATIONS)).get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    if current == heads:
        return None
    at = ", ".join(sorted(current)) or "no revision (an empty database)"
    return f"the database schema is at {at}, not at head {', '.join(sorted(heads))}"
