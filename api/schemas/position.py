"""Position shapes: an actor's stance, dated, with the evidence behind it."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from api.schemas.common import (
    ActorRefSchema,
    DatedInMixin,
    DatedOutMixin,
    OptionRefSchema,
    PageArgsSchema,
    SourceRefSchema,
    TimestampsMixin,
    TopicRefSchema,
    always_sent,
    date_text_field,
    facets_param,
    patch_schema,
    slug_field,
    text_field,
)

STANCES = ("supports", "opposes", "conditional", "neutral")


class QuoteBriefSchema(Schema):
    id = always_sent(slug_field())
    text = always_sent(fields.String())
    speaker = always_sent(fields.Nested(ActorRefSchema, allow_none=True))
    attribution = always_sent(fields.String(allow_none=True))
    source = always_sent(fields.Nested(SourceRefSchema))
    date = always_sent(date_text_field())


class EvidenceSchema(Schema):
    """A quote, or a bare span of a source; both carry the span and its words."""

    quote = always_sent(fields.Nested(QuoteBriefSchema, allow_none=True))
    source = always_sent(fields.Nested(SourceRefSchema, attribute="cited_source"))
    start = always_sent(fields.Integer(attribute="cited_start"))
    end = always_sent(fields.Integer(attribute="cited_end"))
    excerpt = always_sent(fields.String(attribute="cited_excerpt"))


class EvidenceInSchema(Schema):
    quote = slug_field(metadata={"description": "A quote id; or give source, start and end."})
    source = slug_field()
    start = fields.Integer(validate=validate.Range(min=0, max=10_000_000))
    end = fields.Integer(validate=validate.Range(min=1, max=10_000_000))

    @validates_schema
    def _quote_or_span(self, data: dict, **_: object) -> None:
        span = [k for k in ("source", "start", "end") if k in data]
        if "quote" in data and span:
            raise ValidationError("Give a quote or a span (source, start, end), not both.")
        if "quote" not in data and len(span) != 3:
            raise ValidationError("Give a quote, or all of source, start and end.")


class PositionRefSchema(Schema):
    id = always_sent(slug_field())
    summary = always_sent(fields.String())


class PositionSchema(DatedOutMixin, TimestampsMixin):
    id = always_sent(slug_field(metadata={"example": "russia-supports-sectoral"}))
    actor = always_sent(fields.Nested(ActorRefSchema))
    topic = always_sent(fields.Nested(TopicRefSchema))
    option = always_sent(fields.Nested(OptionRefSchema, allow_none=True))
    stance = always_sent(fields.String(validate=validate.OneOf(STANCES)))
    summary = always_sent(fields.String())
    valid_from = always_sent(date_text_field(allow_none=True))
    valid_to = always_sent(date_text_field(allow_none=True))
    supersedes = always_sent(fields.Nested(PositionRefSchema, allow_none=True))
    notes = always_sent(fields.String(allow_none=True))
    evidence = always_sent(fields.List(fields.Nested(EvidenceSchema)))
    as_of_certain = always_sent(
        fields.Boolean(
            allow_none=True,
            metadata={
                "description": "With `as_of`: false when the position was only possibly on "
                "record that day (a date of lesser precision straddles it); null without."
            },
        )
    )


class PositionCreateSchema(DatedInMixin):
    id = slug_field(
        metadata={"description": "Omit it to have one derived from actor, stance and option."}
    )
    actor = slug_field(required=True)
    topic = slug_field(required=True)
    option = slug_field(allow_none=True, load_default=None)
    stance = fields.String(required=True, validate=validate.OneOf(STANCES))
    summary = text_field(5000, required=True, min_length=1)
    valid_from = date_text_field(allow_none=True, load_default=None)
    valid_to = date_text_field(allow_none=True, load_default=None)
    supersedes = slug_field(allow_none=True, load_default=None)
    notes = text_field(10_000, allow_none=True, load_default=None)
    evidence = fields.List(
        fields.Nested(EvidenceInSchema),
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "At least one quote or source span."},
    )


class PositionQueryArgsSchema(PageArgsSchema):
    actor = slug_field(metadata={"description": "Actor id."})
    topic = slug_field(metadata={"description": "Topic id."})
    option = slug_field(metadata={"description": "Option id."})
    stance = fields.String(validate=validate.OneOf(STANCES))
    as_of = fields.Date(
        metadata={
            "maxLength": 10,
            "description": "Only positions on record that day (YYYY-MM-DD): stated on or before "
            "it, not ended, not superseded. Each then says whether that is certain.",
            "example": "2011-02-01",
        }
    )
    facets = facets_param("actor", "topic", "option", "stance")


PositionPatchSchema = patch_schema(PositionCreateSchema, "PositionPatchSchema")
