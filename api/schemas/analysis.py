"""Shapes of the domain queries: comparison, agreement, timeline, search and facets."""

from marshmallow import Schema, fields, validate
from webargs.fields import DelimitedList

from api.schemas.actor import ACTOR_KINDS
from api.schemas.common import (
    ActorRefSchema,
    DateText,
    OptionRefSchema,
    Out,
    Slug,
    SourceRefSchema,
    Text,
    TopicRefSchema,
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
        Slug(),
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
    id = Out(Slug())
    stance = Out(fields.String())
    summary = Out(fields.String())
    date = Out(DateText())
    date_precision = Out(fields.String())
    date_inferred = Out(fields.Boolean())
    actor = Out(fields.Nested(ActorRefSchema, metadata={"description": "Whose words these are."}))
    rolled_up = Out(fields.Boolean(metadata={"description": "Counted for an organisation."}))
    role = Out(fields.String(allow_none=True, metadata={"description": "Role it was said in."}))
    certain = Out(
        fields.Boolean(metadata={"description": "False when only possibly on record at as_of."})
    )


class CellSchema(Schema):
    option = Out(fields.String(allow_none=True, metadata={"description": "Option id."}))
    stance = Out(fields.String(validate=validate.OneOf(CELL_STANCES)))
    certain = Out(fields.Boolean())
    positions = Out(fields.List(fields.Nested(CellPositionSchema)))
    evidence = Out(fields.List(fields.Nested(EvidenceSchema)))


class ComparisonRowSchema(Schema):
    actor = Out(fields.Nested(ActorRefSchema))
    cells = Out(fields.List(fields.Nested(CellSchema)))
    topic_level = Out(
        fields.Nested(CellSchema, metadata={"description": "Stances on the question as a whole."})
    )


class ComparisonSchema(Schema):
    topic = Out(fields.Nested(TopicRefSchema))
    as_of = Out(fields.Date())
    roll_up = Out(fields.Boolean())
    options = Out(fields.List(fields.Nested(OptionRefSchema)))
    rows = Out(fields.List(fields.Nested(ComparisonRowSchema)))


class AgreementArgsSchema(Schema):
    actors = DelimitedList(
        Slug(),
        required=True,
        validate=validate.Length(min=2, max=20),
        metadata={"description": "Two or more comma-separated actor ids."},
    )
    as_of = AS_OF
    roll_up = ROLL_UP


class ActorStanceSchema(Schema):
    actor = Out(fields.Nested(ActorRefSchema))
    stance = Out(fields.String(validate=validate.OneOf(CELL_STANCES)))


class OptionAgreementSchema(Schema):
    option = Out(fields.Nested(OptionRefSchema))
    verdict = Out(fields.String(validate=validate.OneOf(VERDICTS)))
    stances = Out(fields.List(fields.Nested(ActorStanceSchema)))


class TopicAgreementSchema(Schema):
    topic = Out(fields.Nested(TopicRefSchema))
    verdict = Out(fields.String(validate=validate.OneOf(VERDICTS)))
    options = Out(fields.List(fields.Nested(OptionAgreementSchema)))


class AgreementSchema(Schema):
    actors = Out(fields.List(fields.Nested(ActorRefSchema)))
    as_of = Out(fields.Date())
    roll_up = Out(fields.Boolean())
    topics = Out(fields.List(fields.Nested(TopicAgreementSchema)))
    compared = Out(fields.Integer(metadata={"description": "Options with 2+ clear stances."}))
    agreed = Out(fields.Integer(metadata={"description": "Of those, options they agree on."}))
    agreement = Out(
        fields.Float(allow_none=True, metadata={"description": "agreed / compared, or null."})
    )


class TimelineArgsSchema(Schema):
    from_ = DateText(data_key="from", metadata={"description": "Items that may be on or after."})
    to = DateText(metadata={"description": "Items that may be on or before."})
    type = DelimitedList(
        fields.String(validate=validate.OneOf(TIMELINE_TYPES)),
        validate=validate.Length(max=3),
        metadata={"description": "Comma-separated: quote, position, event (default: all)."},
    )


class TimelineItemSchema(Schema):
    type = Out(fields.String(validate=validate.OneOf(TIMELINE_TYPES)))
    id = Out(Slug())
    date = Out(DateText())
    date_precision = Out(fields.String())
    date_inferred = Out(fields.Boolean())
    text = Out(fields.String(metadata={"description": "Quote text, position summary or title."}))
    actor = Out(fields.Nested(ActorRefSchema, allow_none=True))
    topic = Out(fields.Nested(TopicRefSchema, allow_none=True))
    stance = Out(fields.String(allow_none=True))
    kind = Out(fields.String(allow_none=True))
    source = Out(fields.Nested(SourceRefSchema, allow_none=True))


class TimelineSchema(Schema):
    items = Out(fields.List(fields.Nested(TimelineItemSchema)))


class SearchArgsSchema(Schema):
    q = Text(
        200,
        required=True,
        validate=validate.Length(min=1, max=200),
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
    type = Out(fields.String(validate=validate.OneOf(SEARCH_TYPES)))
    id = Out(Slug())
    label = Out(fields.String(metadata={"description": "Quote text, summary, title or name."}))
    snippet = Out(
        fields.String(metadata={"description": "Matching words marked <mark>…</mark>; not HTML."})
    )
    score = Out(fields.Float(metadata={"description": "Relevance, higher is better."}))


class SearchResultsSchema(Schema):
    items = Out(fields.List(fields.Nested(SearchHitSchema)))
    next_cursor = Out(fields.String(allow_none=True))
