"""Shapes of the domain queries: comparison, agreement, timeline, search and facets."""

from marshmallow import Schema, fields, validate
from webargs.fields import DelimitedList

from api.schemas.actor import ACTOR_KINDS
from api.schemas.common import (
    ActorRefSchema,
    OptionRefSchema,
    SourceRefSchema,
    TopicRefSchema,
    always_sent,
    date_text_field,
    slug_field,
    text_field,
)
from api.schemas.position import EvidenceSchema

CELL_STANCES = ("supports", "opposes", "conditional", "neutral", "mixed", "unknown")
VERDICTS = ("agree", "disagree", "partial", "not-comparable")
TIMELINE_TYPES = ("quote", "position", "event")
SEARCH_TYPES = ("quote", "position", "event", "actor", "source")

AS_OF = fields.Date(
    metadata={
        "maxLength": 10,
        "description": "A day (YYYY-MM-DD): only what was on record then. Default: today.",
        "example": "2011-01-26",
    }
)
ROLL_UP = fields.Boolean(
    load_default=False,
    metadata={"description": "Count people's positions for the organisations they spoke for."},
)


class ComparisonArgsSchema(Schema):
    actors = DelimitedList(
        slug_field(),
        validate=validate.Length(max=50),
        metadata={"description": "Comma-separated actor ids; rows in this order."},
    )
    kinds = DelimitedList(
        fields.String(validate=validate.OneOf(ACTOR_KINDS)),
        validate=validate.Length(max=len(ACTOR_KINDS)),
        metadata={"description": "Comma-separated actor kinds to keep, e.g. state,alliance."},
    )
    as_of = AS_OF
    roll_up = ROLL_UP


class CellPositionSchema(Schema):
    id = always_sent(slug_field())
    stance = always_sent(fields.String())
    summary = always_sent(fields.String())
    date = always_sent(date_text_field())
    date_precision = always_sent(fields.String())
    date_inferred = always_sent(fields.Boolean())
    actor = always_sent(
        fields.Nested(ActorRefSchema, metadata={"description": "Whose words these are."})
    )
    rolled_up = always_sent(
        fields.Boolean(metadata={"description": "Counted for an organisation."})
    )
    role = always_sent(
        fields.String(allow_none=True, metadata={"description": "Role it was said in."})
    )
    certain = always_sent(
        fields.Boolean(metadata={"description": "False when only possibly on record at as_of."})
    )


class CellSchema(Schema):
    option = always_sent(fields.String(allow_none=True, metadata={"description": "Option id."}))
    stance = always_sent(fields.String(validate=validate.OneOf(CELL_STANCES)))
    certain = always_sent(fields.Boolean())
    positions = always_sent(fields.List(fields.Nested(CellPositionSchema)))
    evidence = always_sent(fields.List(fields.Nested(EvidenceSchema)))


class ComparisonRowSchema(Schema):
    actor = always_sent(fields.Nested(ActorRefSchema))
    cells = always_sent(fields.List(fields.Nested(CellSchema)))
    topic_level = always_sent(
        fields.Nested(CellSchema, metadata={"description": "Stances on the question as a whole."})
    )


class ComparisonSchema(Schema):
    topic = always_sent(fields.Nested(TopicRefSchema))
    as_of = always_sent(fields.Date())
    roll_up = always_sent(fields.Boolean())
    options = always_sent(fields.List(fields.Nested(OptionRefSchema)))
    rows = always_sent(fields.List(fields.Nested(ComparisonRowSchema)))


class AgreementArgsSchema(Schema):
    actors = DelimitedList(
        slug_field(),
        required=True,
        validate=validate.Length(min=2, max=20),
        metadata={"description": "Two or more comma-separated actor ids."},
    )
    as_of = AS_OF
    roll_up = ROLL_UP


class ActorStanceSchema(Schema):
    actor = always_sent(fields.Nested(ActorRefSchema))
    stance = always_sent(fields.String(validate=validate.OneOf(CELL_STANCES)))


