"""Run the soak: a fresh database, gunicorn, clients for a bounded time, faults on a
schedule, then the audit. `python -m soak --help`."""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from soak import faults
from soak.audit import Audit, Report
from soak.journal import Journal
from soak.server import (
    PROJECT_ROOT,
    Gunicorn,
    PostgresCluster,
    TcpProxy,
    drop_database,
    is_postgres,
    new_database,
    normalise,
    prepare_database,
)
from soak.workload import FIXED_READS, Context, client_loop, load_catalogue, make_hot_items

Fault = Callable[[faults.Rig], object]


@dataclass
class Profile:
    name: str
    duration: float
    clients: int
    # (seconds after the start, fault) for each database kind
    sqlite: list[tuple[float, Fault]] = field(default_factory=list)
    postgresql: list[tuple[float, Fault]] = field(default_factory=list)
    proxy: bool = False  # put a TCP proxy between gunicorn and PostgreSQL


def short_profile() -> Profile:
    """About 30 s a database: cheap faults only, none that touches the shared cluster."""
    return Profile(
        "short",
        duration=22,
        clients=10,
        sqlite=[
            (3, lambda rig: faults.sqlite_storm(rig, seconds=7, writers=12)),
            (13, lambda rig: faults.worker_kills(rig, count=4, spacing=0.5)),
        ],
        postgresql=[
            (2, lambda rig: faults.database_outage(rig, seconds=3, real=False)),
            (7, lambda rig: faults.worker_kills(rig, count=4, spacing=0.3)),
            (12, faults.statement_timeout),
        ],
        proxy=True,
    )


def long_profile() -> Profile:
    """About three minutes a database, every fault; restarts the local PostgreSQL cluster."""
    return Profile(
        "long",
        duration=150,
        clients=16,
        sqlite=[
            (10, lambda rig: faults.sqlite_storm(rig, seconds=25, writers=16)),
            (45, lambda rig: faults.worker_kills(rig, count=10, spacing=1.0)),
            (75, faults.sqlite_lock_timeout),
            (100, lambda rig: faults.sqlite_storm(rig, seconds=20, writers=24)),
            (128, lambda rig: faults.worker_kills(rig, count=6, spacing=1.0)),
        ],
        postgresql=[
            (10, lambda rig: faults.database_outage(rig, seconds=6, real=True)),
            (40, lambda rig: faults.worker_kills(rig, count=10, spacing=1.0)),
            (70, faults.statement_timeout),
            (85, lambda rig: faults.database_outage(rig, seconds=5, real=False)),
            (105, lambda rig: faults.database_outage(rig, seconds=8, real=True)),
            (128, lambda rig: faults.worker_kills(rig, count=6, spacing=1.0)),
        ],
        proxy=True,
    )


PROFILES = {"short": short_profile, "long": long_profile}


def _log(out: Callable[[str], None], text: str) -> None:
    out(f"[soak {time.strftime('%H:%M:%S')}] {text}")


