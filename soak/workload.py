"""The clients: reads, searches, creates with Idempotency-Key (retried, lost, doubled) and
PATCHes with If-Match racing on a few hot items. Every exchange goes into the journal."""

from __future__ import annotations

import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from soak.client import Reply, Server
from soak.journal import Attempt, CreateRecord, Journal, PatchRecord

COMPARISON = "/v1/topics/missile-defence-architecture/comparison"
FIXED_READS = [
    "/v1/quotes?limit=20",
    "/v1/quotes?limit=100&facets=speaker,kind",
    "/v1/actors?q=moscow&limit=5",
    "/v1/actors?limit=100",
    "/v1/positions?topic=missile-defence-architecture&facets=stance,actor",
    "/v1/events",
    "/v1/topics",
    "/v1/sources",
]
COMPARISONS = [
    COMPARISON,
    COMPARISON + "?actors=russia,nato",
    COMPARISON + "?as_of=2011-02-01&roll_up=true",
    "/v1/compare?actors=russia,nato",
]
TIMELINES = [
    "/v1/actors/russia/timeline",
    "/v1/actors/russia/timeline?from=2011&type=quote,position",
    "/v1/topics/missile-defence-architecture/timeline",
]
SEARCHES = ["common toys", "missile", "sectoral", "two independent systems", "Rogozin", "shield"]

# What a client does, and how often (weights).
MIX = (
    ("item", 16),
    ("list", 12),
    ("comparison", 9),
    ("timeline", 7),
    ("search", 10),
    ("changes", 3),
    ("create", 16),
    ("patch", 22),
    ("own", 5),
)
# How a create is sent: once; then again with the same key (replay); answer dropped then
# retried; two copies at once; then the key reused with another body (422).
CREATE_MODES = (("once", 55), ("retry", 17), ("lost", 14), ("concurrent", 8), ("reuse", 6))
RETRYABLE = (None, 502, 503, 504)
MAX_ATTEMPTS = 20


@dataclass
class Catalogue:
    """Ids of what the fixtures hold, read through the API before the load starts."""

    ids: dict[str, list[str]]
    source_texts: dict[str, str]
    words: list[str]


@dataclass
class Context:
    run: str
    token: str
    server: Server
    journal: Journal
    catalogue: Catalogue
    hot: list[tuple[str, str, str]] = field(default_factory=list)  # (collection, id, field)
    stop: threading.Event = field(default_factory=threading.Event)
    timeout: float = 30.0
    # No retry goes on after this (monotonic) time: the run must end.
    retry_deadline: float = float("inf")

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    names, weights = zip(*table, strict=True)
    return rng.choices(names, weights)[0]


def load_catalogue(server: Server, journal: Journal) -> Catalogue:
    ids: dict[str, list[str]] = {}
    for collection in ("quotes", "actors", "positions", "events", "topics", "sources"):
        path = f"/v1/{collection}?limit=500"
        reply = journal.call("setup", "GET", path, server.send("GET", path))
        if reply.status != 200:
            raise RuntimeError(f"GET {path}: {reply.status} {reply.excerpt()}")
        ids[collection] = [item["id"] for item in reply.body["items"]]
    texts = {}
    for source_id in ids["sources"]:
        path = f"/v1/sources/{source_id}"
        reply = journal.call("setup", "GET", path, server.send("GET", path))
        if reply.status != 200:
            raise RuntimeError(f"GET {path}: {reply.status} {reply.excerpt()}")
        texts[source_id] = reply.body["text"]
    words = sorted({w for t in texts.values() for w in re.findall(r"[A-Za-z]{6,}", t)})
    return Catalogue(ids, texts, words)


# --- bodies ---------------------------------------------------------------------------------


def actor_body(rng: random.Random, item_id: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "name": f"Soak group {item_id[-12:]}",
        "kind": rng.choice(["group", "organization", "media"]),
        "description": f"Made by the soak run, {rng.random():.6f}.",
        "aliases": [f"alias {rng.randrange(10**6)}"],
    }


def quote_body(rng: random.Random, catalogue: Catalogue, item_id: str) -> dict[str, Any]:
    source_id = rng.choice(sorted(catalogue.source_texts))
    text = catalogue.source_texts[source_id]
    words = [m.span() for m in re.finditer(r"\w[\w\u2019'-]*", text)]
    first = rng.randrange(len(words) - 12)
    start, end = words[first][0], words[first + rng.randint(3, 11)][1]
    return {
        "id": item_id,
        "source": source_id,
        "text": text[start:end],
        "start": start,
        "end": end,
        "speaker": rng.choice(catalogue.ids["actors"]),
        "kind": "partial",
        "date": rng.choice(["2011", "2011-01", "2011-01-26", "2011-06"]),
    }


