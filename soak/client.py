"""A small HTTP/1.1 client on http.client: one connection per request (gunicorn's sync
workers close after each answer), every outcome returned, nothing raised."""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass, field
from typing import Any

PROBLEM = "application/problem+json"


@dataclass
class Reply:
    status: int | None  # None: no answer (connection refused/reset, timeout, lost on purpose)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: Any = None
    raw: bytes = b""
    error: str | None = None
    started: float = 0.0  # time.monotonic()
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    @property
    def is_clean_503(self) -> bool:
        """503 as the service promises it: a problem document saying when to retry."""
        return (
            self.status == 503
            and self.content_type == PROBLEM
            and bool(self.headers.get("retry-after"))
            and isinstance(self.body, dict)
            and self.body.get("status") == 503
        )

    def excerpt(self, limit: int = 300) -> str:
        if self.error:
            return self.error
        return self.raw[:limit].decode("utf-8", "replace")


def _decode(raw: bytes, content_type: str) -> Any:
    if not raw or "json" not in content_type:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


class Server:
    """Where requests go: a gunicorn on 127.0.0.1:port."""

    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def connect(self, timeout: float) -> http.client.HTTPConnection:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        conn.connect()
        return conn

    def send(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        *,
        timeout: float = 30.0,
        lose_response: bool = False,
        conn: http.client.HTTPConnection | None = None,
    ) -> Reply:
        """One exchange. `lose_response` sends the whole request and hangs up without reading
        the answer: the server does the work, the client never learns what happened."""
        started = time.monotonic()
        payload = None if body is None else json.dumps(body).encode("utf-8")
        all_headers = {"Accept": "application/json", **(headers or {})}
        if payload is not None:
            all_headers["Content-Type"] = "application/json"
        try:
            if conn is None:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            try:
                conn.request(method, path, body=payload, headers=all_headers)
                if lose_response:
                    return Reply(None, error="lost on purpose", started=started)
                response = conn.getresponse()
                raw = response.read()
                names = {k.lower(): v for k, v in response.getheaders()}
                return Reply(
                    response.status,
                    names,
                    _decode(raw, names.get("content-type", "")),
                    raw,
                    started=started,
                    elapsed=time.monotonic() - started,
                )
            finally:
                conn.close()
        except TimeoutError:
            error = f"timed out after {timeout:.0f} s"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
        return Reply(None, error=error, started=started, elapsed=time.monotonic() - started)
