"""/v1/search: full-text search over quotes, positions, events, actors and sources."""

from flask.views import MethodView
from flask_smorest import abort

from api.db.search_index import query_terms
from api.queries.search import PageStart, parse_cursor, search_as_asked
from api.routes.common import Blueprint
from api.schemas.analysis import SearchArgsSchema, SearchResultsSchema
from api.web.pagination import refuse_cursor
from api.web.session import db_session

blp = Blueprint("search", __name__, url_prefix="/v1/search", description="Full-text search.")


def _start(cursor: str | None) -> PageStart:
    start = parse_cursor(cursor)
    if start is None:
        refuse_cursor()
    return start


@blp.route("")
class Search(MethodView):
    @blp.doc(operationId="search")
    @blp.arguments(SearchArgsSchema(), location="query")
    @blp.response(200, SearchResultsSchema)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args):
        """Search everything

        Every word of `q` must match (stemmed: "missiles" finds "missile"); hits come best
        first with a snippet whose matches are marked `<mark>…</mark>`. Relevance is ranked
        over windows of the 200 most recently recorded matches: a search with fewer matches
        is in plain relevance order; with more, the newest 200 come first (best first among
        them), then the next 200, page by page. A page may end short at the end of a window;
        only a null `next_cursor` ends the results.
        """
        if not query_terms(args["q"]):
            abort(
                422,
                message="Nothing to search for.",
                errors=[
                    {
                        "location": "query",
                        "field": "q",
                        "pointer": "/q",
                        "detail": "Give at least one word.",
                    }
                ],
            )
        return search_as_asked(db_session(), args, _start(args.get("cursor"))).as_json()
