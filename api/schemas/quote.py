"""Quote shapes: verbatim text, who said it, and where in the source it stands."""

from marshmallow import Schema, fields, validate

from api.schemas.common import (
    ActorRefSchema,
    DatedInMixin,
    DatedOutMixin,
    EventRefSchema,
    FacetsParam,
    Out,
    PageArgsSchema,
    Slug,
    SourceRefSchema,
    Text,
    TimestampsMixin,
    patch_schema,
)

QUOTE_KINDS = ("direct", "partial", "block", "reported")


class QuoteSchema(DatedOutMixin, TimestampsMixin):
    id = Out(Slug(metadata={"example": "medvedev-common-toys"}))
    text = Out(fields.String(metadata={"description": "Verbatim, without quotation marks."}))
    speaker = Out(fields.Nested(ActorRefSchema, allow_none=True))
    attribution = Out(
        fields.String(
            allow_none=True,
            metadata={"description": "The words the source uses for the speaker."},
        )
    )
    source = Out(fields.Nested(SourceRefSchema))
    start = Out(fields.Integer(metadata={"description": "Code point offset, inclusive."}))
    end = Out(fields.Integer(metadata={"description": "Code point offset, exclusive."}))
    kind = Out(fields.String(validate=validate.OneOf(QUOTE_KINDS)))
    event = Out(fields.Nested(EventRefSchema, allow_none=True))
    notes = Out(fields.String(allow_none=True))


class QuoteCreateSchema(DatedInMixin):
    id = Slug(required=True)
    text = Text(20_000, required=True, validate=validate.Length(min=1, max=20_000))
    speaker = Slug(allow_none=True, load_default=None)
    attribution = Text(500, allow_none=True, load_default=None)
    source = Slug(required=True)
    start = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, max=10_000_000),
        metadata={"description": "Omit both start and end to let the service find the text."},
    )
    end = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=10_000_000),
    )
    kind = fields.String(required=True, validate=validate.OneOf(QUOTE_KINDS))
    event = Slug(allow_none=True, load_default=None)
    notes = Text(10_000, allow_none=True, load_default=None)


class QuoteFormatArgsSchema(Schema):
    format = fields.String(
        validate=validate.OneOf(("json", "jsonld")),
        metadata={"description": "jsonld: a schema.org Quotation for embedding in a page."},
    )


class QuoteQueryArgsSchema(PageArgsSchema):
    speaker = Slug(metadata={"description": "Actor id of the speaker."})
    source = Slug(metadata={"description": "Source id."})
    event = Slug(metadata={"description": "Event id."})
    topic = Slug(metadata={"description": "Topic id: quotes cited as evidence on it."})
    kind = fields.String(validate=validate.OneOf(QUOTE_KINDS))
    q = Text(200, metadata={"description": "Full-text search in the quote's words (stemmed)."})
    facets = FacetsParam("speaker", "source", "event", "kind")


QuotePatchSchema = patch_schema(QuoteCreateSchema, "QuotePatchSchema")
