"""Headers for browsers and caches: CORS on reads, Cache-Control, gzip for large answers."""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

from api.web.etags import tag_response

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
# The HTML pages (api/pages): their own scripts and styles, no inline ones, nothing elsewhere.
PAGES_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)


def cors_headers(origin: str | None, method: str, origins: list[str]) -> dict[str, str]:
    """Reads may be fetched from the configured origins; writes are not offered to browsers.
    A `Vary` entry in the answer means "add Origin to Vary"."""
    if not origin or method not in READ_METHODS:
        return {}
    if "*" in origins:
        headers = {"Access-Control-Allow-Origin": "*"}
    elif origin in origins:
        headers = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    else:
        return {}
    headers["Access-Control-Expose-Headers"] = EXPOSED
    if method == "OPTIONS":
        headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        headers["Access-Control-Allow-Headers"] = "Accept, If-None-Match"
        headers["Access-Control-Max-Age"] = "600"
    return headers


def cache_control(method: str, status: int, max_age: int) -> str | None:
    if method in ("GET", "HEAD"):
        return f"public, max-age={max_age}" if status in (200, 304) else None
    return "no-store"


def security_headers(path: str) -> dict[str, str]:
    # JSON needs nothing; the docs page needs its own local scripts, styles and the spec.
    if path.startswith("/embed/"):
        # Embeds exist to be framed by any site (oEmbed): no X-Frame-Options, any ancestor.
        return {
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Content-Security-Policy": f"{PAGES_POLICY}; frame-ancestors *",
        }
    if path.startswith("/docs"):
        policy = DOCS_POLICY
    elif path.startswith("/review/"):
        policy = PAGES_POLICY
    else:
        policy = "default-src 'none'"
    return {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": f"{policy}; frame-ancestors 'none'",
    }


def accepts_gzip(accept_encoding: str | None) -> bool:
    return "gzip" in (accept_encoding or "")


def gzipped(body: bytes) -> bytes | None:
    """The body compressed, when it is worth it."""
    # mtime 0: the same JSON always gzips to the same bytes.
    return gzip.compress(body, compresslevel=5, mtime=0) if len(body) >= GZIP_MIN_BYTES else None


def add_cors(response: Response, origins: list[str]) -> Response:
    headers = cors_headers(request.headers.get("Origin"), request.method, origins)
    if headers.pop("Vary", None):
        response.vary.add("Origin")
    response.headers.update(headers)
    return response


def add_cache_control(response: Response, max_age: int) -> Response:
    value = cache_control(request.method, response.status_code, max_age)
    if value:
        response.headers.setdefault("Cache-Control", value)
    return response


def gzip_large(response: Response) -> Response:
    response.vary.add("Accept-Encoding")
    if not accepts_gzip(request.headers.get("Accept-Encoding")):
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
    compressed = gzipped(response.get_data())
    if compressed is not None:
        response.set_data(compressed)
        response.headers["Content-Encoding"] = "gzip"
    return response


def add_security_headers(response: Response) -> Response:
    for name, value in security_headers(request.path).items():
        response.headers.setdefault(name, value)
    return response


def install(app: Flask, origins: list[str], max_age: int) -> None:
    # after_request hooks run last-registered first: CORS and caching headers, then the ETag
    # (and 304) from the JSON, then gzip of the final body.
    app.after_request(gzip_large)
    app.after_request(tag_response)
    app.after_request(lambda r: add_cache_control(r, max_age))
    app.after_request(lambda r: add_cors(r, origins))
    app.after_request(add_security_headers)
