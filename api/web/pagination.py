"""Keyset pagination over string ids: opaque cursors, a `next_cursor` and a Link header."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any, NoReturn
from urllib.parse import urlencode

from flask import Response, request
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields
from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute, Session

from api.queries.facets import Facet, facet_counts
from api.schemas.common import FacetSchema, always_sent
from api.web.exports import EXPORT_TYPES, requested_format, stream_list
from api.web.json_output import canonical_json

_CURSOR_PREFIX = "k1:"

# (session, where clause, id to start after, limit) -> finished item dicts
LeanPage = Callable[[Session, Any, "str | None", int], list[dict[str, Any]]]


def encode_cursor(last_key: str) -> str:
    return base64.urlsafe_b64encode((_CURSOR_PREFIX + last_key).encode()).decode().rstrip("=")


def decode_cursor_or_none(cursor: str) -> str | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return raw[len(_CURSOR_PREFIX) :] if raw.startswith(_CURSOR_PREFIX) else None


def refuse_cursor() -> NoReturn:
    """400 for a `cursor` this service did not issue (any list or search)."""
    abort(
        400,
        message="The cursor is not one this service issued.",
        errors=[
            {
                "location": "query",
                "field": "cursor",
                "pointer": "/cursor",
                "detail": "Invalid cursor; use next_cursor from a previous page.",
            }
        ],
    )


def decode_cursor(cursor: str) -> str:
    key = decode_cursor_or_none(cursor)
    if key is None:
        refuse_cursor()
    return key


def page_schema(item_schema: type[Schema]) -> type[Schema]:
    """`{items, next_cursor, facets}` around one item schema, named after it for the spec."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    return type(
        name,
        (Schema,),
        {
            "items": always_sent(fields.List(fields.Nested(item_schema))),
            "next_cursor": always_sent(
                fields.String(
                    allow_none=True,
                    metadata={
                        "description": "Pass as `cursor` for the next page; null at the end."
                    },
                )
            ),
            "facets": always_sent(
                fields.List(
                    fields.Nested(FacetSchema),
                    metadata={"description": "Counts for each facet asked for with `facets=`."},
                )
            ),
        },
    )


def paginate(
    session: Session,
    stmt: Select,
    key: InstrumentedAttribute,
    args: dict[str, Any],
    facets: dict[str, Facet] | None = None,
    schema: type[Schema] | None = None,
    lean: LeanPage | None = None,
) -> Any:
    """One page of `stmt` after the cursor, and the facets asked for over the whole list;
    or, when CSV or NDJSON is asked for, the whole list streamed in that format. With `lean`,
    items come as finished dicts from it and the page is answered without marshmallow."""
    fmt = requested_format(args)
    if fmt is not None and schema is not None:
        return stream_list(session, stmt, key, schema(), fmt)
    facet_results = []
    if args.get("facets"):
        where = [] if stmt.whereclause is None else [stmt.whereclause]
        facet_results = facet_counts(session, where, facets or {}, args["facets"])
    limit = args["limit"]
    after = decode_cursor(args["cursor"]) if args.get("cursor") else None
    if lean is not None:
        rows: list[Any] = lean(session, stmt.whereclause, after, limit + 1)
    else:
        page = stmt if after is None else stmt.where(key > after)
        rows = list(session.scalars(page.order_by(key).limit(limit + 1)).unique())
    last = rows[limit - 1] if len(rows) > limit else None
    next_cursor = None if last is None else encode_cursor(last["id"] if lean else last.id)
    headers = {}
    if next_cursor:
        query = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
        query.append(("cursor", next_cursor))
        headers["Link"] = f'<{request.base_url}?{urlencode(query)}>; rel="next"'
    body = {"items": rows[:limit], "next_cursor": next_cursor, "facets": facet_results}
    if lean is not None:
        return Response(canonical_json(body), mimetype="application/json", headers=headers)
    return body, headers


def exportable(blp: Blueprint) -> Any:
    """Document the CSV and NDJSON forms of a list's 200 answer."""

    def decorate(func: Any) -> Any:
        for media_type in EXPORT_TYPES.values():
            func = blp.alt_response(
                200,
                schema={"type": "string", "description": "The whole list, streamed."},
                content_type=media_type,
                success=True,
            )(func)
        return func

    return decorate
