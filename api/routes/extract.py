"""/v1/extract: quotes, cues and speakers suggested from a text; nothing is stored."""

from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import abort

from api.queries.suggestions import extraction_json, extraction_of
from api.routes.common import Blueprint
from api.schemas.extraction import ExtractionSchema, ExtractRequestSchema
from api.web.json_output import canonical_json
from api.web.session import db_session

blp = Blueprint(
    "extract", __name__, url_prefix="/v1/extract", description="Quote suggestions from text."
)


@blp.route("")
class Extract(MethodView):
    @blp.doc(operationId="extractQuotes")
    @blp.arguments(ExtractRequestSchema())
    @blp.response(200, ExtractionSchema)
    @blp.alt_response(400, response="BAD_REQUEST")
    @blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
    @blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
    def post(self, args):
        """Suggest quotes in a text

        Every quotation (direct, partial, block) and reported speech found in `text`, with
        its span, its cue ("said", "according to"), the mention of its speaker and who that
        is, linked to an actor on record where a name, alias or unique surname points to one.
        Send JSON `{"text": ..., "language": "en"}`, or the text itself as a `text/plain`
        body (left out of this document: openapi-python-client 0.29 cannot generate a client
        for an operation with two body types).
        Spans are code-point indices into the text as sent. Nothing is stored; accept a
        suggestion by posting its fields, with `source`, to `POST /v1/quotes`.
        """
        text = args["text"]
        if "\x00" in text:
            abort(400, message="The text contains a NUL character.")
        limit = current_app.extensions["stances"]["config"].max_extract_chars
        if len(text) > limit:
            abort(413, message=f"The text is {len(text)} characters; at most {limit} are read.")
        answer = extraction_json(extraction_of(db_session(), text))
        return Response(canonical_json(answer), mimetype="application/json")
