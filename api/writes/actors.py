"""Writing actors with their aliases, identifiers and affiliations."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.db.search_index import index_row
from api.models import Actor, ActorAlias, ActorIdentifier, Affiliation
from api.models.dated import set_partial_date
from api.writes.common import InvalidInput, require, sync_children


def _affiliation(data: dict[str, Any]) -> Affiliation:
    row = Affiliation(
        organization_id=data["organization"],
        role=data["role"],
        on_behalf_of=data["on_behalf_of"],
        notes=data["notes"],
    )
    set_partial_date(row, "valid_from", data["valid_from"])
    set_partial_date(row, "valid_to", data["valid_to"])
    return row


def apply_actor(session: Session, actor: Actor, data: dict[str, Any]) -> Actor:
    for name in ("id", "name", "kind", "description", "notes"):
        if name in data:
            setattr(actor, name, data[name])
    if "aliases" in data:
        if len(set(data["aliases"])) != len(data["aliases"]):
            raise InvalidInput({"aliases": "Each alias may appear only once."})
        sync_children(
            actor.aliases,
            [{"alias": a} for a in data["aliases"]],
            key=lambda row: row.alias,
            wanted_key=lambda w: w["alias"],
            make=lambda w: ActorAlias(alias=w["alias"]),
        )
    if "identifiers" in data:
        sync_children(
            actor.identifiers,
            data["identifiers"],
            key=lambda row: (row.scheme, row.value),
            wanted_key=lambda w: (w["scheme"], w["value"]),
            make=lambda w: ActorIdentifier(scheme=w["scheme"], value=w["value"]),
        )
    if "affiliations" in data:
        for i, aff in enumerate(data["affiliations"]):
            field = f"affiliations.{i}.organization"
            if aff["organization"] == actor.id:
                raise InvalidInput({field: "An actor cannot be affiliated with itself."})
            require(session, Actor, aff["organization"], field)
        sync_children(
            actor.affiliations,
            data["affiliations"],
            key=lambda r: (
                r.organization_id,
                r.role,
                r.on_behalf_of,
                r.valid_from,
                r.valid_to,
                r.notes,
            ),
            wanted_key=lambda w: (
                w["organization"],
                w["role"],
                w["on_behalf_of"],
                w["valid_from"],
                w["valid_to"],
                w["notes"],
            ),
            make=_affiliation,
        )
    session.add(actor)
    index_row(session, "actor", actor)
    return actor
