"""SQLAlchemy statements compiled once, run on a raw DB-API cursor: for the hottest reads.

Core compiles (or looks up in its cache), builds an execution context and wraps every row on
each call; for a query asked thousands of times a second with the same shape that is most of
its cost. Here the SQL string and the column types' result processors are made once, so a
call is the driver's execute and fetch plus the same per-value conversions Core would apply.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from sqlalchemy import Engine, Select


class PreparedQuery:
    def __init__(self, engine: Engine, stmt: Select) -> None:
        dialect = engine.dialect
        compiled = stmt.compile(dialect=dialect)
        self.sql = compiled.string
        # Integers bound with literal_execute=True are written into the SQL: a LIMIT known to
        # the planner (PostgreSQL's generic plan for `LIMIT $1` joins the whole table first).
        self._literal = [n for n in compiled.params if f"__[POSTCOMPILE_{n}]" in self.sql]
        self._positional = (
            [n for n in compiled.positiontup or () if n not in self._literal]
            if dialect.positional
            else None
        )
        # Values the compiler bound itself (SQLite's OFFSET 0 after a LIMIT, say).
        self._defaults = {k: v for k, v in compiled.params.items() if v is not None}
        processors = [
            column.type._cached_result_processor(dialect, None) for column in stmt.selected_columns
        ]
        # Most columns need no conversion; only those that do are visited per row.
        self._converters = [(i, p) for i, p in enumerate(processors) if p is not None]
        self._row = namedtuple("Row", stmt.selected_columns.keys())  # type: ignore[misc]

    def rows(self, dbapi_connection: Any, **params: Any) -> list[Any]:
        params = {**self._defaults, **params}
        sql = self.sql
        for name in self._literal:
            sql = sql.replace(f"__[POSTCOMPILE_{name}]", str(int(params.pop(name))))
        bound = tuple(params[n] for n in self._positional) if self._positional else params
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
