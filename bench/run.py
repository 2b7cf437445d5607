"""`make bench` / `make bench-quick`: the service, Datasette and a bare-WSGI floor, loaded alike.

In one run on one machine: for each data size, build (or reuse) a SQLite file of synth data,
serve it three ways and load each with wrk at the same threads and connections:

- service:   this API under gunicorn (`-w 2`, sync workers, as `make serve` runs it);
- floor:     bench/floor.py, a bare WSGI function with the same SQL and orjson, same gunicorn;
- datasette: Datasette over a copy of the file with an FTS5 table on quotes.text, called as a
             user would (`datasette`) and with `_nocount=1&_nofacet=1` (`datasette-nocount`).

Then, for PostgreSQL, synth into a throwaway database per size and load the service and the
floor only. Prints a table, writes bench/results/<time>-<mode>.json and latest.json, and
draws bench/results/latest.png (bench/plot.py). Before loading, it checks that the service and
the floor answer every benchmarked request with the same JSON.

    .venv/bin/python bench/run.py --quick          # 10k quotes, 3 s per run
    .venv/bin/python bench/run.py                  # 10k, 100k, 1M quotes, 10 s per run
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.web.pagination import encode_cursor  # noqa: E402
from bench.synth import COMMON_WORD, slug  # noqa: E402
from deploy.render import render  # noqa: E402

BIN = Path(sys.executable).parent
REPORT_LUA = ROOT / "bench" / "report.lua"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
AS_OF = "2011-12-31"
ENDPOINTS = ("list", "item", "deep", "comparison", "search")
# Behind nginx (deploy/): answers from its cache, revalidated with the service once max-age ends.
CACHED_ENDPOINTS = ("list", "item")
# Other processes using more than this many cores during a run mark it noisy ("~").
NOISY_CORES = 0.25
TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Settings:
    mode: str
    sizes: list[int]
    datasette_sizes: list[int]
    postgres: str | None
    duration: int
    warmup: int
    threads: int
    connections: int
    workers: int
    data_dir: Path
    out_dir: Path
    quiet_wait: float = 30.0
    quiet_budget: float = 120.0
    seed: int = 1


@dataclass
class Run:
    db: str
    size: int
    server: str
    endpoint: str
    url: str
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    errors: dict[str, int]
    bytes_per_response: int
    # CPU used during the run, in cores: the server's processes, PostgreSQL's backends for
    # the database, wrk, and everything else on the machine (other work skews a run: `noisy`).
    cpu_server: float = 0.0
    cpu_database: float = 0.0
    cpu_wrk: float = 0.0
    cpu_other: float = 0.0
    waited_for_quiet_s: float = 0.0
    retried: bool = False

    @property
    def noisy(self) -> bool:
        return self.cpu_other > NOISY_CORES


@dataclass
class Results:
    meta: dict[str, Any]
    runs: list[Run] = field(default_factory=list)
    sameness: list[dict[str, Any]] = field(default_factory=list)
    synth: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- data -------------------------------------------------------------------------------------


def _synth_fingerprint(seed: int) -> str:
    """Changes when the generator or the schema does: a stale file is rebuilt."""
    digest = hashlib.sha256(f"seed={seed}".encode())
    for path in [ROOT / "bench" / "synth.py", *sorted((ROOT / "migrations").rglob("*.py"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _migrate_and_synth(url: str, size: int, seed: int) -> float:
    started = time.perf_counter()
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([BIN / "stances", "db", "upgrade"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [BIN / "python", "-m", "bench.synth", "--quotes", str(size), "--seed", str(seed)],
        env=env,
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def sqlite_file(settings: Settings, size: int, results: Results) -> Path:
    """bench/data/synth-<size>.db, rebuilt only when the generator or migrations changed."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / f"synth-{size}.db"
    marker = path.with_suffix(".fingerprint")
    fingerprint = _synth_fingerprint(settings.seed)
    if path.exists() and marker.exists() and marker.read_text() == fingerprint:
        log(f"reusing {path.relative_to(ROOT)}")
        return path
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    log(f"synthesising {size:,} quotes into {path.relative_to(ROOT)}")
    seconds = _migrate_and_synth(f"sqlite:///{path}", size, settings.seed)
    results.synth.append({"db": "sqlite", "size": size, "seconds": round(seconds, 1)})
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    marker.write_text(fingerprint)
    return path


