"""/v1/changes and /v1/<collection>/<id>/revisions: the history of every change."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy import select

from api.models import Revision
from api.routes.common import NOT_FOUND, Blueprint
from api.schemas.revision import ChangesArgsSchema, ChangesSchema
from api.web.session import db_session
from api.writes.kinds import KINDS, Kind

blp = Blueprint("changes", __name__, url_prefix="/v1", description="Revisions and changes.")


def _page(stmt: Any, args: dict[str, Any]) -> dict[str, Any]:
    rows = list(
        db_session().scalars(
            stmt.where(Revision.id > args["since"]).order_by(Revision.id).limit(args["limit"])
        )
    )
    return {"items": rows, "next_since": rows[-1].id if rows else args["since"]}


@blp.route("/changes")
class Changes(MethodView):
    @blp.doc(operationId="listChanges")
    @blp.arguments(ChangesArgsSchema(), location="query")
    @blp.response(200, ChangesSchema)
    def get(self, args):
        """Feed of changes

        Every create, update and delete in order, with before and after states. Poll with
        `since=<next_since>` to sync incrementally; ids are committed in order.
        """
        return _page(select(Revision), args)


def _revisions_view(kind: Kind) -> type[MethodView]:
    singular = kind.model.__name__

    class Revisions(MethodView):
        @blp.doc(operationId=f"list{singular}Revisions")
        @blp.arguments(ChangesArgsSchema(), location="query")
        @blp.response(200, ChangesSchema)
        @blp.alt_response(404, response=NOT_FOUND)
        def get(self, args, item_id):
            if db_session().get(kind.model, item_id) is None:
                abort(404, message=f"No {singular.lower()} with id {item_id!r}, ever.")
            stmt = select(Revision).where(
                Revision.collection == kind.name, Revision.item_id == item_id
            )
            return _page(stmt, args)

    Revisions.get.__doc__ = (
        f"History of a {singular.lower()}\n\nEvery change to it, oldest first, with who made "
        "it and the state before and after; deleted items keep their history."
    )
    Revisions.__name__ = f"{singular}Revisions"
    return Revisions


for _kind in KINDS:
    blp.route(f"/{_kind.name}/<slug:item_id>/revisions")(_revisions_view(_kind))
