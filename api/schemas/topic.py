"""Topic shapes: a policy question with its options."""

from marshmallow import Schema, fields, validate

from api.schemas.common import Out, PageArgsSchema, Slug, Text, TimestampsMixin, patch_schema


class OptionSchema(Schema):
    id = Out(Slug(metadata={"example": "sectoral"}))
    label = Out(fields.String())
    description = Out(fields.String(allow_none=True))


class OptionInSchema(Schema):
    id = Slug(required=True)
    label = Text(500, required=True, validate=validate.Length(min=1, max=500))
    description = Text(10_000, allow_none=True, load_default=None)


class TopicSchema(TimestampsMixin):
    id = Out(Slug(metadata={"example": "missile-defence-architecture"}))
    title = Out(fields.String())
    question = Out(fields.String())
    description = Out(fields.String(allow_none=True))
    notes = Out(fields.String(allow_none=True))
    options = Out(fields.List(fields.Nested(OptionSchema)))


class TopicCreateSchema(Schema):
    id = Slug(required=True)
    title = Text(500, required=True, validate=validate.Length(min=1, max=500))
    question = Text(2000, required=True, validate=validate.Length(min=1, max=2000))
    description = Text(10_000, allow_none=True, load_default=None)
    notes = Text(10_000, allow_none=True, load_default=None)
    options = fields.List(
        fields.Nested(OptionInSchema),
        load_default=list,
        validate=validate.Length(max=50),
    )


class TopicQueryArgsSchema(PageArgsSchema):
    """Topics take no filters yet; only paging."""


TopicPatchSchema = patch_schema(TopicCreateSchema, "TopicPatchSchema")