def datasette_copy(source: Path) -> Path:
    """A copy of the file with an FTS5 index on quotes.text, the way Datasette searches."""
    target_dir = source.parent / f"datasette-{source.stem}"
    target = target_dir / "synth.db"
    marker = target_dir / "fingerprint"
    wanted = source.with_suffix(".fingerprint").read_text()
    if target.exists() and marker.exists() and marker.read_text() == wanted:
        return target
    shutil.rmtree(target_dir, ignore_errors=True)
    target_dir.mkdir(parents=True)
    log(f"copying {source.name} for Datasette and indexing quotes.text (sqlite-utils)")
    shutil.copyfile(source, target)
    subprocess.run(
        [BIN / "sqlite-utils", "enable-fts", target, "quotes", "text", "--fts5"], check=True
    )
    with contextlib.closing(sqlite3.connect(target)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    marker.write_text(wanted)
    return target


def _admin(admin_url: str, sql: str, attempts: int = 30) -> None:
    """Run `sql` on the server, waiting out a restart (up to about a minute)."""
    import psycopg

    url = admin_url.replace("postgresql+psycopg://", "postgresql://")
    for attempt in range(attempts):
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
                conn.execute(sql)
            return
        except psycopg.OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(2)


@contextlib.contextmanager
def postgres_database(admin_url: str, size: int, seed: int, results: Results) -> Iterator[str]:
    """A throwaway database holding the synth set, dropped afterwards (even after a failure)."""
    admin = admin_url.replace("postgresql+psycopg://", "postgresql://")
    name = f"stances_bench_{size}_{uuid.uuid4().hex[:8]}"
    url = admin.rsplit("/", 1)[0] + "/" + name
    try:
        for attempt in (1, 2):
            _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _admin(admin, f'CREATE DATABASE "{name}"')
            log(f"synthesising {size:,} quotes into PostgreSQL database {name}")
            try:
                seconds = _migrate_and_synth(url, size, seed)
                break
            except subprocess.CalledProcessError:
                if attempt == 2:
                    raise
                log("synth failed (the server restarted?); once more from scratch")
                time.sleep(10)
        results.synth.append({"db": "postgresql", "size": size, "seconds": round(seconds, 1)})
        # The bulk load's dirty pages written now, not by a checkpoint during the first
        # server's runs (the service's: it would pay for the floor).
        _admin(admin, "CHECKPOINT")
        yield url
    finally:
        _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- servers ----------------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    pgid: int
    # A PostgreSQL database name: its backends' CPU counts for the server, not as other work.
    database: str | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(command: list[str], env: dict[str, str], probe: str) -> Iterator[Server]:
    """Start `command` (listening on the port in `probe`), wait until it answers, stop it."""
    process = subprocess.Popen(
        command,
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = probe.split("/", 3)
    base_url = "/".join(base[:3])
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                err = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"{command[0]} exited: {err[-2000:]}")
            try:
                with urllib.request.urlopen(probe, timeout=30) as response:
                    response.read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{command} did not answer {probe}") from None
                time.sleep(0.2)
        yield Server(base_url, process.pid)
    finally:
        # Only the process group we started: gunicorn's master and its workers.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def gunicorn(app: str, env: dict[str, str], workers: int, probe_path: str) -> Any:
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--limit-request-line",  # as `make serve`
        "8190",
        "--log-level",
        "warning",
        app,
    ]
    return server(command, env, f"http://127.0.0.1:{port}{probe_path}")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (str(p) for p in (Path("/usr/sbin/nginx"),) if p.exists()), None
    )


