"""/v1/sources: the articles, with their full text, and the quotes suggested in them."""

from flask import Response
from flask.views import MethodView
from sqlalchemy import or_, select
from sqlalchemy.orm import undefer

from api.models import Source
from api.queries.facets import Facet
from api.queries.suggestions import suggestions_for
from api.routes.common import NOT_FOUND, Blueprint, contains_pattern, get_or_404
from api.routes.writing import (
    create,
    create_endpoint,
    delete_endpoint,
    patch,
    patch_endpoint,
    remove,
)
from api.schemas.extraction import SuggestionsSchema
from api.schemas.source import SourceQueryArgsSchema, SourceSchema
from api.web.json_output import canonical_json
from api.web.pagination import exportable, page_schema, paginate
from api.web.session import db_session
from api.writes.kinds import SOURCES

SOURCE_FACETS = {"language": Facet(Source.language), "outlet": Facet(Source.outlet)}

blp = Blueprint("sources", __name__, url_prefix="/v1/sources", description="The source articles.")


@blp.route("")
class Sources(MethodView):
    @blp.doc(operationId="listSources")
    @blp.arguments(SourceQueryArgsSchema(), location="query")
    @blp.response(200, page_schema(SourceSchema))
    @exportable(blp)
    def get(self, args):
        """List sources

        Sources in id order, each with its full text and the SHA-256 of it.
        """
        stmt = select(Source).where(Source.deleted_at.is_(None)).options(undefer(Source.text))
        if args.get("q"):
            pattern = contains_pattern(args["q"])
            stmt = stmt.where(
                or_(
                    Source.title.ilike(pattern, escape="\\"),
                    Source.author.ilike(pattern, escape="\\"),
                    Source.outlet.ilike(pattern, escape="\\"),
                )
            )
        return paginate(db_session(), stmt, Source.id, args, SOURCE_FACETS, schema=SourceSchema)

    @create_endpoint(blp, SOURCES, "createSource")
    def post(self, data):
        """Create a source

        The full text is kept exactly as sent; its SHA-256 is computed here.
        """
        return create(SOURCES, data)


@blp.route("/<slug:source_id>")
class SourceById(MethodView):
    @blp.doc(operationId="getSource")
    @blp.response(200, SourceSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, source_id):
        """Get a source

        One source with its full text; quote spans index into this text by code point.
        """
        return get_or_404(db_session(), Source, source_id, [undefer(Source.text)])

    @patch_endpoint(blp, SOURCES, "updateSource")
    def patch(self, data, source_id):
        """Change a source

        The text cannot change while quotes or evidence spans point into it (409).
        """
        return patch(SOURCES, source_id, data, [undefer(Source.text)])

    @delete_endpoint(blp, "deleteSource")
    def delete(self, args, source_id):
        """Delete a source

        Refused (409, with the referring ids) while quotes or evidence use it, unless
        `force=true`.
        """
        return remove(SOURCES, source_id, args)


@blp.route("/<slug:source_id>/suggestions")
class SourceSuggestions(MethodView):
    @blp.doc(operationId="suggestQuotesInSource")
    @blp.response(200, SuggestionsSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, source_id):
        """Suggest quotes in a source

        What `POST /v1/extract` finds in the source's text, each suggestion with `quote_id`:
        the quote already on record at exactly that span, or null; plus the speakers found
        who are not actors on record yet. Read once per text (by its SHA-256) and process.
        """
        session = db_session()
        source = get_or_404(session, Source, source_id, [undefer(Source.text)])
        return Response(
            canonical_json(suggestions_for(session, source)), mimetype="application/json"
        )
