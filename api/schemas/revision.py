"""Revision shapes: one change to one item, and the feed of changes."""

from marshmallow import Schema, fields, validate

from api.schemas.common import Out, Slug

MAX_REVISION_ID = 2**31 - 1


class RevisionSchema(Schema):
    id = Out(fields.Integer(metadata={"description": "Position in the changes feed."}))
    collection = Out(fields.String(metadata={"example": "quotes"}))
    item_id = Out(Slug())
    action = Out(fields.String(validate=validate.OneOf(("create", "update", "delete"))))
    by = Out(
        fields.String(
            attribute="token_name",
            allow_none=True,
            metadata={"description": "Name of the token that made it ('fixtures' for loads)."},
        )
    )
    at = Out(fields.DateTime())
    changed = Out(fields.List(fields.String(), metadata={"description": "Top-level fields."}))
    before = Out(fields.Dict(allow_none=True, metadata={"description": "null for a create."}))
    after = Out(fields.Dict(allow_none=True, metadata={"description": "null for a delete."}))


class ChangesArgsSchema(Schema):
    since = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=MAX_REVISION_ID),
        metadata={"description": "Revision id already seen; changes after it come back."},
    )
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))


class ChangesSchema(Schema):
    items = Out(fields.List(fields.Nested(RevisionSchema)))
    next_since = Out(
        fields.Integer(metadata={"description": "Pass as `since` to continue; same when idle."})
    )
