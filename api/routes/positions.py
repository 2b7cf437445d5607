"""/v1/positions: actors' stances on topics and options, with evidence."""

from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.models import Actor, Option, Position, Topic
from api.queries.as_of import mark_certainty, on_record_conditions
from api.queries.facets import Facet
from api.routes.common import NOT_FOUND, Blueprint, get_or_404, require_filter
from api.routes.writing import (
    create,
    create_endpoint,
    delete_endpoint,
    patch,
    patch_endpoint,
    remove,
)
from api.schemas.position import PositionQueryArgsSchema, PositionSchema
from api.web.pagination import exportable, page_schema, paginate
from api.web.session import db_session
from api.writes.kinds import POSITIONS

blp = Blueprint(
    "positions", __name__, url_prefix="/v1/positions", description="Stances with evidence."
)

POSITION_LOAD = (selectinload(Position.evidence),)
POSITION_FACETS = {
    "actor": Facet(Position.actor_id, Actor.id, Actor.name),
    "topic": Facet(Position.topic_id, Topic.id, Topic.title),
    "option": Facet(Position.option_id, Option.id, Option.label),
    "stance": Facet(Position.stance),
}


@blp.route("")
class Positions(MethodView):
    @blp.doc(operationId="listPositions")
    @blp.arguments(PositionQueryArgsSchema(), location="query")
    @blp.response(200, page_schema(PositionSchema))
    @exportable(blp)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args):
        """List positions

        Filter by `actor`, `topic`, `option` and `stance`; `as_of` keeps what was on record that
        day. An id that does not exist is a 422. `facets=stance,actor` adds counts.
        """
        session = db_session()
        stmt = select(Position).where(Position.deleted_at.is_(None)).options(*POSITION_LOAD)
        for param, model, column in (
            ("actor", Actor, Position.actor_id),
            ("topic", Topic, Position.topic_id),
            ("option", Option, Position.option_id),
        ):
            if args.get(param):
                require_filter(session, model, args[param], param)
                stmt = stmt.where(column == args[param])
        if args.get("stance"):
            stmt = stmt.where(Position.stance == args["stance"])
        if args.get("as_of"):
            stmt = stmt.where(*on_record_conditions(args["as_of"]))
        result = paginate(session, stmt, Position.id, args, POSITION_FACETS, schema=PositionSchema)
        if args.get("as_of") and isinstance(result, tuple):  # not for a streamed export
            mark_certainty(session, result[0]["items"], args["as_of"])
        return result

    @create_endpoint(blp, POSITIONS, "createPosition")
    def post(self, data):
        """Create a position

        An actor's stance on a topic or option, with at least one piece of evidence.
        """
        return create(POSITIONS, data)


@blp.route("/<slug:position_id>")
class PositionById(MethodView):
    @blp.doc(operationId="getPosition")
    @blp.response(200, PositionSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, position_id):
        """Get a position

        One stance with the quotes and source spans that back it.
        """
        return get_or_404(db_session(), Position, position_id, POSITION_LOAD)

    @patch_endpoint(blp, POSITIONS, "updatePosition")
    def patch(self, data, position_id):
        """Change a position

        Evidence sent replaces the list and must not be empty.
        """
        return patch(POSITIONS, position_id, data, POSITION_LOAD)

    @delete_endpoint(blp, "deletePosition")
    def delete(self, args, position_id):
        """Delete a position

        Refused (409) while a later position supersedes it, unless `force=true`.
        """
        return remove(POSITIONS, position_id, args)
