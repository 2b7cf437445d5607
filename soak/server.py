"""The system under test: a fresh database, gunicorn on a free loopback port, and (for the
simulated outage) a TCP proxy between gunicorn and PostgreSQL. Everything started here is
stopped by the same object, by process id."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from soak.client import Server

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def normalise(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def is_postgres(url: str) -> bool:
    return url.startswith("postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- databases, for `python -m soak` (the test uses tests/conftest.py's) -------------------


def _admin(server_url: str):  # type: ignore[no-untyped-def]
    url = make_url(normalise(server_url)).set(database="postgres")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def new_database(kind: str, workdir: Path, postgres_url: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / f'soak-{uuid.uuid4().hex[:8]}.db'}"
    name = f"stances_soak_{uuid.uuid4().hex[:12]}"
    admin = _admin(postgres_url)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(normalise(postgres_url)).set(database=name).render_as_string(False)


def drop_database(url: str) -> None:
    if not is_postgres(url):
        return
    name = make_url(normalise(url)).database
    admin = _admin(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def sqlite_path(url: str) -> str:
    return make_url(url).database or ""


def stances(args: list[str], database_url: str, log: Path) -> str:
    """Run the `stances` command against the database; its output, or an error with it."""
    env = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [str(BIN / "stances"), *args],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    with log.open("a") as f:
        f.write(f"$ stances {' '.join(args)}\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        raise RuntimeError(f"stances {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_database(database_url: str, log: Path, token_name: str = "soak") -> str:
    """Migrate, load the fixtures, and make a write token (returned)."""
    stances(["db", "upgrade"], database_url, log)
    stances(["fixtures", "load"], database_url, log)
    out = stances(["tokens", "create", token_name], database_url, log)
    return out.strip().splitlines()[-1].strip()


# --- gunicorn -------------------------------------------------------------------------------

# Should this process die without its `finally` (SIGKILL, a CI timeout), the kernel sends
# gunicorn SIGTERM: no orphaned server is left behind.
PDEATHSIG = ["setpriv", "--pdeathsig", "TERM"] if shutil.which("setpriv") else []


class Gunicorn:
    def __init__(
        self, database_url: str, workers: int, log: Path, env: dict[str, str] | None = None
    ) -> None:
        self.database_url = database_url
        self.workers = workers
        self.log = log
        self.env = env or {}
        self.process: subprocess.Popen[bytes] | None = None
        self.server: Server | None = None

    def start(self, wait: float = 30.0) -> Server:
        for _ in range(3):  # a free port can be taken between the check and the bind
            port = free_port()
            env = {**os.environ, **self.env, "DATABASE_URL": self.database_url}
            with self.log.open("ab") as log:
                self.process = subprocess.Popen(
                    [
                        *PDEATHSIG,
                        str(BIN / "gunicorn"),
                        "-w",
                        str(self.workers),
                        "-b",
                        f"127.0.0.1:{port}",
                        "--timeout",
                        "30",
                        "--graceful-timeout",
                        "5",
                        # gunicorn 27's control socket is one path for every instance on the
                        # machine; ours would take it from (or hand it back for) others.
                        "--no-control-socket",
                        "api:create_app()",
                    ],
                    env=env,
                    cwd=PROJECT_ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            server = Server(port)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and self.process.poll() is None:
                reply = server.send("GET", "/v1/topics?limit=1", timeout=5)
                if reply.status is not None and len(self.worker_pids()) == self.workers:
                    self.server = server
                    return server
                time.sleep(0.2)
            self.stop()
        raise RuntimeError(f"gunicorn did not start; see {self.log}")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def worker_pids(self) -> list[int]:
        if self.process is None or self.process.poll() is not None:
            return []
        try:
            children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text()
            return [int(p) for p in children.split()]
        except OSError:
            pids = []
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    with contextlib.suppress(OSError, IndexError, ValueError):
                        stat = (entry / "stat").read_text()
                        if int(stat.rsplit(")", 1)[1].split()[1]) == self.pid:
                            pids.append(int(entry.name))
            return pids

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # its own session: only its workers
            process.wait(timeout=10)
        # Workers outlive a SIGKILLed master for a moment; they are in its process group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def socket_owner(worker_pids: list[int], server_port: int, client_port: int) -> int | None:
    """The worker that accepted the connection from `client_port`, if one has."""
    inode = None
    with contextlib.suppress(OSError):
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            parts = line.split()
            local, remote = parts[1], parts[2]
            if (
                int(local.split(":")[1], 16) == server_port
                and int(remote.split(":")[1], 16) == client_port
            ):
                inode = parts[9]
                break
    if inode is None or inode == "0":
        return None
    target = f"socket:[{inode}]"
    for pid in worker_pids:
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                        return pid
    return None


# --- a TCP proxy in front of PostgreSQL: an outage that only this run sees --------------------


class TcpProxy:
    """127.0.0.1:port -> target. `down()` drops every connection and refuses new ones."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._pairs: set[tuple[socket.socket, socket.socket]] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def up(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        listener.settimeout(0.2)
        self._listener = listener
        self._thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._thread.start()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            pair = (client, upstream)
            with self._lock:
                self._pairs.add(pair)
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b, pair), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, pair: tuple) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        self._drop(pair)

    def _drop(self, pair: tuple) -> None:
        with self._lock:
            self._pairs.discard(pair)
        for s in pair:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()

    def down(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        if self._thread is not None:
            self._thread.join(timeout=2)
        with self._lock:
            pairs = list(self._pairs)
        for pair in pairs:
            self._drop(pair)

    def close(self) -> None:
        self.down()


# --- the real PostgreSQL cluster (long form) ------------------------------------------------


class PostgresCluster:
    """`pg_ctlcluster` for the local cluster the database lives on."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.version = self._version()

    @staticmethod
    def _version() -> str | None:
        root = Path("/etc/postgresql")
        if not shutil.which("pg_ctlcluster") or not root.is_dir():
            return None
        versions = sorted((p.name for p in root.iterdir() if re.fullmatch(r"\d+", p.name)), key=int)
        return versions[-1] if versions else None

    @property
    def available(self) -> str | None:
        """None when this run may restart the cluster, else why not."""
        if self.host not in ("127.0.0.1", "localhost"):
            return f"PostgreSQL at {self.host} is not local"
        if self.version is None:
            return "no pg_ctlcluster / /etc/postgresql here"
        return None

    def ctl(self, action: str, *extra: str) -> None:
        subprocess.run(
            [
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                self.version or "",
                "main",
                action,
                *extra,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def ready(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1):
                pass
        except OSError:
            return False
        result = subprocess.run(
            ["pg_isready", "-q", "-h", self.host, "-p", str(self.port)],
            check=False,
            capture_output=True,
            timeout=10,
        )
        return result.returncode == 0

    def ensure_up(self, wait: float = 60.0) -> bool:
        if self.ready():
            return True
        with contextlib.suppress(subprocess.SubprocessError):
            self.ctl("start")
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.ready():
                return True
            time.sleep(0.5)
        return False
