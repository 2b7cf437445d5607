"""Bulk answers: whole lists as CSV or NDJSON, streamed page by page."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from flask import Response, request, stream_with_context
from marshmallow import Schema, fields
from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute, Session

EXPORT_TYPES = {"csv": "text/csv", "ndjson": "application/x-ndjson"}
BATCH = 500


def requested_format(args: dict[str, Any]) -> str | None:
    """`format=` wins; else the Accept header, when it prefers an export type to JSON."""
    if args.get("format"):
        return None if args["format"] == "json" else args["format"]
    best = request.accept_mimetypes.best_match(["application/json", *EXPORT_TYPES.values()])
    return next((k for k, v in EXPORT_TYPES.items() if v == best), None)


def _columns(schema: Schema, prefix: str = "") -> list[str]:
    names = []
    for name, field in schema.fields.items():
        key = prefix + (field.data_key or name)
        if isinstance(field, fields.Nested) and not field.many:
            names.extend(_columns(field.schema, key + "."))
        else:
            names.append(key)
    return names


def _flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            flat[prefix + key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[prefix + key] = value
    return flat


def _batches(
    session: Session, stmt: Select, key: InstrumentedAttribute, schema: Schema
) -> Iterator[list[dict[str, Any]]]:
    """The whole list in key order, BATCH rows per query, so memory stays flat."""
    last = None
    try:
        while True:
            page = stmt if last is None else stmt.where(key > last)
            rows = list(session.scalars(page.order_by(key).limit(BATCH)).unique())
            if not rows:
                return
            yield schema.dump(rows, many=True)
            last = rows[-1].id
            session.expunge_all()
    finally:
        # The request's teardown closed this session before the stream began; reading
        # reopened it, so close it again or its connection stays out of the pool.
        session.close()


def stream_list(
    session: Session, stmt: Select, key: InstrumentedAttribute, schema: Schema, fmt: str
) -> Response:
    def ndjson() -> Iterator[str]:
        for batch in _batches(session, stmt, key, schema):
            yield "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in batch)

    def csv_rows() -> Iterator[str]:
        columns = _columns(schema)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for batch in _batches(session, stmt, key, schema):
            for item in batch:
                writer.writerow(_flatten(item))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        if buffer.tell():
            yield buffer.getvalue()

    body = csv_rows() if fmt == "csv" else ndjson()
    response = Response(stream_with_context(body), mimetype=EXPORT_TYPES[fmt])
    if fmt == "csv":
        response.headers["Content-Disposition"] = (
            f'inline; filename="{key.class_.__tablename__}.csv"'
        )
    return response


JSONLD_TYPE = "application/ld+json"
