"""Revision shapes: one change to one item, and the feed of changes."""

from marshmallow import Schema, fields, validate

from api.schemas.common import always_sent, slug_field

MAX_REVISION_ID = 2**31 - 1


class RevisionSchema(Schema):
    id = always_sent(fields.Integer(metadata={"description": "Position in the changes feed."}))
    collection = always_sent(fields.String(metadata={"example": "quotes"}))
    item_id = always_sent(slug_field())
    action = always_sent(fields.String(validate=validate.OneOf(("create", "update", "delete"))))
    by = always_sent(
        fields.String(
            attribute="token_name",
            allow_none=True,
            metadata={"description": "Name of the token that made it ('fixtures' for loads)."},
        )
    )
    at = always_sent(fields.DateTime())
    changed = always_sent(
        fields.List(fields.String(), metadata={"description": "Top-level fields."})
    )
    before = always_sent(
        fields.Dict(allow_none=True, metadata={"description": "null for a create."})
    )
    after = always_sent(
        fields.Dict(allow_none=True, metadata={"description": "null for a delete."})
    )


class ChangesArgsSchema(Schema):
    since = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=MAX_REVISION_ID),
        metadata={"description": "Revision id already seen; changes after it come back."},
    )
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))


class ChangesSchema(Schema):
    items = always_sent(fields.List(fields.Nested(RevisionSchema)))
    next_since = always_sent(
        fields.Integer(metadata={"description": "Pass as `since` to continue; same when idle."})
    )
