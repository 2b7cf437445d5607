"""Headers for browsers and caches: CORS on reads, Cache-Control, gzip for large answers."""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

from api.etags import tag_response

EXPOSED = (
    "ETag, Link, Location, Retry-After, "
    "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy"
)
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
GZIP_MIN_BYTES = 1024
DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'"
)


def add_cors(response: Response, origins: list[str]) -> Response:
    """Reads may be fetched from the configured origins; writes are not offered to browsers."""
    origin = request.headers.get("Origin")
    if not origin or request.method not in READ_METHODS:
        return response
    if "*" in origins:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin in origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.vary.add("Origin")
    else:
        return response
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, If-None-Match"
        response.headers["Access-Control-Max-Age"] = "600"
    return response


def add_cache_control(response: Response, max_age: int) -> Response:
    if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
        response.headers.setdefault("Cache-Control", f"public, max-age={max_age}")
    elif request.method not in ("GET", "HEAD"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def gzip_large(response: Response) -> Response:
    response.vary.add("Accept-Encoding")
    if "gzip" not in request.headers.get("Accept-Encoding", ""):
        return response
    # The ETag names the JSON; an answer that may come compressed is only weakly those bytes.
    # Weak for every gzip-accepting request, so a 304 carries the tag its 200 had.
    etag = response.headers.get("ETag")
    if etag and not etag.startswith("W/"):
        response.headers["ETag"] = "W/" + etag
    if (
        response.direct_passthrough
        or response.is_streamed
        or response.status_code < 200
        or response.status_code in (204, 304)
        or "Content-Encoding" in response.headers
    ):
        return response
    body = response.get_data()
    if len(body) >= GZIP_MIN_BYTES:
        response.set_data(gzip.compress(body, compresslevel=5))
        response.headers["Content-Encoding"] = "gzip"
    return response


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # JSON needs nothing; the docs page needs its own local scripts, styles and the spec.
    policy = DOCS_POLICY if request.path.startswith("/docs") else "default-src 'none'"
    response.headers.setdefault("Content-Security-Policy", f"{policy}; frame-ancestors 'none'")
    return response


def install(app: Flask, origins: list[str], max_age: int) -> None:
    # after_request hooks run last-registered first: CORS and caching headers, then the ETag
    # (and 304) from the JSON, then gzip of the final body.
    app.after_request(gzip_large)
    app.after_request(tag_response)
    app.after_request(lambda r: add_cache_control(r, max_age))
    app.after_request(lambda r: add_cors(r, origins))
    app.after_request(add_security_headers)
