"""JSON answers as canonical bytes (orjson, sorted keys, compact): fast, and hashable as is."""

from __future__ import annotations

from typing import Any

import orjson
from flask import Response
from flask.json.provider import JSONProvider

OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def canonical_json(data: Any) -> bytes:
    return orjson.dumps(data, option=OPTIONS)


class CanonicalJSONProvider(JSONProvider):
    """Flask's JSON, written by orjson with sorted keys and no whitespace, so an answer's
    bytes are the canonical form its ETag is computed from."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return canonical_json(obj).decode("utf-8")

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return orjson.loads(s)

    def response(self, *args: Any, **kwargs: Any) -> Response:
        data = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(canonical_json(data), mimetype="application/json")
