"""/v1/compare: where two or more actors agree, topic by topic."""

from datetime import date

from flask.views import MethodView
from flask_smorest import abort

from api.queries.agreement import agreement
from api.routes.common import Blueprint, require_actors
from api.schemas.analysis import AgreementArgsSchema, AgreementSchema
from api.web.session import db_session

blp = Blueprint(
    "compare", __name__, url_prefix="/v1/compare", description="Agreement between actors."
)


@blp.route("")
class Compare(MethodView):
    @blp.doc(operationId="compareActors")
    @blp.arguments(AgreementArgsSchema(), location="query")
    @blp.response(200, AgreementSchema)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args):
        """Compare actors across topics

        For every topic and option: `agree` when every actor with a clear stance holds the
        same one, `disagree` when they differ, `not-comparable` when fewer than two have a
        clear stance; `agreement` is the share of comparable options they agree on.
        """
        session = db_session()
        actors = require_actors(session, args["actors"])
        if len(actors) < 2:
            abort(
                422,
                message="Nothing to compare.",
                errors=[
                    {
                        "location": "query",
                        "field": "actors",
                        "pointer": "/actors",
                        "detail": "Name at least two different actors.",
                    }
                ],
            )
        return agreement(
            session, actors, as_of=args.get("as_of") or date.today(), roll_up=args["roll_up"]
        )
