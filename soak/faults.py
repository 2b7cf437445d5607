"""Faults injected while the clients run: the database going away, workers killed in the
middle of a write, statements past their timeout, SQLite crowded with writers."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import random
import signal
import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from soak.client import Reply, Server
from soak.journal import Attempt, CreateRecord, FaultRecord, PatchRecord
from soak.server import Gunicorn, PostgresCluster, TcpProxy, normalise, socket_owner, sqlite_path
from soak.workload import Context, actor_body, client_loop, resolve

HANG_SECONDS = 15.0  # an answer slower than this while the database is away counts as a hang


@dataclass
class Rig:
    """What the faults act on."""

    ctx: Context
    gunicorn: Gunicorn
    database_url: str  # direct, not through the proxy
    workdir: Path
    gunicorn_env: dict[str, str]
    proxy: TcpProxy | None = None
    cluster: PostgresCluster | None = None
    statement_timeout_ms: int = 3000
    busy_timeout_s: float = 10.0
    extra: list[Gunicorn] = field(default_factory=list)  # stopped by the runner, whatever happens
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    probes: int = 0
    storms: int = 0
    pending: list[threading.Thread] = field(default_factory=list)

    @property
    def server(self) -> Server:
        return self.ctx.server

    def probe_create(self, label: str, server: Server | None = None) -> tuple[CreateRecord, Reply]:
        """One POST attempt of a new actor; resolved (retried) later with `settle`."""
        self.probes += 1
        ctx = self.ctx
        item_id = f"soak-{ctx.run}-{label}-{self.probes}"
        record = ctx.journal.add_create(
            CreateRecord(
                f"{ctx.run}-{label}-{self.probes}",
                "actors",
                item_id,
                actor_body(self.rng, item_id),
                "probe",
            )
        )
        path = "/v1/actors"
        headers = {**ctx.auth, "Idempotency-Key": record.key}
        server = server or self.server
        reply = server.send("POST", path, record.body, headers, timeout=ctx.timeout)
        ctx.journal.call("probe-write", "POST", path, reply, (201,), self.label(server))
        record.attempts.append(Attempt(reply))
        return record, reply

    def probe_read(self, path: str = "/v1/quotes?limit=1", expected=(200,), server=None) -> Reply:  # type: ignore[no-untyped-def]
        server = server or self.server
        reply = server.send("GET", path, timeout=self.ctx.timeout)
        return self.ctx.journal.call("probe-read", "GET", path, reply, expected, self.label(server))

    def label(self, server: Server) -> str:
        return "main" if server is self.server else "probe"

    def side_server(self, workers: int, name: str) -> Server:
        """Another gunicorn on the same database, stopped by the runner at the latest."""
        extra = Gunicorn(
            self.database_url, workers, self.workdir / f"gunicorn-{name}.log", self.gunicorn_env
        )
        self.extra.append(extra)
        return extra.start()

    def settle(self, records: list[CreateRecord], wait: bool = True) -> None:
        """Retry the creates a fault left unanswered, all at once (each honours Retry-After),
        now or (wait=False) in the background so the schedule goes on; the runner joins
        `pending` before the audit."""
        threads = [
            threading.Thread(
                target=resolve,
                args=(self.ctx, self.server, record, random.Random(self.rng.random()), "main"),
                daemon=True,
            )
            for record in records
        ]
        for thread in threads:
            thread.start()
        if wait:
            for thread in threads:
                thread.join()
        else:
            self.pending.extend(threads)

    def item_state(self, collection: str, item_id: str) -> tuple[Reply, list[dict] | None]:
        """The item (GET) and all its revisions (None when the service knows no such item)."""
        item = self.probe_read(f"/v1/{collection}/{item_id}", (200, 404))
        revisions: list[dict] = []
        since = 0
        while True:
            path = f"/v1/{collection}/{item_id}/revisions?since={since}&limit=500"
            page = self.probe_read(path, (200, 404))
            if page.status != 200 or not isinstance(page.body, dict):
                return item, revisions or None
            if not page.body["items"]:
                return item, revisions
            revisions.extend(page.body["items"])
            since = page.body["next_since"]


def _describe(replies: list[Reply]) -> str:
    counts = Counter(
        "clean 503"
        if r.is_clean_503
        else (f"{r.status}" if r.status is not None else (r.error or "?").split(":")[0])
        for r in replies
    )
    return ", ".join(f"{n}x {what}" for what, n in counts.most_common())


# --- the database goes away -----------------------------------------------------------------


def database_outage(rig: Rig, seconds: float, real: bool) -> FaultRecord:
    """PostgreSQL stopped (pg_ctlcluster, real) or cut off (proxy) for `seconds`, under load:
    every answer meanwhile is a prompt 503 problem with Retry-After, and the service comes
    back by itself."""
    journal = rig.ctx.journal
    name = f"PostgreSQL {'stopped and restarted' if real else 'cut off (proxy)'}, {seconds:g} s"
    record = journal.add_fault(FaultRecord(name, "outage", expect_503=True))
    if real and (rig.cluster is None or rig.cluster.available):
        record.skipped = rig.cluster.available if rig.cluster else "not on PostgreSQL"
        return record
    if not real and rig.proxy is None:
        record.skipped = "no proxy in front of PostgreSQL"
        return record
    during: list[Reply] = []
    writes: list[CreateRecord] = []
    stop = threading.Event()
    down = threading.Event()

    def prober() -> None:
        while not stop.is_set():
            reply = rig.probe_read()
            created, write = rig.probe_create("outage")
            writes.append(created)
            if down.is_set():
                during.extend([reply, write])
            time.sleep(0.2)

    record.started = time.monotonic()
    thread = threading.Thread(target=prober, daemon=True)
    thread.start()
    try:
        if real:
            assert rig.cluster is not None
            rig.cluster.ctl("stop")
        else:
            assert rig.proxy is not None
            rig.proxy.down()
        down.set()
        down_at = time.monotonic()
        time.sleep(seconds)
    finally:
        if real:
            assert rig.cluster is not None
            rig.cluster.ensure_up()
        else:
            assert rig.proxy is not None
            rig.proxy.up()
        up_at = time.monotonic()
        down.clear()
    read_back = write_back = None
    while time.monotonic() < up_at + 30:
        if read_back is None and rig.probe_read().status == 200:
            read_back = time.monotonic() - up_at
        if write_back is None:
            created, reply = rig.probe_create("recovery")
            writes.append(created)
            if reply.status == 201:
                write_back = time.monotonic() - up_at
        if read_back is not None and write_back is not None:
            break
        time.sleep(0.2)
    stop.set()
    thread.join(timeout=60)
    record.ended = time.monotonic()
    record.until = up_at + max(read_back or 30, write_back or 30)
    slow = [r for r in during if r.elapsed > HANG_SECONDS or r.status is None]
    bad = [r for r in during if not (r.is_clean_503 or r.ok)]
    record.details.append(
        f"down {up_at - down_at:.1f} s: {len(during)} probe answers ({_describe(during)}), "
        f"slowest {max((r.elapsed for r in during), default=0):.2f} s"
    )
    record.details.append(
        "back by itself: reads after "
        + (f"{read_back:.1f} s" if read_back is not None else "NEVER (30 s)")
        + ", writes after "
        + (f"{write_back:.1f} s" if write_back is not None else "NEVER (30 s)")
    )
    if not any(r.is_clean_503 for r in during):
        record.problems.append("no 503 seen while the database was down")
    if bad:
        record.problems.append(
            f"{len(bad)} answers while down were not 503 problem+json with Retry-After: "
            + "; ".join(f"{r.status} {r.excerpt(160)}" for r in bad[:3])
        )
    if slow:
        record.problems.append(f"{len(slow)} requests hung or got no answer while down")
    if read_back is None or write_back is None:
        record.problems.append("the service did not recover within 30 s")
    rig.settle(writes, wait=False)
    return record


# --- workers killed mid-write ---------------------------------------------------------------


def _wait_for_owner(rig: Rig, client_port: int, wait: float = 10.0) -> int | None:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        pid = socket_owner(rig.gunicorn.worker_pids(), rig.server.port, client_port)
        if pid is not None:
            return pid
        time.sleep(0.002)
    return None


def worker_kills(rig: Rig, count: int, spacing: float = 1.0) -> FaultRecord:
    """SIGKILL the gunicorn worker handling a create or a PATCH, a random few milliseconds
    after the request went out. The write is then either all there (item and revision) or
    not there at all, and a retry with the same Idempotency-Key settles it."""
    ctx, journal = rig.ctx, rig.ctx.journal
    record = journal.add_fault(FaultRecord(f"SIGKILL a worker mid-write, x{count}", "kill"))
    record.started = time.monotonic()
    outcomes: Counter[str] = Counter()
    creates: list[CreateRecord] = []
    for i in range(count):
        is_create = i % 2 == 0
        if is_create:
            rig.probes += 1
            item_id = f"soak-{ctx.run}-kill-{rig.probes}"
            create = journal.add_create(
                CreateRecord(
                    f"{ctx.run}-kill-{rig.probes}",
                    "actors",
                    item_id,
                    actor_body(rig.rng, item_id),
                    "kill",
                )
            )
            creates.append(create)
            method, path, body = "POST", "/v1/actors", create.body
            headers = {**ctx.auth, "Idempotency-Key": create.key}
        else:
            collection, item_id, fld = ctx.hot[i % len(ctx.hot)]
            path = f"/v1/{collection}/{item_id}"
            got = rig.probe_read(path)
            if got.status != 200 or not isinstance(got.body, dict):
                record.problems.append(f"GET {path} before the kill: {got.status}")
                continue
            rig.probes += 1
            marker = f"soak {ctx.run} kill {rig.probes}"
            method, body = "PATCH", {fld: marker}
            headers = {**ctx.auth, "If-Match": got.headers.get("etag", "")}
        try:
            conn = rig.server.connect(ctx.timeout)
        except OSError as exc:
            record.problems.append(f"could not connect: {exc}")
            continue
        owner = _wait_for_owner(rig, conn.sock.getsockname()[1])
        if owner is None:
            conn.close()
            record.details.append("a connection no worker accepted within 10 s")
            continue
        replies: list[Reply] = []
        sender = threading.Thread(
            target=lambda c=conn, m=method, p=path, b=body, h=headers, out=replies: out.append(
                rig.server.send(m, p, b, h, conn=c, timeout=ctx.timeout)
            )
        )
        sender.start()
        time.sleep(rig.rng.uniform(0.0, 0.03))
        with contextlib.suppress(ProcessLookupError):
            os.kill(owner, signal.SIGKILL)
        record.kill_times.append(time.monotonic())
        sender.join(timeout=ctx.timeout + 5)
        reply = replies[0] if replies else Reply(None, error="sender thread did not finish")
        journal.call("kill-write", method, path, reply, (201,) if is_create else (200, 412), "main")
        # Right after the kill, before any retry: all of the write or none of it.
        if is_create:
            create.attempts.append(Attempt(reply))
            item, revisions = rig.item_state("actors", create.item_id)
            present = item.status == 200
            logged = bool(revisions) and [r["action"] for r in revisions] == ["create"]
            if present != logged or item.status not in (200, 404):
                record.problems.append(
                    f"partial create {create.item_id}: GET {item.status}, "
                    f"revisions {[r['action'] for r in revisions or []]}"
                )
        else:
            patch = journal.add_patch(
                PatchRecord(collection, item_id, fld, marker, got.body, headers["If-Match"], reply)
            )
            patch.origin = "kill"
            item, revisions = rig.item_state(collection, item_id)
            # Others PATCH the hot items all the time: the value may be overwritten already,
            # but then by a revision whose `before` holds it.
            revisions = revisions or []
            mine = [n for n, r in enumerate(revisions) if (r.get("after") or {}).get(fld) == marker]
            value = item.status == 200 and item.body.get(fld) == marker
            later = bool(mine) and any(
                (r.get("before") or {}).get(fld) == marker for r in revisions[mine[0] + 1 :]
            )
            present = bool(mine)
            if (value and not mine) or (mine and not (value or later)) or len(mine) > 1:
                record.problems.append(
                    f"partial PATCH of {path}: value there {value}, revisions with it {len(mine)}"
                )
        what = "create" if is_create else "PATCH"
        if reply.status is not None:
            outcomes[f"{what} answered {reply.status} before the kill"] += 1
        else:
            outcomes[f"{what} cut off, {'committed' if present else 'rolled back'}"] += 1
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            pids = rig.gunicorn.worker_pids()
            if len(pids) == rig.gunicorn.workers and owner not in pids:
                break
            time.sleep(0.1)
        else:
            record.problems.append(f"gunicorn did not replace worker {owner} within 15 s")
        time.sleep(spacing)
    rig.settle(creates)
    for create in creates:
        if not create.acked:
            record.problems.append(f"create {create.item_id} never acknowledged after the kill")
    record.ended = record.until = time.monotonic()
    record.details.append("; ".join(f"{n}x {what}" for what, n in sorted(outcomes.items())))
    return record


# --- statements past their timeout ----------------------------------------------------------


def _blocked_probes(rig: Rig, lock: Any, release: Any, label: str, limit: float) -> FaultRecord:
    """While `lock` is held, a little past the limit: a create and a comparison sent to an
    idle gunicorn of their own (so they do not queue behind the loaded one's blocked requests)
    must each be a clean 503 after about `limit` seconds, with nothing written. The loaded
    server's requests meanwhile may be 503s too, clean ones."""
    record = rig.ctx.journal.add_fault(FaultRecord(label, "timeout", expect_503=True))
    side = rig.side_server(1 if label.startswith("SQLite") else 2, "probe")
    results: dict[str, Any] = {}
    comparison = "/v1/topics/missile-defence-architecture/comparison"
    threads = [
        threading.Thread(
            target=lambda: results.__setitem__("write", rig.probe_create("timeout", side))
        ),
        threading.Thread(
            target=lambda: results.__setitem__("read", rig.probe_read(comparison, server=side))
        ),
    ]
    if label.startswith("SQLite"):
        threads.pop()  # one worker, and readers do not wait for SQLite's write lock anyway
    # PostgreSQL's limit is per statement: a write may first wait (less than the limit) for
    # the writers' advisory lock, then the full limit on the table. SQLite waits once.
    statements = 1 if label.startswith("SQLite") else 2
    hold = limit * statements + 2.0
    record.started = time.monotonic()
    lock()
    locked = time.monotonic()
    try:
        for t in threads:
            t.start()
        time.sleep(hold)
    finally:
        release()
    released = time.monotonic()
    for t in threads:
        t.join(timeout=rig.ctx.timeout + 5)
    record.ended = time.monotonic()
    record.until = released
    record.details.append(f"lock held {released - locked:.1f} s")
    created, write = results.get("write", (None, Reply(None, error="no answer")))
    for what, reply in (("create", write), ("comparison", results.get("read"))):
        if reply is None:
            continue
        record.details.append(f"{what}: {reply.status} after {reply.elapsed:.1f} s")
        if not reply.is_clean_503:
            answered = reply.started + reply.elapsed
            verdict = (
                "not cancelled: answered only when the lock went away"
                if answered >= released - 0.05
                else "not a 503 problem with Retry-After"
            )
            record.problems.append(f"{what}: {verdict} ({reply.status} {reply.excerpt(200)})")
        elif not limit * 0.9 <= reply.elapsed <= limit * statements + 1.5:
            record.problems.append(f"{what}: 503 after {reply.elapsed:.1f} s, limit {limit:g} s")
    if created is not None:
        item, revisions = rig.item_state("actors", created.item_id)
        if write.is_clean_503 and (item.status != 404 or revisions is not None):
            record.problems.append(f"the cancelled create left something: GET {item.status}")
        rig.settle([created], wait=False)
    return record


def statement_timeout(rig: Rig) -> FaultRecord:
    """PostgreSQL: a session holds the revisions and topics tables; writes and a comparison
    wait on them past the statement timeout, are cancelled and answered 503."""
    seconds = rig.statement_timeout_ms / 1000
    engine = create_engine(normalise(rig.database_url))
    conn = engine.connect()
    state: dict[str, Any] = {}

    def lock() -> None:
        state["tx"] = conn.begin()
        conn.execute(text("LOCK TABLE revisions, topics IN ACCESS EXCLUSIVE MODE"))

    def release() -> None:
        state["tx"].rollback()
        conn.close()
        engine.dispose()

    label = f"statement timeout ({rig.statement_timeout_ms} ms) passed waiting on a lock"
    return _blocked_probes(rig, lock, release, label, seconds)


def sqlite_lock_timeout(rig: Rig) -> FaultRecord:
    """SQLite: another process holds the write lock longer than busy_timeout; writes give
    up after it with a 503 (not a 500, not a hang), reads go on."""
    con = sqlite3.connect(sqlite_path(rig.database_url), timeout=30, isolation_level=None)

    def lock() -> None:
        con.execute("BEGIN IMMEDIATE")

    def release() -> None:
        con.execute("ROLLBACK")
        con.close()

    label = f"SQLite write lock held past busy_timeout ({rig.busy_timeout_s:g} s)"
    return _blocked_probes(rig, lock, release, label, rig.busy_timeout_s)


# --- SQLite crowded with writers ------------------------------------------------------------


def sqlite_storm(rig: Rig, seconds: float, writers: int, extra_workers: int = 4) -> FaultRecord:
    """Many writers at once on one SQLite file: a second gunicorn on the same database,
    writers with no pause on both, and another process taking the write lock for a second
    at a time. No client may see "database is locked" (or any 5xx)."""
    ctx = rig.ctx
    rig.storms += 1
    name = (
        f"SQLite: {writers} writers on {rig.gunicorn.workers}+{extra_workers} gunicorn workers, "
        f"another process holding the write lock 1 s in 3, {seconds:g} s"
    )
    record = ctx.journal.add_fault(FaultRecord(name, "storm"))
    other = rig.side_server(extra_workers, f"storm{rig.storms}")
    second = rig.extra[-1]
    stop = threading.Event()
    storm_ctx = dataclasses.replace(ctx, stop=stop)
    held = Counter[str]()

    def hold_lock() -> None:
        con = sqlite3.connect(sqlite_path(rig.database_url), timeout=30, isolation_level=None)
        try:
            while not stop.wait(2.0):
                con.execute("BEGIN IMMEDIATE")
                time.sleep(1.0)
                con.execute("ROLLBACK")
                held["times"] += 1
        finally:
            con.close()

    record.started = time.monotonic()
    threads = [
        threading.Thread(
            target=client_loop,
            args=(
                storm_ctx,
                rig.server if n % 2 else other,
                rig.storms * 1000 + n,
                rig.storms * 1000 + n,
                True,
            ),
            daemon=True,
        )
        for n in range(writers)
    ]
    threads.append(threading.Thread(target=hold_lock, daemon=True))
    for t in threads:
        t.start()
    try:
        time.sleep(seconds)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=ctx.timeout * 2)
        second.stop()
    record.ended = record.until = time.monotonic()
    record.details.append(f"the outside lock was taken {held['times']} times")
    return record
