"""Entity tags from the JSON a client sees, and conditional GETs answered with 304."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Response, request

from api.web.json_output import canonical_json


def etag_of_bytes(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_of(data: Any) -> str:
    """The ETag of the answer whose JSON is `data` (answers are canonical bytes)."""
    return etag_of_bytes(canonical_json(data))


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    candidates = [c.strip().removeprefix("W/") for c in header.split(",")]
    return "*" in candidates or etag in candidates


def tag_response(response: Response) -> Response:
    """ETag on every successful JSON answer; 304 (with the ETag) when the client has it."""
    if response.status_code not in (200, 201) or response.mimetype != "application/json":
        return response
    if response.is_streamed or "ETag" in response.headers:
        return response
    etag = etag_of_bytes(response.get_data())
    response.headers["ETag"] = etag
    if request.method in ("GET", "HEAD") and _matches(request.headers.get("If-None-Match"), etag):
        not_modified = Response(status=304)
        for name in ("ETag", "Cache-Control", "Vary"):
            if name in response.headers:
                not_modified.headers[name] = response.headers[name]
        return not_modified
    return response


def if_match(header: str | None, etag: str) -> bool:
    return _matches(header, etag)
