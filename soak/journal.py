"""What the clients did and saw: every request, every create and PATCH, every fault."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from soak.client import Reply


@dataclass
class Call:
    """One HTTP exchange, as the client saw it."""

    op: str
    method: str
    path: str
    reply: Reply
    expected: frozenset[int]
    server: str = "main"

    @property
    def started(self) -> float:
        return self.reply.started

    @property
    def ended(self) -> float:
        return self.reply.started + self.reply.elapsed


@dataclass
class Attempt:
    reply: Reply
    lost: bool = False  # the answer was dropped on purpose
    concurrent: bool = False  # sent at the same moment as another attempt with the same key


@dataclass
class CreateRecord:
    """Every attempt made with one Idempotency-Key, all with the same body."""

    key: str
    collection: str
    item_id: str
    body: dict[str, Any]
    mode: str
    attempts: list[Attempt] = field(default_factory=list)
    reuse_reply: Reply | None = None  # the same key with another body: must be a 422

    @property
    def acked(self) -> list[Reply]:
        return [a.reply for a in self.attempts if a.reply.ok]

    @property
    def unknown(self) -> bool:
        """No attempt was answered 2xx, and one may have been done: lost, cut or 503."""
        return not self.acked and any(
            a.reply.status is None or a.reply.status >= 500 for a in self.attempts
        )


@dataclass
class PatchRecord:
    """A PATCH with If-Match, and the GET it was based on."""

    collection: str
    item_id: str
    field: str
    marker: str
    base: dict[str, Any]
    etag: str
    reply: Reply
    origin: str = "client"

    @property
    def acked(self) -> bool:
        return self.reply.status == 200

    @property
    def unknown(self) -> bool:
        return self.reply.status is None or self.reply.status >= 500


@dataclass
class FaultRecord:
    name: str
    kind: str  # outage, kill, statement-timeout, lock-timeout, storm
    started: float = 0.0
    ended: float = 0.0
    # 503s (clean ones) and dropped connections are expected between started and until.
    until: float = 0.0
    expect_503: bool = False
    kill_times: list[float] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: str | None = None

    @property
    def survived(self) -> bool:
        return self.skipped is None and not self.problems

    def covers(self, call: Call, grace: float = 0.5) -> bool:
        return call.started <= self.until + grace and call.ended >= self.started - grace

    def killed(self, call: Call) -> bool:
        """A connection dropped by one of this fault's SIGKILLs."""
        return any(call.started - 0.2 <= t <= call.ended + 0.5 for t in self.kill_times)


class Journal:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.calls: list[Call] = []
        self.creates: list[CreateRecord] = []
        self.patches: list[PatchRecord] = []
        self.faults: list[FaultRecord] = []
        self.violations: list[str] = []  # seen during the run (read-your-writes, partial writes)
        self.findings: list[tuple[str, str]] = []  # (kind, example): deviations losing nothing

    def call(
        self,
        op: str,
        method: str,
        path: str,
        reply: Reply,
        expected: tuple[int, ...] = (200,),
        server: str = "main",
    ) -> Reply:
        with self._lock:
            self.calls.append(Call(op, method, path, reply, frozenset(expected), server))
        return reply

    def add_create(self, record: CreateRecord) -> CreateRecord:
        with self._lock:
            self.creates.append(record)
        return record

    def add_patch(self, record: PatchRecord) -> PatchRecord:
        with self._lock:
            self.patches.append(record)
        return record

    def add_fault(self, record: FaultRecord) -> FaultRecord:
        with self._lock:
            self.faults.append(record)
        return record

    def violation(self, text: str) -> None:
        with self._lock:
            self.violations.append(text)

    def finding(self, kind: str, text: str) -> None:
        with self._lock:
            self.findings.append((kind, text))
