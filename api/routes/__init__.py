"""The blueprints, in the order they appear in the OpenAPI document."""

from api.routes import actors, events, positions, quotes, sources, topics

BLUEPRINTS = [
    sources.blp,
    actors.blp,
    topics.blp,
    positions.blp,
    quotes.blp,
    events.blp,
]
