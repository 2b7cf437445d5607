"""The OpenAPI document: flask-smorest's spec, finished and rendered the same way every time."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from flask import Flask

from api.web.rate_limits import bucket_name_of

API_DESCRIPTION = """\
Who said what about a policy question, and how positions compare.

The first subject is the 2011 NATO-Russia missile-defence dispute: a "sectoral" system against
"two independent systems", curated from two articles whose full text is served under
`/v1/sources`. Every quote is verbatim and located by a code-point span in its source; every
position cites its evidence; every date carries its precision (`year`, `month`, `day`).

Lists are pages `{items, next_cursor}`; pass `next_cursor` back as `cursor`. Errors are
`application/problem+json` (RFC 9457).

Reads are public. Writes need `Authorization: Bearer <token>`, and `If-Match` with the
item's `ETag` to change or delete it. Writes and searches are rate limited (`RateLimit-*`
headers; 429 with `Retry-After`). Browsers may read cross-origin (CORS on GET, HEAD and
OPTIONS, for the origins the service is configured with); writes are not offered to them.
"""

# Relative, so Swagger UI's "Try it out" and generated clients' defaults talk to whichever host
# served the document (`make run`: http://127.0.0.1:8000).
SERVERS = [
    {
        "url": "/",
        "description": "The host serving this document (local development: make run).",
        "x-internal": False,
    }
]

PROBLEM_CONTENT = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}

# Answers any operation can give, whatever its own code: the app-wide Accept check (406), a
# rate limit (429: the service's own, or a proxy's) and an unexpected failure (500).
COMMON_RESPONSES: dict[str, tuple[str, dict[str, Any]]] = {
    "406": (
        "NOT_ACCEPTABLE",
        {
            "description": "Not Acceptable: the `Accept` header rules out application/json.",
            "content": PROBLEM_CONTENT,
        },
    ),
    "429": (
        "TOO_MANY_REQUESTS",
        {
            "description": "Too Many Requests: over a rate limit; wait `Retry-After` seconds.",
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait before the next request.",
                    "schema": {"type": "integer", "minimum": 0, "maximum": 86400},
                }
            },
            "content": PROBLEM_CONTENT,
        },
    ),
    "500": (
        "INTERNAL_SERVER_ERROR",
        {
            "description": "Internal Server Error: the failure is logged; the body says no more.",
            "content": PROBLEM_CONTENT,
        },
    ),
}

RATE_LIMIT_HEADERS: dict[str, dict[str, Any]] = {
    "RateLimit-Limit": {
        "description": "Requests allowed in the current one-minute window.",
        "schema": {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
    },
    "RateLimit-Remaining": {
        "description": "Requests left in the current window.",
        "schema": {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
    },
    "RateLimit-Reset": {
        "description": "Seconds until the current window ends.",
        "schema": {"type": "integer", "minimum": 0, "maximum": 60},
    },
    "RateLimit-Policy": {
        "description": 'The limit, its window and its name, e.g. `120;w=60;name="write"`.',
        "schema": {"type": "string", "maxLength": 100, "pattern": "^[0-9]+;w=[0-9]+"},
    },
}
RATE_LIMIT_NOTE = " Sent by rate-limited operations only: writes and searches."

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
INT32 = (-(2**31), 2**31 - 1)


def _walk(node: Any):  # type: ignore[no-untyped-def]
    """Every dict in a JSON-like tree, parents before children."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _is_integer(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    return kind == "integer" or (isinstance(kind, list) and "integer" in kind)


def _add_integer_formats(spec: dict[str, Any]) -> None:
    """int32 when the declared bounds fit in it, int64 otherwise (every stored int fits)."""
    for node in _walk(spec):
        if _is_integer(node) and "format" not in node:
            low, high = node.get("minimum"), node.get("maximum")
            fits = low is not None and high is not None and INT32[0] <= low and high <= INT32[1]
            node["format"] = "int32" if fits else "int64"


def _add_common_responses(spec: dict[str, Any]) -> None:
    components = spec.setdefault("components", {}).setdefault("responses", {})
    for name, response in COMMON_RESPONSES.values():
        components.setdefault(name, copy.deepcopy(response))
    for item in spec.get("paths", {}).values():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, (name, _) in COMMON_RESPONSES.items():
                responses.setdefault(status, {"$ref": f"#/components/responses/{name}"})
            if "default" in responses:  # keep `default` last, after the explicit codes
                responses["default"] = responses.pop("default")


def _add_rate_limit_headers(spec: dict[str, Any]) -> None:
    """RateLimit-* on every 2xx and 4xx answer of the operations api/web/rate_limits.py limits.

    A shared response (`$ref` to components.responses) gets them once, there: the headers'
    descriptions say which operations send them.
    """
    components = spec.setdefault("components", {})
    headers = components.setdefault("headers", {})
    for name, header in RATE_LIMIT_HEADERS.items():
        header = copy.deepcopy(header)
        header["description"] += RATE_LIMIT_NOTE
        headers.setdefault(name, header)
    refs = {name: {"$ref": f"#/components/headers/{name}"} for name in RATE_LIMIT_HEADERS}
    shared = components.get("responses", {})
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if method not in HTTP_METHODS or bucket_name_of(path, method.upper()) is None:
                continue
            for status, response in operation.get("responses", {}).items():
                if not status.startswith(("2", "4")):
                    continue
                ref = response.get("$ref", "")
                if ref.startswith("#/components/responses/"):
                    response = shared[ref.rsplit("/", 1)[1]]
                for name, header_ref in refs.items():
                    response.setdefault("headers", {}).setdefault(name, copy.deepcopy(header_ref))


def _drop_unused_pagination_metadata(spec: dict[str, Any]) -> None:
    """flask-smorest always registers its offset-pagination schema; our pages never use it."""
    schemas = spec.get("components", {}).get("schemas", {})
    ref = "#/components/schemas/PaginationMetadata"
    if "PaginationMetadata" in schemas and not any(node.get("$ref") == ref for node in _walk(spec)):
        del schemas["PaginationMetadata"]


def _problem_media_type(spec: dict[str, Any]) -> None:
    """flask-smorest registers its shared error responses (one per HTTP status) as
    application/json; ours are problem documents."""
    for name, response in spec.get("components", {}).get("responses", {}).items():
        content = response.get("content", {})
        if (
            content.get("application/json", {}).get("schema")
            == PROBLEM_CONTENT["application/problem+json"]["schema"]
        ):
            content["application/problem+json"] = content.pop("application/json")
            if name == "DEFAULT_ERROR":
                response["description"] = "An error, as a problem document."


def finish_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Document-level additions to the generated spec (see .spectral.yaml for the why)."""
    spec = copy.deepcopy(spec)
    _problem_media_type(spec)
    spec["servers"] = copy.deepcopy(SERVERS)
    _add_common_responses(spec)
    _add_rate_limit_headers(spec)
    _add_integer_formats(spec)
    _drop_unused_pagination_metadata(spec)
    return spec


def spec_dict(app: Flask) -> dict[str, Any]:
    with app.app_context():
        return finish_spec(app.extensions["stances"]["api"].spec.to_dict())


def spec_yaml(app: Flask) -> str:
    return yaml.safe_dump(spec_dict(app), sort_keys=False, allow_unicode=True, width=100)
