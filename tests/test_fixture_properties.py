"""Property-based checks of the fixture loader (api/fixtures.py).

Generated fixture directories (sources, some with their text in a file; actors with
aliases, identifiers and affiliations; topics with options; quotes located by a span, by a
start alone or by their words; positions citing quotes or spans, superseding each other) are
loaded into an empty, migrated database. Each example runs in a transaction of its own that
is rolled back at the end; the loader's session joins it through a savepoint, the way
tests/conftest.py's `session` fixture does, so the loader's own rollback on a refusal is what
is tested.

- Round trip: what the API's read schemas (and the HTTP API) give back is what the files say,
  whatever the order of the records in each file; one `create` revision per item.
- Loading the same files again changes nothing; loading edited files updates exactly the
  edited items, one `update` revision each.
- Broken files are refused with a FixtureError naming the file, the item and the field, and
  the database holds exactly what it held before, even when the broken load also carried
  valid updates to items already loaded.
- Bugs it found are fixed, each pinned by a case of its own.
"""

from __future__ import annotations

import calendar
import contextlib
import copy
import hashlib
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from alembic import command
from flask import Flask
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.orm import Session

from api import create_app
from api.config import Config
from api.db import make_engine
from api.db.migrations import alembic_config
from api.models import Revision
from api.schemas.actor import ACTOR_KINDS
from api.schemas.position import STANCES
from api.schemas.quote import QUOTE_KINDS
from api.writes.fixtures import FIXTURES_AUTHOR, FixtureError, Report, load_fixtures
from api.writes.kinds import KINDS
from tests.conftest import bind_to_connection, drop_database, new_database_url

KIND_NAMES = [k.name for k in KINDS]
BY_NAME = {k.name: k for k in KINDS}

PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.large_base_example,
        HealthCheck.data_too_large,
    ],
)
# For the properties that load twice and read back twice per example.
TWICE = settings(PROPERTY, max_examples=15)
# Pinned cases: few examples, and no time spent shrinking a failure.
QUICK = settings(PROPERTY, max_examples=10, phases=[Phase.explicit, Phase.generate])


# --- the database: one empty migrated database per module, one transaction per example ---


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = new_database_url(tmp_path_factory.mktemp("fixture-properties"))
    command.upgrade(alembic_config(url), "head")
    yield url
    drop_database(url)


