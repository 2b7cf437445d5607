"""Event shapes: what happened, when, where, and who took part."""

from marshmallow import Schema, fields, validate

from api.schemas.common import (
    ActorRefSchema,
    DatedInMixin,
    DatedOutMixin,
    DateText,
    FacetsParam,
    Out,
    PageArgsSchema,
    Slug,
    SpanInSchema,
    SpanSchema,
    Text,
    TimestampsMixin,
    patch_schema,
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
    actor = Out(fields.Nested(ActorRefSchema))
    role = Out(fields.String(allow_none=True))
    on_behalf_of = Out(fields.Nested(ActorRefSchema, allow_none=True))


class ParticipantInSchema(Schema):
    actor = Slug(required=True)
    role = Text(200, allow_none=True, load_default=None)
    on_behalf_of = Slug(allow_none=True, load_default=None)


class EventSchema(DatedOutMixin, TimestampsMixin):
    id = Out(Slug(metadata={"example": "lisbon-summit-2010"}))
    title = Out(fields.String())
    kind = Out(fields.String(validate=validate.OneOf(EVENT_KINDS)))
    end_date = Out(DateText(allow_none=True))
    location = Out(fields.String(allow_none=True))
    status = Out(fields.String(validate=validate.OneOf(EVENT_STATUSES)))
    description = Out(fields.String(allow_none=True))
    notes = Out(fields.String(allow_none=True))
    participants = Out(fields.List(fields.Nested(ParticipantSchema)))
    evidence = Out(fields.List(fields.Nested(SpanSchema)))


class EventCreateSchema(DatedInMixin):
    id = Slug(required=True)
    title = Text(500, required=True, validate=validate.Length(min=1, max=500))
    kind = fields.String(required=True, validate=validate.OneOf(EVENT_KINDS))
    end_date = DateText(allow_none=True, load_default=None)
    location = Text(200, allow_none=True, load_default=None)
    status = fields.String(load_default="held", validate=validate.OneOf(EVENT_STATUSES))
    description = Text(10_000, allow_none=True, load_default=None)
    notes = Text(10_000, allow_none=True, load_default=None)
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
    from_ = DateText(data_key="from", metadata={"description": "Events that may end on or after."})
    to = DateText(metadata={"description": "Events that may start on or before."})
    participant = Slug(metadata={"description": "Actor id of a participant."})
    kind = fields.String(validate=validate.OneOf(EVENT_KINDS))
    facets = FacetsParam("kind", "status")


EventPatchSchema = patch_schema(EventCreateSchema, "EventPatchSchema")
