"""HTML for people: embeddable stance tables, quote cards, timelines, oEmbed, the review page."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from api.pages import embeds, oembed, review
from api.pages.rendering import install_filters

# Blueprints answering HTML (and SVG): the app's JSON-only Accept check leaves them alone.
PAGE_BLUEPRINTS = frozenset({embeds.blp.name, review.blp.name})


def register_pages(app: Flask, api: Api) -> None:
    """The pages' blueprints on `app`, and /oembed (an API operation) on `api`."""
    app.register_blueprint(embeds.blp)
    app.register_blueprint(review.blp)
    api.register_blueprint(oembed.blp)
    install_filters(app)