@contextlib.contextmanager
def nginx_in_front(upstream: Server) -> Iterator[Server]:
    """deploy/nginx.conf (the production recipe) in front of the service: its HTTP cache."""
    binary = nginx_binary()
    assert binary is not None
    # Mode 755: started by root, nginx's workers (nobody) must reach PREFIX/cache.
    prefix = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    prefix.chmod(0o755)
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(render(f"127.0.0.1:{port}", upstream.url.removeprefix("http://"), prefix))
    command = [binary, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"]
    try:
        with server(command, {}, f"http://127.0.0.1:{port}/v1/quotes?limit=1") as cache:
            yield cache
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def datasette(path: Path) -> Any:
    port = free_port()
    command = [str(BIN / "datasette"), "serve", str(path), "-h", "127.0.0.1", "-p", str(port)]
    return server(command, {}, f"http://127.0.0.1:{port}/synth/quotes.json?_size=1")


# -- CPU accounting ---------------------------------------------------------------------------


def _busy_ticks() -> int:
    """Busy CPU time of the whole machine so far, in clock ticks."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields) - fields[3] - fields[4]  # all but idle and iowait


def _group_ticks(pgid: int) -> int:
    """CPU time of the live processes in process group `pgid`, in clock ticks."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            after_name = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(after_name[2]) == pgid:
            total += int(after_name[11]) + int(after_name[12])
    return total


def _database_ticks(name: str | None) -> int:
    """CPU time of the PostgreSQL backends serving database `name`, in clock ticks."""
    if not name:
        return 0
    total = 0
    needle = f" {name} ".encode()
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if not (proc / "cmdline").read_bytes().startswith(b"postgres: "):
                continue
            if needle not in (proc / "cmdline").read_bytes():
                continue
            after_name = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(after_name[11]) + int(after_name[12])
    return total


def _children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wait_for_quiet(limit_s: float) -> float:
    """Wait (at most `limit_s`) until other work on the machine uses under NOISY_CORES."""
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        before = _busy_ticks()
        time.sleep(0.5)
        if (_busy_ticks() - before) / TICK / 0.5 < NOISY_CORES:
            break
    return round(time.monotonic() - started, 1)


# -- load -------------------------------------------------------------------------------------


def wrk(settings: Settings, url: str, seconds: int) -> dict[str, Any]:
    command = [
        "wrk",
        f"-t{settings.threads}",
        f"-c{settings.connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(REPORT_LUA),
        url,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))


def load(
    settings: Settings, db: str, size: int, name: str, srv: Server, path: str, endpoint: str
) -> Run:
    """One measured wrk run; once more if it saw errors (say, the database restarting)."""
    run = _measure(settings, db, size, name, srv, path, endpoint)
    if run.errors or not run.requests:
        log(f"retrying {name} {endpoint} in 10 s: {run.errors or 'no answers'}")
        time.sleep(10)
        run = _measure(settings, db, size, name, srv, path, endpoint)
        run.retried = True
    return run


def _measure(
    settings: Settings, db: str, size: int, name: str, srv: Server, path: str, endpoint: str
) -> Run:
    url = srv.url + path
    # Waiting pays off when other work is passing, not when it lasts: a budget for the run.
    waited = wait_for_quiet(min(settings.quiet_wait, settings.quiet_budget))
    settings.quiet_budget -= waited
    if settings.warmup:
        wrk(settings, url, settings.warmup)
    busy, group, children = _busy_ticks(), _group_ticks(srv.pgid), _children_seconds()
    database = _database_ticks(srv.database)
    data = wrk(settings, url, settings.duration)
    elapsed = data["duration_us"] / 1e6
    cpu_total = (_busy_ticks() - busy) / TICK / elapsed
    cpu_server = (_group_ticks(srv.pgid) - group) / TICK / elapsed
    cpu_database = (_database_ticks(srv.database) - database) / TICK / elapsed
    cpu_wrk = (_children_seconds() - children) / elapsed
    p = data["latency_us"]["percentiles"]
    requests = data["requests"]
    seconds = data["duration_us"] / 1e6
    run = Run(
        db=db,
        size=size,
        server=name,
        endpoint=endpoint,
        url=path,
        requests_per_s=round(requests / seconds, 1),
        p50_ms=p["50"] / 1000,
        p90_ms=p["90"] / 1000,
        p99_ms=p["99"] / 1000,
        max_ms=data["latency_us"]["max"] / 1000,
        requests=requests,
        errors={k: v for k, v in data["errors"].items() if v},
        bytes_per_response=data["bytes"] // max(requests, 1),
        cpu_server=round(cpu_server, 2),
        cpu_wrk=round(cpu_wrk, 2),
        cpu_database=round(cpu_database, 2),
        cpu_other=round(max(cpu_total - cpu_server - cpu_database - cpu_wrk, 0.0), 2),
        waited_for_quiet_s=waited,
    )
    flag = f"  ERRORS {run.errors}" if run.errors else ""
    flag += f"  NOISY (other work used {run.cpu_other} cores)" if run.noisy else ""
    log(
        f"{db:<10} {size:>9,} {name:<17} {endpoint:<11} {run.requests_per_s:>8.1f} req/s"
        f"  p50 {run.p50_ms:7.2f} ms  p99 {run.p99_ms:7.2f} ms{flag}"
    )
    return run


