"""Event shapes: what happened, when, where, and who took part."""

from marshmallow import Schema, fields, validate

from api.schemas.common import (
    ActorRefSchema,
    DatedInMixin,
    DatedOutMixin,
    PageArgsSchema,
    SpanInSchema,
    SpanSchema,
    TimestampsMixin,
    always_sent,
    date_text_field,
    facets_param,
    patch_schema,
    slug_field,
    text_field,
)

EVENT_KINDS = (
    "summit",
    "meeting",
    "statement",
    "ratification",
    "signing",
    "attack",
    "demonstration",
    "negotiation",
    "interview",
    "press-briefing",
    "announcement",
    "other",
)
EVENT_STATUSES = ("held", "planned", "ongoing", "cancelled")


class ParticipantSchema(Schema):
    actor = always_sent(fields.Nested(ActorRefSchema))
    role = always_sent(fields.String(allow_none=True))
    on_behalf_of = always_sent(fields.Nested(ActorRefSchema, allow_none=True))


class ParticipantInSchema(Schema):
    actor = slug_field(required=True)
    role = text_field(200, allow_none=True, load_default=None)
    on_behalf_of = slug_field(allow_none=True, load_default=None)


class EventSchema(DatedOutMixin, TimestampsMixin):
    id = always_sent(slug_field(metadata={"example": "lisbon-summit-2010"}))
    title = always_sent(fields.String())
    kind = always_sent(fields.String(validate=validate.OneOf(EVENT_KINDS)))
    end_date = always_sent(date_text_field(allow_none=True))
    location = always_sent(fields.String(allow_none=True))
    status = always_sent(fields.String(validate=validate.OneOf(EVENT_STATUSES)))
    description = always_sent(fields.String(allow_none=True))
    notes = always_sent(fields.String(allow_none=True))
    participants = always_sent(fields.List(fields.Nested(ParticipantSchema)))
    evidence = always_sent(fields.List(fields.Nested(SpanSchema)))


class EventCreateSchema(DatedInMixin):
    id = slug_field(metadata={"description": "Omit it to have one derived from the title."})
    title = text_field(500, required=True, min_length=1)
    kind = fields.String(required=True, validate=validate.OneOf(EVENT_KINDS))
    end_date = date_text_field(allow_none=True, load_default=None)
    location = text_field(200, allow_none=True, load_default=None)
    status = fields.String(load_default="held", validate=validate.OneOf(EVENT_STATUSES))
    description = text_field(10_000, allow_none=True, load_default=None)
    notes = text_field(10_000, allow_none=True, load_default=None)
    participants = fields.List(
        fields.Nested(ParticipantInSchema),
        load_default=list,
        validate=validate.Length(max=200),
    )
    evidence = fields.List(
        fields.Nested(SpanInSchema),
        load_default=list,
        validate=validate.Length(max=100),
    )


class EventQueryArgsSchema(PageArgsSchema):
    from_ = date_text_field(
        data_key="from", metadata={"description": "Events that may end on or after."}
    )
    to = date_text_field(metadata={"description": "Events that may start on or before."})
    participant = slug_field(metadata={"description": "Actor id of a participant."})
    kind = fields.String(validate=validate.OneOf(EVENT_KINDS))
    facets = facets_param("kind", "status")


EventPatchSchema = patch_schema(EventCreateSchema, "EventPatchSchema")
