"""Topic shapes: a policy question with its options."""

from marshmallow import Schema, fields, validate

from api.schemas.common import (
    PageArgsSchema,
    TimestampsMixin,
    always_sent,
    patch_schema,
    slug_field,
    text_field,
)


class OptionSchema(Schema):
    id = always_sent(slug_field(metadata={"example": "sectoral"}))
    label = always_sent(fields.String())
    description = always_sent(fields.String(allow_none=True))


class OptionInSchema(Schema):
    id = slug_field(required=True)
    label = text_field(500, required=True, min_length=1)
    description = text_field(10_000, allow_none=True, load_default=None)


class TopicSchema(TimestampsMixin):
    id = always_sent(slug_field(metadata={"example": "missile-defence-architecture"}))
    title = always_sent(fields.String())
    question = always_sent(fields.String())
    description = always_sent(fields.String(allow_none=True))
    notes = always_sent(fields.String(allow_none=True))
    options = always_sent(fields.List(fields.Nested(OptionSchema)))


class TopicCreateSchema(Schema):
    id = slug_field(metadata={"description": "Omit it to have one derived from the title."})
    title = text_field(500, required=True, min_length=1)
    question = text_field(2000, required=True, min_length=1)
    description = text_field(10_000, allow_none=True, load_default=None)
    notes = text_field(10_000, allow_none=True, load_default=None)
    options = fields.List(
        fields.Nested(OptionInSchema),
        load_default=list,
        validate=validate.Length(max=50),
    )


class TopicQueryArgsSchema(PageArgsSchema):
    """Topics take no filters yet; only paging."""


TopicPatchSchema = patch_schema(TopicCreateSchema, "TopicPatchSchema")