def service_paths(size: int, floor: bool = False) -> dict[str, str]:
    width = max(6, len(str(size - 1)))
    paths = {
        "list": "/v1/quotes?limit=50",
        "item": f"/v1/quotes/{slug('quote', size // 2, width)}",
        # Page 0.9 * size / 50 of the list, from a cursor as next_cursor would carry it.
        "deep": f"/v1/quotes?limit=50&cursor={encode_cursor(slug('quote', size * 9 // 10, width))}",
        "comparison": f"/v1/topics/{slug('topic', 1)}/comparison?as_of={AS_OF}",
        "search": f"/v1/search?q={COMMON_WORD}",
    }
    if floor:
        paths["search-fast"] = f"/v1/search-fast?q={COMMON_WORD}"
        paths["empty"] = "/empty"
    return paths


def datasette_paths(size: int, nocount: bool) -> dict[str, str]:
    width = max(6, len(str(size - 1)))
    extra = "&_nocount=1&_nofacet=1" if nocount else ""
    deep_after = slug("quote", size * 9 // 10, width)
    return {
        "list": f"/synth/quotes.json?_size=50&_labels=on{extra}",
        "item": f"/synth/quotes/{slug('quote', size // 2, width)}.json",
        "deep": f"/synth/quotes.json?_size=50&_labels=on&_next={deep_after}{extra}",
        "search": f"/synth/quotes.json?_search={COMMON_WORD}&_size=20{extra}",
    }


def _get_json(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None


def _first_difference(a: Any, b: Any, path: str = "") -> str | None:
    if type(a) is not type(b):
        return f"{path or '/'}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}/{key}: only in {'floor' if key in b else 'service'}"
            found = _first_difference(a[key], b[key], f"{path}/{key}")
            if found:
                return found
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _first_difference(x, y, f"{path}/{i}")
            if found:
                return found
    elif a != b:
        return f"{path}: {str(a)[:60]!r} vs {str(b)[:60]!r}"
    return None


def check_same(db: str, size: int, service_url: str, floor_url: str, results: Results) -> None:
    for endpoint, path in service_paths(size).items():
        s_status, s_json = _get_json(service_url + path)
        f_status, f_json = _get_json(floor_url + path)
        difference = None
        if s_status != 200 or f_status != 200:
            difference = f"status {s_status} vs {f_status}"
        else:
            difference = _first_difference(s_json, f_json)
        results.sameness.append(
            {"db": db, "size": size, "endpoint": endpoint, "same": difference is None}
            | ({"difference": difference} if difference else {})
        )
        if difference:
            log(f"NOT THE SAME JSON: {db} {size} {endpoint}: {difference}")


def bench_database(
    settings: Settings, db: str, size: int, url: str, results: Results, ds_file: Path | None
) -> None:
    service_env = {
        "DATABASE_URL": url,
        # The per-client search limit (600/min) would turn the load into 429s.
        "STANCES_SEARCH_RATE": "1000000000",
    }
    floor_env = {"FLOOR_DATABASE_URL": url}
    with (
        gunicorn("api:create_app()", service_env, settings.workers, "/v1/quotes?limit=1") as svc,
        gunicorn("bench.floor:app", floor_env, settings.workers, "/v1/quotes?limit=1") as flr,
    ):
        if db == "postgresql":
            svc.database = flr.database = url.rsplit("/", 1)[1]
        check_same(db, size, svc.url, flr.url, results)
        for endpoint, path in service_paths(size).items():
            results.runs.append(load(settings, db, size, "service", svc, path, endpoint))
        for endpoint, path in service_paths(size, floor=True).items():
            if endpoint == "empty" and size != settings.sizes[0]:
                continue  # the same at every size: once per database is enough
            results.runs.append(load(settings, db, size, "floor", flr, path, endpoint))
        if nginx_binary() is None:
            log("nginx is not installed (apt-get install -y nginx): no rows behind nginx")
        else:
            with nginx_in_front(svc) as cache:
                for endpoint in CACHED_ENDPOINTS:
                    path = service_paths(size)[endpoint]
                    results.runs.append(load(settings, db, size, "nginx", cache, path, endpoint))
    if ds_file is not None:
        with datasette(ds_file) as ds:
            for name, nocount in (("datasette", False), ("datasette-nocount", True)):
                for endpoint, path in datasette_paths(size, nocount).items():
                    results.runs.append(load(settings, db, size, name, ds, path, endpoint))


# -- report -----------------------------------------------------------------------------------


def _version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30, cwd=ROOT)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def meta(settings: Settings) -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1) if found else cpu
    dirty = _version(["git", "status", "--porcelain", "--untracked-files=no"])
    return {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "mode": settings.mode,
        "machine": {"cpus": os.cpu_count(), "cpu": cpu, "platform": platform.platform()},
        "wrk": {
            "threads": settings.threads,
            "connections": settings.connections,
            "duration_s": settings.duration,
            "warmup_s": settings.warmup,
        },
        "gunicorn_workers": settings.workers,
        "versions": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "gunicorn": _version([str(BIN / "gunicorn"), "--version"]),
            "datasette": _version([str(BIN / "datasette"), "--version"]),
            "wrk": _version(["wrk", "-v"]),
            "git_commit": _version(["git", "rev-parse", "--short", "HEAD"]),
            "git_worktree_changed": dirty not in ("", "unknown"),
        },
        "synth_seed": settings.seed,
        "as_of": AS_OF,
        "search_word": COMMON_WORD,
    }


