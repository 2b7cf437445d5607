"""/v1/search: full-text search over quotes, positions, events, actors and sources."""

from flask.views import MethodView
from flask_smorest import abort

from api.queries.search import search
from api.request_session import db_session
from api.routes.common import Blueprint
from api.schemas.analysis import SEARCH_TYPES, SearchArgsSchema, SearchResultsSchema
from api.search_index import query_terms

blp = Blueprint("search", __name__, url_prefix="/v1/search", description="Full-text search.")

MAX_OFFSET = 10_000


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.startswith("o") or not cursor[1:].isdigit() or int(cursor[1:]) > MAX_OFFSET:
        abort(
            400,
            message="The cursor is not one this service issued.",
            errors=[
                {
                    "location": "query",
                    "field": "cursor",
                    "pointer": "/cursor",
                    "detail": "Invalid cursor; use next_cursor from a previous page.",
                }
            ],
        )
    return int(cursor[1:])


@blp.route("")
class Search(MethodView):
    @blp.doc(operationId="search")
    @blp.arguments(SearchArgsSchema, location="query")
    @blp.response(200, SearchResultsSchema)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args):
        """Search everything

        Every word of `q` must match (stemmed: "missiles" finds "missile"); hits come best
        first with a snippet whose matches are marked `<mark>…</mark>`.
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
        offset = _offset(args.get("cursor"))
        limit = args["limit"]
        types = list(dict.fromkeys(args.get("type") or SEARCH_TYPES))
        hits = search(db_session(), args["q"], types, limit=limit + 1, offset=offset)
        more = len(hits) > limit and offset + limit <= MAX_OFFSET
        return {"items": hits[:limit], "next_cursor": f"o{offset + limit}" if more else None}
