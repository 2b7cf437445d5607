"""Quote shapes: verbatim text, who said it, and where in the source it stands."""

import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, pre_load, validate

from api.schemas.common import (
    ID_MAX,
    ID_PATTERN,
    ActorRefSchema,
    DatedInMixin,
    DatedOutMixin,
    EventRefSchema,
    PageArgsSchema,
    SourceRefSchema,
    TimestampsMixin,
    always_sent,
    date_text_field,
    facets_param,
    patch_schema,
    slug_field,
    text_field,
)

QUOTE_KINDS = ("direct", "partial", "block", "reported")


class QuoteSchema(DatedOutMixin, TimestampsMixin):
    id = always_sent(slug_field(metadata={"example": "medvedev-common-toys"}))
    text = always_sent(
        fields.String(metadata={"description": "Verbatim, without quotation marks."})
    )
    speaker = always_sent(fields.Nested(ActorRefSchema, allow_none=True))
    attribution = always_sent(
        fields.String(
            allow_none=True,
            metadata={"description": "The words the source uses for the speaker."},
        )
    )
    source = always_sent(fields.Nested(SourceRefSchema))
    start = always_sent(fields.Integer(metadata={"description": "Code point offset, inclusive."}))
    end = always_sent(fields.Integer(metadata={"description": "Code point offset, exclusive."}))
    kind = always_sent(fields.String(validate=validate.OneOf(QUOTE_KINDS)))
    event = always_sent(fields.Nested(EventRefSchema, allow_none=True))
    notes = always_sent(fields.String(allow_none=True))


def _actor_id_or_none(value: object) -> None:
    if value is not None and not (
        isinstance(value, str) and len(value) <= ID_MAX and re.fullmatch(ID_PATTERN, value)
    ):
        raise ValidationError("An actor id (a slug), a suggested speaker, or null.")


def attribution_of(mention: dict[str, Any]) -> str | None:
    """The article's words for a suggested speaker, glossed with who it is when they differ:
    "he (Dmitry Rogozin)"."""
    words, name = mention.get("text"), mention.get("name")
    if not words:
        return name
    return words if not name or name == words else f"{words} ({name})"


class QuoteCreateSchema(DatedInMixin):
    """A quote to record; a suggestion from `POST /v1/extract` (or a source's suggestions)
    posts unchanged, with `source` added."""

    id = slug_field(
        metadata={"description": "Omit it to have one derived from the speaker and first words."}
    )
    text = text_field(20_000, required=True, min_length=1)
    speaker = fields.Raw(
        allow_none=True,
        load_default=None,
        validate=_actor_id_or_none,
        metadata={
            "description": "The speaker's actor id; or a suggestion's speaker mention, whose "
            "actor (or null) becomes the speaker and whose words the attribution.",
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX},
                {"$ref": "#/components/schemas/SpeakerMention"},
                {"type": "null"},
            ],
        },
    )
    attribution = text_field(500, allow_none=True, load_default=None)
    date = date_text_field(
        metadata={
            "description": "Omit it to date the words to their source (an upper bound; "
            "date_inferred is then true)."
        }
    )
    cue = fields.Raw(
        load_only=True,
        allow_none=True,
        metadata={"description": "From a suggestion: accepted, not stored."},
    )
    confidence = fields.Raw(
        load_only=True,
        allow_none=True,
        metadata={"description": "From a suggestion: accepted, not stored."},
    )
    quote_id = fields.Raw(
        load_only=True,
        allow_none=True,
        metadata={"description": "From a source's suggestion: accepted, not stored."},
    )

    @pre_load
    def speaker_from_suggestion(self, data: Any, **_kwargs: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("speaker"), dict):
            mention = data["speaker"]
            actor = mention.get("actor")
            data = {**data, "speaker": actor.get("id") if isinstance(actor, dict) else None}
            data.setdefault("attribution", attribution_of(mention))
        return data

    source = slug_field(required=True)
    start = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, max=10_000_000),
        metadata={"description": "Omit both start and end to let the service find the text."},
    )
    end = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=10_000_000),
    )
    kind = fields.String(required=True, validate=validate.OneOf(QUOTE_KINDS))
    event = slug_field(allow_none=True, load_default=None)
    notes = text_field(10_000, allow_none=True, load_default=None)


class QuoteFormatArgsSchema(Schema):
    format = fields.String(
        validate=validate.OneOf(("json", "jsonld")),
        metadata={"description": "jsonld: a schema.org Quotation for embedding in a page."},
    )


class QuoteQueryArgsSchema(PageArgsSchema):
    speaker = slug_field(metadata={"description": "Actor id of the speaker."})
    source = slug_field(metadata={"description": "Source id."})
    event = slug_field(metadata={"description": "Event id."})
    topic = slug_field(metadata={"description": "Topic id: quotes cited as evidence on it."})
    kind = fields.String(validate=validate.OneOf(QUOTE_KINDS))
    q = text_field(
        200, metadata={"description": "Full-text search in the quote's words (stemmed)."}
    )
    facets = facets_param("speaker", "source", "event", "kind")


QuotePatchSchema = patch_schema(QuoteCreateSchema, "QuotePatchSchema")
