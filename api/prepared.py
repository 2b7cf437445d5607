"""SQLAlchemy statements compiled once, run on a raw DB-API cursor: for the hottest reads.

Core compiles (or looks up in its cache), builds an execution context and wraps every row on
each call; for a query asked thousands of times a second with the same shape that is most of
its cost. Here the SQL string and the column types' bind and result processors are made once,
so a call is the driver's execute and fetch plus the same per-value conversions Core would
apply.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, Select, text
from sqlalchemy.orm import Session

# Runs a statement with its parameters and returns its rows (by position and by column key):
# over an ORM session on the Flask path, over a PreparedQuery on the hot path.
Fetch = Callable[[Select, dict[str, Any]], Sequence[Any]]


def fetch_with(db: Session | Fetch) -> Fetch:
    if isinstance(db, Session):
        return lambda stmt, params: db.execute(stmt, params).all()
    return db


class PreparedQuery:
    """`iso_timestamps`: columns whose type can read stored text straight into ISO 8601
    (UTCDateTime on SQLite) come back as that text, not as datetimes."""

    def __init__(self, engine: Engine, stmt: Select, iso_timestamps: bool = False) -> None:
        dialect = engine.dialect
        compiled = stmt.compile(dialect=dialect)
        self.sql = compiled.string
        binds = compiled.binds
        # Integers bound with literal_execute=True are written into the SQL: a LIMIT known to
        # the planner (PostgreSQL's generic plan for `LIMIT $1` joins the whole table first).
        # Lists for `IN (...)`: one placeholder per value, made on each call.
        self._expanding = [n for n, b in binds.items() if b.expanding]
        self._literal = [
            n for n in binds if n not in self._expanding and f"__[POSTCOMPILE_{n}]" in self.sql
        ]
        self._qmark = dialect.paramstyle == "qmark"
        self._positional = (
            [n for n in compiled.positiontup or () if n not in self._literal]
            if dialect.positional
            else None
        )
        # Values the compiler bound itself (SQLite's OFFSET 0 after a LIMIT, say).
        self._defaults = {k: v for k, v in compiled.params.items() if v is not None}
        self._binders = {
            n: p
            for n, b in binds.items()
            if (p := b.type._cached_bind_processor(dialect)) is not None
        }
        processors = [
            (iso_timestamps and _iso_text_processor(column.type, dialect))
            or column.type._cached_result_processor(dialect, None)
            for column in stmt.selected_columns
        ]
        # Most columns need no conversion; only those that do are visited per row.
        self._converters = [(i, p) for i, p in enumerate(processors) if p is not None]
        self._row = namedtuple("Row", stmt.selected_columns.keys())  # type: ignore[misc]

    def _bound(self, params: dict[str, Any]) -> tuple[str, Any]:
        params = {**self._defaults, **params}
        sql = self.sql
        for name in self._literal:
            sql = sql.replace(f"__[POSTCOMPILE_{name}]", str(int(params.pop(name))))
        for name, bind in self._binders.items():
            if name in params:
                value = params[name]
                params[name] = [bind(v) for v in value] if name in self._expanding else bind(value)
        for name in self._expanding:
            values = list(params.pop(name))
            if not values:
                raise ValueError(f"{name}: an empty list")
            if self._qmark:
                marks = ", ".join("?" * len(values))
                params[name] = values
            else:
                keys = [f"{name}_{i}" for i in range(len(values))]
                marks = ", ".join(f"%({k})s" for k in keys)
                params.update(zip(keys, values, strict=True))
            sql = sql.replace(f"__[POSTCOMPILE_{name}]", marks)
        if self._positional is None:
            return sql, params
        bound: list[Any] = []
        for name in self._positional:
            if name in self._expanding:
                bound.extend(params[name])
            else:
                bound.append(params[name])
        return sql, tuple(bound)

    def rows(self, dbapi_connection: Any, **params: Any) -> list[Any]:
        sql, bound = self._bound(params)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(sql, bound)
            fetched = cursor.fetchall()
        finally:
            cursor.close()
        converters, make = self._converters, self._row._make
        if not converters:
            return [make(raw) for raw in fetched]
        rows = []
        for raw in fetched:
            values = list(raw)
            for i, convert in converters:
                values[i] = convert(values[i])
            rows.append(make(values))
        return rows


def _iso_text_processor(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    make = getattr(type_, "iso_text_processor", None)
    return make(dialect) if make is not None else None


class PreparedStatements:
    """A PreparedQuery for each statement run through it, made on first use: for statements
    built once (module-level or cached), so the key is the statement object itself."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._prepared: dict[Select, PreparedQuery] = {}

    def fetch(self, dbapi_connection: Any) -> Fetch:
        def run(stmt: Select, params: dict[str, Any]) -> list[Any]:
            query = self._prepared.get(stmt)
            if query is None:
                query = self._prepared[stmt] = PreparedQuery(self.engine, stmt)
            return query.rows(dbapi_connection, **params)

        return run


@dataclass(frozen=True)
class SqlText:
    """Runs SQL text with `:name` parameters and returns its rows (by position and by column
    name): over an ORM session on the Flask path, over a raw DB-API connection on the hot
    path, for queries whose SQL is put together per request (search).

    On PostgreSQL the statements are planned afresh each time, never from a prepared
    statement's generic plan: search plans well only when the planner sees the words (a
    generic plan scans every match of a common word, ten times slower at 100k rows)."""

    dialect: str
    run: Callable[[str, dict[str, Any]], Sequence[Any]]

    @classmethod
    def of_session(cls, session: Session) -> SqlText:
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":
            # psycopg prepares a statement on its fifth run; for the rest of this request's
            # transaction no prepared statement may use a generic plan.
            session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))

        def run(sql: str, params: dict[str, Any]) -> Sequence[Any]:
            return session.execute(text(sql), params).all()

        return cls(dialect, run)

    @classmethod
    def of_dbapi(cls, dbapi_connection: Any, dialect: str) -> SqlText:
        postgresql = dialect == "postgresql"

        def run(sql: str, params: dict[str, Any]) -> Sequence[Any]:
            driver_sql, names = _driver_sql(sql, postgresql)
            bound = {n: params[n] for n in names}
            cursor = dbapi_connection.cursor()
            try:
                if postgresql:
                    cursor.execute(driver_sql, bound, prepare=False)
                else:
                    cursor.execute(driver_sql, bound)
                fetched = cursor.fetchall()
                make = _row_type(tuple(d[0] for d in cursor.description))._make
            finally:
                cursor.close()
            return [make(r) for r in fetched]

        return cls(dialect, run)


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=1024)
def _driver_sql(sql: str, pyformat: bool) -> tuple[str, frozenset[str]]:
    """SQL in the driver's parameter style (sqlite3 takes `:name` as it is) and its names."""
    names = frozenset(_NAMED.findall(sql))
    if pyformat:
        sql = _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))
    return sql, names


@lru_cache(maxsize=64)
def _row_type(names: tuple[str, ...]) -> Any:
    return namedtuple("Row", names)  # type: ignore[misc]