def soak(
    database_url: str,
    profile: Profile,
    workdir: Path,
    *,
    statement_timeout_ms: int = 3000,
    out: Callable[[str], None] = print,
    seed: int | None = None,
) -> Report:
    """Soak one prepared-or-empty database (migrated and loaded here); the audit's report.
    The caller owns the database (creates and drops it); everything else is cleaned here."""
    database_url = normalise(database_url)
    kind = "postgresql" if is_postgres(database_url) else "sqlite"
    workdir.mkdir(parents=True, exist_ok=True)
    run = uuid.uuid4().hex[:6]
    seed = seed if seed is not None else random.randrange(10**6)
    journal = Journal()
    setup_log = workdir / "setup.log"
    gunicorn_log = workdir / "gunicorn.log"
    env = {
        # All clients come from 127.0.0.1: the per-client rate limits would throttle the run.
        "STANCES_WRITE_RATE": "1000000",
        "STANCES_SEARCH_RATE": "1000000",
        "STANCES_STATEMENT_TIMEOUT_MS": str(statement_timeout_ms),
    }
    proxy: TcpProxy | None = None
    cluster: PostgresCluster | None = None
    app_url = database_url
    main: Gunicorn | None = None
    rig: faults.Rig | None = None
    ctx: Context | None = None
    schedule = getattr(profile, kind)
    threads: list[threading.Thread] = []
    try:
        _log(out, f"{kind}: migrating, loading fixtures, making a token (run {run}, seed {seed})")
        token = prepare_database(database_url, setup_log)
        if kind == "postgresql":
            url = make_url(database_url)
            cluster = PostgresCluster(url.host or "127.0.0.1", url.port or 5432)
            if profile.proxy:
                proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
                proxy.up()
                app_url = url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        main = Gunicorn(app_url, 2, gunicorn_log, env)
        server = main.start()
        _log(out, f"{kind}: gunicorn -w 2 on {server.base} (log {gunicorn_log})")
        catalogue = load_catalogue(server, journal)
        ctx = Context(run, token, server, journal, catalogue)
        for path in FIXED_READS:
            reply = server.send("GET", path)
            if reply.status != 200:
                raise RuntimeError(f"preflight GET {path}: {reply.status} {reply.excerpt()}")
        make_hot_items(ctx)
        rig = faults.Rig(
            ctx,
            main,
            database_url,
            workdir,
            env,
            proxy=proxy,
            cluster=cluster,
            statement_timeout_ms=statement_timeout_ms,
        )
        started = time.monotonic()
        ctx.retry_deadline = started + profile.duration + 30
        threads = [
            threading.Thread(
                target=client_loop, args=(ctx, server, n, seed + n), daemon=True, name=f"c{n}"
            )
            for n in range(profile.clients)
        ]
        for t in threads:
            t.start()
        _log(out, f"{kind}: {profile.clients} clients for {profile.duration:g} s")
        for offset, fault in schedule:
            wait = started + offset - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            record = fault(rig)
            _log(out, f"{kind}: fault done: {getattr(record, 'name', record)}")
        remaining = started + profile.duration - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)
        ctx.stop.set()
        for t in threads + rig.pending:
            t.join(timeout=120)
        elapsed = time.monotonic() - started
        _log(out, f"{kind}: load over after {elapsed:.0f} s; auditing")
        logs = sorted(workdir.glob("gunicorn*.log"))
        audit = Audit(server, journal, run, ctx.hot, logs)
        report = audit.report(kind, profile.name, elapsed, profile.clients)
        (workdir / "report.txt").write_text(report.table() + "\n")
        (workdir / "figures.json").write_text(json.dumps(report.figures, indent=2) + "\n")
        return report
    finally:
        if ctx is not None:
            ctx.stop.set()
            for t in threads:
                t.join(timeout=60)
        for extra in rig.extra if rig else []:
            extra.stop()
        if main is not None:
            main.stop()
        if proxy is not None:
            proxy.close()
        if cluster is not None and cluster.available is None and not cluster.ensure_up():
            out("!! PostgreSQL is not back up; start it with pg_ctlcluster")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m soak", description=__doc__)
    parser.add_argument("--form", choices=sorted(PROFILES), default="long")
    parser.add_argument(
        "--database", choices=["sqlite", "postgresql", "both"], default="both", help="kind(s)"
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "SOAK_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
        help="the server to make a throwaway database on (SOAK_POSTGRES_URL)",
    )
    parser.add_argument("--duration", type=float, help="override the form's load seconds")
    parser.add_argument("--clients", type=int, help="override the form's client count")
    parser.add_argument("--statement-timeout-ms", type=int, default=3000)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--no-faults", action="store_true", help="load and audit only")
    parser.add_argument("--no-proxy", action="store_true", help="gunicorn straight to PostgreSQL")
    parser.add_argument(
        "--workdir", type=Path, default=PROJECT_ROOT / "build" / "soak", help="logs and reports"
    )
    args = parser.parse_args(argv)
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    reports = []
    for kind in kinds:
        profile = PROFILES[args.form]()
        if args.duration:
            scale = args.duration / profile.duration
            profile.duration = args.duration
            for schedule in (profile.sqlite, profile.postgresql):
                schedule[:] = [(offset * scale, fault) for offset, fault in schedule]
        if args.clients:
            profile.clients = args.clients
        if args.no_faults:
            profile.sqlite, profile.postgresql = [], []
        if args.no_proxy:
            profile.proxy = False
        args.workdir.mkdir(parents=True, exist_ok=True)
        workdir = Path(
            tempfile.mkdtemp(prefix=f"{time.strftime('%Y%m%d-%H%M%S')}-{kind}-", dir=args.workdir)
        )
        url = new_database(kind, workdir, args.postgres_url)
        try:
            report = soak(
                url,
                profile,
                workdir,
                statement_timeout_ms=args.statement_timeout_ms,
                seed=args.seed,
            )
        finally:
            drop_database(url)
        print()
        print(report.table())
        print(f"(logs and report in {workdir})")
        print()
        reports.append(report)
    if len(reports) > 1:
        print("summary")
        for r in reports:
            f = r.figures
            print(
                f"  {r.database:<10} requests {f['requests']}, acknowledged "
                f"{f['writes_acknowledged']}, found {f['writes_found']}, duplicates "
                f"{f['duplicates']}, lost updates {f['lost_updates']}, 5xx {f['5xx']}, faults "
                f"{f['faults_survived']}/{f['faults_injected']} survived: "
                f"{'PASSED' if r.ok else 'FAILED'}"
            )
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
