"""The blueprints, in the order they appear in the OpenAPI document."""

from api.routes import (
    actors,
    changes,
    compare,
    events,
    extract,
    positions,
    quotes,
    search,
    sources,
    topics,
)

BLUEPRINTS = [
    sources.blp,
    actors.blp,
    topics.blp,
    positions.blp,
    quotes.blp,
    events.blp,
    compare.blp,
    search.blp,
    extract.blp,
    changes.blp,
]
