"""Position shapes: an actor's stance, dated, with the evidence behind it."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from api.schemas.common import (
    ActorRefSchema,
    DatedInMixin,
    DatedOutMixin,
    DateText,
    FacetsParam,
    OptionRefSchema,
    Out,
    PageArgsSchema,
    Slug,
    SourceRefSchema,
    Text,
    TimestampsMixin,
    TopicRefSchema,
    patch_schema,
)

STANCES = ("supports", "opposes", "conditional", "neutral")


class QuoteBriefSchema(Schema):
    id = Out(Slug())
    text = Out(fields.String())
    speaker = Out(fields.Nested(ActorRefSchema, allow_none=True))
    attribution = Out(fields.String(allow_none=True))
    source = Out(fields.Nested(SourceRefSchema))
    date = Out(DateText())


class EvidenceSchema(Schema):
    """A quote, or a bare span of a source; both carry the span and its words."""

    quote = Out(fields.Nested(QuoteBriefSchema, allow_none=True))
    source = Out(fields.Nested(SourceRefSchema, attribute="cited_source"))
    start = Out(fields.Integer(attribute="cited_start"))
    end = Out(fields.Integer(attribute="cited_end"))
    excerpt = Out(fields.String(attribute="cited_excerpt"))


class EvidenceInSchema(Schema):
    quote = Slug(metadata={"description": "A quote id; or give source, start and end."})
    source = Slug()
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
    id = Out(Slug())
    summary = Out(fields.String())


class PositionSchema(DatedOutMixin, TimestampsMixin):
    id = Out(Slug(metadata={"example": "russia-supports-sectoral"}))
    actor = Out(fields.Nested(ActorRefSchema))
    topic = Out(fields.Nested(TopicRefSchema))
    option = Out(fields.Nested(OptionRefSchema, allow_none=True))
    stance = Out(fields.String(validate=validate.OneOf(STANCES)))
    summary = Out(fields.String())
    valid_from = Out(DateText(allow_none=True))
    valid_to = Out(DateText(allow_none=True))
    supersedes = Out(fields.Nested(PositionRefSchema, allow_none=True))
    notes = Out(fields.String(allow_none=True))
    evidence = Out(fields.List(fields.Nested(EvidenceSchema)))
    as_of_certain = Out(
        fields.Boolean(
            allow_none=True,
            metadata={
                "description": "With `as_of`: false when the position was only possibly on "
                "record that day (a date of lesser precision straddles it); null without."
            },
        )
    )


class PositionCreateSchema(DatedInMixin):
    id = Slug(required=True)
    actor = Slug(required=True)
    topic = Slug(required=True)
    option = Slug(allow_none=True, load_default=None)
    stance = fields.String(required=True, validate=validate.OneOf(STANCES))
    summary = Text(5000, required=True, validate=validate.Length(min=1, max=5000))
    valid_from = DateText(allow_none=True, load_default=None)
    valid_to = DateText(allow_none=True, load_default=None)
    supersedes = Slug(allow_none=True, load_default=None)
    notes = Text(10_000, allow_none=True, load_default=None)
    evidence = fields.List(
        fields.Nested(EvidenceInSchema),
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "At least one quote or source span."},
    )


class PositionQueryArgsSchema(PageArgsSchema):
    actor = Slug(metadata={"description": "Actor id."})
    topic = Slug(metadata={"description": "Topic id."})
    option = Slug(metadata={"description": "Option id."})
    stance = fields.String(validate=validate.OneOf(STANCES))
    as_of = fields.Date(
        metadata={
            "maxLength": 10,
            "description": "Only positions on record that day (YYYY-MM-DD): stated on or before "
            "it, not ended, not superseded. Each then says whether that is certain.",
            "example": "2011-02-01",
        }
    )
    facets = FacetsParam("actor", "topic", "option", "stance")


PositionPatchSchema = patch_schema(PositionCreateSchema, "PositionPatchSchema")
