"""Actor shapes: names, aliases, identifiers and dated affiliations."""

from marshmallow import Schema, fields, validate

from api.schemas.common import (
    ActorRefSchema,
    DateText,
    FacetsParam,
    Out,
    PageArgsSchema,
    Slug,
    Text,
    TimestampsMixin,
    patch_schema,
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
    scheme = Out(
        Text(
            50,
            validate=validate.Length(min=1, max=50),
            metadata={"example": "wikidata"},
        )
    )
    value = Out(Text(200, validate=validate.Length(min=1, max=200), metadata={"example": "Q159"}))


class IdentifierInSchema(IdentifierSchema):
    scheme = Text(50, required=True, validate=validate.Length(min=1, max=50))
    value = Text(200, required=True, validate=validate.Length(min=1, max=200))


class AffiliationSchema(Schema):
    organization = Out(fields.Nested(ActorRefSchema))
    role = Out(fields.String(allow_none=True, metadata={"example": "Secretary General"}))
    on_behalf_of = Out(
        fields.Boolean(metadata={"description": "The member's words count as the organisation's."})
    )
    valid_from = Out(DateText(allow_none=True))
    valid_to = Out(DateText(allow_none=True))
    notes = Out(fields.String(allow_none=True))


class AffiliationInSchema(Schema):
    organization = Slug(required=True)
    role = Text(200, allow_none=True, load_default=None)
    on_behalf_of = fields.Boolean(load_default=False)
    valid_from = DateText(allow_none=True, load_default=None)
    valid_to = DateText(allow_none=True, load_default=None)
    notes = Text(10_000, allow_none=True, load_default=None)


class ActorSchema(TimestampsMixin):
    id = Out(Slug())
    name = Out(fields.String())
    kind = Out(fields.String(validate=validate.OneOf(ACTOR_KINDS)))
    description = Out(fields.String(allow_none=True))
    notes = Out(fields.String(allow_none=True))
    aliases = Out(fields.List(fields.String(), attribute="alias_names"))
    identifiers = Out(fields.List(fields.Nested(IdentifierSchema)))
    affiliations = Out(fields.List(fields.Nested(AffiliationSchema)))


class ActorCreateSchema(Schema):
    id = Slug(required=True)
    name = Text(200, required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(required=True, validate=validate.OneOf(ACTOR_KINDS))
    description = Text(10_000, allow_none=True, load_default=None)
    notes = Text(10_000, allow_none=True, load_default=None)
    aliases = fields.List(Text(200), load_default=list, validate=validate.Length(max=100))
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
    q = Text(200, metadata={"description": "Part of a name or alias, any case."})
    kind = fields.String(validate=validate.OneOf(ACTOR_KINDS))
    facets = FacetsParam("kind")


ActorPatchSchema = patch_schema(ActorCreateSchema, "ActorPatchSchema")
