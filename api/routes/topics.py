"""/v1/topics: policy questions and their options."""

from flask import Response
from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.models import Topic
from api.queries.comparison import comparison_as_asked, find_actors, find_topic
from api.queries.timeline import topic_timeline
from api.routes.common import NOT_FOUND, Blueprint, get_or_404, require_actors, timeline_filters
from api.routes.writing import (
    create,
    create_endpoint,
    delete_endpoint,
    patch,
    patch_endpoint,
    remove,
)
from api.schemas.analysis import (
    ComparisonArgsSchema,
    ComparisonSchema,
    TimelineArgsSchema,
    TimelineSchema,
)
from api.schemas.topic import TopicQueryArgsSchema, TopicSchema
from api.web.json_output import canonical_json
from api.web.pagination import exportable, page_schema, paginate
from api.web.session import db_session
from api.writes.kinds import TOPICS

blp = Blueprint(
    "topics", __name__, url_prefix="/v1/topics", description="Policy questions and options."
)


@blp.route("")
class Topics(MethodView):
    @blp.doc(operationId="listTopics")
    @blp.arguments(TopicQueryArgsSchema(), location="query")
    @blp.response(200, page_schema(TopicSchema))
    @exportable(blp)
    def get(self, args):
        """List topics

        Each topic with its options in their curated order.
        """
        stmt = select(Topic).where(Topic.deleted_at.is_(None)).options(selectinload(Topic.options))
        return paginate(db_session(), stmt, Topic.id, args, schema=TopicSchema)

    @create_endpoint(blp, TOPICS, "createTopic")
    def post(self, data):
        """Create a topic

        A policy question with its options; option ids are unique across topics.
        """
        return create(TOPICS, data)


@blp.route("/<slug:topic_id>")
class TopicById(MethodView):
    @blp.doc(operationId="getTopic")
    @blp.response(200, TopicSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, topic_id):
        """Get a topic

        One policy question with its options.
        """
        return get_or_404(db_session(), Topic, topic_id, [selectinload(Topic.options)])

    @patch_endpoint(blp, TOPICS, "updateTopic")
    def patch(self, data, topic_id):
        """Change a topic

        Options sent replace the list; an option still used by positions cannot go.
        """
        return patch(TOPICS, topic_id, data, [selectinload(Topic.options)])

    @delete_endpoint(blp, "deleteTopic")
    def delete(self, args, topic_id):
        """Delete a topic

        Refused (409) while positions refer to it, unless `force=true`.
        """
        return remove(TOPICS, topic_id, args)


@blp.route("/<slug:topic_id>/comparison")
class TopicComparison(MethodView):
    @blp.doc(operationId="compareTopic")
    @blp.arguments(ComparisonArgsSchema(), location="query")
    @blp.response(200, ComparisonSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, args, topic_id):
        """Compare actors on a topic

        One row per actor, one cell per option: `supports`, `opposes`, `conditional`,
        `neutral`, `mixed` (evidence both ways) or `unknown`, with the positions and verbatim
        evidence behind it. `as_of` gives the record on that day; `roll_up=true` counts a
        person's words for the organisation they spoke for at the time.
        """
        session = db_session()
        # The finders answer the hot path too; the ORM helpers say what is missing.
        topic = find_topic(session, topic_id) or get_or_404(session, Topic, topic_id)
        actors = None
        if "actors" in args:
            ids = args["actors"]
            actors = find_actors(session, ids) or require_actors(session, ids)
        answer = comparison_as_asked(session, topic, actors, args)
        return Response(canonical_json(answer), mimetype="application/json")


@blp.route("/<slug:topic_id>/timeline")
class TopicTimeline(MethodView):
    @blp.doc(operationId="getTopicTimeline")
    @blp.arguments(TimelineArgsSchema(), location="query")
    @blp.response(200, TimelineSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, args, topic_id):
        """Timeline of a topic

        Positions on the topic, the quotes cited for them and the events those quotes belong
        to, in date order (earliest possible day first).
        """
        session = db_session()
        get_or_404(session, Topic, topic_id)
        return {"items": topic_timeline(session, topic_id, **timeline_filters(args))}
