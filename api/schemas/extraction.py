"""Shapes of quote extraction: the text sent, and the suggestions found in it."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.extraction.types import KINDS
from api.schemas.common import (
    ActorRefSchema,
    SourceRefSchema,
    always_sent,
    slug_field,
)

# The ceiling the schema documents; the configured limit (STANCES_MAX_EXTRACT_CHARS, 413)
# is checked by the handler, below this one.
EXTRACT_MAX_CHARS = 10_000_000


class ExtractRequestSchema(Schema):
    # The same request as a text/plain body: the body is `text` (api/web/json_input.py).
    plain_text_field = "text"

    # NUL is refused with a 400 by the handler, as for every other text the service reads.
    text = fields.String(
        required=True,
        validate=validate.Length(min=1, max=EXTRACT_MAX_CHARS),
        metadata={"description": "The article, as plain text. Spans index this string."},
    )
    language = fields.String(
        load_default="en",
        validate=validate.OneOf(["en"]),
        metadata={"description": "Only English is read for now."},
    )


_INDEX = validate.Range(min=0, max=EXTRACT_MAX_CHARS)


class TextSpanSchema(Schema):
    text = always_sent(fields.String(validate=validate.Length(max=EXTRACT_MAX_CHARS)))
    start = always_sent(
        fields.Integer(validate=_INDEX, metadata={"description": "Code-point index, inclusive."})
    )
    end = always_sent(
        fields.Integer(validate=_INDEX, metadata={"description": "Code-point index, exclusive."})
    )


class SpeakerMentionSchema(TextSpanSchema):
    name = always_sent(
        fields.String(
            validate=validate.Length(max=500),
            metadata={"description": "Who the mention is, in the fullest form given."},
        )
    )
    actor = always_sent(
        fields.Nested(
            ActorRefSchema,
            allow_none=True,
            metadata={"description": "The actor on record it is, when one is."},
        )
    )


class QuoteSuggestionSchema(TextSpanSchema):
    kind = always_sent(fields.String(validate=validate.OneOf(KINDS)))
    cue = always_sent(
        fields.Nested(
            TextSpanSchema,
            allow_none=True,
            metadata={"description": "The words that attribute it: said, told reporters..."},
        )
    )
    speaker = always_sent(
        fields.Nested(
            SpeakerMentionSchema,
            allow_none=True,
            metadata={"description": "The mention that introduces it; null when no one does."},
        )
    )
    confidence = always_sent(
        fields.Float(validate=validate.Range(min=0, max=1), metadata={"example": 0.9})
    )


class MentionSchema(Schema):
    start = always_sent(fields.Integer())
    end = always_sent(fields.Integer())


class SpeakerSummarySchema(Schema):
    name = always_sent(fields.String())
    mentions = always_sent(fields.List(fields.Nested(MentionSchema)))
    actor = always_sent(fields.Nested(ActorRefSchema, allow_none=True))


class ExtractionSchema(Schema):
    quotes = always_sent(fields.List(fields.Nested(QuoteSuggestionSchema)))
    speakers = always_sent(fields.List(fields.Nested(SpeakerSummarySchema)))


class RecordedSuggestionSchema(QuoteSuggestionSchema):
    quote_id = always_sent(
        slug_field(
            allow_none=True,
            metadata={"description": "The quote on record at exactly this span, if any."},
        )
    )


class SuggestionsSchema(Schema):
    source = always_sent(fields.Nested(SourceRefSchema))
    sha256 = always_sent(fields.String(metadata={"description": "Of the text read."}))
    quotes = always_sent(fields.List(fields.Nested(RecordedSuggestionSchema)))
    speakers = always_sent(fields.List(fields.Nested(SpeakerSummarySchema)))
    speakers_not_on_record = always_sent(
        fields.List(
            fields.Nested(SpeakerSummarySchema),
            metadata={"description": "Speakers found who are not actors on record yet."},
        )
    )
