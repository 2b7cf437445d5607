"""All models, so that `Base.metadata` is complete once this package is imported."""

from api.models.actor import Actor, ActorAlias, ActorIdentifier, Affiliation
from api.models.audit import IdempotentResponse, Revision, Token
from api.models.event import Event, EventEvidence, EventParticipant
from api.models.position import Position, PositionEvidence
from api.models.quote import Quote
from api.models.source import Source
from api.models.topic import Option, Topic

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorIdentifier",
    "Affiliation",
    "Event",
    "EventEvidence",
    "EventParticipant",
    "IdempotentResponse",
    "Option",
    "Position",
    "PositionEvidence",
    "Quote",
    "Revision",
    "Source",
    "Token",
    "Topic",
]
