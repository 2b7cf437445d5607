"""After the load: prove that what the service acknowledged is there, once, and that no
PATCH was lost; count every answer; pair 5xx with the tracebacks in the gunicorn logs."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from soak.client import Reply, Server
from soak.journal import Call, CreateRecord, FaultRecord, Journal, PatchRecord

TIMESTAMPS = ("created_at", "updated_at")
READ_OPS = {"item", "list", "comparison", "timeline", "changes", "read-own", "patch-get"}
WRITE_OPS = {"create", "create-replay", "create-reuse", "patch", "probe-write", "kill-write"}


def strip(body: Any) -> Any:
    """An item as its revision snapshots hold it: without timestamps."""
    if not isinstance(body, dict):
        return body
    return {k: v for k, v in body.items() if k not in TIMESTAMPS}


def canonical(body: Any) -> str:
    return json.dumps(body, sort_keys=True)


@dataclass
class Report:
    database: str
    form: str
    duration: float
    clients: int
    rows: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, note)
    failures: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    faults: list[FaultRecord] = field(default_factory=list)
    tracebacks: list[tuple[int, str]] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    latency: dict[str, str] = field(default_factory=dict)
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def table(self) -> str:
        title = (
            f"soak audit: {self.database}, {self.form} form, {self.duration:.0f} s, "
            f"{self.clients} clients, gunicorn -w 2"
        )
        width = max(len(r[0]) for r in self.rows) + 2
        vwidth = max(len(r[1]) for r in self.rows) + 2
        lines = [title, "=" * len(title)]
        for name, value, note in self.rows:
            lines.append(f"{name:<{width}}{value:>{vwidth}}   {note}".rstrip())
        if self.latency:
            lines.append("")
            lines.extend(f"latency (s) {k}: {v}" for k, v in self.latency.items())
        if self.faults:
            lines.append("")
            lines.append("faults")
            for fault in self.faults:
                verdict = (
                    f"SKIPPED ({fault.skipped})"
                    if fault.skipped
                    else ("survived" if fault.survived else "NOT SURVIVED")
                )
                lines.append(f"  - {fault.name}: {verdict}")
                lines.extend(f"      {d}" for d in fault.details)
                lines.extend(f"      ! {p}" for p in fault.problems)
        if self.findings:
            lines.append("")
            lines.append("contract deviations (nothing lost, but not as documented)")
            lines.extend(f"  - {f}" for f in self.findings)
        lines.append("")
        if self.failures:
            lines.append(f"FAILED: {len(self.failures)} check(s)")
            lines.extend(f"  - {f}" for f in self.failures)
            if self.examples:
                lines.append("examples")
                lines.extend(f"  {e}" for e in self.examples)
            if self.tracebacks:
                lines.append("tracebacks in the gunicorn log (count, last lines)")
                for count, tb in self.tracebacks:
                    lines.append(f"  [{count}x]")
                    lines.extend(f"    {line}" for line in tb.splitlines())
        else:
            lines.append("PASSED: zeros where zeros belong")
        return "\n".join(lines)


def _dedupe(items: list[str], limit: int = 12) -> list[str]:
    counts = Counter(re.sub(r"soak-\w+-[\w-]+|\b\d+\b", "…", i) for i in items)
    firsts: dict[str, str] = {}
    for item in items:
        firsts.setdefault(re.sub(r"soak-\w+-[\w-]+|\b\d+\b", "…", item), item)
    out = [f"{firsts[k]}" + (f"  (x{n})" if n > 1 else "") for k, n in counts.most_common()]
    return out[:limit] + ([f"… and {len(out) - limit} more kinds"] if len(out) > limit else [])


LOG_LINE = re.compile(r"^\[\d{4}-\d\d-\d\d[ T]")


def parse_tracebacks(logs: list[Path]) -> list[tuple[int, str]]:
    """Tracebacks in gunicorn logs (a log record and the lines under it), grouped by their
    last line, each shown once with its count. Worker kills by the soak itself are left out."""
    found: dict[str, tuple[int, str]] = {}
    for log in logs:
        if not log.exists():
            continue
        record: list[str] = []
        for line in [*log.read_text(errors="replace").splitlines(), "[0000-00-00 end]"]:
            if LOG_LINE.match(line) or line.startswith("[0000"):
                if any(r.startswith("Traceback") for r in record):
                    last = next(r for r in reversed(record) if r.strip())
                    key = re.sub(r"0x[0-9a-f]+|\b\d+\b|'[^']*'", "…", last)
                    count, first = found.get(key, (0, "\n".join(record)))
                    found[key] = (count + 1, first)
                record = [line]
            else:
                record.append(line)
    out = []
    for count, text in sorted(found.values(), key=lambda x: -x[0]):
        lines = [ln for ln in text.splitlines() if ln.strip().strip("^~") != ""]
        # Where it came from (the app's frames) and what it was; library frames are noise.
        keep: list[str] = []
        skip_code = False
        for ln in lines:
            if ln.startswith("  File"):
                skip_code = "/work/" not in ln or "/site-packages/" in ln
                if skip_code:
                    continue
            elif skip_code and ln.startswith("    "):
                continue
            else:
                skip_code = False
            keep.append(ln)
        out.append((count, "\n".join(keep[:60])))
    return out


class Audit:
    def __init__(self, server: Server, journal: Journal, run: str, hot, logs: list[Path]):  # type: ignore[no-untyped-def]
        self.server = server
        self.journal = journal
        self.run = run
        self.hot = hot
        self.logs = logs
        self.failures: list[str] = []
        self.examples: list[str] = []
        self.audit_requests = 0
        self.unresolved: list[str] = []

    # --- helpers ----------------------------------------------------------------------------

    def get(self, path: str) -> Reply:
        self.audit_requests += 1
        for _ in range(5):
            reply = self.server.send("GET", path, timeout=60)
            if reply.status is not None and reply.status < 500:
                return reply
        return reply

    def history(self, collection: str, item_id: str) -> list[dict[str, Any]] | None:
        revisions: list[dict[str, Any]] = []
        since = 0
        while True:
            reply = self.get(f"/v1/{collection}/{item_id}/revisions?since={since}&limit=500")
            if reply.status == 404:
                return None
            if reply.status != 200:
                raise RuntimeError(f"revisions of {collection}/{item_id}: {reply.status}")
            revisions.extend(reply.body["items"])
            if not reply.body["items"]:
                return revisions
            since = reply.body["next_since"]

    def feed(self) -> list[dict[str, Any]]:
        revisions: list[dict[str, Any]] = []
        since = 0
        while True:
            reply = self.get(f"/v1/changes?since={since}&limit=500")
            if reply.status != 200:
                raise RuntimeError(f"/v1/changes?since={since}: {reply.status}")
            revisions.extend(reply.body["items"])
            if not reply.body["items"]:
                return revisions
            since = reply.body["next_since"]

    def fail(self, text: str) -> None:
        self.failures.append(text)

    # --- the calls --------------------------------------------------------------------------

    def classify(self, call: Call, faults: list[FaultRecord]) -> str:
        reply = call.reply
        if reply.error == "lost on purpose":
            return "lost on purpose"
        if reply.status is None:
            if any(f.killed(call) for f in faults):
                return "cut off by a worker kill"
            return "timeout" if "timed out" in (reply.error or "") else "connection error"
        if reply.status >= 500:
            if reply.is_clean_503 and any(f.expect_503 and f.covers(call) for f in faults):
                return "503 during a fault"
            return "5xx"
        if not call.expected or reply.status in call.expected:
            return "expected"
        return "unexpected status"

    def calls(self, report: Report) -> dict[str, int]:
        faults = self.journal.faults
        by_class: Counter[str] = Counter()
        by_status: Counter[str] = Counter()
        bad_503 = 0
        for call in self.journal.calls:
            kind = self.classify(call, faults)
            by_class[kind] += 1
            status = call.reply.status
            by_status[f"status {status // 100}xx" if status else "status none"] += 1
            if kind in ("5xx", "unexpected status", "connection error", "timeout"):
                self.examples.append(
                    f"{call.method} {call.path} [{call.op}, {call.server}] -> "
                    f"{status or ''} {call.reply.excerpt(240)}"
                )
            if status == 503 and not call.reply.is_clean_503:
                bad_503 += 1
            for fault in faults:
                if not fault.covers(call, grace=0):
                    continue
                if kind in ("5xx", "connection error", "timeout"):
                    fault.problems.append(f"{call.method} {call.path}: {status} {kind}")
        for fault in faults:
            if len(fault.problems) > 6:
                n = len(fault.problems)
                fault.problems[:] = [*_dedupe(fault.problems, 5), f"({n} problems in all)"]
        self.examples = _dedupe(self.examples, 15)
        return {**by_class, **by_status, "bad 503": bad_503}

    # --- creates ----------------------------------------------------------------------------

    def creates(self, feed: list[dict[str, Any]]) -> dict[str, int]:
        records = self.journal.creates
        created = Counter(
            (r["collection"], r["item_id"])
            for r in feed
            if r["action"] == "create" and r["item_id"].startswith(f"soak-{self.run}-")
        )
        by_item = {(r.collection, r.item_id): r for r in records}
        snapshots = defaultdict(list)
        for r in feed:
            snapshots[(r["collection"], r["item_id"])].append(r)

        def check(record: CreateRecord) -> tuple[str, Reply]:
            return record.item_id, self.get(f"/v1/{record.collection}/{record.item_id}")

        with ThreadPoolExecutor(8) as pool:
            items = dict(pool.map(check, records))
        self.audit_requests += 0
        acked = found = unknown_present = unknown_absent = rejected = replays = 0
        unresolved: list[str] = []
        for record in records:
            item = items[record.item_id]
            history = snapshots.get((record.collection, record.item_id), [])
            actions = [h["action"] for h in history]
            where = f"{record.collection}/{record.item_id} (key {record.key}, {record.mode})"
            if record.acked:
                acked += 1
                bodies = {canonical(r.body) for r in record.acked}
                replays += len(record.acked) - 1
                if len(bodies) > 1:
                    self.fail(f"{where}: retries with the same key got different bodies")
                if record.mode == "retry" and record.attempts[-1].reply.ok:
                    last = record.attempts[-1].reply
                    if last.headers.get("idempotent-replayed") != "true":
                        self.journal.finding(
                            "a replayed answer without Idempotent-Replayed: true",
                            f"{where}: the deliberate retry was not marked Idempotent-Replayed",
                        )
                reuse = record.reuse_reply
                if reuse is not None and reuse.status not in (None, 422) and not reuse.is_clean_503:
                    self.fail(f"{where}: same key, another body answered {reuse.status}, not 422")
                first = record.acked[0].body
                before_ack = []
                for attempt in record.attempts:
                    if attempt.reply.ok:
                        break
                    before_ack.append(attempt.reply)
                if (
                    record.mode != "concurrent"
                    and before_ack
                    and all(r.status == 503 for r in before_ack)
                    and record.acked[0].headers.get("idempotent-replayed") == "true"
                ):
                    self.journal.finding(
                        "a create answered 503 ('nothing was changed') had committed",
                        f"POST /v1/{record.collection} (key {record.key}) was answered 503 "
                        "('nothing was changed') but had committed: the retry got the replay",
                    )
                hot = any(record.item_id == h[1] for h in self.hot)  # PATCHed since: no compare
                if item.status != 200:
                    self.fail(f"{where}: acknowledged (201) but GET answers {item.status}")
                elif item.body != first and not hot:
                    self.fail(f"{where}: GET differs from the acknowledged body")
                elif actions[:1] != ["create"] or (actions != ["create"] and not hot):
                    self.fail(f"{where}: history {actions}, expected one create")
                elif history[0]["after"] != strip(first):
                    self.fail(f"{where}: the create revision differs from the acknowledged body")
                else:
                    found += 1
            elif record.unknown:
                unresolved.append(
                    f"{record.key}: " + " ".join(str(a.reply.status) for a in record.attempts)
                )
                present = item.status == 200
                if present != (actions == ["create"]) or item.status not in (200, 404):
                    self.fail(f"{where}: partial write: GET {item.status}, history {actions}")
                elif present:
                    unknown_present += 1
                else:
                    unknown_absent += 1
            else:
                rejected += 1
                statuses = [a.reply.status for a in record.attempts]
                last = record.attempts[-1].reply.excerpt() if record.attempts else ""
                self.fail(f"{where}: create refused {statuses}: {last}")
                if item.status != 404 or actions:
                    self.fail(f"{where}: a refused create left something: GET {item.status}")
        for key, n in created.items():
            if n > 1:
                self.fail(f"{key[0]}/{key[1]}: created {n} times")
            if key not in by_item:
                self.fail(f"{key[0]}/{key[1]}: created, but by no request this run made")
        items_created = len(created)
        if items_created != acked + unknown_present:
            self.fail(
                f"items created {items_created} != acknowledged {acked} + committed but "
                f"unacknowledged {unknown_present}"
            )
        self.unresolved = unresolved
        return {
            "keys": len(records),
            "acked": acked,
            "found": found,
            "replays": replays,
            "unknown present": unknown_present,
            "unknown absent": unknown_absent,
            "rejected": rejected,
            "items created": items_created,
            "duplicates": sum(n - 1 for n in created.values() if n > 1),
        }

    # --- patches ----------------------------------------------------------------------------

    def patches(self, feed: list[dict[str, Any]]) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for collection, item_id, fld in self.hot:
            where = f"{collection}/{item_id}"
            history = self.history(collection, item_id) or []
            ident = (collection, item_id)
            mine = [r for r in self.journal.patches if (r.collection, r.item_id) == ident]
            by_marker: dict[str, PatchRecord] = {p.marker: p for p in mine}
            in_feed = [r["id"] for r in feed if (r["collection"], r["item_id"]) == ident]
            if [r["id"] for r in history] != in_feed:
                self.fail(f"{where}: its revisions and /v1/changes disagree")
            actions = [r["action"] for r in history]
            if not actions or actions[0] != "create" or set(actions[1:]) - {"update"}:
                self.fail(f"{where}: history is {Counter(actions)}, expected create + updates")
            broken = sum(1 for a, b in itertools.pairwise(history) if b["before"] != a["after"])
            if broken:
                totals["lost"] += broken
                self.fail(f"{where}: {broken} revision(s) whose before is not the previous after")
            seen: Counter[str] = Counter()
            for rev in history[1:]:
                marker = (rev.get("after") or {}).get(fld)
                seen[marker] += 1
                patch = by_marker.get(marker)
                if patch is None:
                    self.fail(f"{where}: revision {rev['id']} sets {marker!r}, sent by no one")
                    continue
                if patch.acked:
                    if rev["before"] != strip(patch.base):
                        totals["lost"] += 1
                        self.fail(
                            f"{where}: PATCH {marker!r} applied to a state other than the one "
                            "its If-Match named"
                        )
                    if rev["after"] != strip(patch.reply.body):
                        self.fail(f"{where}: PATCH {marker!r} answered a body its revision lacks")
                elif patch.unknown:
                    totals["unknown committed"] += 1
                    if patch.reply.status == 503:
                        self.journal.finding(
                            "a PATCH answered 503 ('nothing was changed') had committed",
                            f"PATCH {where} was answered 503 ('nothing was changed') but its "
                            f"change {marker!r} is in the history",
                        )
                else:
                    totals["lost"] += 1
                    self.fail(
                        f"{where}: PATCH {marker!r} was answered {patch.reply.status} but changed "
                        "the item"
                    )
            for patch in mine:
                if patch.acked:
                    totals["acked"] += 1
                    if seen[patch.marker] != 1:
                        totals["missing"] += 1
                        self.fail(
                            f"{where}: acknowledged PATCH {patch.marker!r} is in the history "
                            f"{seen[patch.marker]} times"
                        )
                    else:
                        totals["found"] += 1
                elif patch.reply.status == 412:
                    totals["412"] += 1
                elif patch.unknown:
                    totals["unknown"] += 1
                else:
                    totals["other"] += 1
            totals["updates"] += len(history) - 1
            current = self.get(f"/v1/{collection}/{item_id}")
            if history and strip(current.body) != history[-1]["after"]:
                self.fail(f"{where}: the item is not what its last revision says")
        return dict(totals)

    # --- all of it --------------------------------------------------------------------------

    def report(self, database: str, form: str, duration: float, clients: int) -> Report:
        report = Report(database, form, duration, clients, faults=self.journal.faults)
        feed = self.feed()
        c = self.creates(feed)
        p = self.patches(feed)
        k = self.calls(report)
        for violation in self.journal.violations:
            self.fail(violation)
        five = k.get("5xx", 0)
        cut = k.get("connection error", 0) + k.get("timeout", 0)
        unexpected = k.get("unexpected status", 0)
        if five:
            self.fail(f"{five} 5xx answers outside the 503s a fault may cause")
        if k.get("bad 503"):
            self.fail(f"{k['bad 503']} 503s without a problem document and Retry-After")
        if cut:
            self.fail(f"{cut} requests got no answer (not cut by a worker kill)")
        if unexpected:
            self.fail(f"{unexpected} answers with a status the request did not expect")
        for fault in self.journal.faults:
            if not fault.survived and not fault.skipped:
                self.fail(f"fault not survived: {fault.name}")
        total = len(self.journal.calls)
        writes_acked = c["acked"] + p.get("acked", 0)
        writes_found = c["found"] + p.get("found", 0)
        reads = sum(1 for x in self.journal.calls if x.op in READ_OPS | {"setup", "probe-read"})
        searches = sum(1 for x in self.journal.calls if x.op == "search")
        writes = total - reads - searches
        injected = [f for f in self.journal.faults if not f.skipped]
        report.rows = [
            ("requests", str(total), f"reads {reads}, searches {searches}, writes {writes}"),
            (
                "  answers",
                "",
                f"2xx {k.get('status 2xx', 0)}, 3xx {k.get('status 3xx', 0)}, "
                f"4xx {k.get('status 4xx', 0)}, 5xx {k.get('status 5xx', 0)}, "
                f"none {k.get('status none', 0)} (of which {k.get('lost on purpose', 0)} "
                "dropped on purpose to test retries)",
            ),
            ("  rate", f"{total / max(duration, 1):.0f}/s", ""),
            (
                "writes acknowledged (2xx)",
                str(writes_acked),
                f"creates {c['acked']} (of {c['keys']} keys), PATCHes {p.get('acked', 0)}",
            ),
            (
                "writes found",
                str(writes_found),
                f"of {writes_acked}; plus {c['unknown present'] + p.get('unknown committed', 0)} "
                "committed whose answer was lost (a kill, a 503)",
            ),
            (
                "duplicates",
                str(c["duplicates"]),
                f"{c['keys']} keys, {c['items created']} items created, "
                f"{c['replays']} replayed answers identical",
            ),
            (
                "lost updates",
                str(p.get("lost", 0) + p.get("missing", 0)),
                f"{p.get('updates', 0)} update revisions = {p.get('acked', 0)} PATCHes 200 + "
                f"{p.get('unknown committed', 0)} unanswered; "
                f"{p.get('412', 0)} PATCHes 412 left the items unchanged",
            ),
            (
                "5xx",
                str(five),
                f"(+{k.get('503 during a fault', 0)} clean 503 while a fault was on)",
            ),
            ("no answer", str(cut), f"(+{k.get('cut off by a worker kill', 0)} cut by kills)"),
            ("unexpected status", str(unexpected), ""),
            (
                "faults injected / survived",
                f"{len(injected)}/{sum(1 for f in injected if f.survived)}",
                ", ".join(f.kind for f in injected),
            ),
        ]
        report.figures = {
            "requests": total,
            "writes_acknowledged": writes_acked,
            "writes_found": writes_found,
            "duplicates": c["duplicates"],
            "lost_updates": p.get("lost", 0) + p.get("missing", 0),
            "5xx": five,
            "faults_injected": len(injected),
            "faults_survived": sum(1 for f in injected if f.survived),
        }
        report.latency = latency(self.journal.calls)
        report.failures = _dedupe(self.failures, 25)
        kinds: dict[str, list[str]] = defaultdict(list)
        for kind, example in self.journal.findings:
            kinds[kind].append(example)
        report.findings = [
            f"{kind}: {len(examples)}x, e.g.\n      {examples[0]}"
            for kind, examples in sorted(kinds.items(), key=lambda kv: -len(kv[1]))
        ]
        if self.unresolved:
            report.findings.append(
                f"{len(self.unresolved)} create(s) never answered 2xx before the run ended "
                "(all there or all absent, checked): " + "; ".join(self.unresolved[:5])
            )
        report.examples = self.examples
        if report.failures:
            report.tracebacks = parse_tracebacks(self.logs)
        return report


def latency(calls: list[Call]) -> dict[str, str]:
    out = {}
    by_op: dict[str, list[float]] = defaultdict(list)
    for c in calls:
        if c.reply.status and c.reply.status < 500:
            by_op[c.op].append(c.reply.elapsed)
    out["p50 by op"] = ", ".join(
        f"{op} {sorted(t)[len(t) // 2]:.3f}" for op, t in sorted(by_op.items()) if len(t) >= 20
    )
    groups = {"reads": READ_OPS | {"search"}, "writes": WRITE_OPS}
    for name, ops in groups.items():
        times = sorted(c.reply.elapsed for c in calls if c.op in ops and c.reply.status)
        if times:
            p = lambda q, t=times: t[min(int(q * len(t)), len(t) - 1)]  # noqa: E731
            out[name] = f"p50 {p(0.5):.3f} p99 {p(0.99):.3f} max {times[-1]:.2f}"
    return out
