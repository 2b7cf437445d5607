"""Alembic's configuration for a database URL: the one way the schema is migrated."""

from __future__ import annotations

from alembic.config import Config as AlembicConfig

from api.config import PROJECT_ROOT


def alembic_config(database_url: str) -> AlembicConfig:
    config = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    return config
