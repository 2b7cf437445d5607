"""Quote extraction: quotations, reported speech and their speakers found in a text."""

from api.extraction.engine import extract
from api.extraction.model import ModelError
from api.extraction.types import (
    ActorRef,
    Extraction,
    KnownActor,
    QuoteSuggestion,
    Span,
    Speaker,
    SpeakerSummary,
)

__all__ = [
    "ActorRef",
    "Extraction",
    "KnownActor",
    "ModelError",
    "QuoteSuggestion",
    "Span",
    "Speaker",
    "SpeakerSummary",
    "extract",
]
