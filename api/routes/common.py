"""Helpers every blueprint uses: 404s, filter checks, LIKE patterns, error docs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

import flask_smorest
from flask_smorest import abort
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.routing import BaseConverter

from api.db import Base
from api.models import Actor
from api.models.partial_dates import PartialDate
from api.queries.timeline import ITEM_TYPES
from api.schemas.common import ID_MAX, ID_PATTERN
from api.schemas.errors import field_errors
from api.web.json_input import StrictParser

M = TypeVar("M", bound=Base)


class SlugConverter(BaseConverter):
    """Path ids: a readable slug, or the route does not match (404)."""

    regex = r"[a-z0-9][a-z0-9-]{0,99}"


def slug_parameter_schema(_converter: BaseConverter) -> dict[str, Any]:
    return {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX, "example": "russia"}


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint, parsing request bodies strictly."""

    ARGUMENTS_PARSER = StrictParser()


# Component names flask-smorest registers for each HTTP status (see StancesApi).
NOT_FOUND = "NOT_FOUND"


def get_or_404(session: Session, model: type[M], key: str, options: Any = ()) -> M:
    row = session.get(model, key, options=list(options))
    if row is None:
        abort(404, message=f"No {model.__tablename__[:-1]} with id {key!r}.")
    if getattr(row, "deleted_at", None) is not None:
        abort(
            404,
            message=f"The {model.__tablename__[:-1]} {key!r} was deleted; its history "
            f"stays at /v1/{model.__tablename__}/{key}/revisions.",
        )
    return row  # type: ignore[return-value]


def require_filter(session: Session, model: type[Base], key: str | None, param: str) -> None:
    """An unknown id in a filter is the client's mistake, not an empty result."""
    row = session.get(model, key) if key is not None else None
    if key is not None and (row is None or getattr(row, "deleted_at", None) is not None):
        abort(
            422,
            message=f"Unknown {param}.",
            errors=[
                {
                    "location": "query",
                    "field": param,
                    "pointer": f"/{param}",
                    "detail": f"No {model.__tablename__[:-1]} with id {key!r}.",
                }
            ],
        )


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def require_actors(session: Session, ids: list[str]) -> list[Actor]:
    """The actors named in `actors=`, in that order; 422 naming any that do not exist."""
    found = {a.id: a for a in session.scalars(select(Actor).where(Actor.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        abort_unknown_actors(missing)
    return [found[i] for i in dict.fromkeys(ids)]


def abort_unknown_actors(missing: Iterable[str]) -> None:
    """Raise the 422 for `actors=` ids with no actor: one error per id, as for any query
    field."""
    details = [f"No actor with id {i!r}." for i in missing]
    abort(422, message="Unknown actors.", errors=field_errors({"query": {"actors": details}}))


def timeline_filters(args: dict[str, Any]) -> dict[str, Any]:
    return {
        "start": PartialDate.parse(args["from_"]).earliest if args.get("from_") else None,
        "end": PartialDate.parse(args["to"]).latest if args.get("to") else None,
        "types": args.get("type") or list(ITEM_TYPES),
    }
