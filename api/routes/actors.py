"""/v1/actors: people, states, alliances and organisations."""

from flask.views import MethodView
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from api.models import Actor, ActorAlias
from api.queries.facets import Facet
from api.queries.timeline import actor_timeline
from api.routes.common import NOT_FOUND, Blueprint, contains_pattern, get_or_404, timeline_filters
from api.routes.writing import (
    create,
    create_endpoint,
    delete_endpoint,
    patch,
    patch_endpoint,
    remove,
)
from api.schemas.actor import ActorQueryArgsSchema, ActorSchema
from api.schemas.analysis import TimelineArgsSchema, TimelineSchema
from api.web.pagination import exportable, page_schema, paginate
from api.web.session import db_session
from api.writes.kinds import ACTORS

blp = Blueprint(
    "actors", __name__, url_prefix="/v1/actors", description="People, states and organisations."
)

ACTOR_LOAD = (
    selectinload(Actor.aliases),
    selectinload(Actor.identifiers),
    selectinload(Actor.affiliations),
)


@blp.route("")
class Actors(MethodView):
    @blp.doc(operationId="listActors")
    @blp.arguments(ActorQueryArgsSchema(), location="query")
    @blp.response(200, page_schema(ActorSchema))
    @exportable(blp)
    def get(self, args):
        """List actors

        Filter by `kind`, or by `q`: part of a name or of any alias ("Moscow" finds Russia).
        """
        stmt = select(Actor).where(Actor.deleted_at.is_(None)).options(*ACTOR_LOAD)
        if args.get("kind"):
            stmt = stmt.where(Actor.kind == args["kind"])
        if args.get("q"):
            pattern = contains_pattern(args["q"])
            by_alias = select(ActorAlias.actor_id).where(
                ActorAlias.alias.ilike(pattern, escape="\\")
            )
            stmt = stmt.where(or_(Actor.name.ilike(pattern, escape="\\"), Actor.id.in_(by_alias)))
        return paginate(
            db_session(), stmt, Actor.id, args, {"kind": Facet(Actor.kind)}, schema=ActorSchema
        )

    @create_endpoint(blp, ACTORS, "createActor")
    def post(self, data):
        """Create an actor

        With aliases, identifiers and affiliations; organisations must exist already.
        """
        return create(ACTORS, data)


@blp.route("/<slug:actor_id>")
class ActorById(MethodView):
    @blp.doc(operationId="getActor")
    @blp.response(200, ActorSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, actor_id):
        """Get an actor

        One actor with aliases, external identifiers and dated affiliations.
        """
        return get_or_404(db_session(), Actor, actor_id, ACTOR_LOAD)

    @patch_endpoint(blp, ACTORS, "updateActor")
    def patch(self, data, actor_id):
        """Change an actor

        Only the fields sent change; a list sent (aliases, affiliations) replaces the list.
        """
        return patch(ACTORS, actor_id, data, ACTOR_LOAD)

    @delete_endpoint(blp, "deleteActor")
    def delete(self, args, actor_id):
        """Delete an actor

        Refused (409, with the referring ids) while quotes, positions, events or other
        actors refer to it, unless `force=true`.
        """
        return remove(ACTORS, actor_id, args)


@blp.route("/<slug:actor_id>/timeline")
class ActorTimeline(MethodView):
    @blp.doc(operationId="getActorTimeline")
    @blp.arguments(TimelineArgsSchema(), location="query")
    @blp.response(200, TimelineSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, args, actor_id):
        """Timeline of an actor

        The actor's quotes, positions and the events they took part in, in date order
        (earliest possible day first); filter with `from`, `to` and `type`.
        """
        session = db_session()
        get_or_404(session, Actor, actor_id)
        return {"items": actor_timeline(session, actor_id, **timeline_filters(args))}
