"""marshmallow's nested error messages as a flat list of fields with JSON pointers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _flatten(messages: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Turn marshmallow's nested messages into (path, message) pairs."""
    if isinstance(messages, Mapping):
        pairs = []
        for key, value in messages.items():
            sub = path if key == "_schema" else (*path, str(key))
            pairs.extend(_flatten(value, sub))
        return pairs
    if isinstance(messages, (list, tuple)):
        if all(isinstance(m, str) for m in messages):
            return [(path, m) for m in messages]
        pairs = []
        for m in messages:
            pairs.extend(_flatten(m, path))
        return pairs
    return [(path, str(messages))]


def field_errors(messages: Mapping[str, Any]) -> list[dict[str, str]]:
    """webargs' `{location: {field: [msg]}}` as a list of `{location, field, pointer, detail}`."""
    errors = []
    for location, fields_messages in messages.items():
        for path, detail in _flatten(fields_messages):
            errors.append(
                {
                    "location": str(location),
                    "field": ".".join(path),
                    "pointer": "/"
                    + "/".join(p.replace("~", "~0").replace("/", "~1") for p in path),
                    "detail": detail,
                }
            )
    return errors