# --- writes ---------------------------------------------------------------------------------


def _post(
    ctx: Context,
    server: Server,
    record: CreateRecord,
    body: dict[str, Any],
    *,
    lose: bool = False,
    op: str = "create",
    expected: tuple[int, ...] = (201,),
    label: str = "main",
) -> Reply:
    path = f"/v1/{record.collection}"
    headers = {**ctx.auth, "Idempotency-Key": record.key}
    reply = server.send("POST", path, body, headers, timeout=ctx.timeout, lose_response=lose)
    ctx.journal.call(op, "POST", path, reply, () if lose else expected, label)
    return reply


def resolve(ctx: Context, server: Server, record: CreateRecord, rng: random.Random, label: str):
    """Retry with the same key and body until the service gives an answer that is not
    'try again': as a careful client would after a timeout, a 503 or a dropped answer."""
    while len(record.attempts) < MAX_ATTEMPTS and time.monotonic() < ctx.retry_deadline:
        last = record.attempts[-1].reply if record.attempts else None
        earlier_unknown = any(a.reply.status in RETRYABLE for a in record.attempts[:-1]) or bool(
            last and last.status in RETRYABLE
        )
        if last is not None and last.status not in RETRYABLE:
            if not (last.status == 409 and earlier_unknown):
                return
            # 409 while an earlier attempt with this key may still be running: the service
            # should have answered with that attempt's response. Retry to see if it does.
            ctx.journal.finding(
                "a retry while the first attempt was unanswered got 409, not the first response",
                f"POST /v1/{record.collection} (Idempotency-Key {record.key}) retried while "
                f"an earlier attempt was unanswered: {last.status} {last.excerpt(200)}",
            )
        if last is not None:
            retry_after = last.headers.get("retry-after", "")
            # Retry-After, up to 2 s: an impatient client, but one that backs off.
            wait = min(float(retry_after), 2.0) if retry_after.isdigit() else 0.3
            if last.error == "lost on purpose":
                wait = 0.0  # gave up waiting for the answer: send again now
            time.sleep(wait * rng.uniform(0.5, 1.0))
        expected = (201, 409) if earlier_unknown else (201,)
        reply = _post(ctx, server, record, record.body, op="create", expected=expected, label=label)
        record.attempts.append(Attempt(reply))


def create(
    ctx: Context,
    server: Server,
    rng: random.Random,
    name: str,
    mode: str | None = None,
    label: str = "main",
    collection: str | None = None,
) -> CreateRecord:
    mode = mode or _weighted(rng, CREATE_MODES)
    item_id = f"soak-{ctx.run}-{name}"
    collection = collection or rng.choice(["actors", "quotes"])
    if collection == "actors":
        body = actor_body(rng, item_id)
    else:
        body = quote_body(rng, ctx.catalogue, item_id)
    record = ctx.journal.add_create(
        CreateRecord(f"{ctx.run}-{name}", collection, item_id, body, mode)
    )
    if mode == "lost":
        reply = _post(ctx, server, record, body, lose=True, label=label)
        record.attempts.append(Attempt(reply, lost=True))
        if rng.random() < 0.5:  # a client that times out late, or one that retries at once
            time.sleep(rng.uniform(0.2, 1.0))
    elif mode == "concurrent":
        replies: list[Reply] = []
        barrier = threading.Barrier(2)

        def twin() -> None:
            barrier.wait()
            replies.append(_post(ctx, server, record, body, expected=(201, 409), label=label))

        twins = [threading.Thread(target=twin) for _ in range(2)]
        for t in twins:
            t.start()
        for t in twins:
            t.join()
        record.attempts.extend(Attempt(r, concurrent=True) for r in replies)
        if any(r.status == 409 for r in replies) and any(r.ok for r in replies):
            ctx.journal.finding(
                "two POSTs at once with one Idempotency-Key: 201 and 409, not 201 twice",
                f"two POSTs at once with Idempotency-Key {record.key}: "
                + ", ".join(f"{r.status} {r.excerpt(160)}" for r in replies),
            )
        if any(r.ok for r in replies):
            return record
    resolve(ctx, server, record, rng, label)
    if record.acked and mode == "retry":
        # The deliberate retry: same key, same body, answered with the first response.
        reply = _post(ctx, server, record, body, op="create-replay", label=label)
        record.attempts.append(Attempt(reply))
    elif record.acked and mode == "reuse":
        other = {**body, "notes": "another body under the same key"}
        record.reuse_reply = _post(
            ctx, server, record, other, op="create-reuse", expected=(422,), label=label
        )
    return record


