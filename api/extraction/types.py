"""The extractor's values: what goes in (known actors) and what comes out (suggestions)."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("direct", "partial", "block", "reported")


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class KnownActor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorRef:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class Speaker:
    text: str
    start: int
    end: int
    name: str
    actor: ActorRef | None


@dataclass(frozen=True)
class QuoteSuggestion:
    text: str
    start: int
    end: int
    kind: str
    cue: Span | None
    speaker: Speaker | None
    confidence: float


@dataclass(frozen=True)
class SpeakerSummary:
    name: str
    mentions: tuple[Span, ...]
    actor: ActorRef | None


@dataclass(frozen=True)
class Extraction:
    quotes: tuple[QuoteSuggestion, ...]
    speakers: tuple[SpeakerSummary, ...]
