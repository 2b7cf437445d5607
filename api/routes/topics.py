"""/v1/topics: policy questions and their options."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from api.models import Topic
from api.pagination import page_schema, paginate
from api.request_session import db_session
from api.routes.common import NOT_FOUND, get_or_404
from api.schemas.topic import TopicQueryArgsSchema, TopicSchema

blp = Blueprint(
    "topics", __name__, url_prefix="/v1/topics", description="Policy questions and options."
)


@blp.route("")
class Topics(MethodView):
    @blp.doc(operationId="listTopics")
    @blp.arguments(TopicQueryArgsSchema, location="query")
    @blp.response(200, page_schema(TopicSchema))
    def get(self, args):
        """List topics

        Each topic with its options in their curated order.
        """
        stmt = select(Topic).options(selectinload(Topic.options))
        return paginate(db_session(), stmt, Topic.id, args)


@blp.route("/<string:topic_id>")
class TopicById(MethodView):
    @blp.doc(operationId="getTopic")
    @blp.response(200, TopicSchema)
    @blp.alt_response(404, response=NOT_FOUND)
    def get(self, topic_id):
        """Get a topic

        One policy question with its options.
        """
        return get_or_404(db_session(), Topic, topic_id, [selectinload(Topic.options)])
