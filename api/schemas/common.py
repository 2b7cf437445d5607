"""Field types and small shapes shared by every resource schema."""

from __future__ import annotations

import copy
from typing import Any

from marshmallow import Schema, ValidationError, fields, missing, validate
from webargs.fields import DelimitedList

from api.partial_dates import PARTIAL_DATE_PATTERN, PartialDate, Precision

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


def Slug(**kwargs: Any) -> fields.String:
    metadata = {"description": "A readable, stable id: lowercase letters, digits and hyphens."}
    metadata.update(kwargs.pop("metadata", {}))
    return fields.String(
        validate=[validate.Length(min=1, max=ID_MAX), validate.Regexp(ID_PATTERN)],
        metadata={"example": "russia", **metadata},
        **kwargs,
    )


def Text(max_length: int = 2000, **kwargs: Any) -> fields.String:
    extra = kwargs.pop("validate", None)
    validators = [extra] if extra else [validate.Length(max=max_length)]
    return fields.String(validate=[*validators, _no_nul], **kwargs)


def DateText(**kwargs: Any) -> fields.String:
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


def Out(field: fields.Field) -> fields.Field:
    """Mark a dumped field as always sent, so generated clients need no `Unset`."""
    field.required = True
    return field


class DatedOutMixin(Schema):
    date = Out(DateText())
    date_precision = Out(fields.Enum(Precision, by_value=fields.String))
    date_inferred = Out(
        fields.Boolean(metadata={"description": "True when the date is worked out, not printed."})
    )


class DatedInMixin(Schema):
    date = DateText(required=True)
    date_inferred = fields.Boolean(load_default=False)


class TimestampsMixin(Schema):
    created_at = Out(fields.DateTime())
    updated_at = Out(fields.DateTime())


class ActorRefSchema(Schema):
    id = Out(Slug())
    name = Out(fields.String())
    kind = Out(fields.String())


class SourceRefSchema(Schema):
    id = Out(Slug())
    title = Out(fields.String())


class TopicRefSchema(Schema):
    id = Out(Slug())
    title = Out(fields.String())


class OptionRefSchema(Schema):
    id = Out(Slug())
    label = Out(fields.String())


class EventRefSchema(Schema):
    id = Out(Slug())
    title = Out(fields.String())


class SpanSchema(Schema):
    """A span of a source's text, with the words it covers."""

    source = Out(fields.Nested(SourceRefSchema))
    start = Out(fields.Integer(metadata={"description": "Code point offset, inclusive."}))
    end = Out(fields.Integer(metadata={"description": "Code point offset, exclusive."}))
    excerpt = Out(fields.String())


class SpanInSchema(Schema):
    source = Slug(required=True)
    start = fields.Integer(required=True, validate=validate.Range(min=0, max=10_000_000))
    end = fields.Integer(required=True, validate=validate.Range(min=1, max=10_000_000))


class ProblemFieldSchema(Schema):
    location = Out(fields.String(metadata={"example": "query"}))
    field = Out(fields.String(metadata={"example": "limit"}))
    pointer = Out(fields.String(metadata={"example": "/limit"}))
    detail = Out(fields.String(metadata={"example": "Not a valid integer."}))


class ProblemSchema(Schema):
    """An RFC 9457 problem document."""

    type = Out(fields.String(metadata={"example": "about:blank"}))
    title = Out(fields.String(metadata={"example": "Unprocessable Content"}))
    status = Out(fields.Integer(metadata={"example": 422}))
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


def FacetsParam(*names: str) -> DelimitedList:
    return DelimitedList(
        fields.String(validate=validate.OneOf(names)),
        validate=validate.Length(max=len(names)),
        metadata={"description": f"Comma-separated facets to count: {', '.join(names)}."},
    )


def patch_schema(create: type[Schema], name: str) -> type[Schema]:
    """The create schema with every field optional and `id` left out: PATCH changes only
    what it names, and a list given in a PATCH replaces the whole list."""
    declared = {}
    for key, field in create._declared_fields.items():
        if key == "id":
            continue
        field = copy.deepcopy(field)
        field.required = False
        field.load_default = missing
        declared[key] = field
    return type(name, (Schema,), declared)


class FacetValueSchema(Schema):
    value = Out(fields.String(allow_none=True))
    label = Out(fields.String(allow_none=True))
    count = Out(fields.Integer())


class FacetSchema(Schema):
    name = Out(fields.String())
    values = Out(fields.List(fields.Nested(FacetValueSchema)))
