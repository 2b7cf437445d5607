"""Synthetic data at scale: `python -m bench.synth --quotes N` for benchmarks.

A deterministic record of realistic shape (actors with aliases and affiliations, topics with
options, positions citing quotes or source spans, events with participants, quotes with spans
into generated source texts), written with SQLAlchemy Core `insert()` executemany in batches:
the ORM writers check one item at a time and would take hours at a million quotes.

Every row keeps the invariants the API enforces: a quote's text is its source's text at its
span, excerpts are copied from the source, partial dates carry their earliest/latest days,
every searchable item has its row in the full-text index, version is 1. Ids are slugs such as
`synth-quote-000123`. The same `quotes` and `seed` give the same rows on SQLite and PostgreSQL.

Sizes grow with `quotes` (N): N/20 sources and actors, N/10 positions over N/300 topics (about
30 positions a topic at every size, so a comparison costs the same at 10k and at 1M), N/100
events.
"""

from __future__ import annotations

import bisect
import hashlib
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import accumulate
from typing import Any, TextIO

from sqlalchemy import Engine, Table, column, event, func, select, table
from sqlalchemy.engine import Connection

from api.db import make_engine
from api.models import (
    Actor,
    ActorAlias,
    ActorIdentifier,
    Affiliation,
    Event,
    EventEvidence,
    EventParticipant,
    Option,
    Position,
    PositionEvidence,
    Quote,
    Source,
    Topic,
)
from api.models.partial_dates import PartialDate

PREFIX = "synth"
# A word in about a third of the quotes (and so in most sources): the "common word" searches
# use; RARE_WORD is in about one quote in a thousand.
COMMON_WORD = "missile"
RARE_WORD = "zeppelin"
# Every synth row carries this time: the same seed gives the same bytes.
CREATED_AT = datetime(2025, 1, 1, tzinfo=UTC)
FIRST_DAY, LAST_DAY = date(2005, 1, 1), date(2016, 12, 31)
BATCH = 5000
# Curly apostrophes in the filler, as in real articles: spans count code points, not bytes.
APOSTROPHE = "\u2019"

