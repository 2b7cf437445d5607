"""Checks that hand-built JSON has exactly the shape a marshmallow schema declares."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import Schema, fields

_TYPES: dict[type[fields.Field], tuple[type, ...]] = {
    fields.Boolean: (bool,),
    fields.Integer: (int,),
    fields.Float: (int, float),
    fields.String: (str,),
}


def assert_shape(data: Any, schema: Schema, where: str = "$") -> None:
    """Every field the schema declares is present with its type, and nothing else is."""
    assert isinstance(data, dict), f"{where}: {type(data).__name__}, not an object"
    declared = {f.data_key or name: f for name, f in schema.fields.items()}
    assert set(data) == set(declared), f"{where}: keys {sorted(data)} != {sorted(declared)}"
    for key, field in declared.items():
        _assert_value(data[key], field, f"{where}.{key}")


def _assert_value(value: Any, field: fields.Field, where: str) -> None:
    if value is None:
        assert field.allow_none, f"{where}: null where the schema allows none"
        return
    if isinstance(field, fields.Nested):
        nested = field.schema
        assert isinstance(nested, Schema)
        if field.many:
            assert isinstance(value, list), where
            for i, item in enumerate(value):
                assert_shape(item, nested, f"{where}[{i}]")
        else:
            assert_shape(value, nested, where)
    elif isinstance(field, fields.List):
        assert isinstance(value, list), f"{where}: not a list"
        for i, item in enumerate(value):
            _assert_value(item, field.inner, f"{where}[{i}]")
    elif isinstance(field, fields.Date):
        assert isinstance(value, str) and dt.date.fromisoformat(value), where
    else:
        for kind, python_types in _TYPES.items():
            if isinstance(field, kind):
                ok = isinstance(value, python_types) and not (
                    kind is not fields.Boolean and isinstance(value, bool)
                )
                assert ok, f"{where}: {value!r} is not a {kind.__name__}"
                return
