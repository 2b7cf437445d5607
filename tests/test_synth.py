"""`python -m bench.synth`: bulk-written rows keep every invariant the API enforces."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from flask.testing import FlaskClient
from marshmallow import Schema, ValidationError, fields
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api import create_app
from api.config import Config
from api.db import make_engine
from api.db.migrations import alembic_config
from api.models import Affiliation, Event, Position, Quote, Source
from api.models.partial_dates import PartialDate
from api.schemas.errors import field_errors
from api.writes.common import Conflict, InvalidInput
from api.writes.kinds import KINDS, Kind
from api.writes.writes import create_item
from bench.synth import COMMON_WORD, Plan, slug, synth_database
from tests.conftest import drop_database, new_database_url

QUOTES = 300
PLAN = Plan.for_quotes(QUOTES)


def _migrated(tmp_path: Path, url: str | None = None) -> str:
    url = url or new_database_url(tmp_path)
    command.upgrade(alembic_config(url), "head")
    return url


@pytest.fixture(scope="module")
def synth_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = _migrated(tmp_path_factory.mktemp("synth"))
    try:
        synth_database(url, QUOTES, seed=1, progress=None)
        yield url
    finally:
        drop_database(url)


@pytest.fixture(scope="module")
def synth_client(synth_url: str) -> Iterator[FlaskClient]:
    app = create_app(Config(database_url=synth_url, search_rate_per_minute=1_000_000))
    yield app.test_client()
    app.extensions["stances"]["engine"].dispose()


def _all(client: FlaskClient, path: str, limit: int = 100) -> list[dict[str, Any]]:
    """Every item of a list, following next_cursor page by page."""
    items: list[dict[str, Any]] = []
    url = f"{path}?limit={limit}"
    for _ in range(1000):
        response = client.get(url)
        assert response.status_code == 200, response.json
        items.extend(response.json["items"])
        if not response.json["next_cursor"]:
            return items
        url = f"{path}?limit={limit}&cursor={response.json['next_cursor']}"
    raise AssertionError("the list did not end")


def test_lists_page_through_every_synth_item(synth_client: FlaskClient) -> None:
    for path, expected in (
        ("/v1/quotes", PLAN.quotes),
        ("/v1/sources", PLAN.sources),
        ("/v1/actors", PLAN.actors),
        ("/v1/positions", PLAN.positions),
        ("/v1/events", PLAN.events),
        ("/v1/topics", PLAN.topics),
    ):
        ids = [item["id"] for item in _all(synth_client, path, limit=37)]
        assert len(ids) == expected, path
        assert ids == sorted(set(ids)), path


def test_every_quote_and_excerpt_is_its_source_text_at_its_span(
    synth_client: FlaskClient,
) -> None:
    texts: dict[str, str] = {}

    def source_text(source_id: str) -> str:
        if source_id not in texts:
            texts[source_id] = synth_client.get(f"/v1/sources/{source_id}").json["text"]
        return texts[source_id]

    for quote in _all(synth_client, "/v1/quotes", limit=500):
        assert source_text(quote["source"]["id"])[quote["start"] : quote["end"]] == quote["text"]
        one = synth_client.get(f"/v1/quotes/{quote['id']}")
        assert one.status_code == 200 and one.json == quote
    spans = [e for p in _all(synth_client, "/v1/positions", 500) for e in p["evidence"]]
    spans += [e for ev in _all(synth_client, "/v1/events", 500) for e in ev["evidence"]]
    assert spans
    for span in spans:
        assert source_text(span["source"]["id"])[span["start"] : span["end"]] == span["excerpt"]


def test_partial_dates_carry_their_ranges(synth_url: str) -> None:
    engine = make_engine(synth_url)
    checks = [
        (Quote, "date"),
        (Source, "date"),
        (Event, "date"),
        (Position, "date"),
        (Position, "valid_from"),
        (Position, "valid_to"),
        (Affiliation, "valid_from"),
        (Affiliation, "valid_to"),
    ]
    precisions = set()
    with engine.connect() as conn:
        for model, name in checks:
            columns = [getattr(model, name), getattr(model, f"{name}_earliest")]
            columns.append(getattr(model, f"{name}_latest"))
            for text, earliest, latest in conn.execute(select(*columns)):
                if text is None:
                    assert earliest is None and latest is None
                    continue
                parsed = PartialDate.parse(text)
                assert (earliest, latest) == (parsed.earliest, parsed.latest), (model, text)
                precisions.add(parsed.precision)
        events = conn.execute(select(Event.end_date, Event.end_date_latest)).all()
    engine.dispose()
    assert precisions == {"year", "month", "day"}
    for end_date, end_latest in events:
        assert end_latest == (PartialDate.parse(end_date).latest if end_date else None)


def test_search_finds_synth_words(synth_client: FlaskClient) -> None:
    hits = synth_client.get(f"/v1/search?q={COMMON_WORD}&limit=100").json["items"]
    assert {h["type"] for h in hits} >= {"quote"}
    assert all(f"<mark>{COMMON_WORD}</mark>" in h["snippet"].lower() for h in hits)
    quotes = synth_client.get(f"/v1/quotes?q={COMMON_WORD}&limit=10").json["items"]
    assert quotes and all(COMMON_WORD in q["text"] for q in quotes)
    actor = synth_client.get(f"/v1/actors/{slug('actor', PLAN.actors - 1)}").json
    names = synth_client.get(f"/v1/search?q={actor['aliases'][0]}&type=actor").json["items"]
    assert actor["id"] in [h["id"] for h in names]


def test_comparison_on_a_synth_topic_has_rows(synth_client: FlaskClient) -> None:
    response = synth_client.get("/v1/topics/synth-topic-000000/comparison?as_of=2016-12-31")
    assert response.status_code == 200
    rows = response.json["rows"]
    assert rows
    assert 2 <= len(response.json["options"]) <= 4
    assert any(cell["positions"] for row in rows for cell in row["cells"])


def test_a_second_run_is_refused(synth_url: str) -> None:
    with pytest.raises(ValueError, match="already holds"):
        synth_database(synth_url, 10, progress=None)


def test_same_seed_same_rows(tmp_path: Path) -> None:
    """A generator property, so checked on two small SQLite files whatever DATABASE_URL says."""

    def digest(seed: int, name: str) -> str:
        url = _migrated(tmp_path, f"sqlite:///{tmp_path / name}")
        synth_database(url, 60, seed=seed, progress=None)
        engine = make_engine(url)
        with engine.connect() as conn:
            rows = conn.execute(select(Quote.__table__).order_by(Quote.id)).all()
            rows += conn.execute(select(Position.__table__).order_by(Position.id)).all()
        engine.dispose()
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    assert digest(7, "a.db") == digest(7, "b.db") != digest(8, "c.db")


# -- what synth writes is what the writers accept --------------------------------------------

# Written by the server, never sent: left out of the comparison.
SERVER_SET = ("created_at", "updated_at")


def _body(schema: Schema, item: dict[str, Any]) -> dict[str, Any]:
    """The create body for a read `item`: the fields `schema` takes, each in its input shape.
    What the schema does not take (sha256, length, date_precision, excerpts) is left out."""
    body = {}
    for name, field in schema.fields.items():
        key = field.data_key or name
        if key not in item or (item[key] is None and not field.allow_none):
            continue
        body[key] = _value(field, item[key])
    return body


def _value(field: fields.Field, value: Any) -> Any:
    if isinstance(field, fields.Nested) and isinstance(value, dict):
        return _body(field.schema, value)
    if isinstance(field, fields.List) and isinstance(value, list):
        return [_value(field.inner, v) for v in value]
    if isinstance(value, dict) and "id" in value:
        return value["id"]  # a reference: read as {"id", "name", ...}, written as the id
    return value


def _position_evidence(item: dict[str, Any]) -> dict[str, Any]:
    """A position's evidence is read with its span even when it is a quote; written as
    either the quote or the span."""
    if item["quote"] is not None:
        return {"quote": item["quote"]["id"]}
    return {"source": item["source"]["id"], "start": item["start"], "end": item["end"]}


# Where the read shape and the create shape differ beyond references.
EXPLICIT = {("positions", "evidence"): _position_evidence}


def create_body(kind: Kind, item: dict[str, Any]) -> dict[str, Any]:
    body = _body(kind.create_schema(), item)
    for (kind_name, key), convert in EXPLICIT.items():
        if kind_name == kind.name and key in body:
            body[key] = [convert(v) for v in item[key]]
    return body


def _read_all(engine: Engine, kind: Kind) -> dict[str, dict[str, Any]]:
    schema = kind.read_schema(exclude=SERVER_SET)
    with Session(engine) as session:
        rows = session.scalars(select(kind.model).order_by(kind.model.id)).unique()
        return {row.id: schema.dump(row) for row in rows}


def _search_rows(engine: Engine) -> dict[tuple[str, str], tuple[str, str]]:
    name = "search_fts" if engine.dialect.name == "sqlite" else "search_documents"
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT doc_type, doc_id, label, body FROM {name}"))
        return {(t, i): (label, body) for t, i, label, body in rows}


def _refusal(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{e['field']}: {e['detail']}" for e in field_errors({"body": exc.messages})
        )
    if isinstance(exc, IntegrityError):
        return f"the database refused it: {exc.orig}"
    return f"{type(exc).__name__}: {exc}"


def _differences(synth: dict[str, Any], written: dict[str, Any]) -> str:
    keys = sorted(synth.keys() | written.keys())
    return "; ".join(
        f"{k}: synth {synth.get(k)!r} != written {written.get(k)!r}"
        for k in keys
        if synth.get(k) != written.get(k)
    )


def test_the_writers_accept_every_synth_item_as_written(synth_url: str, tmp_path: Path) -> None:
    """Every synth item, read back, turned into its create body and written by
    `create_item` into a fresh database, reads back the same, and indexes the same."""
    synth_engine = make_engine(synth_url)
    synth = {kind.name: _read_all(synth_engine, kind) for kind in KINDS}
    synth_index = _search_rows(synth_engine)
    synth_engine.dispose()
    assert all(synth.values()), {name: len(items) for name, items in synth.items()}

    url = _migrated(tmp_path)
    engine = make_engine(url)
    try:
        refused: dict[str, str] = {}
        follow_on: set[str] = set()
        with Session(engine) as session:
            # Kinds in load order, ids in order: a synth item refers only to earlier kinds
            # and, within its kind, to lower ids (organisations, superseded positions).
            for kind in KINDS:
                for item_id, item in synth[kind.name].items():
                    try:
                        data = kind.create_schema().load(create_body(kind, item))
                        with session.begin_nested():
                            create_item(session, kind, data, "synth-check")
                    except (ValidationError, InvalidInput, Conflict, IntegrityError) as exc:
                        reason = _refusal(exc)
                        # "No actor with id 'x'" for an x refused above says nothing new.
                        if any(f"'{i}'" in reason for i in (*refused, *follow_on)):
                            follow_on.add(item_id)
                        else:
                            refused[item_id] = f"{kind.name}/{item_id}: {reason}"
            session.commit()

        differing = []
        for kind in KINDS:
            written = _read_all(engine, kind)
            differing += [
                f"{kind.name}/{item_id}: {_differences(item, written[item_id])}"
                for item_id, item in synth[kind.name].items()
                if item_id in written and written[item_id] != item
            ]
        problems = [*refused.values()]
        if follow_on:
            problems.append(f"(and {len(follow_on)} more that refer to those)")
        if differing:
            problems += ["written back, synth items differ:", *differing]
        assert not problems, "the writers refuse synth items:\n" * bool(refused) + "\n".join(
            problems
        )

        index = _search_rows(engine)
        assert index.keys() == synth_index.keys()
        assert [k for k in index if index[k] != synth_index[k]] == []
    finally:
        engine.dispose()
        drop_database(url)
