"""nginx in front of gunicorn, as deploy/nginx.conf sets it up: reads are cached for the
service's max-age and revalidated with If-None-Match, writes and requests with credentials
never are, and a write shows through the cache once max-age has passed.

Real processes: gunicorn (2 sync workers) on `api:create_app()` and nginx with the rendered
configuration, each on a free loopback port, against a database of this module's own (the
writes here are committed, so they stay out of the database the rest of the run shares).
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from deploy.render import render
from tests.conftest import drop_database, new_database_url

ROOT = Path(__file__).resolve().parent.parent
MAX_AGE = 2  # STANCES_CACHE_MAX_AGE for the service under test
START_TIMEOUT = 30.0  # seconds for a process to come up
STOP_TIMEOUT = 10.0
READS = ("MISS", "HIT", "EXPIRED", "STALE", "UPDATING", "REVALIDATED")


def find_nginx() -> str | None:
    """nginx on PATH, or where Debian puts it (/usr/sbin is not on every user's PATH)."""
    found = shutil.which("nginx")
    if found:
        return found
    for candidate in ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def cache(self) -> str | None:
        return self.headers.get("X-Cache-Status")

    def json(self) -> dict:
        return json.loads(self.body)


def fetch(
    port: int, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
) -> Answer:
    """One request on a new connection. Without an Accept-Encoding of ours, http.client
    sends `identity`: the answer is never compressed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


def wait_for(what: str, check: Callable[[], object], timeout: float, interval: float = 0.1):
    """check() until it returns something true (then that), for at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout} s waiting for {what}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
        return True
    return False


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop a process started here: gently, and if it is still there after STOP_TIMEOUT, it
    and its workers (its own session and process group) for good."""
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(STOP_TIMEOUT)


def stances_cli(env: dict[str, str], *args: str) -> str:
    script = Path(sys.executable).with_name("stances")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "api.cli"]
    done = subprocess.run(
        [*command, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"stances {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


@dataclass
class Stack:
    nginx: int  # port
    gunicorn: int  # port
    token: str
    quotes: list[str]
    gunicorn_access_log: Path

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="module")
def nginx_binary() -> str:
    found = find_nginx()
    if found is None:
        reason = "nginx is not installed (not on PATH nor in /usr/sbin); apt-get install nginx"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI is set: nginx must be there.", pytrace=False)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def service_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A database of its own, migrated, with the fixtures and a token, made with the CLI the
    README gives operators; the environment gunicorn runs in."""
    url = new_database_url(tmp_path_factory.mktemp("nginx-db"))
    try:
        env = {**os.environ, "DATABASE_URL": url, "STANCES_CACHE_MAX_AGE": str(MAX_AGE)}
        stances_cli(env, "db", "upgrade")
        stances_cli(env, "fixtures", "load")
        env["STANCES_TEST_TOKEN"] = stances_cli(env, "tokens", "create", "nginx-cache").split()[-1]
        yield env
    finally:
        drop_database(url)


@pytest.fixture(scope="module")
def gunicorn(
    service_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, Path]]:
    logs = tmp_path_factory.mktemp("gunicorn")
    access_log, error_log = logs / "access.log", logs / "error.log"
    env = {k: v for k, v in service_env.items() if k != "STANCES_TEST_TOKEN"}
    with error_log.open("wb") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers=2",
                "--worker-class=sync",
                "--bind=127.0.0.1:0",  # gunicorn picks the port and logs it: no race
                "--limit-request-line=8190",
                "--graceful-timeout=5",
                f"--access-logfile={access_log}",
                "api:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    try:

        def listening() -> int | None:
            if process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{error_log.read_text()}")
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", error_log.read_text())
            return int(found.group(1)) if found else None

        port = wait_for("gunicorn to listen", listening, START_TIMEOUT)

        def answering() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{error_log.read_text()}")
            with contextlib.suppress(OSError):
                return fetch(port, "GET", "/v1/quotes?limit=1").status == 200
            return False

        wait_for("gunicorn to answer", answering, START_TIMEOUT, 0.2)
        yield port, access_log
    finally:
        stop(process)