def patch(
    ctx: Context, server: Server, rng: random.Random, name: str, label: str = "main"
) -> PatchRecord | None:
    collection, item_id, fld = rng.choice(ctx.hot)
    path = f"/v1/{collection}/{item_id}"
    got = ctx.journal.call(
        "patch-get", "GET", path, server.send("GET", path, timeout=ctx.timeout), server=label
    )
    etag = got.headers.get("etag")
    if got.status != 200 or not etag or not isinstance(got.body, dict):
        return None
    time.sleep(rng.uniform(0, 0.02))  # others GET the same ETag meanwhile: races
    marker = f"soak {ctx.run} {name}"
    headers = {**ctx.auth, "If-Match": etag}
    reply = server.send("PATCH", path, {fld: marker}, headers, timeout=ctx.timeout)
    ctx.journal.call("patch", "PATCH", path, reply, (200, 412), label)
    record = PatchRecord(collection, item_id, fld, marker, got.body, etag, reply)
    return ctx.journal.add_patch(record)


# --- reads ----------------------------------------------------------------------------------


def read(ctx: Context, server: Server, rng: random.Random, op: str, own: list[CreateRecord]):
    ids = ctx.catalogue.ids
    if op == "item":
        collection = rng.choice(sorted(ids))
        path = f"/v1/{collection}/{rng.choice(ids[collection])}"
    elif op == "list":
        choices = [
            *FIXED_READS,
            f"/v1/quotes?speaker={rng.choice(ids['actors'])}",
            f"/v1/positions?topic={rng.choice(ids['topics'])}",
        ]
        path = rng.choice(choices)
    elif op == "comparison":
        path = rng.choice([*COMPARISONS, f"/v1/topics/{rng.choice(ids['topics'])}/comparison"])
    elif op == "timeline":
        path = rng.choice([*TIMELINES, f"/v1/actors/{rng.choice(ids['actors'])}/timeline"])
    elif op == "search":
        words = [*SEARCHES, rng.choice(ctx.catalogue.words)]
        path = f"/v1/search?q={quote(rng.choice(words))}"
    elif op == "changes":
        path = f"/v1/changes?since={rng.randrange(400)}&limit=100"
    else:  # own: read back something this client created and was told about
        done = [r for r in own if r.acked]
        if not done:
            return
        record = rng.choice(done)
        path = f"/v1/{record.collection}/{record.item_id}"
        reply = ctx.journal.call("read-own", "GET", path, server.send("GET", path))
        if reply.status == 200 and reply.body != record.acked[0].body:
            ctx.journal.violation(f"GET {path} differs from the acknowledged create")
        elif reply.status == 404:
            ctx.journal.violation(f"GET {path}: 404 after the create was acknowledged")
        return
    ctx.journal.call(op, "GET", path, server.send("GET", path, timeout=ctx.timeout))


def client_loop(ctx: Context, server: Server, number: int, seed: int, writes_only: bool = False):
    rng = random.Random(seed)
    own: list[CreateRecord] = []
    mix = tuple((op, w) for op, w in MIX if op in ("create", "patch")) if writes_only else MIX
    label = "storm" if writes_only else "main"
    n = 0
    while not ctx.stop.is_set():
        n += 1
        name = f"{'w' if writes_only else 'c'}{number}-{n}"
        op = _weighted(rng, mix)
        if op == "create":
            own.append(create(ctx, server, rng, name, label=label))
        elif op == "patch":
            patch(ctx, server, rng, name, label=label)
        else:
            read(ctx, server, rng, op, own)
        if not writes_only:
            time.sleep(rng.uniform(0, 0.01))


def make_hot_items(ctx: Context) -> None:
    """The few items every client races to PATCH: two actors (description), a quote (notes)."""
    rng = random.Random(0)
    for i, (collection, fld) in enumerate(
        (("actors", "description"), ("actors", "description"), ("quotes", "notes"))
    ):
        record = create(ctx, ctx.server, rng, f"hot{i}", mode="once", collection=collection)
        if not record.acked:
            raise RuntimeError(f"could not create hot item {record.item_id}: {record.attempts}")
        ctx.hot.append((collection, record.item_id, fld))
