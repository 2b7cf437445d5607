"""/v1/events: summits, meetings, ratifications, with participants and sources."""

from flask.views import MethodView
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from api.models import Actor, Event, EventParticipant
from api.models.partial_dates import PartialDate
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
from api.schemas.event import EventQueryArgsSchema, EventSchema
from api.web.pagination import exportable, page_schema, paginate
from api.web.session import db_session
from api.writes.kinds import EVENTS

blp = Blueprint("events", __name__, url_prefix="/v1/events", description="Dated happenings.")

EVENT_LOAD = (selectinload(Event.participants), selectinload(Event.evidence))
EVENT_FACETS = {"kind": Facet(Event.kind), "status": Facet(Event.status)}


@blp.route("")
class Events(MethodView):
    @blp.doc(operationId="listEvents")
    @blp.arguments(EventQueryArgsSchema(), location="query")
    @blp.response(200, page_schema(EventSchema))
    @exportable(blp)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args):
        """List events

        `from`/`to` keep events whose dates may overlap the range (a "2011-01" event is kept for
        `from=2011-01-20`); `participant` keeps events an actor took part in.
        """
        session = db_session()
        stmt = select(Event).where(Event.deleted_at.is_(None)).options(*EVENT_LOAD)
        if args.get("from_"):
            start = PartialDate.parse(args["from_"]).earliest
            stmt = stmt.where(func.coalesce(Event.end_date_latest, Event.date_latest) >= start)
        if args.get("to"):
            stmt = stmt.where(Event.date_earliest <= PartialDate.parse(args["to"]).latest)
        if args.get("kind"):
            stmt = stmt.where(Event.kind == args["kind"])
        if args.get("participant"):
            require_filter(session, Actor, args["participant"], "participant")
            took_part = select(EventParticipant.event_id).where(
                EventParticipant.actor_id == args["participant"]
            )
            stmt = stmt.where(Event.id.in_(took_part))
        return paginate(session, stmt, Event.id, args, EVENT_FACETS, schema=EventSchema)

    @create_endpoint(blp, EVENTS, "createEvent")
    def post(self, data):
        """Create an event

        With participants and the source spans that report it.
        """
        return create(EVENTS, data)


@blp.route("/<slug:event_id>")
class EventById(MethodView):
    @blp.doc(operationId="getEvent")
    @blp.response(200, EventSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, event_id):
        """Get an event

        One event with participants (and whom they stood for) and the source spans reporting it.
        """
        return get_or_404(db_session(), Event, event_id, EVENT_LOAD)

    @patch_endpoint(blp, EVENTS, "updateEvent")
    def patch(self, data, event_id):
        """Change an event

        Participants or evidence sent replace their lists.
        """
        return patch(EVENTS, event_id, data, EVENT_LOAD)

    @delete_endpoint(blp, "deleteEvent")
    def delete(self, args, event_id):
        """Delete an event

        Refused (409) while quotes belong to it, unless `force=true`.
        """
        return remove(EVENTS, event_id, args)