# Vocabulary, split once at import (one string per list keeps the module short).
_VOCABULARY = """
defence shield radar system cooperation security alliance treaty talks agreement proposal
guarantees deployment nuclear strategic forces interceptors sectoral independent joint analysis
framework council summit ministers ambassadors partners threat region europe border
ratification verification arms control reduction transparency commitments obligations
negotiations dialogue sanctions pipeline energy exports trade tariffs budget spending reform
election parliament government opposition coalition referendum constitution court ruling
investigation report inspectors observers mission ceasefire withdrawal troops bases exercises
patrol airspace navy fleet satellite launch test warhead enrichment reactor facility inspection
protocol annex clause article amendment deadline timetable roadmap compromise concession
guarantee assurance pledge position stance objection reservation demand request response reply
statement declaration communique briefing interview remarks speech address conference meeting
session round delegation envoy representative spokesman official minister president premier
chancellor secretary general commander chief staff adviser analyst expert diplomat observer
neighbour ally rival counterpart capital province district city port corridor route network
infrastructure investment funding loan credit debt currency market prices inflation growth
crisis recovery stability partnership integration accession membership enlargement
architecture balance deterrence escalation tension dispute conflict settlement peace process
plan vision approach option solution alternative scenario risk danger challenge concern
priority interest principle value rule law norm order
"""
_WORDS = tuple(_VOCABULARY.split())
_GLUE_WORDS = "the of and to in that a on for with is will would not we our their this be"
_GLUE = tuple(_GLUE_WORDS.split())
_OPENERS = (
    "We", "Our partners", "The government", "Nobody", "Everyone", "This", "Our position",
    "The other side", "Today we", "I", "Frankly, we", "In principle we", "Of course",
)  # fmt: skip
_VERBS = (
    "want", "need", "cannot accept", "support", "reject", "propose", "insist on", "welcome",
    "oppose", "will not allow", "are ready for", "expect", "demand", "hope for", "discussed",
)  # fmt: skip
_FIRST_NAMES = """
Anna Boris Carla Dmitri Elena Farid Greta Hugo Irina Jonas Katarzyna Lars Marta Nikolai Olga
Pavel Quentin Rosa Sergei Tomasz Ursula Viktor Wanda Xavier Yulia Zoltán Ahmet Bérénice Chloé
Dariusz Émile Fatima Gunnar Hana Ivo Jiří Kateřina Luís
"""
_LAST_NAMES = """
Andersen Baranov Costa Dumont Ekström Fischer García Horvat Ivanova Jansen Kowalski Lindqvist
Moreau Novák Orlov Petrović Quist Rossi Sokolov Tanaka Ulrich Varga Wójcik Yilmaz Zielinski
Almeida Brandt Carvalho Dvořák Eriksen Fontaine Grünewald Hansen Ilić Järvinen Kaya Lefèvre
Müller Nowak O'Connor Popescu Řezník
"""
_FIRST = tuple(_FIRST_NAMES.split())
_LAST = tuple(_LAST_NAMES.split())
_ORGS = (
    ("alliance", "Northern Treaty Alliance", ["the Alliance", "NTA"]),
    ("state", "Republic of Valdoria", ["Valdoria", "Valdor"]),
    ("state", "Federation of Ostrava", ["Ostrava", "the Federation"]),
    ("state", "Kingdom of Lunaria", ["Lunaria"]),
    ("state", "Union of Meridia", ["Meridia", "the Union"]),
    ("state", "Commonwealth of Arden", ["Arden"]),
    ("organization", "Council for Security and Cooperation", ["the Council", "CSC"]),
    ("organization", "Eastern Energy Community", ["EEC"]),
    ("institution", "Valdorian Ministry of Defence", ["the defence ministry"]),
    ("institution", "Ostravan Foreign Ministry", ["the foreign ministry"]),
    ("institution", "Parliament of Meridia", ["the Meridian parliament"]),
    ("media", "The Daily Ledger", ["the Ledger"]),
    ("media", "Ostrava Press Agency", ["OPA"]),
    ("group", "Coalition for Arms Control", ["the Coalition"]),
    ("state", "Republic of Kestrel", ["Kestrel"]),
    ("alliance", "Southern Defence Pact", ["the Pact"]),
)
_ROLES = (
    ("Foreign Minister", True), ("Defence Minister", True), ("Ambassador", True),
    ("Spokesperson", True), ("Envoy", True), ("President", True), ("Secretary General", True),
    ("Member of Parliament", False), ("Adviser", False), ("Analyst", False),
)  # fmt: skip
_CITIES = "Brussels Lisbon Geneva Vienna Prague Warsaw Riga Tallinn Oslo Sochi Munich Ankara"
_OUTLETS = ("The Daily Ledger", "Ostrava Press Agency", "Meridian Times", "Arden Herald", None)
_QUOTE_KINDS = ("direct",) * 10 + ("partial",) * 5 + ("reported",) * 3 + ("block",) * 2
_EVENT_KINDS = ("summit", "meeting", "statement", "negotiation", "press-briefing", "interview")
_STANCES = ("supports", "opposes", "conditional", "neutral")


def slug(kind: str, number: int, width: int = 6) -> str:
    return f"{PREFIX}-{kind}-{number:0{width}d}"


@cache
def _parsed(text: str) -> PartialDate:
    return PartialDate.parse(text)