class OptionAgreementSchema(Schema):
    option = always_sent(fields.Nested(OptionRefSchema))
    verdict = always_sent(fields.String(validate=validate.OneOf(VERDICTS)))
    stances = always_sent(fields.List(fields.Nested(ActorStanceSchema)))


class TopicAgreementSchema(Schema):
    topic = always_sent(fields.Nested(TopicRefSchema))
    verdict = always_sent(fields.String(validate=validate.OneOf(VERDICTS)))
    options = always_sent(fields.List(fields.Nested(OptionAgreementSchema)))


class AgreementSchema(Schema):
    actors = always_sent(fields.List(fields.Nested(ActorRefSchema)))
    as_of = always_sent(fields.Date())
    roll_up = always_sent(fields.Boolean())
    topics = always_sent(fields.List(fields.Nested(TopicAgreementSchema)))
    compared = always_sent(
        fields.Integer(metadata={"description": "Options with 2+ clear stances."})
    )
    agreed = always_sent(
        fields.Integer(metadata={"description": "Of those, options they agree on."})
    )
    agreement = always_sent(
        fields.Float(allow_none=True, metadata={"description": "agreed / compared, or null."})
    )


class TimelineArgsSchema(Schema):
    from_ = date_text_field(
        data_key="from", metadata={"description": "Items that may be on or after."}
    )
    to = date_text_field(metadata={"description": "Items that may be on or before."})
    type = DelimitedList(
        fields.String(validate=validate.OneOf(TIMELINE_TYPES)),
        validate=validate.Length(max=3),
        metadata={"description": "Comma-separated: quote, position, event (default: all)."},
    )


class TimelineItemSchema(Schema):
    type = always_sent(fields.String(validate=validate.OneOf(TIMELINE_TYPES)))
    id = always_sent(slug_field())
    date = always_sent(date_text_field())
    date_precision = always_sent(fields.String())
    date_inferred = always_sent(fields.Boolean())
    text = always_sent(
        fields.String(metadata={"description": "Quote text, position summary or title."})
    )
    actor = always_sent(fields.Nested(ActorRefSchema, allow_none=True))
    topic = always_sent(fields.Nested(TopicRefSchema, allow_none=True))
    stance = always_sent(fields.String(allow_none=True))
    kind = always_sent(fields.String(allow_none=True))
    source = always_sent(fields.Nested(SourceRefSchema, allow_none=True))


class TimelineSchema(Schema):
    items = always_sent(fields.List(fields.Nested(TimelineItemSchema)))


class SearchArgsSchema(Schema):
    q = text_field(
        200,
        min_length=1,
        required=True,
        metadata={"description": "Words to find (all of them), stemmed: 'missiles' finds missile."},
    )
    type = DelimitedList(
        fields.String(validate=validate.OneOf(SEARCH_TYPES)),
        validate=validate.Length(max=5),
        metadata={"description": "Comma-separated: quote, position, event, actor, source."},
    )
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    cursor = fields.String(
        validate=[validate.Length(max=30), validate.Regexp(r"^(o|s[0-9]+\.)[0-9]+$")],
        metadata={"description": "`next_cursor` of the previous page."},
    )


class SearchHitSchema(Schema):
    type = always_sent(fields.String(validate=validate.OneOf(SEARCH_TYPES)))
    id = always_sent(slug_field())
    label = always_sent(
        fields.String(metadata={"description": "Quote text, summary, title or name."})
    )
    snippet = always_sent(
        fields.String(metadata={"description": "Matching words marked <mark>…</mark>; not HTML."})
    )
    score = always_sent(fields.Float(metadata={"description": "Relevance, higher is better."}))


class SearchResultsSchema(Schema):
    items = always_sent(fields.List(fields.Nested(SearchHitSchema)))
    next_cursor = always_sent(fields.String(allow_none=True))
