"""Rate limits: buckets for writes and searches, shared by gunicorn workers through Redis."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from api import create_app
from api.config import Config
from api.web.openapi import spec_dict
from api.web.rate_limits import bucket_name_of

REDIS = ("127.0.0.1", 6379)
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def test_writes_and_searches_count_in_separate_buckets(database_url) -> None:
    app = create_app(
        Config(database_url=database_url, write_rate_per_minute=1, search_rate_per_minute=1)
    )
    client = app.test_client()
    assert client.get("/v1/search?q=missile").status_code == 200
    # A write without a token is still a write: it counts, and the next one is over.
    assert client.post("/v1/actors", json={}).status_code == 401
    over = client.post("/v1/actors", json={})
    assert over.status_code == 429 and over.content_type == "application/problem+json"
    assert over.headers["RateLimit-Policy"] == '1;w=60;name="write"'
    assert over.headers["RateLimit-Remaining"] == "0"
    assert 1 <= int(over.headers["Retry-After"]) <= 60
    assert "write requests a minute" in over.json["detail"]
    searched = client.get("/v1/quotes?q=missile")
    assert searched.status_code == 429
    assert searched.headers["RateLimit-Policy"] == '1;w=60;name="search"'
    assert client.get("/v1/quotes").status_code == 200  # without q, not a search
    app.extensions["stances"]["engine"].dispose()


def test_the_spec_documents_exactly_the_limited_operations() -> None:
    spec = spec_dict(create_app(Config(database_url="sqlite://")))
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in {"get", "post", "patch", "put", "delete"}:
                continue
            headers = operation["responses"].get("200", operation["responses"].get("201", {}))
            documented = "RateLimit-Limit" in headers.get("headers", {})
            limited = bucket_name_of(path, method.upper()) is not None
            if "200" in operation["responses"] or "201" in operation["responses"]:
                assert documented == limited, (path, method)


@pytest.fixture
def gunicorn_on_redis(database_url: str) -> Iterator[str]:
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis is not running at 127.0.0.1:6379 (.ci/run starts it)")
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "STANCES_RATE_LIMIT_STORAGE": f"redis://{REDIS[0]}:{REDIS[1]}",
        # A prefix of its own: no other run's counts (or ours in theirs).
        "STANCES_RATE_LIMIT_PREFIX": f"test-{uuid.uuid4().hex}",
        "STANCES_SEARCH_RATE": "6",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "api:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/v1/topics", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stderr.read().decode() if server.stderr else "exited")
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer within 15 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_two_gunicorn_workers_share_one_limit_through_redis(gunicorn_on_redis: str) -> None:
    # Four at a time over new connections: both sync workers answer. With per-process
    # counts they would let up to 12 through; sharing one count, exactly 6 pass.
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(_status, [f"{gunicorn_on_redis}/v1/search?q=missile"] * 20))
    assert sorted(set(statuses)) == [200, 429]
    assert statuses.count(200) == 6, statuses