def _find(runs: list[Run], db: str, size: int, server: str, endpoint: str) -> Run | None:
    for r in runs:
        if (r.db, r.size, r.server, r.endpoint) == (db, size, server, endpoint):
            return r
    return None


def _ratio(a: Run | None, b: Run | None, digits: int) -> str:
    return f"{a.requests_per_s / b.requests_per_s:.{digits}f}x" if a and b else "-"


def table(results: Results) -> str:
    lines = []
    servers = ["service", "floor", "nginx", "datasette", "datasette-nocount"]
    keys = sorted({(r.db, r.size) for r in results.runs}, key=lambda k: (k[0] != "sqlite", k[1]))
    for db, size in keys:
        present = [s for s in servers if any(r.server == s for r in results.runs if r.db == db)]
        head = f"\n{db}, {size:,} quotes: req/s | p50 ms | p99 ms"
        lines.append(head)
        cols = " | ".join(f"{s:^26}" for s in present)
        lines.append(
            f"{'endpoint':<12} | {cols} | service/floor | service/ds-nocount"
            " | nginx/service | nginx/ds-nocount"
        )
        for endpoint in (*ENDPOINTS, "search-fast", "empty"):
            cells = []
            for s in present:
                r = _find(results.runs, db, size, s, endpoint)
                cells.append(
                    f"{r.requests_per_s:>8.1f} {r.p50_ms:>7.2f} {r.p99_ms:>8.2f}"
                    + ("!" if r.errors else "~" if r.noisy else " ")
                    if r
                    else f"{'-':^26}"
                )
            svc = _find(results.runs, db, size, "service", endpoint)
            flr = _find(results.runs, db, size, "floor", endpoint)
            if endpoint == "search":
                flr = _find(results.runs, db, size, "floor", "search-fast") or flr
            nocount = _find(results.runs, db, size, "datasette-nocount", endpoint)
            cached = _find(results.runs, db, size, "nginx", endpoint)
            ratio_floor, ratio_ds = _ratio(svc, flr, 2), _ratio(svc, nocount, 1)
            cached_svc, cached_ds = _ratio(cached, svc, 1), _ratio(cached, nocount, 1)
            if not any(_find(results.runs, db, size, s, endpoint) for s in present):
                continue
            lines.append(
                f"{endpoint:<12} | {' | '.join(cells)} | {ratio_floor:>13} | {ratio_ds:>18}"
                f" | {cached_svc:>13} | {cached_ds:>16}"
            )
    for failure in results.failures:
        lines.append(f"\nFAILED: {failure['db']}, {failure['size']:,} quotes: {failure['error']}")
    lines.append(
        "\nservice/floor for search is against the floor's bounded query (search-fast);"
        " '!' marks runs with errors or non-2xx answers, '~' runs during which other"
        f" processes used more than {NOISY_CORES} cores."
    )
    return "\n".join(lines)