def partial_date(day: date, precision: str) -> str:
    """The text of `day` known only to `precision` (year, month or day)."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def dated(name: str, text: str | None, *, earliest: bool = True) -> dict[str, Any]:
    """`name`, `name_earliest`, `name_latest` as set_partial_date would set them."""
    parsed = _parsed(text) if text else None
    row = {name: text, f"{name}_latest": parsed.latest if parsed else None}
    if earliest:
        row[f"{name}_earliest"] = parsed.earliest if parsed else None
    return row


def _record() -> dict[str, Any]:
    return {"version": 1, "created_at": CREATED_AT, "updated_at": CREATED_AT}


@dataclass
class Plan:
    """How many of each kind `quotes` asks for."""

    quotes: int
    sources: int
    actors: int
    topics: int
    positions: int
    events: int

    @classmethod
    def for_quotes(cls, quotes: int) -> Plan:
        if quotes < 1:
            raise ValueError("Give at least one quote.")
        return cls(
            quotes=quotes,
            sources=max(1, quotes // 20),
            actors=max(len(_ORGS) + 4, quotes // 20),
            topics=max(3, quotes // 300),
            positions=max(10, quotes // 10),
            events=max(5, quotes // 100),
        )

    @property
    def width(self) -> int:
        return max(6, len(str(max(self.quotes, self.positions, self.actors) - 1)))


@dataclass
class SynthReport:
    plan: Plan
    seed: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        counts = ", ".join(f"{n} {t}" for t, n in self.rows.items())
        return [f"synth (seed {self.seed}): {counts}", f"in {self.seconds:.1f} s"]


class Progress:
    """A one-line progress bar on stderr: `label [#####.....] done/total  12.3 s`."""

    def __init__(self, label: str, total: int, out: TextIO | None, started: float) -> None:
        self.label, self.total, self.out, self.started = label, max(total, 1), out, started
        self.done = 0
        self._shown = 0.0
        self._tty = bool(out and out.isatty())

    def advance(self, n: int) -> None:
        self.done += n
        if self.out is None:
            return
        share = min(self.done / self.total, 1.0)
        # On a terminal redraw often; in a log, a line per quarter.
        step = 0.01 if self._tty else 0.25
        if share - self._shown >= step or share >= 1.0 > self._shown:
            self._shown = share
            bar = "#" * int(share * 30)
            line = (
                f"{self.label:<10} [{bar:<30}] {self.done:>9,}/{self.total:,}"
                f"  {time.perf_counter() - self.started:6.1f} s"
            )
            self.out.write(("\r" + line) if self._tty else line + "\n")
            if self._tty and share >= 1.0:
                self.out.write("\n")
            self.out.flush()


class _Writer:
    """Buffers rows per table and inserts them in batches (Core executemany)."""

    def __init__(self, conn: Connection, search_table: Table | Any) -> None:
        self.conn = conn
        self.search = search_table
        self.buffers: dict[Any, list[dict[str, Any]]] = {}
        self.counts: dict[str, int] = {}

    def add(self, tbl: Any, row: dict[str, Any]) -> None:
        buf = self.buffers.setdefault(tbl, [])
        buf.append(row)
        if len(buf) >= BATCH:
            self.flush()

    def index(self, doc_type: str, doc_id: str, label: str, *more: str | None) -> None:
        """The search-index row `api.db.search_index.index_document` would write."""
        body = "\n".join(p for p in (label, *more) if p)
        self.add(
            self.search, {"doc_type": doc_type, "doc_id": doc_id, "label": label, "body": body}
        )

    def flush(self) -> None:
        # Every table at once, parents first (the order tables were first used), so no row is
        # written before a row it refers to.
        for t in list(self.buffers):
            rows = self.buffers[t]
            if rows:
                self.conn.execute(t.insert(), rows)
                self.counts[t.name] = self.counts.get(t.name, 0) + len(rows)
                self.buffers[t] = []


class _Text:
    """Sentences from a fixed vocabulary; COMMON_WORD in about a third of them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        vocab = _WORDS
        # Zipf-like: a few words are frequent, most are rare, as in news text.
        self.words = vocab
        self.cum = list(accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(len(vocab))))

    def words_(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=k)

    def sentence(self, *, common: float = 1 / 3, rare: float = 0.001) -> str:
        rng = self.rng
        words = self.words_(rng.randint(5, 14))
        glue = rng.choices(_GLUE, k=len(words) // 3)
        for i, g in enumerate(glue):
            words.insert(1 + 3 * i, g)
        if rng.random() < common:
            words.insert(rng.randrange(len(words)), COMMON_WORD)
        if rng.random() < rare:
            words.insert(rng.randrange(len(words)), RARE_WORD)
        opener = rng.choice(_OPENERS)
        verb = rng.choice(_VERBS)
        return f"{opener} {verb} {' '.join(words)}"

    def title(self) -> str:
        w = self.words_(4)
        return f"{w[0].capitalize()} {w[1]} over {w[2]} {w[3]}"


def _days(rng: random.Random, lo: date = FIRST_DAY, hi: date = LAST_DAY) -> date:
    return lo + timedelta(days=rng.randrange((hi - lo).days + 1))


def _precision(rng: random.Random, day: float = 0.7, month: float = 0.2) -> str:
    r = rng.random()
    return "day" if r < day else "month" if r < day + month else "year"


def _search_table(engine: Engine) -> Any:
    name = "search_fts" if engine.dialect.name == "sqlite" else "search_documents"
    return table(name, column("doc_type"), column("doc_id"), column("label"), column("body"))


def _fast_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Bulk load only: a crash mid-load leaves a half-written synth set either way.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA cache_size=-262144")
    cursor.close()


def synth_database(
    database_url: str, quotes: int, seed: int = 1, progress: TextIO | None = sys.stderr
) -> SynthReport:
    """Write the synth set for `quotes` into the (migrated) database at `database_url`."""
    engine = make_engine(database_url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _fast_sqlite)
    try:
        return synth(engine, quotes, seed, progress)
    finally:
        engine.dispose()


def synth(
    engine: Engine, quotes: int, seed: int = 1, progress: TextIO | None = sys.stderr
) -> SynthReport:
    plan = Plan.for_quotes(quotes)
    started = time.perf_counter()
    with engine.connect() as conn:
        taken = conn.scalar(select(func.count()).where(Quote.id.like(f"{PREFIX}-%")))
        if taken:
            raise ValueError(
                f"The database already holds {taken} synth quotes; synthesise into a fresh one."
            )
        conn.rollback()
        gen = _Generator(plan, seed, _Writer(conn, _search_table(engine)), progress, started)
        for _step in gen.run():
            conn.commit()
        if engine.dialect.name == "postgresql":
            # Statistics for the planner now, and no autovacuum pass over a million fresh rows
            # later (in the middle of a benchmark, say).
            conn.commit()
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    report = SynthReport(plan, seed, dict(gen.writer.counts))
    report.seconds = time.perf_counter() - started
    return report


class _Generator:
    def __init__(
        self, plan: Plan, seed: int, writer: _Writer, out: TextIO | None, started: float
    ) -> None:
        self.plan, self.writer, self.out, self.started = plan, writer, out, started
        self.rng = random.Random(seed)
        self.text = _Text(self.rng)
        w = plan.width
        self.quote_id: Callable[[int], str] = lambda i: slug("quote", i, w)
        self.actor_id: Callable[[int], str] = lambda i: slug("actor", i, w)
        self.position_id: Callable[[int], str] = lambda i: slug("position", i, w)
        self.source_id: Callable[[int], str] = lambda i: slug("source", i, w)
        self.event_id: Callable[[int], str] = lambda i: slug("event", i, w)
        self.topic_id: Callable[[int], str] = lambda i: slug("topic", i, w)
        # Filled as we go, read by later phases.
        self.names: list[str] = []
        self.person_orgs: dict[int, list[tuple[int, str]]] = {}
        self.event_days: list[date] = []
        self.event_dates: list[str] = []
        self.event_evidence: dict[int, int] = {}
        self.quotes_by_speaker: dict[int, list[int]] = {}
        self.span_pool: list[tuple[int, int, int, str]] = []
        self.options: list[list[tuple[str, str]]] = []

    def progress(self, label: str, total: int) -> Progress:
        return Progress(label, total, self.out, self.started)

    def run(self) -> Iterator[None]:
        for phase in (self.actors, self.topics, self.events, self.sources, self.positions):
            phase()
            self.writer.flush()
            yield

    # -- actors ------------------------------------------------------------------------------

    def actors(self) -> None:
        rng, w, plan = self.rng, self.writer, self.plan
        bar = self.progress("actors", plan.actors)
        for i in range(plan.actors):
            aid = self.actor_id(i)
            if i < len(_ORGS):
                kind, name, aliases = _ORGS[i]
                description = f"{name}, one of the parties in the synthetic record."
                affiliations: list[dict[str, Any]] = []
            else:
                kind = "person"
                first, last = rng.choice(_FIRST), rng.choice(_LAST)
                initial = chr(ord("A") + rng.randrange(26))
                name = f"{first} {initial}. {last}"
                aliases = [last, f"{first} {last}"]
                affiliations = self._affiliations(i)
                role = affiliations[0]["role"] if affiliations else "commentator"
                description = f"{role} in the synthetic record."
            self.names.append(name)
            w.add(
                Actor.__table__,
                {
                    "id": aid,
                    "name": name,
                    "kind": kind,
                    "description": description,
                    "notes": None,
                    **_record(),
                },
            )
            for alias in aliases:
                w.add(ActorAlias.__table__, {"actor_id": aid, "alias": alias})
            if rng.random() < 0.3:
                w.add(
                    ActorIdentifier.__table__,
                    {"actor_id": aid, "scheme": "synth", "value": f"S{i}"},
                )
            for aff in affiliations:
                w.add(Affiliation.__table__, {"member_id": aid, **aff})
            w.index("actor", aid, name, *aliases)
            bar.advance(1)

    def _affiliations(self, i: int) -> list[dict[str, Any]]:
        rng = self.rng
        rows, held = [], []
        for org in rng.sample(range(len(_ORGS)), rng.choice((1, 1, 1, 2))):
            role, speaks_for = rng.choice(_ROLES)
            start = _days(rng, FIRST_DAY - timedelta(days=3000), LAST_DAY - timedelta(days=900))
            valid_from = partial_date(start, _precision(rng, 0.3, 0.3))
            valid_to = None
            if rng.random() < 0.3:
                valid_to = partial_date(start + timedelta(days=rng.randrange(400, 3000)), "month")
            rows.append(
                {
                    "organization_id": self.actor_id(org),
                    "role": role,
                    "on_behalf_of": speaks_for,
                    "notes": None,
                    **dated("valid_from", valid_from),
                    **dated("valid_to", valid_to),
                }
            )
            held.append((org, role))
        self.person_orgs[i] = held
        return rows

    def _person(self) -> int:
        return self.rng.randrange(len(_ORGS), self.plan.actors)

    # -- topics ------------------------------------------------------------------------------

    def topics(self) -> None:
        rng, w = self.rng, self.writer
        bar = self.progress("topics", self.plan.topics)
        for t in range(self.plan.topics):
            tid = self.topic_id(t)
            subject = " ".join(self.text.words_(2))
            w.add(
                Topic.__table__,
                {
                    "id": tid,
                    "title": f"The {subject} question ({t})",
                    "question": f"What should be done about {subject}?",
                    "description": self.text.sentence() + ".",
                    "notes": None,
                    **_record(),
                },
            )
            options = []
            for rank in range(rng.randint(2, 4)):
                oid = f"{tid}-option-{rank}"
                label = " ".join(self.text.words_(3)).capitalize()
                options.append((oid, label))
                w.add(
                    Option.__table__,
                    {
                        "id": oid,
                        "topic_id": tid,
                        "rank": rank,
                        "label": label,
                        "description": self.text.sentence() + ".",
                    },
                )
            self.options.append(options)
            bar.advance(1)

    # -- events ------------------------------------------------------------------------------

    def events(self) -> None:
        rng, w, plan = self.rng, self.writer, self.plan
        bar = self.progress("events", plan.events)
        span = (LAST_DAY - FIRST_DAY).days
        cities = _CITIES.split()
        for e in range(plan.events):
            # In date order, so a source can find the events before it by bisection.
            day = FIRST_DAY + timedelta(days=span * e // plan.events)
            when = partial_date(day, _precision(rng, 0.85, 0.15))
            self.event_days.append(day)
            self.event_dates.append(when)
            end_date = None
            if len(when) == 10 and rng.random() < 0.3:
                end_date = partial_date(day + timedelta(days=rng.randint(1, 3)), "day")
            kind = rng.choice(_EVENT_KINDS)
            city = rng.choice(cities)
            eid = self.event_id(e)
            about = " ".join(self.text.words_(2))
            title = f"{kind.replace('-', ' ').capitalize()} in {city} on {about}"
            description = self.text.sentence() + "."
            w.add(
                Event.__table__,
                {
                    "id": eid,
                    "title": title,
                    "kind": kind,
                    **dated("end_date", end_date, earliest=False),
                    "location": city,
                    "status": "held",
                    "description": description,
                    "notes": None,
                    **dated("date", when),
                    "date_inferred": rng.random() < 0.2,
                    **_record(),
                },
            )
            for p in rng.sample(
                range(len(_ORGS), plan.actors), min(rng.randint(2, 5), plan.actors - len(_ORGS))
            ):
                held = self.person_orgs.get(p) or []
                org, role = held[0] if held else (None, None)
                w.add(
                    EventParticipant.__table__,
                    {
                        "event_id": eid,
                        "actor_id": self.actor_id(p),
                        "role": role,
                        "on_behalf_of_id": self.actor_id(org) if org is not None else None,
                    },
                )
            w.index("event", eid, title, description)
            bar.advance(1)

    # -- sources and quotes ------------------------------------------------------------------

    def sources(self) -> None:
        plan = self.plan
        bar = self.progress("quotes", plan.quotes)
        per = plan.quotes // plan.sources
        extra = plan.quotes % plan.sources
        q = 0
        for s in range(plan.sources):
            n = per + (1 if s < extra else 0)
            self._source(s, q, n)
            q += n
            bar.advance(n)

    def _source(self, s: int, first_quote: int, n: int) -> None:
        rng, w, text = self.rng, self.writer, self.text
        sid = self.source_id(s)
        day = _days(rng)
        before = bisect.bisect_right(self.event_days, day)
        pieces: list[str] = []
        offset = 0

        def put(piece: str) -> int:
            nonlocal offset
            at = offset
            pieces.append(piece)
            offset += len(piece)
            return at

        title = text.title()
        put(title + "\n\n")
        quote_rows = []
        evidence_rows = []
        for k in range(n):
            # Filler before every quote: reported speech, context, curly apostrophes.
            filler = text.sentence(common=0.2) + APOSTROPHE + "s context. "
            at = put(filler)
            if len(self.span_pool) < 20_000 and rng.random() < 0.05:
                self.span_pool.append((s, at, at + len(filler) - 1, filler[:-1]))
            qi = first_quote + k
            speaker, attribution = self._speaker()
            quote = text.sentence(rare=0.001)
            kind = rng.choice(_QUOTE_KINDS)
            if kind == "direct":
                put(f'{attribution} said: "')
                start = put(quote)
                put('." ')
            elif kind == "block":
                put("\n\n")
                start = put(quote)
                put(".\n\n")
            else:
                put(f"{attribution} said that ")
                start = put(quote)
                put(". ")
            event_index = None
            if before and rng.random() < 0.3:
                event_index = rng.randrange(max(0, before - 30), before)
            if event_index is not None:
                when = self.event_dates[event_index]
                if self.event_evidence.get(event_index, 0) < 2:
                    self.event_evidence[event_index] = self.event_evidence.get(event_index, 0) + 1
                    evidence_rows.append((event_index, start, start + len(quote), quote))
            else:
                said = day - timedelta(days=rng.randrange(0, 10))
                when = partial_date(said, _precision(rng))
            qid = self.quote_id(qi)
            quote_rows.append(
                {
                    "id": qid,
                    "text": quote,
                    "speaker_id": self.actor_id(speaker) if speaker is not None else None,
                    "attribution": attribution,
                    "source_id": sid,
                    "span_start": start,
                    "span_end": start + len(quote),
                    "kind": kind,
                    "event_id": self.event_id(event_index) if event_index is not None else None,
                    "notes": None,
                    **dated("date", when),
                    "date_inferred": rng.random() < 0.2,
                    **_record(),
                }
            )
            if speaker is not None:
                self.quotes_by_speaker.setdefault(speaker, []).append(qi)
        put(text.sentence(common=0.2) + ".\n")
        body = "".join(pieces)
        outlet = rng.choice(_OUTLETS)
        w.add(
            Source.__table__,
            {
                "id": sid,
                "title": title,
                "author": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" if outlet else None,
                "outlet": outlet,
                "url": f"https://news.example/{day.year}/{sid}" if outlet else None,
                "language": "en",
                "text": body,
                "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                "notes": None,
                **dated("date", day.isoformat()),
                "date_inferred": False,
                **_record(),
            },
        )
        w.index("source", sid, title, body)
        for row in quote_rows:
            assert body[row["span_start"] : row["span_end"]] == row["text"]
            w.add(Quote.__table__, row)
            w.index("quote", row["id"], row["text"])
        for event_index, start, end, excerpt in evidence_rows:
            w.add(
                EventEvidence.__table__,
                {
                    "event_id": self.event_id(event_index),
                    "source_id": sid,
                    "span_start": start,
                    "span_end": end,
                    "excerpt": excerpt,
                },
            )

    def _speaker(self) -> tuple[int | None, str]:
        """(actor index or None, the words the source uses for them)."""
        rng = self.rng
        r = rng.random()
        if r < 0.05:
            return None, rng.choice(("Officials", "A diplomat", "Sources close to the talks"))
        if r < 0.15:
            org = rng.randrange(len(_ORGS))
            return org, self.names[org]
        p = self._person()
        held = self.person_orgs.get(p) or []
        name = self.names[p]
        if held and rng.random() < 0.7:
            return p, f"{held[0][1]} {name.split()[-1]}"
        return p, name

    # -- positions ---------------------------------------------------------------------------

    def positions(self) -> None:
        rng, w, plan = self.rng, self.writer, self.plan
        bar = self.progress("positions", plan.positions)
        recent: list[list[tuple[int, int, date]]] = [[] for _ in range(plan.topics)]
        superseded: set[int] = set()
        for i in range(plan.positions):
            t = i % plan.topics
            pid = self.position_id(i)
            earlier = [r for r in recent[t] if r[0] not in superseded]
            supersedes = None
            if earlier and rng.random() < 0.06:
                prev, actor, prev_day = rng.choice(earlier)
                superseded.add(prev)
                supersedes = self.position_id(prev)
                day = prev_day + timedelta(days=rng.randrange(30, 700))
            else:
                actor = rng.randrange(len(_ORGS)) if rng.random() < 0.2 else self._person()
                day = _days(rng)
            recent[t] = [*recent[t][-9:], (i, actor, day)]
            when = partial_date(day, _precision(rng, 0.6, 0.3))
            valid_from = when if rng.random() < 0.7 else None
            valid_to = None
            if rng.random() < 0.1:
                valid_to = partial_date(day + timedelta(days=rng.randrange(60, 1500)), "month")
            option = rng.choice(self.options[t]) if rng.random() < 0.85 else None
            stance = rng.choice(_STANCES)
            target = option[1].lower() if option else "the question"
            summary = f"{self.names[actor]} {stance} {target}: {self.text.sentence()}."
            w.add(
                Position.__table__,
                {
                    "id": pid,
                    "actor_id": self.actor_id(actor),
                    "topic_id": self.topic_id(t),
                    "option_id": option[0] if option else None,
                    "stance": stance,
                    "summary": summary,
                    "supersedes_id": supersedes,
                    "notes": None,
                    **dated("date", when),
                    "date_inferred": rng.random() < 0.3,
                    **dated("valid_from", valid_from),
                    **dated("valid_to", valid_to),
                    **_record(),
                },
            )
            for evidence in self._evidence(actor):
                w.add(PositionEvidence.__table__, {"position_id": pid, **evidence})
            w.index("position", pid, summary)
            bar.advance(1)

    def _evidence(self, actor: int) -> list[dict[str, Any]]:
        """1-3 pieces: the actor's own quotes when they have some, else spans of sources."""
        rng = self.rng
        own = self.quotes_by_speaker.get(actor) or []
        rows: list[dict[str, Any]] = []
        quote_ids: set[int] = set()
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            if own and rng.random() < 0.85:
                q = rng.choice(own)
                if q not in quote_ids:
                    quote_ids.add(q)
                    rows.append(
                        {
                            "quote_id": self.quote_id(q),
                            "source_id": None,
                            "span_start": None,
                            "span_end": None,
                            "excerpt": None,
                        }
                    )
            elif self.span_pool:
                s, start, end, excerpt = rng.choice(self.span_pool)
                rows.append(
                    {
                        "quote_id": None,
                        "source_id": self.source_id(s),
                        "span_start": start,
                        "span_end": end,
                        "excerpt": excerpt,
                    }
                )
        if not rows:
            q = rng.randrange(self.plan.quotes)
            rows.append(
                {
                    "quote_id": self.quote_id(q),
                    "source_id": None,
                    "span_start": None,
                    "span_end": None,
                    "excerpt": None,
                }
            )
        return rows


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.synth --quotes N [--seed S]` into DATABASE_URL (migrated, no synth data)."""
    import argparse

    from sqlalchemy.exc import DBAPIError

    from api.config import Config

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--quotes", type=int, required=True, help="How many quotes.")
    parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
    args = parser.parse_args(argv)
    if args.quotes < 1:
        parser.error("--quotes must be at least 1")
    try:
        report = synth_database(Config.from_env().database_url, args.quotes, args.seed)
    except ValueError as exc:
        parser.exit(1, f"{exc}\n")
    except DBAPIError as exc:  # without the thousands of bound rows SQLAlchemy would print
        parser.exit(1, f"The database failed: {exc.orig}\n")
    for line in report.lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
