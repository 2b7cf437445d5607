"""The migrations build exactly the models' schema, and go down and up again cleanly."""

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from api.db import Base, make_engine
from api.db.migrations import alembic_config
from tests.conftest import drop_database, new_database_url


def test_upgrade_downgrade_upgrade_matches_models(tmp_path: Path) -> None:
    url = new_database_url(tmp_path)
    try:
        config = alembic_config(url)
        command.upgrade(config, "head")
        command.downgrade(config, "base")
        engine = make_engine(url)
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        command.upgrade(config, "head")
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert set(Base.metadata.tables) <= tables
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            diff = [d for d in compare_metadata(context, Base.metadata) if not _is_fts(d)]
        engine.dispose()
        assert diff == [], f"models and migrations disagree: {diff}"
    finally:
        drop_database(url)


def _is_fts(diff: object) -> bool:
    """Full-text tables are created by hand in the migration and are not models."""
    text = repr(diff)
    return "search_" in text or "_fts" in text
