"""Source shapes: what the API sends and what it accepts."""

from marshmallow import fields, validate

from api.schemas.common import (
    DatedInMixin,
    DatedOutMixin,
    FacetsParam,
    Out,
    PageArgsSchema,
    Slug,
    Text,
    TimestampsMixin,
    patch_schema,
)

MAX_SOURCE_TEXT = 500_000


class SourceSchema(DatedOutMixin, TimestampsMixin):
    id = Out(Slug())
    title = Out(fields.String())
    author = Out(fields.String(allow_none=True))
    outlet = Out(fields.String(allow_none=True))
    url = Out(fields.String(allow_none=True))
    language = Out(fields.String(metadata={"example": "en"}))
    notes = Out(fields.String(allow_none=True))
    sha256 = Out(fields.String(metadata={"description": "SHA-256 of the UTF-8 text."}))
    length = Out(fields.Integer(metadata={"description": "Length of the text in code points."}))
    text = Out(fields.String(metadata={"description": "The full text, exactly as published."}))


class SourceCreateSchema(DatedInMixin):
    id = Slug(required=True)
    title = Text(500, required=True, validate=validate.Length(min=1, max=500))
    author = Text(200, allow_none=True, load_default=None)
    outlet = Text(200, allow_none=True, load_default=None)
    url = fields.Url(allow_none=True, load_default=None, validate=validate.Length(max=2000))
    language = Text(35, load_default="en")
    notes = Text(10_000, allow_none=True, load_default=None)
    text = Text(MAX_SOURCE_TEXT, required=True)


class SourceQueryArgsSchema(PageArgsSchema):
    q = Text(200, metadata={"description": "Words in the title, author or outlet."})
    facets = FacetsParam("language", "outlet")


SourcePatchSchema = patch_schema(SourceCreateSchema, "SourcePatchSchema")
