"""Source shapes: what the API sends and what it accepts."""

from marshmallow import fields, validate

from api.schemas.common import (
    DatedInMixin,
    DatedOutMixin,
    PageArgsSchema,
    TimestampsMixin,
    always_sent,
    facets_param,
    patch_schema,
    slug_field,
    text_field,
)

MAX_SOURCE_TEXT = 500_000


class SourceSchema(DatedOutMixin, TimestampsMixin):
    id = always_sent(slug_field())
    title = always_sent(fields.String())
    author = always_sent(fields.String(allow_none=True))
    outlet = always_sent(fields.String(allow_none=True))
    url = always_sent(fields.String(allow_none=True))
    language = always_sent(fields.String(metadata={"example": "en"}))
    notes = always_sent(fields.String(allow_none=True))
    sha256 = always_sent(fields.String(metadata={"description": "SHA-256 of the UTF-8 text."}))
    length = always_sent(
        fields.Integer(metadata={"description": "Length of the text in code points."})
    )
    text = always_sent(
        fields.String(metadata={"description": "The full text, exactly as published."})
    )


class SourceCreateSchema(DatedInMixin):
    id = slug_field(metadata={"description": "Omit it to have one derived from the title."})
    title = text_field(500, required=True, min_length=1)
    author = text_field(200, allow_none=True, load_default=None)
    outlet = text_field(200, allow_none=True, load_default=None)
    url = fields.Url(allow_none=True, load_default=None, validate=validate.Length(max=2000))
    language = text_field(35, load_default="en")
    notes = text_field(10_000, allow_none=True, load_default=None)
    text = text_field(MAX_SOURCE_TEXT, required=True)


class SourceQueryArgsSchema(PageArgsSchema):
    q = text_field(200, metadata={"description": "Words in the title, author or outlet."})
    facets = facets_param("language", "outlet")


SourcePatchSchema = patch_schema(SourceCreateSchema, "SourcePatchSchema")
