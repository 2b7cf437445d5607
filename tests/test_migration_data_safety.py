"""Migrations upgrade and downgrade a database holding 100k quotes without losing a row.

The synth set is written at the first revision, then the database walks the whole revision
chain one step at a time: up to head, down to the first revision, up to head again. After every
step each table holds as many rows as before, and the key content of the important tables
(quotes, sources, positions and their evidence, the full-text index) hashes the same. At the
end, search still finds the synthetic words through the API.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

from alembic import command
from alembic.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy import Connection, inspect, text

from api import create_app
from api.config import Config
from api.db import make_engine
from api.db.migrations import alembic_config
from bench.synth import COMMON_WORD, RARE_WORD, Plan, synth_database
from tests.conftest import drop_database, new_database_url

QUOTES = 100_000
PLAN = Plan.for_quotes(QUOTES)

# Content hashed in a fixed order after every step: (table, columns, order by). A search
# index table is hashed under the name "search index" whichever database holds it.
CHECKSUMS = (
    ("quotes", "id, text, span_start, span_end, date", "id"),
    ("sources", "id, sha256, text", "id"),
    ("positions", "id, actor_id, topic_id, option_id, stance, summary, date", "id"),
    (
        "position_evidence",
        "id, position_id, quote_id, source_id, span_start, span_end, excerpt",
        "id",
    ),
)
SEARCH_TABLE = {"sqlite": "search_fts", "postgresql": "search_documents"}
# The shadow tables FTS5 keeps for a virtual table: its storage, not rows of its own.
FTS5_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")

Snapshot = tuple[dict[str, int], dict[str, str]]


def _chain(url: str) -> list[Script]:
    """Every revision from the first to head, in upgrade order; the chain must be linear."""
    scripts = ScriptDirectory.from_config(alembic_config(url))
    assert len(scripts.get_heads()) == 1, f"more than one head: {scripts.get_heads()}"
    chain = list(reversed(list(scripts.walk_revisions("base", "heads"))))
    assert chain and chain[0].down_revision is None
    for before, after in pairwise(chain):
        assert after.down_revision == before.revision, f"not a linear chain at {after.revision}"
    return chain


def _tables(conn: Connection) -> list[str]:
    names = set(inspect(conn).get_table_names()) - {"alembic_version"}
    if conn.dialect.name == "sqlite":
        virtual = conn.scalars(
            text("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
        ).all()
        names -= {f"{v}{suffix}" for v in virtual for suffix in FTS5_SHADOWS}
    return sorted(names)


def _digest(conn: Connection, sql: str) -> str:
    """A hash of the rows of `sql`, streamed in batches: never the whole table in memory."""
    digest = hashlib.sha256()
    result = conn.execution_options(stream_results=True, yield_per=10_000).execute(text(sql))
    for partition in result.partitions():
        for row in partition:
            digest.update(repr(tuple(row)).encode("utf-8"))
            digest.update(b"\x1e")
    return digest.hexdigest()


def _snapshot(url: str) -> Snapshot:
    """(row count of every table, content hash of the important tables)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = _tables(conn)
            counts = {
                name: conn.scalar(text(f'SELECT count(*) FROM "{name}"')) or 0 for name in tables
            }
            sums = {
                name: _digest(conn, f'SELECT {columns} FROM "{name}" ORDER BY {order}')
                for name, columns, order in CHECKSUMS
                if name in tables
            }
            search = SEARCH_TABLE[conn.dialect.name]
            sums["search index"] = _digest(
                conn,
                f"SELECT doc_type, doc_id, label, body FROM {search} ORDER BY doc_type, doc_id",
            )
    finally:
        engine.dispose()
    return counts, sums


