"""Writing quotes: the text must be exactly the source's words at the span."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.db.search_index import index_row
from api.models import Actor, Event, Quote, Source
from api.models.dated import set_partial_date
from api.writes.common import InvalidInput, require


def locate(source_text: str, text: str, start: int | None, end: int | None) -> tuple[int, int]:
    """The span of `text` in the source: checked when given, found when not."""
    if start is not None or end is not None:
        if start is None:
            raise InvalidInput({"start": "Give start with end, or neither."})
        end = start + len(text) if end is None else end
        if source_text[start:end] != text or end > len(source_text):
            raise InvalidInput({"text": f"The text is not the source's words at {start}-{end}."})
        return start, end
    first = source_text.find(text)
    if first < 0:
        raise InvalidInput({"text": "The text does not occur in the source."})
    if source_text.find(text, first + 1) >= 0:
        raise InvalidInput(
            {"text": "The text occurs more than once in the source; give start to choose one."}
        )
    return first, first + len(text)


def apply_quote(session: Session, quote: Quote, data: dict[str, Any]) -> Quote:
    for name in ("id", "attribution", "kind", "notes", "date_inferred"):
        if name in data:
            setattr(quote, name, data[name])
    if data.get("date") is not None:
        set_partial_date(quote, "date", data["date"])
    if "speaker" in data:
        require(session, Actor, data["speaker"], "speaker")
        quote.speaker_id = data["speaker"]
    if "event" in data:
        require(session, Event, data["event"], "event")
        quote.event_id = data["event"]
    if {"text", "source", "start", "end"} & data.keys():
        source = require(session, Source, data.get("source", quote.source_id), "source")
        assert source is not None
        text = data.get("text", quote.text)
        span = (data.get("start"), data.get("end"))
        if "text" in data and "start" not in data and "end" not in data:
            span = (None, None)
        start, end = locate(source.text, text, *span)
        quote.text, quote.source_id, quote.start, quote.end = text, source.id, start, end
        if quote.date is None:
            # Undated words are on record by the day their source is: an upper bound.
            set_partial_date(quote, "date", source.date)
            quote.date_inferred = True
    session.add(quote)
    index_row(session, "quote", quote)
    return quote
