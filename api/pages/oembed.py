"""/oembed: the iframe (or picture) a CMS puts in an article for any embed URL of this service.

oEmbed 1.0 (https://oembed.com): `type: rich` with an <iframe> for the pages, `type: photo`
for the stance table's SVG. The iframe reports its height to the host page (embed.js);
the host's listener is api/pages/static/stances-host.js, documented in the README.
"""

from __future__ import annotations

from typing import Any, NoReturn
from urllib.parse import parse_qsl, urlsplit

import flask_smorest
from flask import current_app, request
from flask.views import MethodView
from flask_smorest import abort
from markupsafe import escape
from marshmallow import Schema, fields, validate
from werkzeug.exceptions import HTTPException

from api.pages import lookups
from api.pages.picture import comparison_svg
from api.schemas.common import text_field
from api.web.json_input import StrictParser
from api.web.session import db_session

PROVIDER = "Stances"
DEFAULT_WIDTH = 640
CACHE_AGE = 3600
# Heights before the page reports its own (the iframe resizes itself once loaded).
FIRST_HEIGHTS = {"embed.comparison": 420, "embed.quote": 260, "embed.timeline": 480}


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = StrictParser()


blp = Blueprint("oembed", __name__, description="oEmbed: the embeds' iframes for a CMS.")


class OEmbedArgsSchema(Schema):
    url = text_field(
        2000,
        min_length=1,
        required=True,
        metadata={
            "description": "An embed URL of this service: /embed/topics/{id}/comparison (and "
            ".svg), /embed/quotes/{id}, /embed/actors/{id}/timeline.",
            "example": "http://127.0.0.1:8000/embed/topics/missile-defence-architecture/comparison",
        },
    )
    maxwidth = fields.Integer(validate=validate.Range(min=1, max=10_000))
    maxheight = fields.Integer(validate=validate.Range(min=1, max=10_000))
    format = fields.String(
        load_default="json",
        validate=validate.OneOf(("json", "xml")),
        metadata={"description": "Only json is answered; xml is a 501."},
    )


class OEmbedSchema(Schema):
    version = fields.String(required=True, metadata={"example": "1.0"})
    type = fields.String(required=True, validate=validate.OneOf(("rich", "photo")))
    provider_name = fields.String(required=True, metadata={"example": PROVIDER})
    provider_url = fields.String(required=True)
    title = fields.String(required=True)
    width = fields.Integer(required=True)
    height = fields.Integer(required=True)
    cache_age = fields.Integer(required=True, metadata={"description": "Seconds."})
    html = fields.String(metadata={"description": "rich: the <iframe> to put in the page."})
    url = fields.String(metadata={"description": "photo: the SVG's address."})


def _not_ours() -> NoReturn:
    abort(404, message="Not an embed URL of this service.")
    raise AssertionError  # abort raised


def _match(url: str) -> tuple[str, dict[str, Any], dict[str, str]]:
    """The embed endpoint, path values and query of `url`; 404 unless it is one of ours."""
    try:
        parts = urlsplit(url)
    except ValueError:
        _not_ours()
    if parts.scheme not in ("http", "https") or parts.netloc != request.host:
        _not_ours()
    adapter = current_app.url_map.bind(request.host)
    try:
        endpoint, values = adapter.match(parts.path, method="GET")
    except HTTPException:
        _not_ours()
    if endpoint not in (*FIRST_HEIGHTS, "embed.comparison_picture"):
        _not_ours()
    return endpoint, values, dict(parse_qsl(parts.query))


def _title(endpoint: str, values: dict[str, Any]) -> str:
    """The embed's title; a 404 when what it shows does not exist."""
    session = db_session()
    if endpoint == "embed.comparison":
        return f"{lookups.topic_or_404(session, values['topic_id']).title}: who stands where"
    if endpoint == "embed.quote":
        item = lookups.quote_or_404(session, values["quote_id"])
        speaker = item["speaker"]["name"] if item["speaker"] else "Unattributed"
        words = item["text"] if len(item["text"]) <= 80 else item["text"][:79] + "…"
        return f"{speaker}: “{words}”"
    return f"{lookups.actor_or_404(session, values['actor_id']).name}: timeline"


def _size(args: dict[str, Any], width: int, height: int) -> tuple[int, int]:
    return min(width, args.get("maxwidth", width)), min(height, args.get("maxheight", height))


def _iframe(url: str, title: str, width: int, height: int) -> str:
    return (
        f'<iframe src="{escape(url)}" title="{escape(title)}" width="{width}" '
        f'height="{height}" style="border:0;max-width:100%" loading="lazy" '
        f'referrerpolicy="no-referrer"></iframe>'
    )


@blp.route("/oembed")
class OEmbed(MethodView):
    @blp.doc(operationId="getOEmbed")
    @blp.arguments(OEmbedArgsSchema(), location="query")
    @blp.response(200, OEmbedSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(501, response="NOT_IMPLEMENTED")
    def get(self, args):
        """Embed an embed URL (oEmbed)

        For a page under `/embed/` (stance table, quote card, timeline): `type: rich`, an
        `<iframe>` that sizes itself once loaded (with the host-page listener in the
        README). For a stance table's `.svg`: `type: photo`. 404 for any other URL,
        501 for `format=xml`. The HTML pages themselves are not API operations and are not
        in this document.
        """
        if args["format"] != "json":
            abort(501, message="Only format=json is offered.")
        url = args["url"]
        endpoint, values, query = _match(url)
        answer: dict[str, Any] = {
            "version": "1.0",
            "provider_name": PROVIDER,
            "provider_url": request.host_url,
            "cache_age": CACHE_AGE,
        }
        if endpoint == "embed.comparison_picture":
            table = lookups.comparison(db_session(), values["topic_id"], query)
            _svg, width, height = comparison_svg(table)
            # A picture keeps its proportions when a maximum makes it smaller.
            scale = min(1.0, args.get("maxwidth", width) / width)
            scale = min(scale, args.get("maxheight", height) / height)
            answer.update(type="photo", url=url, width=int(width * scale))
            answer.update(height=int(height * scale), title=f"{table['topic']['title']}")
            return answer
        title = _title(endpoint, values)
        width, height = _size(args, DEFAULT_WIDTH, FIRST_HEIGHTS[endpoint])
        answer.update(type="rich", title=title, width=width, height=height)
        answer["html"] = _iframe(url, title, width, height)
        return answer
