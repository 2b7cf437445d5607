"""Rate limits on writes and searches (Flask-Limiter), with RateLimit-* headers and 429s.

Counters live where `STANCES_RATE_LIMIT_STORAGE` says: `memory://` counts per process (behind
gunicorn with N workers a client gets up to N times the limit); `redis://host:port` is one
count for every process and machine pointed at it. Which requests count, and against which
bucket, is decided here once (`bucket_of`): the limiter and the OpenAPI document both ask it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from flask import Flask, Response, g, request
from flask_limiter import ApplicationLimit, Limiter

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Reads that cost like searches: (path, method, the query parameter that makes it one, if any).
SEARCH_OPERATIONS = (
    ("/v1/search", "GET", None),
    ("/v1/quotes", "GET", "q"),
    ("/v1/extract", "POST", None),
)
WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Bucket:
    name: str
    per_minute: int

    @property
    def limit(self) -> str:
        return f"{self.per_minute}/minute"

    @property
    def policy(self) -> str:
        return f'{self.per_minute};w={WINDOW_SECONDS};name="{self.name}"'


def search_like(path: str, method: str, params: set[str] | None = None) -> bool:
    """Whether the request is searched-for (None `params`: whether it may be, for the spec)."""
    return any(
        path == p and method == m and (q is None or params is None or q in params)
        for p, m, q in SEARCH_OPERATIONS
    )


def bucket_name_of(path: str, method: str, params: set[str] | None = None) -> str | None:
    """'search', 'write' or None (not limited) for a request, or for an operation of the spec
    when `params` is None."""
    if search_like(path, method, params):
        return "search"
    if method in WRITE_METHODS:
        return "write"
    return None


def _request_bucket() -> str | None:
    """The request's bucket, worked out once: the limiter asks three times a request."""
    if "rate_bucket" not in g:
        g.rate_bucket = bucket_name_of(request.path, request.method, set(request.args))
    return g.rate_bucket


class RateLimits:
    """The app's limiter and its two buckets."""

    def __init__(
        self, app: Flask, storage_uri: str, key_prefix: str, write: int, search: int
    ) -> None:
        self.buckets = {"write": Bucket("write", write), "search": Bucket("search", search)}
        self.limiter = Limiter(
            key_func=lambda: request.remote_addr or "unknown",
            app=app,
            storage_uri=storage_uri,
            key_prefix=key_prefix,
            strategy="fixed-window",
            # Our own headers below: the IETF draft's names, Reset in seconds, not an epoch.
            headers_enabled=False,
            application_limits=[
                ApplicationLimit(
                    bucket.limit,
                    scope=bucket.name,
                    exempt_when=lambda name=name: _request_bucket() != name,
                    error_message=f"More than {bucket.per_minute} {bucket.name} requests a "
                    "minute from this address.",
                )
                for name, bucket in self.buckets.items()
            ],
        )
        # Requests no bucket counts leave the limiter at once.
        self.limiter.request_filter(lambda: _request_bucket() is None)
        app.after_request(self._annotate)

    def _annotate(self, response: Response) -> Response:
        name = _request_bucket()
        current = None if name is None else self.limiter.current_limit
        if current is None or name is None:
            return response
        bucket = self.buckets[name]
        reset = min(max(0, math.ceil(current.reset_at - time.time())), WINDOW_SECONDS)
        remaining = 0 if current.breached else current.remaining
        response.headers.setdefault("RateLimit-Limit", str(bucket.per_minute))
        response.headers.setdefault("RateLimit-Remaining", str(remaining))
        response.headers.setdefault("RateLimit-Reset", str(reset))
        response.headers.setdefault("RateLimit-Policy", bucket.policy)
        if response.status_code == 429:
            response.headers["Retry-After"] = str(max(1, reset))
        return response
