"""Every error as an RFC 9457 problem document, keeping the exception's headers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Response, json, request
from werkzeug.exceptions import HTTPException

from api.schemas.errors import field_errors

PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem(
    status: int,
    title: str,
    detail: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def problem_from_http_exception(error: HTTPException) -> Response:
    data = getattr(error, "data", None) or {}
    status = error.code or 500
    errors = data.get("errors")
    if errors is None and "messages" in data:
        errors = field_errors(data["messages"])
    detail = data.get("message")
    if detail is None and status != 500:
        detail = error.description
    if detail is None:
        detail = "The server could not answer this request; the error has been logged."
    headers: dict[str, str] = {}
    # werkzeug puts Allow (405) and WWW-Authenticate (401) on the exception's own response.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            headers[name] = value
    headers.update(data.get("headers") or {})
    return problem(status, error.name, detail, errors, headers)


def database_unavailable(error: Exception) -> Response:
    """The database is down, restarting, locked or too slow: retry soon, nothing was written."""
    return problem(
        503,
        "Service Unavailable",
        "The database did not answer in time; nothing was changed. Retry shortly.",
        headers={"Retry-After": "5"},
    )


def refuse_nul_bytes() -> Response | None:
    """NUL cannot be stored (PostgreSQL refuses it), so no id or filter may contain one."""
    if "\x00" in request.path or any("\x00" in k + v for k, v in request.args.items(multi=True)):
        return problem(400, "Bad Request", "The URL contains a NUL character.")
    return None
