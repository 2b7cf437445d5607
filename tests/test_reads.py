"""The read API: pages and cursors, filters, errors as problems, constant query counts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from api import create_app
from api.config import Config

COLLECTIONS = ["sources", "actors", "topics", "positions", "quotes", "events"]


def _all_ids(client: FlaskClient, url: str, limit: int) -> list[str]:
    ids, cursor = [], None
    while True:
        sep = "&" if "?" in url else "?"
        page = client.get(f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        assert page.status_code == 200
        ids += [i["id"] for i in page.json["items"]]
        cursor = page.json["next_cursor"]
        if cursor is None:
            assert "Link" not in page.headers
            return ids
        assert page.headers["Link"].endswith('rel="next"') and cursor in page.headers["Link"]


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_collection_pages_through_everything_once(client, collection) -> None:
    whole = _all_ids(client, f"/v1/{collection}", 500)
    assert whole, f"no {collection} in the fixtures"
    assert _all_ids(client, f"/v1/{collection}", 7) == whole == sorted(whole)
    one = client.get(f"/v1/{collection}/{whole[0]}")
    assert one.status_code == 200 and one.json["id"] == whole[0]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/v1/quotes?limit=banana", 422),
        ("/v1/quotes?limit=0", 422),
        ("/v1/quotes?limit=501", 422),
        ("/v1/quotes?limit=99999999999999999999999", 422),
        ("/v1/quotes?cursor=not-a-cursor", 400),
        ("/v1/quotes/no-such-quote", 404),
        ("/v1/no-such-collection", 404),
        ("/v1/quotes?speaker=nobody", 422),
        ("/v1/positions?stance=maybe", 422),
        ("/v1/events?from=2011-02-30", 422),
        ("/v1/topics/missile-defence-architecture/comparison?as_of=2011-13-01", 422),
        ("/v1/topics/missile-defence-architecture/comparison?actors=russia,nobody", 422),
        ("/v1/compare?actors=russia", 422),
        ("/v1/search?q=%20%20", 422),
    ],
)
def test_bad_requests_are_problems(client, url, status) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.content_type == "application/problem+json"
    assert r.json["status"] == status and r.json["title"]


def test_unknown_actors_are_named_one_error_each(client) -> None:
    url = "/v1/topics/missile-defence-architecture/comparison?actors=russia,nobody,nemo"
    errors = client.get(url).json["errors"]
    assert errors == [
        {
            "location": "query",
            "field": "actors",
            "pointer": "/actors",
            "detail": f"No actor with id {i!r}.",
        }
        for i in ("nobody", "nemo")
    ]


def test_405_names_allowed_methods_and_406_refuses_html(client) -> None:
    r = client.put("/v1/quotes")
    assert r.status_code == 405 and "GET" in r.headers["Allow"]
    assert r.content_type == "application/problem+json"
    r = client.get("/v1/quotes", headers={"Accept": "text/html"})
    assert r.status_code == 406 and r.content_type == "application/problem+json"


def test_related_items_are_embedded_as_references(client) -> None:
    quote = client.get("/v1/quotes/medvedev-common-toys").json
    assert quote["speaker"] == {
        "id": "dmitry-medvedev",
        "name": quote["speaker"]["name"],
        "kind": "person",
    }
    assert set(quote["source"]) == {"id", "title"}
    assert quote["date_precision"] in {"year", "month", "day"}


def test_filters(client) -> None:
    moscow = [a["id"] for a in client.get("/v1/actors?q=moscow").json["items"]]
    assert "russia" in moscow
    states = client.get("/v1/actors?kind=state&limit=500").json["items"]
    assert states and {a["kind"] for a in states} == {"state"}
    by_speaker = client.get("/v1/quotes?speaker=dmitry-medvedev").json["items"]
    assert by_speaker and {q["speaker"]["id"] for q in by_speaker} == {"dmitry-medvedev"}
    on_topic = client.get("/v1/quotes?topic=missile-defence-architecture&limit=500").json["items"]
    assert "rogozin-two-different-systems" in [q["id"] for q in on_topic]
    events = client.get("/v1/events?from=2011-01-01&to=2011-01-31&limit=500").json["items"]
    assert events and all(e["date"] <= "2011-01-31" for e in events)
    took_part = client.get("/v1/events?participant=nikolai-makarov").json["items"]
    assert took_part


@contextmanager
def count_queries(app: Flask, connection: Any) -> Iterator[list[str]]:
    """Every statement a request runs on the test's connection, less the savepoints the test
    fixture wraps each request's transaction in."""
    statements: list[str] = []

    def record(*args) -> None:  # type: ignore[no-untyped-def]
        if not args[2].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")):
            statements.append(args[2])

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", record)


@pytest.mark.parametrize(
    "url",
    [f"/v1/{c}?limit={{n}}" for c in COLLECTIONS]
    + [
        "/v1/quotes?limit={n}&cursor=azE6YQ",
        "/v1/positions?limit={n}&as_of=2011-06-30&facets=stance,actor",
        "/v1/quotes?limit={n}&q=missile",
        "/v1/search?q=missile&limit={n}",
    ],
)
def test_query_count_does_not_grow_with_the_page(app, client, connection, url) -> None:
    counts = []
    for n in (1, 40):
        with count_queries(app, connection) as statements:
            assert client.get(url.format(n=n)).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] > 0, counts


def test_comparison_query_count_does_not_grow_with_actors(app, client, connection) -> None:
    base = "/v1/topics/missile-defence-architecture/comparison?as_of=2011-12-31&roll_up=true"
    counts = []
    for actors in ("russia", "russia,nato,united-states,dmitry-rogozin,anders-fogh-rasmussen"):
        with count_queries(app, connection) as statements:
            assert client.get(f"{base}&actors={actors}").status_code == 200
        counts.append(len(statements))
    # The topic with its options, the actors, positions, their evidence, affiliations.
    assert counts == [5, 5], counts


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_a_streamed_export_gives_its_connection_back(database_url: str, fmt: str) -> None:
    app = create_app(Config(database_url=database_url))
    engine = app.extensions["stances"]["engine"]
    try:
        response = app.test_client().get(f"/v1/quotes?format={fmt}")
        assert response.status_code == 200 and response.get_data()
        response.close()
        assert engine.pool.checkedout() == 0
    finally:
        engine.dispose()