def write(results: Results, settings: Settings) -> Path:
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    document = {
        "meta": results.meta,
        "synth": results.synth,
        "failures": results.failures,
        "sameness": results.sameness,
        "runs": [asdict(r) | {"noisy": r.noisy} for r in results.runs],
    }
    text = json.dumps(document, indent=1) + "\n"
    path = settings.out_dir / f"{stamp}-{settings.mode}.json"
    path.write_text(text)
    (settings.out_dir / "latest.json").write_text(text)
    return path


# -- main -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k quotes, 3 s runs")
    parser.add_argument("--sizes", help="comma-separated quote counts (default 10k,100k,1M)")
    parser.add_argument("--datasette-sizes", help="sizes also served by Datasette")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES", DEFAULT_POSTGRES))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--duration", type=int, help="seconds per wrk run (10, quick 3)")
    parser.add_argument("--warmup", type=int, help="seconds of warm-up per run (2, quick 1)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--quiet-wait",
        type=float,
        help="seconds to wait before each run for other work to stop (30, quick 5)",
    )
    parser.add_argument(
        "--quiet-budget",
        type=float,
        help="at most this many seconds of such waiting in all (180, quick 15)",
    )
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench" / "data")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    quick = args.quick
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
    sizes = sizes or ([10_000] if quick else [10_000, 100_000, 1_000_000])
    if args.datasette_sizes:
        ds_sizes = [int(s) for s in args.datasette_sizes.split(",")]
    else:
        ds_sizes = [min(sizes, key=lambda s: abs(s - 100_000))]
    return Settings(
        mode="quick" if quick else "full",
        sizes=sizes,
        datasette_sizes=ds_sizes,
        postgres=None if args.no_postgres else args.postgres,
        duration=args.duration or (3 if quick else 10),
        warmup=args.warmup if args.warmup is not None else (1 if quick else 2),
        threads=args.threads,
        connections=args.connections,
        workers=args.workers,
        data_dir=args.data_dir.resolve(),
        out_dir=args.out_dir.resolve(),
        quiet_wait=args.quiet_wait if args.quiet_wait is not None else (5 if quick else 30),
        quiet_budget=args.quiet_budget if args.quiet_budget is not None else (15 if quick else 180),
    )


def _postgres_reachable(url: str) -> bool:
    """Whether the server answers (waiting out a restart of up to about a minute)."""
    import psycopg

    try:
        _admin(url, "SELECT 1")
        return True
    except psycopg.Error as exc:
        log(f"PostgreSQL at {url} not reachable ({exc}); SQLite only")
        return False


def main(argv: list[str] | None = None) -> None:
    settings = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    started = time.perf_counter()
    results = Results(meta=meta(settings))
    plan: list[tuple[str, int]] = [("sqlite", size) for size in settings.sizes]
    if settings.postgres and _postgres_reachable(settings.postgres):
        plan += [("postgresql", size) for size in settings.sizes]
    try:
        for db, size in plan:
            # One failure (a server restart, a crash) costs its part of the run, not the run.
            try:
                if db == "sqlite":
                    path = sqlite_file(settings, size, results)
                    ds_file = datasette_copy(path) if size in settings.datasette_sizes else None
                    bench_database(settings, db, size, f"sqlite:///{path}", results, ds_file)
                else:
                    assert settings.postgres
                    with postgres_database(settings.postgres, size, settings.seed, results) as url:
                        bench_database(settings, db, size, url, results, None)
            except Exception as exc:
                log(f"FAILED {db} {size:,}: {exc!r}")
                results.failures.append({"db": db, "size": size, "error": repr(exc)[:500]})
    finally:
        results.meta["seconds"] = round(time.perf_counter() - started)
        path = write(results, settings)
    print(table(results))
    print(f"\nwrote {path.relative_to(ROOT)} and latest.json in {results.meta['seconds']} s")
    from bench.plot import plot

    png = plot(settings.out_dir / "latest.json", settings.out_dir / "latest.png")
    print(f"drew {png.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
