"""Counts per value of a column over a filtered list, as Datasette's facets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

MAX_FACET_VALUES = 100


@dataclass(frozen=True)
class Facet:
    column: InstrumentedAttribute[Any]
    # The referenced row's id and display column, when the value is a foreign key.
    label_id: InstrumentedAttribute[Any] | None = None
    label: InstrumentedAttribute[Any] | None = None


def facet_counts(
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    available: dict[str, Facet],
    names: Sequence[str],
) -> list[dict[str, Any]]:
    """One GROUP BY per requested facet, most frequent values first."""
    results = []
    for name in dict.fromkeys(names):
        facet = available[name]
        count = func.count().label("n")
        if facet.label is not None and facet.label_id is not None:
            stmt = select(facet.column, facet.label, count).outerjoin(
                facet.label_id.class_, facet.label_id == facet.column
            )
            stmt = stmt.group_by(facet.column, facet.label)
        else:
            stmt = select(facet.column, facet.column, count).group_by(facet.column)
        stmt = stmt.where(*conditions).order_by(count.desc(), facet.column.asc().nulls_last())
        rows = session.execute(stmt.limit(MAX_FACET_VALUES)).all()
        results.append(
            {
                "name": name,
                "values": [
                    {"value": value, "label": None if label is None else str(label), "count": n}
                    for value, label, n in rows
                ],
            }
        )
    return results
