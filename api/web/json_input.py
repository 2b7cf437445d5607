"""Strict JSON request bodies: duplicate keys, NaN/Infinity and absurd nesting are refused."""

from __future__ import annotations

import json
from typing import Any

import flask
from webargs import core
from webargs.flaskparser import FlaskParser, abort, is_json_request


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"Duplicate key {key!r}.")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number.")


def strict_loads(raw: bytes | str) -> Any:
    """json.loads that raises JSONDecodeError for anything a lenient parser would guess at."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise json.JSONDecodeError(f"Not UTF-8: {exc.reason}", "<body>", exc.start) from exc
    if not text.strip():
        raise json.JSONDecodeError("The body is empty.", "<body>", 0)
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except RecursionError as exc:
        raise json.JSONDecodeError("Nested too deeply.", "<body>", 0) from exc
    except json.JSONDecodeError as exc:
        raise json.JSONDecodeError(exc.msg, "<body>", exc.pos) from exc
    except ValueError as exc:
        raise json.JSONDecodeError(str(exc), "<body>", 0) from exc


def _utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        abort(400, exc=exc, messages={"body": [f"Not UTF-8: {exc.reason} at byte {exc.start}."]})


class StrictParser(FlaskParser):
    """webargs' Flask parser with strict JSON; a schema with a `plain_text_field` also takes a
    text/plain body, as that one field."""

    def load_json(self, req: flask.Request, schema: Any) -> Any:
        field = getattr(schema, "plain_text_field", None)
        if field and req.mimetype == "text/plain":
            return {field: _utf8(req.get_data(cache=True))}
        if not is_json_request(req):
            return core.missing
        try:
            return strict_loads(req.get_data(cache=True))
        except json.JSONDecodeError as exc:
            abort(400, exc=exc, messages={"json": [f"Invalid JSON body: {exc.msg}."]})
