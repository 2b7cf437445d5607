"""/v1/quotes: verbatim words with speaker, source span and date."""

import json

from flask import Response, request
from flask.views import MethodView
from sqlalchemy import select

from api.models import Actor, Event, Position, PositionEvidence, Quote, Source, Topic
from api.queries.facets import Facet
from api.queries.quote_rows import quote_item, quote_items
from api.queries.search import matching_ids
from api.routes.common import NOT_FOUND, Blueprint, get_or_404, require_filter
from api.routes.writing import (
    create,
    create_endpoint,
    delete_endpoint,
    patch,
    patch_endpoint,
    remove,
)
from api.schemas.jsonld import quote_as_jsonld
from api.schemas.quote import QuoteFormatArgsSchema, QuoteQueryArgsSchema, QuoteSchema
from api.web.exports import JSONLD_TYPE
from api.web.json_output import canonical_json
from api.web.pagination import exportable, page_schema, paginate
from api.web.session import db_session
from api.writes.kinds import QUOTES

QUOTE_FACETS = {
    "speaker": Facet(Quote.speaker_id, Actor.id, Actor.name),
    "source": Facet(Quote.source_id, Source.id, Source.title),
    "event": Facet(Quote.event_id, Event.id, Event.title),
    "kind": Facet(Quote.kind),
}

blp = Blueprint("quotes", __name__, url_prefix="/v1/quotes", description="Verbatim quotes.")


@blp.route("")
class Quotes(MethodView):
    @blp.doc(operationId="listQuotes")
    @blp.arguments(QuoteQueryArgsSchema(), location="query")
    @blp.response(200, page_schema(QuoteSchema))
    @exportable(blp)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args):
        """List quotes

        Filter by `speaker`, `source`, `event`, `kind`, or `topic` (quotes cited as evidence of
        a position on that topic); `q` for words in the quote. An id that does not exist is a
        422, not an empty page.
        """
        session = db_session()
        stmt = select(Quote).where(Quote.deleted_at.is_(None))
        for param, model, column in (
            ("speaker", Actor, Quote.speaker_id),
            ("source", Source, Quote.source_id),
            ("event", Event, Quote.event_id),
        ):
            if args.get(param):
                require_filter(session, model, args[param], param)
                stmt = stmt.where(column == args[param])
        if args.get("kind"):
            stmt = stmt.where(Quote.kind == args["kind"])
        if args.get("topic"):
            require_filter(session, Topic, args["topic"], "topic")
            cited = (
                select(PositionEvidence.quote_id)
                .join(Position, Position.id == PositionEvidence.position_id)
                .where(Position.topic_id == args["topic"])
            )
            stmt = stmt.where(Quote.id.in_(cited))
        if args.get("q"):
            stmt = stmt.where(Quote.id.in_(matching_ids(session, args["q"], "quote")))
        return paginate(
            session, stmt, Quote.id, args, QUOTE_FACETS, schema=QuoteSchema, lean=quote_items
        )

    @create_endpoint(blp, QUOTES, "createQuote")
    def post(self, data):
        """Create a quote

        The text must be the source's exact words: give `start`/`end`, or only the text
        and the service finds its span (422 when absent or ambiguous).
        """
        return create(QUOTES, data)


@blp.route("/<slug:quote_id>")
class QuoteById(MethodView):
    @blp.doc(operationId="getQuote")
    @blp.arguments(QuoteFormatArgsSchema(), location="query")
    @blp.response(200, QuoteSchema)
    @blp.alt_response(
        200,
        schema={"type": "object", "description": "A schema.org Quotation."},
        content_type=JSONLD_TYPE,
        success=True,
    )
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, args, quote_id):
        """Get a quote

        One quote with speaker, source and the exact span of its words in the source. With
        `format=jsonld` (or `Accept: application/ld+json`): a schema.org Quotation to embed.
        """
        wants_jsonld = args.get("format") == "jsonld" or (
            "format" not in args
            and request.accept_mimetypes.best_match(["application/json", JSONLD_TYPE])
            == JSONLD_TYPE
        )
        if not wants_jsonld:
            item = quote_item(db_session(), quote_id)
            if item is None:
                get_or_404(db_session(), Quote, quote_id)  # the right 404 message
            return Response(canonical_json(item), mimetype="application/json")
        quote = get_or_404(db_session(), Quote, quote_id)
        document = quote_as_jsonld(quote, request.host_url.rstrip("/"))
        return Response(json.dumps(document, ensure_ascii=False), mimetype=JSONLD_TYPE)

    @patch_endpoint(blp, QUOTES, "updateQuote")
    def patch(self, data, quote_id):
        """Change a quote

        A new text is located again in the source unless `start`/`end` are sent.
        """
        return patch(QUOTES, quote_id, data, ())

    @delete_endpoint(blp, "deleteQuote")
    def delete(self, args, quote_id):
        """Delete a quote

        Refused (409) while positions cite it as evidence, unless `force=true`.
        """
        return remove(QUOTES, quote_id, args)
