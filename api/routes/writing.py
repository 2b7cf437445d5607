"""HTTP side of writes: bearer tokens, If-Match, Idempotency-Key, and errors as problems."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

from flask import Response, g, request
from flask_smorest import abort
from marshmallow import Schema, fields
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from api.db import WRITE_TRANSACTION, utcnow
from api.models import IdempotentResponse, Token
from api.routes.common import Blueprint, get_or_404
from api.web.etags import etag_of, if_match
from api.web.json_output import canonical_json
from api.web.session import db_session
from api.writes.common import Conflict, InvalidInput
from api.writes.kinds import Kind
from api.writes.tokens import authenticate
from api.writes.writes import create_item, delete_item, serialise_writers, update_item

WRITE_METHODS = {"POST", "PATCH", "PUT", "DELETE"}
JSON_BODY_TYPES = {"application/json", "application/merge-patch+json"}
IDEMPOTENCY_TTL = timedelta(hours=48)

WRITE_SECURITY = [{"bearerAuth": []}]
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": "The item's current ETag, from a GET: the change applies only to that state.",
    "schema": {"type": "string", "maxLength": 200, "example": '"3f2a9c0d5e6b7a81"'},
}
HEADER_MAX = IF_MATCH["schema"]["maxLength"]  # type: ignore[index]
IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "description": "Any unique string: a retry with the same key and body returns the first "
    "response and creates nothing (kept 48 hours).",
    "schema": {"type": "string", "maxLength": 200, "example": "b9c1e0f2-quote-42"},
}


# POSTs that read and store nothing: open to everyone, like searches.
STATELESS_POSTS = {"/v1/extract"}


def authenticate_writes() -> None:
    """Before any write: a live bearer token (401) and a JSON body (415)."""
    if request.method not in WRITE_METHODS or request.routing_exception is not None:
        return  # no such route or method: that 404/405 says more than a 401
    if request.path in STATELESS_POSTS:
        if request.mimetype not in JSON_BODY_TYPES | {"text/plain"}:
            abort(415, message="Send the text as application/json or text/plain.")
        return
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    token = None
    if scheme.lower() == "bearer" and raw.strip():
        token = authenticate(db_session(), raw.strip())
    if token is None:
        abort(
            401,
            message="Writing needs `Authorization: Bearer <token>` with a live token.",
            headers={"WWW-Authenticate": 'Bearer realm="stances"'},
        )
    g.token = token
    if request.method in {"POST", "PATCH", "PUT"} and request.mimetype not in JSON_BODY_TYPES:
        abort(415, message="Send the body as application/json.")


def _write_session() -> Session:
    session = db_session()
    # Ends the read transaction the token check opened; the write one starts with its lock.
    session.commit()
    session.connection(execution_options=WRITE_TRANSACTION)
    # Before anything is read: a retried POST then finds the first one's stored answer.
    serialise_writers(session)
    return session


def _invalid(exc: InvalidInput) -> None:
    abort(
        422,
        message="The item does not fit the record.",
        errors=[
            {"location": "json", "field": k, "pointer": "/" + k.replace(".", "/"), "detail": v}
            for k, v in exc.errors.items()
        ],
    )


def _conflict(exc: Conflict) -> None:
    abort(
        409,
        message=exc.detail,
        errors=[
            {"location": "path", "field": "id", "pointer": "/id", "detail": f"Referred to by {r}."}
            for r in exc.referring
        ]
        or None,
    )


def _request_hash() -> str:
    body = request.get_json(silent=True)
    canonical = json.dumps([request.method, request.path, body], sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _replay(session: Session, token: Token, key: str) -> Response | None:
    stored = session.scalar(
        select(IdempotentResponse).where(
            IdempotentResponse.token_id == token.id, IdempotentResponse.key == key
        )
    )
    if stored is None:
        return None
    if stored.request_hash != _request_hash():
        abort(
            422,
            message="This Idempotency-Key was used with another request.",
            errors=[
                {
                    "location": "headers",
                    "field": "Idempotency-Key",
                    "pointer": "/Idempotency-Key",
                    "detail": "Use a new key for a new request.",
                }
            ],
        )
    response = Response(stored.body, status=stored.status, mimetype="application/json")
    response.headers.update(stored.headers)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def create(kind: Kind, data: dict[str, Any]) -> Any:
    session = _write_session()
    token: Token = g.token
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 1 <= len(key) <= HEADER_MAX:
        abort(400, message=f"Idempotency-Key must be 1 to {HEADER_MAX} characters.")
    if key and (replayed := _replay(session, token, key)):
        return replayed
    try:
        row = create_item(session, kind, data, token.name)
    except InvalidInput as exc:
        _invalid(exc)
    except Conflict as exc:
        _conflict(exc)
    body = kind.read_schema().dump(row)
    headers = {"Location": f"/v1/{kind.name}/{row.id}", "ETag": etag_of(body)}
    if key:
        session.execute(
            delete(IdempotentResponse).where(
                IdempotentResponse.created_at < utcnow() - IDEMPOTENCY_TTL
            )
        )
        session.add(
            IdempotentResponse(
                token_id=token.id,
                key=key,
                request_hash=_request_hash(),
                status=201,
                body=canonical_json(body).decode("utf-8"),
                headers=headers,
            )
        )
    try:
        session.commit()
    except IntegrityError:
        # The same key raced in from another request and won: answer as it did.
        session.rollback()
        if key and (replayed := _replay(session, token, key)):
            return replayed
        abort(409, message=f"The id {data.get('id')!r} was taken by a concurrent request.")
    return row, 201, headers


def _current(session: Session, kind: Kind, item_id: str, options: Any) -> Any:
    row = get_or_404(session, kind.model, item_id, options)
    header = request.headers.get("If-Match")
    if not header:
        abort(428, message="Send If-Match with the item's ETag, so no change is lost.")
    if len(header) > HEADER_MAX:
        abort(400, message=f"If-Match must be at most {HEADER_MAX} characters.")
    current = etag_of(kind.read_schema().dump(row))
    if not if_match(header, current):
        abort(
            412,
            message="The item changed since that ETag; GET it again and reapply your change.",
            headers={"ETag": current},
        )
    return row


def patch(kind: Kind, item_id: str, data: dict[str, Any], options: Any = ()) -> Any:
    session = _write_session()
    row = _current(session, kind, item_id, options)
    try:
        update_item(session, kind, row, data, g.token.name)
        session.commit()
    except InvalidInput as exc:
        _invalid(exc)
    except Conflict as exc:
        _conflict(exc)
    except StaleDataError:
        session.rollback()
        abort(412, message="The item changed while this request ran; GET it and retry.")
    return row


def remove(kind: Kind, item_id: str, args: dict[str, Any]) -> Response:
    session = _write_session()
    row = _current(session, kind, item_id, ())
    force = args["force"] or args.get("soft", False)
    try:
        delete_item(session, kind, row, force=force, by=g.token.name)
        session.commit()
    except Conflict as exc:
        _conflict(exc)
    except StaleDataError:
        session.rollback()
        abort(412, message="The item changed while this request ran; GET it and retry.")
    response = Response(status=204)
    if "soft" in args:
        # RFC 9745: deprecated since this date (2026-12-01); `force` says what it does.
        response.headers["Deprecation"] = SOFT_DEPRECATED_SINCE
    return response


SOFT_DEPRECATED_SINCE = "@1796083200"


class DeleteArgsSchema(Schema):
    force = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Delete although others refer to it; their references stay "
            "(every delete hides the item and keeps its history)."
        },
    )
    soft = fields.Boolean(
        metadata={
            "description": "Deprecated name of `force` (answered with a `Deprecation` header).",
            "deprecated": True,
        },
    )


_ETAG_HEADER = {"description": "The new state's ETag.", "schema": {"type": "string"}}
_WRITE_ERRORS = (
    (401, "UNAUTHORIZED"),
    (404, "NOT_FOUND"),
    (409, "CONFLICT"),
    (413, "REQUEST_ENTITY_TOO_LARGE"),
    (415, "UNSUPPORTED_MEDIA_TYPE"),
)
_CONDITIONAL_ERRORS = (
    (400, "BAD_REQUEST"),
    (412, "PRECONDITION_FAILED"),
    (428, "PRECONDITION_REQUIRED"),
)


def _errors(blp: Blueprint, func: Any, errors: tuple[tuple[int, str], ...]) -> Any:
    for status, name in errors:
        func = blp.alt_response(status, response=name)(func)
    return func


def create_endpoint(blp: Blueprint, kind: Kind, operation_id: str) -> Any:
    def decorate(func: Any) -> Any:
        func = blp.response(
            201,
            kind.read_schema,
            headers={
                "Location": {"description": "The new item's URL.", "schema": {"type": "string"}},
                "ETag": _ETAG_HEADER,
            },
        )(func)
        func = blp.arguments(kind.create_schema())(func)
        func = _errors(blp, func, _WRITE_ERRORS)
        return blp.doc(
            operationId=operation_id, security=WRITE_SECURITY, parameters=[IDEMPOTENCY_KEY]
        )(func)

    return decorate


def patch_endpoint(blp: Blueprint, kind: Kind, operation_id: str) -> Any:
    def decorate(func: Any) -> Any:
        func = blp.response(200, kind.read_schema, headers={"ETag": _ETAG_HEADER})(func)
        func = blp.arguments(kind.patch_schema())(func)
        func = _errors(blp, func, _WRITE_ERRORS + _CONDITIONAL_ERRORS)
        return blp.doc(operationId=operation_id, security=WRITE_SECURITY, parameters=[IF_MATCH])(
            func
        )

    return decorate


def delete_endpoint(blp: Blueprint, operation_id: str) -> Any:
    def decorate(func: Any) -> Any:
        func = blp.response(
            204,
            description="Deleted: gone from lists, history kept.",
            headers={
                "Deprecation": {
                    "description": "Sent when the deprecated `soft` parameter was used "
                    "(RFC 9745): use `force`.",
                    "schema": {"type": "string", "maxLength": 20},
                }
            },
        )(func)
        func = blp.arguments(DeleteArgsSchema(), location="query")(func)
        func = _errors(blp, func, _WRITE_ERRORS[:3] + _CONDITIONAL_ERRORS)
        return blp.doc(operationId=operation_id, security=WRITE_SECURITY, parameters=[IF_MATCH])(
            func
        )

    return decorate
