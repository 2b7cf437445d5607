"""Friendly to browsers, caches and bulk users: CORS, caching, gzip, rate limits, exports."""

from __future__ import annotations

import csv
import gzip
import io
import json

from flask import Flask

from api import create_app
from api.config import Config
from tests.conftest import bind_to_connection


def _app(database_url: str, connection, **settings) -> Flask:  # type: ignore[no-untyped-def]
    return bind_to_connection(create_app(Config(database_url=database_url, **settings)), connection)


def test_cors_on_reads_from_configured_origins(database_url, connection) -> None:
    client = _app(database_url, connection, cors_origins=["https://desk.example"]).test_client()
    ok = client.get("/v1/topics", headers={"Origin": "https://desk.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://desk.example"
    assert "ETag" in ok.headers["Access-Control-Expose-Headers"]
    other = client.get("/v1/topics", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    write = client.post("/v1/topics", json={}, headers={"Origin": "https://desk.example"})
    assert "Access-Control-Allow-Origin" not in write.headers


def test_cache_control_gzip_and_conditional_get(client) -> None:
    plain = client.get("/v1/actors?limit=100")
    assert plain.headers["Cache-Control"].startswith("public, max-age=")
    zipped = client.get("/v1/actors?limit=100", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.data)) == plain.json
    again = client.get(
        "/v1/actors?limit=100",
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]},
    )
    assert again.status_code == 304 and again.headers["ETag"] == zipped.headers["ETag"]
    small = client.get("/v1/topics/joint-control", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in small.headers


def test_search_is_rate_limited_with_headers_and_a_429(database_url, connection) -> None:
    client = _app(database_url, connection, search_rate_per_minute=2).test_client()
    first = client.get("/v1/search?q=missile")
    assert first.headers["RateLimit-Limit"] == "2" and first.headers["RateLimit-Remaining"] == "1"
    client.get("/v1/search?q=missile")
    third = client.get("/v1/search?q=missile")
    assert third.status_code == 429 and third.content_type == "application/problem+json"
    assert int(third.headers["Retry-After"]) > 0
    assert client.get("/v1/actors").status_code == 200  # plain reads are not limited


def test_csv_and_ndjson_carry_the_whole_filtered_list(client) -> None:
    listed = client.get("/v1/quotes?limit=500&kind=reported").json["items"]
    as_csv = client.get("/v1/quotes?format=csv&kind=reported")
    assert as_csv.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(as_csv.get_data(as_text=True))))
    assert [r["id"] for r in rows] == [q["id"] for q in listed]
    assert (
        rows[0]["text"] == listed[0]["text"] and rows[0]["source.id"] == listed[0]["source"]["id"]
    )
    as_ndjson = client.get("/v1/quotes?kind=reported", headers={"Accept": "application/x-ndjson"})
    lines = [json.loads(line) for line in as_ndjson.get_data(as_text=True).splitlines()]
    assert lines == listed


def test_quote_as_schema_org_quotation(client) -> None:
    r = client.get("/v1/quotes/medvedev-common-toys", headers={"Accept": "application/ld+json"})
    doc = json.loads(r.data)
    assert r.mimetype == "application/ld+json"
    assert (doc["@type"], doc["spokenByCharacter"]["name"]) == ("Quotation", "Dmitry Medvedev")
    assert doc["isBasedOn"]["@type"] == "NewsArticle"
    assert doc["text"] == client.get("/v1/quotes/medvedev-common-toys").json["text"]