def _current(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def _assert_kept(before: Snapshot, after: Snapshot, step: str) -> None:
    counts_before, sums_before = before
    counts_after, sums_after = after
    # A table may come or go with a migration only while it is empty.
    changed = {
        name: (counts_before.get(name, "absent"), counts_after.get(name, "absent"))
        for name in counts_before.keys() | counts_after.keys()
        if counts_before.get(name, 0) != counts_after.get(name, 0)
    }
    assert not changed, f"{step}: row counts changed (before, after): {changed}"
    differ = sorted(
        name
        for name in sums_before.keys() | sums_after.keys()
        if sums_before.get(name) != sums_after.get(name)
    )
    assert not differ, f"{step}: content changed in {differ}"


def _walk(url: str, chain: list[Script], baseline: Snapshot) -> Iterator[str]:
    """Up to head, down to the first revision, up to head again, checking every step."""
    config = alembic_config(url)
    ups = [script.revision for script in chain[1:]]
    downs = [script.down_revision for script in reversed(chain[1:])]
    for direction, targets in (("upgrade", ups), ("downgrade", downs), ("upgrade", ups)):
        for target in targets:
            assert isinstance(target, str)
            step = f"{direction} {_current(url)} -> {target}"
            getattr(command, direction)(config, target)
            assert _current(url) == target, step
            _assert_kept(baseline, _snapshot(url), step)
            print(f"{step}: kept")
            yield step


def test_migrations_keep_every_row_of_100k_quotes(tmp_path: Path) -> None:
    url = new_database_url(tmp_path)
    try:
        chain = _chain(url)
        command.upgrade(alembic_config(url), chain[0].revision)
        report = synth_database(url, QUOTES, seed=1, progress=None)
        baseline = _snapshot(url)
        counts = baseline[0]
        # Shown when the test fails (and with -s): what the walk started from.
        print(f"synth in {report.seconds:.1f} s; rows: {counts}")

        # The synth set is all there before anything moves.
        assert report.rows["quotes"] == counts["quotes"] == PLAN.quotes
        for name, expected in (
            ("sources", PLAN.sources),
            ("actors", PLAN.actors),
            ("topics", PLAN.topics),
            ("positions", PLAN.positions),
            ("events", PLAN.events),
        ):
            assert counts[name] == expected, name
        for name, written in report.rows.items():
            assert counts[name] == written, name

        steps = list(_walk(url, chain, baseline))
        assert len(steps) == 3 * (len(chain) - 1)
        assert _current(url) == chain[-1].revision

        _assert_search_works(url)
        if url.startswith("postgresql"):
            _assert_search_seq_filled(url)
    finally:
        drop_database(url)


def _assert_search_works(url: str) -> None:
    app = create_app(Config(database_url=url, search_rate_per_minute=1_000_000))
    try:
        client = app.test_client()
        for word in (COMMON_WORD, RARE_WORD):
            response = client.get(f"/v1/search?q={word}&limit=50")
            assert response.status_code == 200, response.json
            assert response.json["items"], f"no hits for {word!r} after the migrations"
            # Quotes by name: which kinds rank first among all hits is not this test's business.
            response = client.get(f"/v1/search?q={word}&type=quote&limit=50")
            assert response.status_code == 200, response.json
            hits = response.json["items"]
            assert hits, f"no quote hits for {word!r} after the migrations"
            assert {h["type"] for h in hits} == {"quote"}, word
            assert all(f"<mark>{word}</mark>" in h["snippet"].lower() for h in hits), word
        quotes = client.get(f"/v1/quotes?q={COMMON_WORD}&limit=10").json["items"]
        assert quotes and all(COMMON_WORD in q["text"] for q in quotes)
    finally:
        app.extensions["stances"]["engine"].dispose()


def _assert_search_seq_filled(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows, filled, distinct = conn.execute(
                text("SELECT count(*), count(seq), count(DISTINCT seq) FROM search_documents")
            ).one()
    finally:
        engine.dispose()
    assert rows > PLAN.quotes
    assert filled == rows, f"{rows - filled} search_documents rows without seq"
    assert distinct == rows, f"{rows - distinct} duplicate seq values"
