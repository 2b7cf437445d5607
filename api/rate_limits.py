"""Fixed-window rate limits on writes and search, with RateLimit headers and 429s.

Counters live in each process: behind gunicorn with N workers a client can get up to N times
the limit. That bounds abuse of the expensive routes without a shared store.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from flask import Flask, Response, g, request
from flask_smorest import abort


@dataclass(frozen=True)
class Limit:
    bucket: str
    per_minute: int


class FixedWindow:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, str, int], int] = {}

    def hit(self, bucket: str, client: str, now: float) -> tuple[int, int]:
        """(hits in this window including this one, seconds until the window resets)."""
        window = int(now // 60)
        with self._lock:
            if len(self._counts) > 100_000:
                self._counts = {k: v for k, v in self._counts.items() if k[2] == window}
            key = (bucket, client, window)
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key], 60 - int(now % 60)


class Limits:
    """The limits of one process, shared by Flask's hooks and the hot read path."""

    def __init__(self, write_limit: int, search_limit: int) -> None:
        self.write = Limit("write", write_limit)
        self.search = Limit("search", search_limit)
        self.windows = FixedWindow()

    def for_request(self, method: str, path: str, has_q: bool) -> Limit | None:
        if method in {"POST", "PATCH", "PUT", "DELETE"}:
            return self.write
        if path == "/v1/search" or (path == "/v1/quotes" and has_q):
            return self.search
        return None

    def hit(self, limit: Limit, client: str) -> tuple[int, int, int]:
        """(hits in this window including this one, hits left, seconds until it resets)."""
        count, reset = self.windows.hit(limit.bucket, client, time.time())
        return count, max(limit.per_minute - count, 0), reset

    def headers_within(self, limit: Limit, client: str) -> dict[str, str] | None:
        """The RateLimit headers for one more request, or None when it is over the limit."""
        count, remaining, reset = self.hit(limit, client)
        return None if count > limit.per_minute else _headers(limit, remaining, reset)


def install(app: Flask, write_limit: int, search_limit: int) -> Limits:
    limits = Limits(write_limit, search_limit)

    def check() -> None:
        limit = limits.for_request(request.method, request.path, "q" in request.args)
        if limit is None:
            return
        count, remaining, reset = limits.hit(limit, request.remote_addr or "unknown")
        g.rate_limit = (limit, remaining, reset)
        if count > limit.per_minute:
            abort(
                429,
                message=f"More than {limit.per_minute} {limit.bucket} requests a minute; "
                f"retry in {reset} s.",
                headers={"Retry-After": str(reset), **_headers(limit, 0, reset)},
            )

    def annotate(response: Response) -> Response:
        state = g.pop("rate_limit", None)
        if state is not None:
            for name, value in _headers(*state).items():
                response.headers.setdefault(name, value)
        return response

    app.before_request(check)
    app.after_request(annotate)
    return limits


def _headers(limit: Limit, remaining: int, reset: int) -> dict[str, str]:
    return {
        "RateLimit-Limit": str(limit.per_minute),
        "RateLimit-Remaining": str(remaining),
        "RateLimit-Reset": str(reset),
        "RateLimit-Policy": f'{limit.per_minute};w=60;name="{limit.bucket}"',
    }