@pytest.fixture(scope="module")
def nginx(nginx_binary: str, gunicorn: tuple[int, Path]) -> Iterator[int]:
    # Not under pytest's tmp_path: that is mode 700, and run as root nginx's workers are
    # `nobody`, who must reach PREFIX/cache. The production setting, as deploy/README.md says:
    # PREFIX is 755 and nginx makes the directories inside it its workers' own.
    prefix = Path(tempfile.mkdtemp(prefix="stances-nginx-"))
    prefix.chmod(0o755)
    conf = prefix / "nginx.conf"
    process: subprocess.Popen | None = None
    try:
        for _attempt in range(3):  # another process may take the free port first
            port = free_port()
            conf.write_text(render(f"127.0.0.1:{port}", f"127.0.0.1:{gunicorn[0]}", prefix))
            stderr_path = prefix / "stderr.log"
            with stderr_path.open("wb") as stderr:
                process = subprocess.Popen(
                    [nginx_binary, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    start_new_session=True,
                )

            def up(process: subprocess.Popen = process, port: int = port) -> str | None:
                if process.poll() is not None:
                    return "exited"
                return "up" if port_open(port) else None

            if wait_for("nginx to listen", up, START_TIMEOUT) == "up":
                break
            logs = (stderr_path, prefix / "error.log")
            failure = "".join(log.read_text() for log in logs if log.exists())
            if "Address already in use" not in failure:
                raise AssertionError(f"nginx exited:\n{failure}")
        else:
            raise AssertionError("nginx found no free port in 3 attempts")
        yield port
    finally:
        if process is not None:
            stop(process, signal.SIGQUIT)  # graceful: workers finish, then exit
        shutil.rmtree(prefix, ignore_errors=True)


@pytest.fixture(scope="module")
def stack(service_env: dict[str, str], gunicorn: tuple[int, Path], nginx: int) -> Stack:
    page = fetch(gunicorn[0], "GET", "/v1/quotes?limit=20").json()
    quotes = [item["id"] for item in page["items"]]
    assert len(quotes) >= 8, "the fixtures should have enough quotes for one each test"
    return Stack(nginx, gunicorn[0], service_env["STANCES_TEST_TOKEN"], quotes, gunicorn[1])


def test_a_second_read_is_served_from_the_cache(stack: Stack) -> None:
    path = f"/v1/quotes/{stack.quotes[0]}"
    first = fetch(stack.nginx, "GET", path)
    second = fetch(stack.nginx, "GET", path)
    assert (first.status, first.cache) == (200, "MISS")
    assert (second.status, second.cache) == (200, "HIT")
    assert second.body == first.body and second.json()["id"] == stack.quotes[0]
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Cache-Control"] == f"public, max-age={MAX_AGE}"


def test_a_write_through_nginx_shows_once_max_age_has_passed(stack: Stack) -> None:
    path = f"/v1/quotes/{stack.quotes[1]}"
    before = fetch(stack.nginx, "GET", path)
    assert fetch(stack.nginx, "GET", path).cache == "HIT"
    notes = f"edited through nginx {uuid.uuid4().hex[:8]}"
    headers = {
        **stack.auth,
        "Content-Type": "application/json",
        "If-Match": before.headers["ETag"],
    }
    body = json.dumps({"notes": notes}).encode()
    written = fetch(stack.nginx, "PATCH", path, headers, body)
    assert written.status == 200, written.body
    assert written.json()["notes"] == notes
    # The write went to the service and was not stored: no cache status, no-store, and the
    # same PATCH again (its If-Match now stale) is refused by the service, not replayed.
    assert written.cache is None
    assert written.headers["Cache-Control"] == "no-store"
    again = fetch(stack.nginx, "PATCH", path, headers, body)
    assert (again.status, again.cache) == (412, None)

    def edited() -> Answer | None:
        answer = fetch(stack.nginx, "GET", path)
        assert answer.status == 200 and answer.cache in READS, answer.cache
        return answer if answer.json().get("notes") == notes else None

    seen = wait_for("the edit to show through the cache", edited, MAX_AGE + 5, 0.2)
    assert seen.headers["ETag"] not in (before.headers["ETag"], None)
    assert fetch(stack.nginx, "GET", path).json()["notes"] == notes


def test_reads_with_credentials_are_never_cached(stack: Stack) -> None:
    path = f"/v1/quotes/{stack.quotes[2]}"
    for _ in range(3):
        answer = fetch(stack.nginx, "GET", path, stack.auth)
        assert answer.status == 200
        assert answer.cache in (None, "BYPASS")
    # Nor were they stored: the first read without credentials is a miss.
    assert fetch(stack.nginx, "GET", path).cache == "MISS"
    assert fetch(stack.nginx, "GET", path).cache == "HIT"
    # And with credentials the cached answer is not used either.
    assert fetch(stack.nginx, "GET", path, stack.auth).cache in (None, "BYPASS")


def test_if_none_match_through_nginx_gets_304(stack: Stack) -> None:
    path = f"/v1/quotes/{stack.quotes[3]}"
    etag = fetch(stack.nginx, "GET", path).headers["ETag"]
    for sent in (etag, f"W/{etag}", f'"other", {etag}'):
        answer = fetch(stack.nginx, "GET", path, {"If-None-Match": sent})
        assert (answer.status, answer.body, answer.cache) == (304, b"", "HIT"), sent
        assert answer.headers["ETag"] == etag
    assert fetch(stack.nginx, "GET", path, {"If-None-Match": '"other"'}).status == 200
    # Not cached yet: nginx asks the service (without the condition) and answers 304 itself.
    cold = f"/v1/quotes/{stack.quotes[4]}"
    direct = fetch(stack.gunicorn, "GET", cold).headers["ETag"]
    answer = fetch(stack.nginx, "GET", cold, {"If-None-Match": direct})
    assert (answer.status, answer.cache) == (304, "MISS")


def test_expired_answers_are_revalidated_with_if_none_match(stack: Stack) -> None:
    quote = stack.quotes[5]
    path = f"/v1/quotes/{quote}"
    first = fetch(stack.nginx, "GET", path)
    assert first.cache == "MISS"
    # nginx counts expiry in whole seconds: max-age + 1 s is when it is sure to be past.
    time.sleep(MAX_AGE + 1.5)
    # Stale-while-revalidate: the expired answer comes at once, a background request
    # revalidates it; soon it is fresh again.
    expired = fetch(stack.nginx, "GET", path)
    assert expired.status == 200 and expired.cache in ("STALE", "UPDATING", "REVALIDATED")
    assert expired.body == first.body

    def fresh() -> bool:
        answer = fetch(stack.nginx, "GET", path)
        assert answer.body == first.body
        return answer.cache == "HIT"

    wait_for("the revalidated answer", fresh, MAX_AGE + 5, 0.1)
    # The service was asked with If-None-Match and said 304: nothing was sent twice.
    line = re.compile(rf'"GET {re.escape(path)} HTTP/1\.[01]" 304 ')
    wait_for(
        "a 304 in gunicorn's access log",
        lambda: line.search(stack.gunicorn_access_log.read_text()),
        5,
    )


def test_the_cache_keeps_answers_for_each_accept_apart(stack: Stack) -> None:
    path = "/v1/quotes?limit=3"
    for accept, media_type in (
        ("application/json", "application/json"),
        ("text/csv", "text/csv"),
        ("application/x-ndjson", "application/x-ndjson"),
    ):
        first = fetch(stack.nginx, "GET", path, {"Accept": accept})
        second = fetch(stack.nginx, "GET", path, {"Accept": accept})
        assert (first.status, first.cache) == (200, "MISS"), accept
        assert (second.status, second.cache) == (200, "HIT"), accept
        for answer in (first, second):
            assert answer.headers["Content-Type"].startswith(media_type)
        assert second.body == first.body


def test_compressed_and_plain_answers_are_kept_apart(stack: Stack) -> None:
    path = "/v1/quotes?limit=50"
    gzipped = [fetch(stack.nginx, "GET", path, {"Accept-Encoding": "gzip"}) for _ in range(2)]
    assert [a.cache for a in gzipped] == ["MISS", "HIT"]
    assert all(a.headers["Content-Encoding"] == "gzip" for a in gzipped)
    plain = fetch(stack.nginx, "GET", path)
    assert plain.cache == "MISS" and "Content-Encoding" not in plain.headers
    assert json.loads(gzip.decompress(gzipped[1].body)) == plain.json()
    # Streamed exports, which the service sends plain, nginx compresses.
    csv_gzip = {"Accept": "text/csv", "Accept-Encoding": "gzip"}
    direct = fetch(stack.gunicorn, "GET", "/v1/quotes", csv_gzip)
    assert direct.status == 200 and "Content-Encoding" not in direct.headers
    export = fetch(stack.nginx, "GET", "/v1/quotes", csv_gzip)
    assert export.headers["Content-Encoding"] == "gzip"
    # The service's Vary, which tells caches further on, is there once (nginx adds none).
    assert export.headers.get_all("Vary") == ["Accept-Encoding"]
    assert gzip.decompress(export.body) == direct.body


def test_clients_keep_their_connection(stack: Stack) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", stack.nginx, timeout=10)
    try:
        sockets = set()
        for _ in range(3):
            conn.request("GET", f"/v1/quotes/{stack.quotes[6]}")
            response = conn.getresponse()
            response.read()
            assert response.status == 200 and not response.will_close
            sockets.add(conn.sock.getsockname())
        assert len(sockets) == 1
    finally:
        conn.close()
