"""The pages' data: the API's own domain queries and argument schemas, with 404s and 422s."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import request
from flask_smorest import abort
from marshmallow import EXCLUDE, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from api.models import Actor, Source
from api.models.partial_dates import PartialDate
from api.queries.comparison import TopicRef, comparison_as_asked, find_actors, find_topic
from api.queries.quote_rows import quote_item
from api.queries.timeline import ITEM_TYPES, actor_timeline
from api.routes.common import abort_unknown_actors
from api.schemas.analysis import ComparisonArgsSchema, TimelineArgsSchema
from api.schemas.errors import field_errors
from api.web.json_input import StrictParser

_parser = StrictParser()


def query_args(schema_class: type, args: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The request's query (or `args`) loaded by the API's schema: the same 422s as the API."""
    if args is None:
        return _parser.parse(schema_class(), request, location="query")
    try:
        return schema_class().load(args, unknown=EXCLUDE)
    except ValidationError as error:
        abort(422, errors=field_errors({"query": error.messages}))
    raise AssertionError  # abort raised


def topic_or_404(session: Session, topic_id: str) -> TopicRef:
    topic = find_topic(session, topic_id)
    if topic is None:
        abort(404, message=f"No topic with id {topic_id!r}.")
    return topic  # type: ignore[return-value]


def comparison(
    session: Session, topic_id: str, args: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """GET /v1/topics/{id}/comparison's answer, for the request's query (or `args`)."""
    loaded = query_args(ComparisonArgsSchema, args)
    topic = topic_or_404(session, topic_id)
    actors = None
    if "actors" in loaded:
        ids = loaded["actors"]
        actors = find_actors(session, ids)
        if actors is None:
            # The error path only: ask one by one which of them is unknown.
            abort_unknown_actors(i for i in dict.fromkeys(ids) if find_actors(session, [i]) is None)
    return comparison_as_asked(session, topic, actors, loaded)


def quote_or_404(session: Session, quote_id: str) -> dict[str, Any]:
    """GET /v1/quotes/{id}'s answer."""
    item = quote_item(session, quote_id)
    if item is None:
        abort(404, message=f"No quote with id {quote_id!r}.")
    return item  # type: ignore[return-value]


def _live_or_404(row: Any, what: str, key: str) -> Any:
    if row is None or row.deleted_at is not None:
        abort(404, message=f"No {what} with id {key!r}.")
    return row


def actor_or_404(session: Session, actor_id: str) -> Actor:
    return _live_or_404(session.get(Actor, actor_id), "actor", actor_id)


def source_or_404(session: Session, source_id: str, with_text: bool = False) -> Source:
    options = [undefer(Source.text)] if with_text else []
    return _live_or_404(session.get(Source, source_id, options=options), "source", source_id)


def timeline(session: Session, actor_id: str) -> list[dict[str, Any]]:
    """GET /v1/actors/{id}/timeline's items, for the request's query."""
    args = query_args(TimelineArgsSchema)
    # The same mapping as the API's timeline_filters (api/routes/common.py).
    return actor_timeline(
        session,
        actor_id,
        start=PartialDate.parse(args["from_"]).earliest if args.get("from_") else None,
        end=PartialDate.parse(args["to"]).latest if args.get("to") else None,
        types=args.get("type") or list(ITEM_TYPES),
    )


def source_urls(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """The original articles' addresses: evidence and quotes name their source by id only."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(Source.id, Source.url).where(Source.id.in_(wanted)))
    return {r.id: r.url for r in rows if r.url}


def evidence_source_ids(table: dict[str, Any]) -> set[str]:
    return {
        e["source"]["id"]
        for row in table["rows"]
        for cell in [*row["cells"], row["topic_level"]]
        for e in cell["evidence"]
    }