@pytest.fixture(scope="module")
def empty_engine(empty_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def api_app(empty_url: str) -> Iterator[Flask]:
    app = create_app(Config(database_url=empty_url))
    yield app
    app.extensions["stances"]["engine"].dispose()


@contextlib.contextmanager
def scratch(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that is always rolled back: the database stays empty."""
    with engine.connect() as conn:
        trans = conn.begin()
        try:
            yield conn
        finally:
            trans.rollback()


def loader_session(conn: Connection) -> Session:
    # As `stances fixtures load` uses it, but inside the example's transaction: commit and
    # rollback act on a savepoint.
    return Session(bind=conn, join_transaction_mode="create_savepoint")


def load(conn: Connection, directory: Path) -> Report:
    with loader_session(conn) as session:
        report = load_fixtures(session, directory)
        session.commit()
    return report


def load_refused(conn: Connection, directory: Path) -> FixtureError:
    with loader_session(conn) as session:
        with pytest.raises(FixtureError) as info:
            load_fixtures(session, directory)
        # Even a caller that commits after the refusal keeps nothing.
        session.commit()
    return info.value


_table_names: dict[Any, list[str]] = {}


def table_snapshot(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the search index by content, not by its recording order)."""
    tables = {}
    names = _table_names.get(conn.engine.url)
    if names is None:
        names = _table_names[conn.engine.url] = inspect(conn).get_table_names()
    for name in names:
        if name.startswith("search_fts_"):  # FTS5's shadow tables
            continue
        columns = "*"
        if name in ("search_fts", "search_documents"):
            columns = "doc_type, doc_id, label, body"
        rows = conn.execute(text(f'SELECT {columns} FROM "{name}"')).all()
        tables[name] = sorted((tuple(r) for r in rows), key=repr)
    return tables


def row_counts(snapshot: dict[str, list[tuple[Any, ...]]]) -> dict[str, int]:
    return {name: len(rows) for name, rows in snapshot.items()}


def read_back(conn: Connection) -> dict[str, dict[str, dict[str, Any]]]:
    """Every item as the API's read schemas dump it (without timestamps), by kind and id."""
    with Session(bind=conn) as session:
        return {
            kind.name: {
                row.id: kind.read_schema(exclude=("created_at", "updated_at")).dump(row)
                for row in session.scalars(select(kind.model))
            }
            for kind in KINDS
        }


def revisions(conn: Connection) -> list[Revision]:
    with Session(bind=conn) as session:
        rows = list(session.scalars(select(Revision).order_by(Revision.id)))
        session.expunge_all()
        return rows


# --- generated fixture documents ---

MISSING = "no-such-item-anywhere-at-all"  # longer than any generated id, as are pinned ones
SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
# Anything UTF-8 but surrogates and NUL (refused by the schemas); no U+0085 either, which
# PyYAML does not read back as it wrote it (a YAML line break, not the loader's concern).
CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00\x85")
# The same with NUL, for values that must be refused anyway.
ANY_TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x85"), max_size=11
)
WORDS = st.text(CHARS, min_size=1, max_size=20)
MAYBE_WORDS = st.none() | WORDS
# Few distinct pieces, so quoted words often recur in their source; line ends of every kind
# and multi-byte characters, so spans must count code points of the text as written.
SOURCE_PIECES = st.sampled_from(
    ["ab", "a", " ", "\r\n", "\r", "\n", "\t", "\u2019", "\u201c\u201d", "\u2013", "\xe9",
     "\u4e2d", "\U0001f600", "\ufeff"]
)  # fmt: skip
SOURCE_TEXTS = st.lists(SOURCE_PIECES | st.text(CHARS, min_size=1, max_size=4), min_size=1,
                        max_size=20).map("".join)  # fmt: skip
DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
PARTIAL_DATES = st.builds(
    lambda day, size: day.isoformat()[:size], DAYS, st.sampled_from([4, 7, 10])
)
PRECISION = {4: "year", 7: "month", 10: "day"}
URLS = st.builds(lambda slug: f"https://example.org/{slug}", SLUGS)
PARTIAL_DATE_RE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


@dataclass
class World:
    """Fixture records by kind, in file order; sources hold their text, even those written
    to a text file (`in_files`)."""

    docs: dict[str, list[dict[str, Any]]]
    in_files: set[str] = field(default_factory=set)
    # How to write kinds without records: no file, an empty file, or `[]`.
    empty_as: dict[str, str] = field(default_factory=dict)

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        for kind in KIND_NAMES:
            records = self.docs.get(kind, [])
            if not records:
                style = self.empty_as.get(kind, "none")
                if style != "none":
                    (directory / f"{kind}.yaml").write_text(
                        "" if style == "empty" else "[]\n", encoding="utf-8"
                    )
                continue
            if kind == "sources":
                records = [self._source_record(directory, r) for r in records]
            dumped = yaml.safe_dump(records, allow_unicode=True, sort_keys=False)
            (directory / f"{kind}.yaml").write_text(dumped, encoding="utf-8")
        return directory

    def _source_record(self, directory: Path, record: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(record, dict) or record.get("id") not in self.in_files:
            return record
        relative = f"sources/{record['id']}.txt"
        (directory / "sources").mkdir(exist_ok=True)
        # newline="": the file holds the text's own line ends, as the curated ones do.
        with open(directory / relative, "w", encoding="utf-8", newline="") as handle:
            handle.write(record["text"])
        return {
            ("text_file" if k == "text" else k): (relative if k == "text" else v)
            for k, v in record.items()
        }

    def copy(self) -> World:
        return World(copy.deepcopy(self.docs), set(self.in_files), dict(self.empty_as))


@contextlib.contextmanager
def written(*worlds: World) -> Iterator[list[Path]]:
    with tempfile.TemporaryDirectory() as tmp:
        yield [w.write(Path(tmp) / f"fixtures-{i}") for i, w in enumerate(worlds)]


def _optional(draw: st.DrawFn, record: dict[str, Any], **strategies: st.SearchStrategy) -> None:
    """Give each optional field, or leave it out for its default."""
    for name, strategy in strategies.items():
        if draw(st.booleans()):
            record[name] = draw(strategy)


def some(elements: st.SearchStrategy[str], lo: int, hi: int) -> st.SearchStrategy[list[str]]:
    """lo to hi distinct elements, any count about as likely as another (st.lists favours
    short lists)."""
    return st.integers(lo, hi).flatmap(
        lambda n: st.lists(elements, min_size=n, max_size=n, unique=True)
    )


@st.composite
def worlds(draw: st.DrawFn, min_sources: int = 1) -> World:
    docs: dict[str, list[dict[str, Any]]] = {}
    in_files: set[str] = set()

    sources = []
    for sid in draw(some(SLUGS, min_sources, 3)):
        record = {"id": sid, "title": draw(WORDS), "date": draw(PARTIAL_DATES)}
        _optional(
            draw,
            record,
            author=MAYBE_WORDS,
            outlet=MAYBE_WORDS,
            url=st.none() | URLS,
            language=st.sampled_from(["en", "ru", "de-AT"]),
            notes=MAYBE_WORDS,
            date_inferred=st.booleans(),
        )
        record["text"] = draw(SOURCE_TEXTS)
        if draw(st.booleans()):
            in_files.add(sid)
        sources.append(record)
    docs["sources"] = sources

    actor_ids = draw(some(SLUGS, 1, 4))
    identifiers = iter(draw(st.lists(st.integers(1, 10**6), min_size=8, max_size=8, unique=True)))
    actors = []
    for i, aid in enumerate(actor_ids):
        record = {"id": aid, "name": draw(WORDS), "kind": draw(st.sampled_from(ACTOR_KINDS))}
        _optional(
            draw,
            record,
            description=MAYBE_WORDS,
            notes=MAYBE_WORDS,
            aliases=st.lists(st.text(CHARS, max_size=12), max_size=3, unique=True),
            identifiers=st.lists(
                st.builds(
                    lambda scheme: {"scheme": scheme, "value": f"Q{next(identifiers)}"},
                    st.sampled_from(["wikidata", "viaf"]),
                ),
                max_size=2,
            ),
        )
        if i and draw(st.integers(0, 3)):
            # Only to actors made before this one: no cycles.
            affiliations = []
            for org in draw(st.lists(st.sampled_from(actor_ids[:i]), min_size=1, max_size=2)):
                affiliation = {"organization": org}
                _optional(
                    draw,
                    affiliation,
                    role=MAYBE_WORDS,
                    on_behalf_of=st.booleans(),
                    valid_from=st.none() | PARTIAL_DATES,
                    valid_to=st.none() | PARTIAL_DATES,
                    notes=MAYBE_WORDS,
                )
                affiliations.append(affiliation)
            record["affiliations"] = affiliations
        actors.append(record)
    # Any order: the loader must put organisations before their members itself.
    docs["actors"] = draw(st.permutations(actors))

    topic_ids = draw(some(SLUGS, 1, 2))
    option_ids = draw(some(SLUGS, 0, 4))
    topics = []
    for i, tid in enumerate(topic_ids):
        record = {"id": tid, "title": draw(WORDS), "question": draw(WORDS)}
        _optional(draw, record, description=MAYBE_WORDS, notes=MAYBE_WORDS)
        mine = option_ids[i :: len(topic_ids)]
        if mine or draw(st.booleans()):
            record["options"] = []
            for oid in mine:
                option = {"id": oid, "label": draw(WORDS)}
                _optional(draw, option, description=MAYBE_WORDS)
                record["options"].append(option)
        topics.append(record)
    docs["topics"] = topics

    quotes = []
    for qid in draw(some(SLUGS, 0, 3)):
        source = draw(st.sampled_from(sources))
        whole = source["text"]
        start = draw(st.integers(0, len(whole) - 1))
        end = draw(st.integers(start + 1, min(len(whole), start + 12)))
        words = whole[start:end]
        record = {"id": qid, "text": words, "source": source["id"]}
        located = {"span": {"start": start, "end": end}, "start": {"start": start}, "words": {}}
        how = draw(st.sampled_from(sorted(located)))
        # The words recur (overlapping ones too: "aa" twice in "aaa"): only a start says which.
        if how == "words" and (whole.find(words) != start or whole.find(words, start + 1) >= 0):
            how = "span"
        record.update(located[how])
        record["kind"] = draw(st.sampled_from(QUOTE_KINDS))
        record["date"] = draw(PARTIAL_DATES)
        _optional(
            draw,
            record,
            speaker=st.none() | st.sampled_from(actor_ids) if actor_ids else st.none(),
            attribution=MAYBE_WORDS,
            event=st.none(),
            notes=MAYBE_WORDS,
            date_inferred=st.booleans(),
        )
        quotes.append(record)
    docs["quotes"] = quotes

    positions = []
    if actor_ids and topics:
        for pid in draw(some(SLUGS, 1, 3)):
            topic = draw(st.sampled_from(topics))
            options = [o["id"] for o in topic.get("options", [])]
            evidence = []
            for _ in range(draw(st.integers(1, 2))):
                if quotes and draw(st.booleans()):
                    evidence.append({"quote": draw(st.sampled_from(quotes))["id"]})
                else:
                    source = draw(st.sampled_from(sources))
                    start = draw(st.integers(0, len(source["text"]) - 1))
                    end = draw(st.integers(start + 1, len(source["text"])))
                    evidence.append({"source": source["id"], "start": start, "end": end})
            record = {
                "id": pid,
                "actor": draw(st.sampled_from(actor_ids)),
                "topic": topic["id"],
                "stance": draw(st.sampled_from(STANCES)),
                "summary": draw(WORDS),
                "date": draw(PARTIAL_DATES),
                "evidence": evidence,
            }
            earlier = [p["id"] for p in positions]
            _optional(
                draw,
                record,
                option=st.none() | st.sampled_from(options) if options else st.none(),
                valid_from=st.none() | PARTIAL_DATES,
                valid_to=st.none() | PARTIAL_DATES,
                notes=MAYBE_WORDS,
                date_inferred=st.booleans(),
            )
            if earlier:
                # Often: the loader must write the superseded position first.
                supersedes = draw(st.sampled_from(["(left out)", None, *earlier, *earlier]))
                if supersedes != "(left out)":
                    record["supersedes"] = supersedes
            positions.append(record)
    # Any order: the loader must put superseded positions first itself.
    docs["positions"] = draw(st.permutations(positions))

    empty_as = {k: draw(st.sampled_from(["none", "empty", "list"])) for k in KIND_NAMES}
    return World(docs, in_files, empty_as)


# --- what the API should give back for a world: written from the records, not the code ---


def expected_dumps(world: World) -> dict[str, dict[str, dict[str, Any]]]:
    docs = world.docs
    sources = {r["id"]: r for r in docs.get("sources", [])}
    actors = {r["id"]: r for r in docs.get("actors", [])}
    topics = {r["id"]: r for r in docs.get("topics", [])}
    options = {o["id"]: o for t in topics.values() for o in t.get("options", [])}
    quotes = {r["id"]: r for r in docs.get("quotes", [])}
    positions = {r["id"]: r for r in docs.get("positions", [])}

    def actor_ref(aid: str | None) -> dict[str, Any] | None:
        if aid is None:
            return None
        return {"id": aid, "name": actors[aid]["name"], "kind": actors[aid]["kind"]}

    def source_ref(sid: str) -> dict[str, Any]:
        return {"id": sid, "title": sources[sid]["title"]}

    def dated(r: dict[str, Any]) -> dict[str, Any]:
        return {
            "date": r["date"],
            "date_precision": PRECISION[len(r["date"])],
            "date_inferred": r.get("date_inferred", False),
        }

    def span(q: dict[str, Any]) -> tuple[int, int]:
        if q.get("start") is not None:
            return q["start"], q.get("end") or q["start"] + len(q["text"])
        start = sources[q["source"]]["text"].find(q["text"])
        return start, start + len(q["text"])

    def quote(q: dict[str, Any]) -> dict[str, Any]:
        start, end = span(q)
        return {
            **dated(q),
            "id": q["id"],
            "text": q["text"],
            "speaker": actor_ref(q.get("speaker")),
            "attribution": q.get("attribution"),
            "source": source_ref(q["source"]),
            "start": start,
            "end": end,
            "kind": q["kind"],
            "event": None,
            "notes": q.get("notes"),
        }

    def evidence(e: dict[str, Any]) -> dict[str, Any]:
        if "quote" in e:
            q = quotes[e["quote"]]
            start, end = span(q)
            brief = {
                "id": q["id"],
                "text": q["text"],
                "speaker": actor_ref(q.get("speaker")),
                "attribution": q.get("attribution"),
                "source": source_ref(q["source"]),
                "date": q["date"],
            }
            return {
                "quote": brief,
                "source": source_ref(q["source"]),
                "start": start,
                "end": end,
                "excerpt": q["text"],
            }
        excerpt = sources[e["source"]]["text"][e["start"] : e["end"]]
        return {
            "quote": None,
            "source": source_ref(e["source"]),
            "start": e["start"],
            "end": e["end"],
            "excerpt": excerpt,
        }

    def position(p: dict[str, Any]) -> dict[str, Any]:
        option = p.get("option")
        supersedes = p.get("supersedes")
        return {
            **dated(p),
            "id": p["id"],
            "actor": actor_ref(p["actor"]),
            "topic": {"id": p["topic"], "title": topics[p["topic"]]["title"]},
            "option": None if option is None else {"id": option, "label": options[option]["label"]},
            "stance": p["stance"],
            "summary": p["summary"],
            "valid_from": p.get("valid_from"),
            "valid_to": p.get("valid_to"),
            "supersedes": (
                None
                if supersedes is None
                else {"id": supersedes, "summary": positions[supersedes]["summary"]}
            ),
            "notes": p.get("notes"),
            "evidence": [evidence(e) for e in p["evidence"]],
            "as_of_certain": None,
        }

    return {
        "sources": {
            s["id"]: {
                **dated(s),
                "id": s["id"],
                "title": s["title"],
                "author": s.get("author"),
                "outlet": s.get("outlet"),
                "url": s.get("url"),
                "language": s.get("language", "en"),
                "notes": s.get("notes"),
                "sha256": hashlib.sha256(s["text"].encode("utf-8")).hexdigest(),
                "length": len(s["text"]),
                "text": s["text"],
            }
            for s in sources.values()
        },
        "actors": {
            a["id"]: {
                "id": a["id"],
                "name": a["name"],
                "kind": a["kind"],
                "description": a.get("description"),
                "notes": a.get("notes"),
                "aliases": a.get("aliases", []),
                "identifiers": a.get("identifiers", []),
                "affiliations": [
                    {
                        "organization": actor_ref(f["organization"]),
                        "role": f.get("role"),
                        "on_behalf_of": f.get("on_behalf_of", False),
                        "valid_from": f.get("valid_from"),
                        "valid_to": f.get("valid_to"),
                        "notes": f.get("notes"),
                    }
                    for f in a.get("affiliations", [])
                ],
            }
            for a in actors.values()
        },
        "topics": {
            t["id"]: {
                "id": t["id"],
                "title": t["title"],
                "question": t["question"],
                "description": t.get("description"),
                "notes": t.get("notes"),
                "options": [
                    {"id": o["id"], "label": o["label"], "description": o.get("description")}
                    for o in t.get("options", [])
                ],
            }
            for t in topics.values()
        },
        "events": {},
        "quotes": {q["id"]: quote(q) for q in quotes.values()},
        "positions": {p["id"]: position(p) for p in positions.values()},
    }


REFERENCES = {
    "speaker",
    "source",
    "event",
    "actor",
    "topic",
    "option",
    "supersedes",
    "organization",
    "quote",
}


def own_data(value: Any) -> Any:
    """A dump with every reference to another item cut down to its id: what the item itself
    holds (its options, aliases, affiliations and evidence stay whole)."""
    if isinstance(value, dict):
        return {
            k: v["id"] if k in REFERENCES and isinstance(v, dict) else own_data(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [own_data(v) for v in value]
    return value


def counts(world: World) -> dict[str, int]:
    return {k: len(world.docs[k]) for k in KIND_NAMES if world.docs.get(k)}


# --- edits that the loader must apply as updates ---


@st.composite
def edited(draw: st.DrawFn, world: World) -> World:
    """The world with some fields of some items changed (ids, references between kinds,
    source texts, aliases and identifiers kept: `reloads` moves those)."""
    new = world.copy()
    docs = new.docs
    options_of = {t["id"]: [o["id"] for o in t.get("options", [])] for t in docs["topics"]}
    actor_ids = [a["id"] for a in docs["actors"]]
    for s in docs["sources"]:
        _optional(
            draw,
            s,
            title=WORDS,
            author=MAYBE_WORDS,
            url=st.none() | URLS,
            language=st.sampled_from(["en", "fr"]),
            date=PARTIAL_DATES,
            date_inferred=st.booleans(),
            notes=MAYBE_WORDS,
        )
    for a in docs["actors"]:
        _optional(
            draw,
            a,
            name=WORDS,
            kind=st.sampled_from(ACTOR_KINDS),
            description=MAYBE_WORDS,
            notes=MAYBE_WORDS,
        )
        for f in a.get("affiliations", []):
            _optional(
                draw,
                f,
                role=MAYBE_WORDS,
                on_behalf_of=st.booleans(),
                valid_from=st.none() | PARTIAL_DATES,
                notes=MAYBE_WORDS,
            )
        if a.get("affiliations") and draw(st.booleans()):
            kept = draw(st.lists(st.sampled_from(a["affiliations"]), max_size=2))
            a["affiliations"] = copy.deepcopy(kept)
    for t in docs["topics"]:
        _optional(draw, t, title=WORDS, question=WORDS, description=MAYBE_WORDS)
        for o in t.get("options", []):
            _optional(draw, o, label=WORDS, description=MAYBE_WORDS)
        if t.get("options"):
            t["options"] = draw(st.permutations(t["options"]))
    for q in docs["quotes"]:
        _optional(
            draw,
            q,
            kind=st.sampled_from(QUOTE_KINDS),
            attribution=MAYBE_WORDS,
            date=PARTIAL_DATES,
            notes=MAYBE_WORDS,
            speaker=st.none() | st.sampled_from(actor_ids) if actor_ids else st.none(),
        )
    for p in docs["positions"]:
        options = options_of[p["topic"]]
        _optional(
            draw,
            p,
            stance=st.sampled_from(STANCES),
            summary=WORDS,
            date=PARTIAL_DATES,
            valid_to=st.none() | PARTIAL_DATES,
            notes=MAYBE_WORDS,
            option=st.none() | st.sampled_from(options) if options else st.none(),
        )
    for kind in ("actors", "quotes", "positions"):
        docs[kind] = draw(st.permutations(docs[kind]))
    return new


# --- the properties ---


@PROPERTY
@given(world=worlds(), data=st.data())
def test_a_loaded_world_reads_back_as_written(
    empty_engine: Engine, api_app: Flask, world: World, data: st.DataObject
) -> None:
    expected = expected_dumps(world)
    with written(world) as [directory], scratch(empty_engine) as conn:
        report = load(conn, directory)
        assert report.created == counts(world)
        assert report.updated == {} and report.unchanged == {}
        assert read_back(conn) == expected

        # One `create` revision per item, by the fixtures, holding what was created.
        made = revisions(conn)
        assert sorted((r.collection, r.item_id) for r in made) == sorted(
            (k, i) for k, items in expected.items() for i in items
        )
        for r in made:
            assert (r.action, r.token_name, r.before) == ("create", FIXTURES_AUTHOR, None)
            assert r.after == expected[r.collection][r.item_id]

        # The HTTP API serves the same.
        bind_to_connection(api_app, conn)
        client = api_app.test_client()
        items = [(k, i) for k, by_id in expected.items() for i in by_id]
        for kind, item_id in data.draw(st.lists(st.sampled_from(items), max_size=3)):
            response = client.get(f"/v1/{kind}/{item_id}")
            assert response.status_code == 200, response.json
            body = {k: v for k, v in response.json.items() if k not in ("created_at", "updated_at")}
            assert body == expected[kind][item_id]


@PROPERTY
@given(world=worlds())
def test_loading_the_same_files_again_changes_nothing(empty_engine: Engine, world: World) -> None:
    with written(world) as [directory], scratch(empty_engine) as conn:
        load(conn, directory)
        before = table_snapshot(conn)
        report = load(conn, directory)
        assert report.created == {} and report.updated == {}
        assert report.unchanged == counts(world)
        assert table_snapshot(conn) == before  # no revision, no version or timestamp moved


@TWICE
@given(world=worlds(), data=st.data())
def test_the_order_of_records_in_a_file_does_not_matter(
    empty_engine: Engine, world: World, data: st.DataObject
) -> None:
    shuffled = world.copy()
    for kind in KIND_NAMES:
        shuffled.docs[kind] = data.draw(st.permutations(shuffled.docs.get(kind, [])))
    results = []
    for w in (world, shuffled):
        with written(w) as [directory], scratch(empty_engine) as conn:
            report = load(conn, directory)
            made = {(r.collection, r.item_id, r.action, repr(r.after)) for r in revisions(conn)}
            results.append((report.created, read_back(conn), made))
    assert results[0] == results[1]


@TWICE
@given(world=worlds(), data=st.data())
def test_edited_files_update_exactly_the_edited_items(
    empty_engine: Engine, world: World, data: st.DataObject
) -> None:
    new = data.draw(edited(world))
    old_dumps, new_dumps = expected_dumps(world), expected_dumps(new)
    changed = {
        kind: {i for i in items if own_data(items[i]) != own_data(old_dumps[kind][i])}
        for kind, items in new_dumps.items()
    }
    with written(world, new) as [first, second], scratch(empty_engine) as conn:
        load(conn, first)
        already = len(revisions(conn))
        report = load(conn, second)
        assert read_back(conn) == new_dumps
        assert report.created == {}
        assert report.updated == {k: len(v) for k, v in changed.items() if v}
        assert report.unchanged == {
            k: len(new_dumps[k]) - len(changed[k])
            for k in KIND_NAMES
            if len(new_dumps[k]) > len(changed[k])
        }
        updates = revisions(conn)[already:]
        assert sorted((r.collection, r.item_id) for r in updates) == sorted(
            (k, i) for k, ids in changed.items() for i in ids
        )
        for r in updates:
            assert (r.action, r.token_name) == ("update", FIXTURES_AUTHOR)
            assert r.after == new_dumps[r.collection][r.item_id]
            assert own_data(r.before) == own_data(old_dumps[r.collection][r.item_id])
            assert r.changed == [k for k in r.after if r.before[k] != r.after[k]]
            assert r.changed


# --- broken files ---


def malformed_dates() -> st.SearchStrategy[Any]:
    def no_such_day(t: tuple[int, int, int]) -> bool:
        return t[2] == 0 or t[2] > calendar.monthrange(t[0], t[1])[1]

    return st.one_of(
        st.tuples(st.integers(1, 9999), st.integers(1, 12), st.integers(0, 99))
        .filter(no_such_day)
        .map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),  # 2011-02-30, 2011-04-31
        st.tuples(st.integers(1, 9999), st.sampled_from([0, *range(13, 100)]))
        .map(lambda t: f"{t[0]:04d}-{t[1]:02d}")
        .flatmap(lambda m: st.sampled_from([m, m + "-01"])),  # 2011-13, 2011-00-01
        st.sampled_from(["0000", "0000-01", "0000-01-01", "11-01-01", "2011-1-5", "2011/01/05"]),
        st.sampled_from(
            [
                "2011-01-01T00",
                "",
                " 2011",
                "2011 ",
                "20110",
                "\uff12\uff10\uff11\uff11",
                "2011-0\u0661",
            ]
        ),
        # Not strings: what a YAML date or number would give.
        DAYS,
        st.integers(),
        # Anything else that is not a partial date (a trailing line end was once let through).
        ANY_TEXT.filter(lambda s: not PARTIAL_DATE_RE.fullmatch(s.removesuffix("\n"))),
    )


@dataclass
class Breakage:
    kind: str
    item_id: Any
    field: str  # the field path the problem must name; "" for a duplicate id
    # Reported however other items are broken: schema errors are all collected, while a
    # writer stops at the first reference it cannot resolve.
    always_exact: bool = True

    def line(self) -> str:
        if not self.field:
            return f"{self.kind}.yaml id={self.item_id!r}: duplicate id"
        return f"{self.kind}.yaml id={self.item_id!r}: {self.field}: "


REQUIRED = {
    "sources": ["id", "title", "date"],
    "actors": ["id", "name", "kind"],
    "topics": ["id", "title", "question"],
    "quotes": ["id", "text", "source", "kind", "date"],
    "positions": ["id", "actor", "topic", "stance", "summary", "date", "evidence"],
}
STRING_FIELDS = {
    "sources": ["title", "author", "language"],
    "actors": ["name", "description"],
    "topics": ["title", "question"],
    "quotes": ["text", "attribution", "notes"],
    "positions": ["summary", "notes"],
}
ENUMS = {
    "actors": ("kind", ACTOR_KINDS),
    "quotes": ("kind", QUOTE_KINDS),
    "positions": ("stance", STANCES),
}
NOT_STRINGS = st.one_of(
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["a", "b"]), st.integers(), max_size=2),
)
BAD_IDS = st.one_of(
    st.sampled_from(["Upper", "under_score", "-leading", "", "a" * 101, "sp ace", "é"]),
    ANY_TEXT.filter(lambda s: not re.fullmatch(r"[a-z0-9][a-z0-9-]*", s)),
)


def _break(
    draw: st.DrawFn,
    docs: dict[str, list[dict[str, Any]]],
    kind: str,
    record: dict[str, Any],
    texts: dict[str, str],
) -> Breakage:
    """Break `record` one way; say which problem line the loader must report."""
    rid = record["id"]
    ways = ["unknown-field", "wrong-type", "missing", "bad-id", "duplicate"]
    if kind in ENUMS:
        ways.append("enum")
    if kind in ("sources", "quotes", "positions"):
        ways.append("date")
    if kind == "actors":
        ways += ["dangling", "self-affiliation", "repeated-alias"]
        if record.get("affiliations"):
            ways.append("date")
    if kind == "quotes":
        ways += ["dangling", "not-the-source-words"]
    if kind == "positions":
        ways += ["dangling", "span-outside", "supersedes-itself"]
    way = draw(st.sampled_from(ways))

    if way == "unknown-field":
        name = draw(
            st.from_regex(r"[a-z][a-z_]{0,12}", fullmatch=True).filter(
                lambda n: n not in BY_NAME[kind].create_schema().fields and n != "text_file"
            )
        )
        record[name] = draw(st.none() | WORDS | NOT_STRINGS)
        return Breakage(kind, rid, name)
    if way == "wrong-type":
        name = draw(st.sampled_from(STRING_FIELDS[kind]))
        record[name] = draw(NOT_STRINGS)
        return Breakage(kind, rid, name)
    if way == "missing":
        name = draw(st.sampled_from(REQUIRED[kind]))
        if name == "id":
            record.pop("id")
            return Breakage(kind, None, "id")
        record.pop(name)
        return Breakage(kind, rid, name)
    if way == "bad-id":
        record["id"] = draw(BAD_IDS)
        return Breakage(kind, record["id"], "id")
    if way == "duplicate":
        twin = copy.deepcopy(record)
        _optional(draw, twin, notes=MAYBE_WORDS)
        docs[kind].insert(draw(st.integers(0, len(docs[kind]))), twin)
        return Breakage(kind, rid, "")
    if way == "enum":
        name, allowed = ENUMS[kind]
        record[name] = draw(ANY_TEXT.filter(lambda v: v not in allowed))
        return Breakage(kind, rid, name)
    if way == "date":
        if kind == "actors":
            i = draw(st.integers(0, len(record["affiliations"]) - 1))
            end = draw(st.sampled_from(["valid_from", "valid_to"]))
            record["affiliations"][i][end] = draw(malformed_dates())
            return Breakage(kind, rid, f"affiliations.{i}.{end}")
        name = "date" if kind != "positions" else draw(st.sampled_from(["date", "valid_to"]))
        record[name] = draw(malformed_dates())
        return Breakage(kind, rid, name)
    if way == "repeated-alias":
        alias = draw(st.text(CHARS, max_size=12))
        record["aliases"] = [*record.get("aliases", []), alias, alias]
        return Breakage(kind, rid, "aliases")
    if way == "self-affiliation":
        record.setdefault("affiliations", []).append({"organization": rid})
        return Breakage(
            kind,
            rid,
            f"affiliations.{len(record['affiliations']) - 1}.organization",
            always_exact=False,
        )
    if way == "not-the-source-words":
        record["text"] = texts[record["source"]] + draw(WORDS)
        return Breakage(kind, rid, "text", always_exact=False)
    if way == "span-outside":
        source = draw(st.sampled_from(docs["sources"]))
        length = len(source["text"])
        start = draw(st.integers(0, length + 5))
        end = draw(st.integers(length + 1, length + 10)) if start < length else start + 1
        record["evidence"].append({"source": source["id"], "start": start, "end": end})
        return Breakage(kind, rid, f"evidence.{len(record['evidence']) - 1}", always_exact=False)
    if way == "supersedes-itself":
        record["supersedes"] = rid
        return Breakage(kind, rid, "supersedes", always_exact=False)
    assert way == "dangling"
    if kind == "actors":
        record.setdefault("affiliations", []).append({"organization": MISSING})
        path = f"affiliations.{len(record['affiliations']) - 1}.organization"
    elif kind == "quotes":
        path = draw(st.sampled_from(["source", "speaker"]))
        record[path] = MISSING
    else:
        path = draw(st.sampled_from(["actor", "topic", "option", "supersedes", "evidence"]))
        if path == "evidence":
            i = draw(st.integers(0, len(record["evidence"]) - 1))
            ref = draw(st.sampled_from(["quote", "source"]))
            record["evidence"][i] = (
                {"quote": MISSING} if ref == "quote" else {"source": MISSING, "start": 0, "end": 1}
            )
            path = f"evidence.{i}.{ref}"
        else:
            record[path] = MISSING
    return Breakage(kind, rid, path, always_exact=False)


@st.composite
def broken(draw: st.DrawFn, world: World) -> tuple[World, list[Breakage]]:
    """The world with 1 to 3 of its items broken, each a different way."""
    new = world.copy()
    targets = [(k, i) for k in REQUIRED for i in range(len(new.docs[k]))]
    chosen = draw(st.lists(st.sampled_from(targets), min_size=1, max_size=3, unique=True))
    records = [(k, new.docs[k][i]) for k, i in chosen]  # before duplicates move them
    texts = {s["id"]: s["text"] for s in new.docs["sources"]}  # before ids change
    return new, [_break(draw, new.docs, k, record, texts) for k, record in records]


@PROPERTY
@given(world=worlds(), preload=st.booleans(), data=st.data())
def test_broken_files_are_refused_and_leave_the_database_as_it_was(
    empty_engine: Engine, world: World, preload: bool, data: st.DataObject
) -> None:
    # With a preloaded database the broken files also carry valid edits of loaded items:
    # those updates must be rolled back with the rest.
    start = data.draw(edited(world)) if preload else world
    bad, breakages = data.draw(broken(start))
    with written(world, bad) as [good_dir, bad_dir], scratch(empty_engine) as conn:
        if preload:
            load(conn, good_dir)
        before = table_snapshot(conn)
        error = load_refused(conn, bad_dir)
        assert table_snapshot(conn) == before
        assert row_counts(table_snapshot(conn)) == row_counts(before)

    problems = error.problems
    assert problems and str(error).startswith(f"{len(problems)} problem(s) in the fixtures:")
    assert all(
        re.match(r"(sources|actors|topics|events|quotes|positions)\.yaml id=", p) for p in problems
    )
    exact = len(breakages) == 1
    for b in breakages:
        if b.always_exact or exact:
            assert any(p.startswith(b.line()) for p in problems), (b, problems)
        else:
            assert any(p.startswith(f"{b.kind}.yaml id={b.item_id!r}: ") for p in problems), (
                b,
                problems,
            )


# --- known bugs ---


@QUICK
@given(world=worlds(), value=ANY_TEXT, which=st.integers(0, 2))
@example(
    world=World({"sources": [{"id": "s", "title": "S", "date": "2011", "text": "t"}]}),
    value="2011\n",
    which=0,
)
def test_only_real_partial_dates_are_accepted(
    empty_engine: Engine, world: World, value: str, which: int
) -> None:
    world = world.copy()
    sources = world.docs["sources"]
    sources[which % len(sources)]["date"] = value
    with written(world) as [directory], scratch(empty_engine) as conn:
        try:
            load(conn, directory)
        except FixtureError as exc:
            assert any(": date: " in p for p in exc.problems), exc.problems
            return
    assert PARTIAL_DATE_RE.fullmatch(value), f"the date {value!r} was accepted"


@st.composite
def reloads(draw: st.DrawFn, change: str) -> tuple[World, World]:
    """A world and a consistent edit of it that a reload must apply."""
    world = draw(worlds())
    new = world.copy()
    docs = new.docs
    if change == "aliases":
        actors = [a for a in docs["actors"] if len(a.get("aliases", [])) > 1]
        if not actors:
            world.docs["actors"].append(
                {"id": "pinned-example", "name": "Z", "kind": "group", "aliases": ["one", "two"]}
            )
            new = world.copy()
            actors = [a for a in new.docs["actors"] if a["id"] == "pinned-example"]
        actor = draw(st.sampled_from(actors))
        aliases = actor["aliases"]
        actor["aliases"] = draw(
            st.permutations(aliases).filter(lambda p: p != aliases)
            | st.just([draw(WORDS.filter(lambda w: w not in aliases)), *aliases])
        )
    elif change == "identifier-moves":
        world.docs["actors"] += [
            {
                "id": "pinned-example-a",
                "name": "A",
                "kind": "state",
                "identifiers": [{"scheme": "wikidata", "value": "Q0"}],
            },
            {"id": "pinned-example-b", "name": "B", "kind": "state"},
        ]
        new = world.copy()
        *others, a, b = new.docs["actors"]
        b["identifiers"] = a.pop("identifiers")
        # The receiving actor first; the other order loads.
        new.docs["actors"] = [*others, b, a]
    elif change == "option-moves":
        world.docs["topics"] = [
            {
                "id": "pinned-example-t1",
                "title": "One",
                "question": "?",
                "options": [{"id": "pinned-example-o", "label": "o"}],
            },
            {"id": "pinned-example-t2", "title": "Two", "question": "?", "options": []},
            *world.docs["topics"],
        ]
        new = world.copy()
        one, two = new.docs["topics"][:2]
        two["options"].append(one["options"].pop())
        # The receiving topic first; the other order loads.
        new.docs["topics"][:2] = [two, one]
    else:
        assert change == "option-dropped"
        world.docs["topics"].append(
            {
                "id": "pinned-example-t",
                "title": "T",
                "question": "?",
                "options": [
                    {"id": "pinned-example-old", "label": "old"},
                    {"id": "pinned-example-new", "label": "new"},
                ],
            }
        )
        if not world.docs["actors"]:
            world.docs["actors"].append({"id": "pinned-example-a", "name": "A", "kind": "state"})
        source = world.docs["sources"][0]
        world.docs["positions"].append(
            {
                "id": "pinned-example-p",
                "actor": world.docs["actors"][0]["id"],
                "topic": "pinned-example-t",
                "option": "pinned-example-old",
                "stance": "supports",
                "summary": "S",
                "date": "2011",
                "evidence": [{"source": source["id"], "start": 0, "end": 1}],
            }
        )
        new = world.copy()
        new.docs["topics"][-1]["options"].pop(0)
        new.docs["positions"][-1]["option"] = "pinned-example-new"
    return world, new


@pytest.mark.parametrize(
    "change",
    [
        "aliases",  # reordered aliases (fixed: sync_children deletes dropped rows first)
        # Fixed by trying refused records again after the rest (api/fixtures.py); each was
        # refused, or crashed, depending on record order:
        "identifier-moves",  # UNIQUE (scheme, value) while the giving actor still held it
        "option-moves",  # "Option 'x' belongs to 't1'" when the receiving topic came first
        "option-dropped",  # FOREIGN KEY: topics were written before positions moved off it
    ],
)
@QUICK
@given(data=st.data())
def test_consistent_edits_reload(empty_engine: Engine, change: str, data: st.DataObject) -> None:
    world, new = data.draw(reloads(change))
    with written(world, new) as [first, second], scratch(empty_engine) as conn:
        load(conn, first)
        load(conn, second)
        assert read_back(conn) == expected_dumps(new)


def _non_mapping_record(world: World) -> None:
    world.docs["actors"].append("just-a-name")


def _unhashable_id(world: World) -> None:
    world.docs["actors"].append({"id": ["a", "list"], "name": "A", "kind": "state"})


def _list_as_organization(world: World) -> None:
    world.docs["actors"].append(
        {
            "id": "pinned-example-a",
            "name": "A",
            "kind": "state",
            "affiliations": [{"organization": ["x"]}],
        }
    )


def _shared_identifier(world: World) -> None:
    same = [{"scheme": "wikidata", "value": "Q0"}]
    world.docs["actors"] += [
        {"id": "pinned-example-a", "name": "A", "kind": "state", "identifiers": same},
        {
            "id": "pinned-example-b",
            "name": "B",
            "kind": "state",
            "identifiers": copy.deepcopy(same),
        },
    ]


def _missing_text_file(world: World) -> None:
    world.docs["sources"].append(
        {"id": "pinned-example-s", "title": "S", "date": "2011", "text": "t"}
    )
    world.in_files.add("pinned-example-s")  # its file is deleted before the load


REFUSALS: dict[str, tuple[Callable[[World], None], str]] = {
    "record-not-a-mapping": (
        _non_mapping_record,
        "A record that is not a mapping (`- just-a-name`) raises AttributeError ('str' object "
        "has no attribute 'get') from load_fixtures, not a FixtureError naming it; the session "
        "is not rolled back either, so earlier kinds stay flushed in it.",
    ),
    "unhashable-id": (
        _unhashable_id,
        "An id that is a list or mapping raises TypeError (unhashable type) in the duplicate-id "
        "check and in _ordered, not FixtureError 'id: Not a valid string.'.",
    ),
    "unhashable-organization": (
        _list_as_organization,
        "affiliations: [{organization: [x]}] raises TypeError (unhashable type: 'list') in "
        "_ordered (ACTORS.depends_on), not FixtureError.",
    ),
    "shared-identifier": (
        _shared_identifier,
        "Two actors with the same identifier (scheme, value) raise IntegrityError (UNIQUE "
        "actor_identifiers) out of load_fixtures, not FixtureError naming the second actor; "
        "the earlier writes stay flushed in the session.",
    ),
    "missing-text-file": (
        _missing_text_file,
        "A source whose text_file does not exist raises FileNotFoundError from read_records, "
        "not FixtureError naming the source.",
    ),
}


@pytest.mark.parametrize(
    "breakage",
    [pytest.param(b, id=b) for b in REFUSALS],
)
@QUICK
@given(world=worlds())
def test_every_refusal_is_a_fixture_error_and_keeps_nothing(
    empty_engine: Engine, breakage: str, world: World
) -> None:
    world = world.copy()
    REFUSALS[breakage][0](world)
    with written(world) as [directory], scratch(empty_engine) as conn:
        if breakage == "missing-text-file":
            (directory / "sources" / "pinned-example-s.txt").unlink()
        before = table_snapshot(conn)
        with loader_session(conn) as session:
            try:
                load_fixtures(session, directory)
            except FixtureError:
                pass
            except Exception as exc:  # what the bug does: report it with what was kept
                kept = row_counts(table_snapshot(conn))
                raise AssertionError(
                    f"{type(exc).__name__}, not FixtureError; rows in the session: "
                    f"{kept} (before: {row_counts(before)})"
                ) from exc
            else:
                raise AssertionError("the broken files loaded")
        assert table_snapshot(conn) == before


@QUICK
@given(world=worlds(), extra=WORDS)
def test_a_changed_source_text_under_quotes_is_reported(
    empty_engine: Engine, world: World, extra: str
) -> None:
    # Make sure a quote points into the first source.
    source = world.docs["sources"][0]
    world.docs["quotes"].append(
        {
            "id": "pinned-example-q",
            "text": source["text"][:1],
            "start": 0,
            "source": source["id"],
            "kind": "direct",
            "date": "2011",
        }
    )
    changed = world.copy()
    changed.docs["sources"][0]["text"] += extra
    with written(world, changed) as [first, second], scratch(empty_engine) as conn:
        load(conn, first)
        before = table_snapshot(conn)
        error = load_refused(conn, second)
        assert any(
            p.startswith(f"sources.yaml id={source['id']!r}: text: ") for p in error.problems
        )
        assert table_snapshot(conn) == before
