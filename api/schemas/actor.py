"""Actor shapes: names, aliases, identifiers and dated affiliations."""

from marshmallow import Schema, fields, validate

from api.schemas.common import (
    ActorRefSchema,
    PageArgsSchema,
    TimestampsMixin,
    always_sent,
    date_text_field,
    facets_param,
    patch_schema,
    slug_field,
    text_field,
)

ACTOR_KINDS = (
    "person",
    "state",
    "alliance",
    "organization",
    "institution",
    "media",
    "group",
)


class IdentifierSchema(Schema):
    scheme = always_sent(
        text_field(
            50,
            min_length=1,
            metadata={"example": "wikidata"},
        )
    )
    value = always_sent(text_field(200, min_length=1, metadata={"example": "Q159"}))


class IdentifierInSchema(IdentifierSchema):
    scheme = text_field(50, required=True, min_length=1)
    value = text_field(200, required=True, min_length=1)


class AffiliationSchema(Schema):
    organization = always_sent(fields.Nested(ActorRefSchema))
    role = always_sent(fields.String(allow_none=True, metadata={"example": "Secretary General"}))
    on_behalf_of = always_sent(
        fields.Boolean(metadata={"description": "The member's words count as the organisation's."})
    )
    valid_from = always_sent(date_text_field(allow_none=True))
    valid_to = always_sent(date_text_field(allow_none=True))
    notes = always_sent(fields.String(allow_none=True))


class AffiliationInSchema(Schema):
    organization = slug_field(required=True)
    role = text_field(200, allow_none=True, load_default=None)
    on_behalf_of = fields.Boolean(load_default=False)
    valid_from = date_text_field(allow_none=True, load_default=None)
    valid_to = date_text_field(allow_none=True, load_default=None)
    notes = text_field(10_000, allow_none=True, load_default=None)


class ActorSchema(TimestampsMixin):
    id = always_sent(slug_field())
    name = always_sent(fields.String())
    kind = always_sent(fields.String(validate=validate.OneOf(ACTOR_KINDS)))
    description = always_sent(fields.String(allow_none=True))
    notes = always_sent(fields.String(allow_none=True))
    aliases = always_sent(fields.List(fields.String(), attribute="alias_names"))
    identifiers = always_sent(fields.List(fields.Nested(IdentifierSchema)))
    affiliations = always_sent(fields.List(fields.Nested(AffiliationSchema)))


class ActorCreateSchema(Schema):
    id = slug_field(metadata={"description": "Omit it to have one derived from the name."})
    name = text_field(200, required=True, min_length=1)
    kind = fields.String(required=True, validate=validate.OneOf(ACTOR_KINDS))
    description = text_field(10_000, allow_none=True, load_default=None)
    notes = text_field(10_000, allow_none=True, load_default=None)
    aliases = fields.List(text_field(200), load_default=list, validate=validate.Length(max=100))
    identifiers = fields.List(
        fields.Nested(IdentifierInSchema),
        load_default=list,
        validate=validate.Length(max=50),
    )
    affiliations = fields.List(
        fields.Nested(AffiliationInSchema),
        load_default=list,
        validate=validate.Length(max=100),
    )


class ActorQueryArgsSchema(PageArgsSchema):
    q = text_field(200, metadata={"description": "Part of a name or alias, any case."})
    kind = fields.String(validate=validate.OneOf(ACTOR_KINDS))
    facets = facets_param("kind")


ActorPatchSchema = patch_schema(ActorCreateSchema, "ActorPatchSchema")
