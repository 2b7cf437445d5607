"""Create, change and delete items, each change recorded as a revision in one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from api.db import utcnow
from api.db.search_index import unindex_document
from api.models import Revision
from api.writes.common import Conflict
from api.writes.ids import id_base, unique_id
from api.writes.kinds import Kind, referring_ids


def snapshot(kind: Kind, row: Any) -> dict[str, Any]:
    return kind.read_schema(exclude=("created_at", "updated_at")).dump(row)


def serialise_writers(session: Session) -> None:
    # Revision ids must commit in id order, or a `/v1/changes?since=` reader could skip one
    # committed late; SQLite writers are serial already (BEGIN IMMEDIATE).
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7466)"))


def _revise(
    session: Session,
    kind: Kind,
    item_id: str,
    action: str,
    by: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> Revision:
    keys = dict.fromkeys([*(before or {}), *(after or {})])
    changed = [k for k in keys if (before or {}).get(k) != (after or {}).get(k)]
    revision = Revision(
        collection=kind.name,
        item_id=item_id,
        action=action,
        token_name=by,
        changed=changed,
        before=before,
        after=after,
    )
    session.add(revision)
    return revision


def create_item(session: Session, kind: Kind, data: dict[str, Any], by: str | None) -> Any:
    """Create the item; without an `id` one is derived (api/writes/ids.py). The caller holds
    the writers' lock (`serialise_writers`), so no other writer can take that id meanwhile."""
    if not data.get("id"):
        data = {**data, "id": unique_id(session, kind.model, id_base(kind.name, data))}
    existing = session.get(kind.model, data["id"])
    if existing is not None:
        state = "a deleted item still holds it" if existing.deleted_at else "it is taken"
        raise Conflict(f"The id {data['id']!r} cannot be used: {state}.")
    row = kind.apply(session, kind.model(), data)
    session.flush()
    _revise(session, kind, row.id, "create", by, None, snapshot(kind, row))
    return row


def update_item(
    session: Session, kind: Kind, row: Any, data: dict[str, Any], by: str | None
) -> bool:
    """Apply `data`; False (and no revision) when nothing changed."""
    before = snapshot(kind, row)
    kind.apply(session, row, data)
    session.flush()
    session.refresh(row)
    after = snapshot(kind, row)
    if after == before:
        return False
    # Touching the row makes its UPDATE carry the version check even when only child
    # rows (aliases, options, evidence) changed.
    row.updated_at = utcnow()
    session.flush()
    _revise(session, kind, row.id, "update", by, before, after)
    return True


def delete_item(session: Session, kind: Kind, row: Any, *, force: bool, by: str | None) -> None:
    """Hide the item (its row and history stay); refused while others refer to it, unless
    `force`, which hides it and leaves those references in place."""
    referring = referring_ids(session, kind, row.id)
    if referring and not force:
        raise Conflict(
            f"{len(referring)} item(s) refer to {kind.name}/{row.id}; change them first, "
            "or delete with force=true to hide it and keep the references.",
            referring,
        )
    before = snapshot(kind, row)
    row.deleted_at = utcnow()
    unindex_document(session, kind.doc_type, row.id)
    session.flush()
    _revise(session, kind, row.id, "delete", by, before, None)
