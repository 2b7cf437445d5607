"""Field types and small shapes shared by every resource schema."""

from __future__ import annotations

import copy
from typing import Any

from marshmallow import Schema, ValidationError, fields, missing, validate
from webargs.fields import DelimitedList

from api.models.partial_dates import PARTIAL_DATE_PATTERN, PartialDate, Precision

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_MAX = 100


def _no_nul(value: str) -> None:
    # PostgreSQL refuses NUL in text; refuse it the same way on SQLite.
    if "\x00" in value:
        raise ValidationError("Must not contain NUL characters.")


def _valid_partial_date(value: str) -> None:
    try:
        PartialDate.parse(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def slug_field(**kwargs: Any) -> fields.String:
    metadata = {"description": "A readable, stable id: lowercase letters, digits and hyphens."}
    metadata.update(kwargs.pop("metadata", {}))
    return fields.String(
        validate=[validate.Length(min=1, max=ID_MAX), validate.Regexp(ID_PATTERN)],
        metadata={"example": "russia", **metadata},
        **kwargs,
    )


def text_field(max_length: int = 2000, min_length: int = 0, **kwargs: Any) -> fields.String:
    """A string of `min_length` to `max_length` characters and no NUL."""
    length = validate.Length(min=min_length or None, max=max_length)
    return fields.String(validate=[length, _no_nul], **kwargs)


def date_text_field(**kwargs: Any) -> fields.String:
    metadata = {
        "description": "ISO 8601 at its precision: YYYY, YYYY-MM or YYYY-MM-DD.",
        "example": "2011-01",
    }
    metadata.update(kwargs.pop("metadata", {}))
    return fields.String(
        validate=[
            validate.Length(max=10),
            validate.Regexp(PARTIAL_DATE_PATTERN),
            _valid_partial_date,
        ],
        metadata=metadata,
        **kwargs,
    )


def always_sent(field: fields.Field) -> fields.Field:
    """Mark a dumped field as always sent, so generated clients need no `Unset`."""
    field.required = True
    return field


class DatedOutMixin(Schema):
    date = always_sent(date_text_field())
    date_precision = always_sent(fields.Enum(Precision, by_value=fields.String))
    date_inferred = always_sent(
        fields.Boolean(metadata={"description": "True when the date is worked out, not printed."})
    )


class DatedInMixin(Schema):
    date = date_text_field(required=True)
    date_inferred = fields.Boolean(load_default=False)


class TimestampsMixin(Schema):
    created_at = always_sent(fields.DateTime())
    updated_at = always_sent(fields.DateTime())


class ActorRefSchema(Schema):
    id = always_sent(slug_field())
    name = always_sent(fields.String(validate=validate.Length(max=200)))
    kind = always_sent(fields.String(validate=validate.Length(max=20)))


class SourceRefSchema(Schema):
    id = always_sent(slug_field())
    title = always_sent(fields.String())


class TopicRefSchema(Schema):
    id = always_sent(slug_field())
    title = always_sent(fields.String())


class OptionRefSchema(Schema):
    id = always_sent(slug_field())
    label = always_sent(fields.String())


class EventRefSchema(Schema):
    id = always_sent(slug_field())
    title = always_sent(fields.String())


class SpanSchema(Schema):
    """A span of a source's text, with the words it covers."""

    source = always_sent(fields.Nested(SourceRefSchema))
    start = always_sent(fields.Integer(metadata={"description": "Code point offset, inclusive."}))
    end = always_sent(fields.Integer(metadata={"description": "Code point offset, exclusive."}))
    excerpt = always_sent(fields.String())


class SpanInSchema(Schema):
    source = slug_field(required=True)
    start = fields.Integer(required=True, validate=validate.Range(min=0, max=10_000_000))
    end = fields.Integer(required=True, validate=validate.Range(min=1, max=10_000_000))


class ProblemFieldSchema(Schema):
    location = always_sent(fields.String(metadata={"example": "query"}))
    field = always_sent(fields.String(metadata={"example": "limit"}))
    pointer = always_sent(fields.String(metadata={"example": "/limit"}))
    detail = always_sent(fields.String(metadata={"example": "Not a valid integer."}))


class ProblemSchema(Schema):
    """An RFC 9457 problem document."""

    type = always_sent(fields.String(metadata={"example": "about:blank"}))
    title = always_sent(fields.String(metadata={"example": "Unprocessable Content"}))
    status = always_sent(fields.Integer(metadata={"example": 422}))
    detail = fields.String(metadata={"example": "The request's parameters are not valid."})
    instance = fields.String(metadata={"example": "/v1/quotes"})
    errors = fields.List(fields.Nested(ProblemFieldSchema))


class PageArgsSchema(Schema):
    limit = fields.Integer(
        load_default=50,
        validate=validate.Range(min=1, max=500),
        metadata={"description": "Items per page, 1 to 500."},
    )
    cursor = fields.String(
        validate=[validate.Length(max=200), validate.Regexp(r"^[A-Za-z0-9_-]*$")],
        metadata={"description": "`next_cursor` from the previous page."},
    )
    format = fields.String(
        validate=validate.OneOf(("json", "csv", "ndjson")),
        metadata={
            "description": "csv or ndjson: the whole filtered list, streamed (no paging); "
            "also chosen by `Accept: text/csv` or `application/x-ndjson`."
        },
    )


def facets_param(*names: str) -> DelimitedList:
    return DelimitedList(
        fields.String(validate=validate.OneOf(names)),
        validate=validate.Length(max=len(names)),
        metadata={"description": f"Comma-separated facets to count: {', '.join(names)}."},
    )


def patch_schema(create: type[Schema], name: str) -> type[Schema]:
    """The create schema with every field optional and `id` left out: PATCH changes only
    what it names, and a list given in a PATCH replaces the whole list."""
    declared = {}
    for key, field in create().declared_fields.items():
        if key == "id":
            continue
        field = copy.deepcopy(field)
        field.required = False
        field.load_default = missing
        declared[key] = field
    return Schema.from_dict(declared, name=name)


class FacetValueSchema(Schema):
    value = always_sent(fields.String(allow_none=True))
    label = always_sent(fields.String(allow_none=True))
    count = always_sent(fields.Integer())


class FacetSchema(Schema):
    name = always_sent(fields.String())
    values = always_sent(fields.List(fields.Nested(FacetValueSchema)))
