"""Quote shapes: verbatim text, who said it, and where in the source it stands."""

from marshmallow import Schema, fields, validate

from api.schemas.common import (
    ActorRefSchema,
    DatedInMixin,
    DatedOutMixin,
    EventRefSchema,
    PageArgsSchema,
    SourceRefSchema,
    TimestampsMixin,
    always_sent,
    facets_param,
    patch_schema,
    slug_field,
    text_field,
)

QUOTE_KINDS = ("direct", "partial", "block", "reported")


class QuoteSchema(DatedOutMixin, TimestampsMixin):
    id = always_sent(slug_field(metadata={"example": "medvedev-common-toys"}))
    text = always_sent(
        fields.String(metadata={"description": "Verbatim, without quotation marks."})
    )
    speaker = always_sent(fields.Nested(ActorRefSchema, allow_none=True))
    attribution = always_sent(
        fields.String(
            allow_none=True,
            metadata={"description": "The words the source uses for the speaker."},
        )
    )
    source = always_sent(fields.Nested(SourceRefSchema))
    start = always_sent(fields.Integer(metadata={"description": "Code point offset, inclusive."}))
    end = always_sent(fields.Integer(metadata={"description": "Code point offset, exclusive."}))
    kind = always_sent(fields.String(validate=validate.OneOf(QUOTE_KINDS)))
    event = always_sent(fields.Nested(EventRefSchema, allow_none=True))
    notes = always_sent(fields.String(allow_none=True))


class QuoteCreateSchema(DatedInMixin):
    id = slug_field(
        metadata={"description": "Omit it to have one derived from the speaker and first words."}
    )
    text = text_field(20_000, required=True, min_length=1)
    speaker = slug_field(allow_none=True, load_default=None)
    attribution = text_field(500, allow_none=True, load_default=None)
    source = slug_field(required=True)
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
    event = slug_field(allow_none=True, load_default=None)
    notes = text_field(10_000, allow_none=True, load_default=None)


class QuoteFormatArgsSchema(Schema):
    format = fields.String(
        validate=validate.OneOf(("json", "jsonld")),
        metadata={"description": "jsonld: a schema.org Quotation for embedding in a page."},
    )


class QuoteQueryArgsSchema(PageArgsSchema):
    speaker = slug_field(metadata={"description": "Actor id of the speaker."})
    source = slug_field(metadata={"description": "Source id."})
    event = slug_field(metadata={"description": "Event id."})
    topic = slug_field(metadata={"description": "Topic id: quotes cited as evidence on it."})
    kind = fields.String(validate=validate.OneOf(QUOTE_KINDS))
    q = text_field(
        200, metadata={"description": "Full-text search in the quote's words (stemmed)."}
    )
    facets = facets_param("speaker", "source", "event", "kind")


QuotePatchSchema = patch_schema(QuoteCreateSchema, "QuotePatchSchema")
