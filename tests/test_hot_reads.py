"""The hot read path (api/hot_reads.py) answers what Flask answers, or leaves it to Flask."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from api import create_app
from api.config import Config
from api.hot_reads import HotReads

ORIGINS = ["https://newsroom.example"]


@pytest.fixture(scope="module", params=[["*"], ORIGINS], ids=["any-origin", "listed-origins"])
def apps(request: pytest.FixtureRequest, database_url: str) -> Iterator[tuple[Flask, Flask]]:
    hot = create_app(Config(database_url=database_url, cors_origins=request.param))
    cold = create_app(
        Config(database_url=database_url, cors_origins=request.param, hot_reads=False)
    )
    yield hot, cold
    for app in (hot, cold):
        app.extensions["stances"]["engine"].dispose()


class FlaskCalls:
    """Counts the requests the hot path hands on to Flask."""

    def __init__(self, hot: HotReads) -> None:
        self.inner, self.count = hot.app, 0
        hot.app = self

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.count += 1
        return self.inner(environ, start_response)


# Each app counts its own requests, and the window's reset may tick between two requests.
PER_APP = {"RateLimit-Remaining", "RateLimit-Reset"}


def _same(hot: Flask, cold: Flask, path: str, headers: dict[str, str]) -> bool:
    """Asserts both answers are equal, byte for byte and header for header (the rate limit
    counters only present alike); True when the hot path answered it by itself."""
    calls = FlaskCalls(hot.extensions["stances"]["hot_reads"])
    try:
        fast = hot.test_client().get(path, headers=headers)
        fast_body = fast.get_data()
        fast.close()
    finally:
        hot.extensions["stances"]["hot_reads"].app = calls.inner
    slow = cold.test_client().get(path, headers=headers)
    slow_body = slow.get_data()
    slow.close()
    assert fast.status_code == slow.status_code, path
    assert fast_body == slow_body, path
    assert sorted((k, v) for k, v in fast.headers.items() if k not in PER_APP) == sorted(
        (k, v) for k, v in slow.headers.items() if k not in PER_APP
    ), path
    assert {k for k, _ in fast.headers.items() if k in PER_APP} == {
        k for k, _ in slow.headers.items() if k in PER_APP
    }, path
    return calls.count == 0


def _cursor(cold: Flask, path: str) -> str:
    return cold.test_client().get(path).json["next_cursor"]


HEADER_SETS = [
    {},
    {"Accept": "application/json"},
    {"Accept": "*/*", "Accept-Encoding": "gzip, br"},
    {"Origin": "https://newsroom.example", "Accept-Encoding": "gzip"},
    {"Origin": "https://elsewhere.example"},
    {"Host": "stances.example:8443"},
]
ACROSS_HEADERS = pytest.mark.parametrize(
    "headers", HEADER_SETS, ids=lambda h: ",".join(h) or "bare"
)
# The first four: plain, JSON, gzip, CORS.
ACROSS_FEW_HEADERS = pytest.mark.parametrize(
    "headers", HEADER_SETS[:4], ids=lambda h: ",".join(h) or "bare"
)


@ACROSS_HEADERS
def test_plain_pages_and_quotes_are_answered_hot_and_identically(
    apps: tuple[Flask, Flask], headers: dict[str, str]
) -> None:
    hot, cold = apps
    second = _cursor(cold, "/v1/quotes?limit=7")
    first_ids = [q["id"] for q in cold.test_client().get("/v1/quotes?limit=3").json["items"]]
    paths = [
        "/v1/quotes",
        "/v1/quotes?limit=7",
        f"/v1/quotes?limit=7&cursor={second}",
        f"/v1/quotes?cursor={second}&limit=500",
        f"/v1/quotes?cursor={second}",
        *(f"/v1/quotes/{i}" for i in first_ids),
    ]
    assert [p for p in paths if not _same(hot, cold, p, headers)] == []


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/v1/quotes?limit=5&speaker=rogozin", {}),
        ("/v1/quotes?q=shield", {}),
        ("/v1/quotes?limit=5&facets=kind", {}),
        ("/v1/quotes?format=csv", {}),
        ("/v1/quotes", {"Accept": "text/csv"}),
        ("/v1/quotes", {"Accept": "application/xml"}),
        ("/v1/quotes", {"If-None-Match": '"abc"'}),
        ("/v1/quotes?limit=0", {}),
        ("/v1/quotes?limit=501", {}),
        ("/v1/quotes?limit=05", {}),
        ("/v1/quotes?limit=5&limit=6", {}),
        ("/v1/quotes?cursor=", {}),
        ("/v1/quotes?cursor=bm90LWEtY3Vyc29y", {}),
        ("/v1/quotes?cursor=%00", {}),
        ("/v1/quotes?limit=5&unknown=1", {}),
        ("/v1/quotes/no-such-quote", {}),
        ("/v1/quotes/no-such-quote?format=jsonld", {}),
        ("/v1/quotes/", {}),
    ],
)
def test_everything_else_is_left_to_flask(
    apps: tuple[Flask, Flask], path: str, headers: dict[str, str]
) -> None:
    hot, cold = apps
    assert not _same(hot, cold, path, headers)


def test_a_quote_answered_hot_then_revalidated_by_flask(apps: tuple[Flask, Flask]) -> None:
    hot, cold = apps
    quote_id = cold.test_client().get("/v1/quotes?limit=1").json["items"][0]["id"]
    first = hot.test_client().get(f"/v1/quotes/{quote_id}")
    assert first.status_code == 200
    again = hot.test_client().get(
        f"/v1/quotes/{quote_id}", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


TOPICS = [
    "missile-defence-architecture",
    "non-targeting-guarantees",
    "joint-control",
    "russia-as-equal",
    "missile-defence-cooperation",
]
COMPARISON_QUERIES = [
    "",
    "as_of=2011-12-31",
    "as_of=2011-06-01&roll_up=true",
    "roll_up=false&as_of=2011-11-30",
    "as_of=2010-01-01",
    "actors=russia,nato&as_of=2011-12-31",
    "actors=nato,dmitry-rogozin,nato&roll_up=1",
    "kinds=state,alliance&roll_up=true",
    "actors=russia,united-states&kinds=state&as_of=2011-12",
]


@ACROSS_FEW_HEADERS
def test_comparisons_are_answered_hot_and_identically(
    apps: tuple[Flask, Flask], headers: dict[str, str]
) -> None:
    hot, cold = apps
    paths = [
        f"/v1/topics/{t}/comparison?{q}".rstrip("?") for t in TOPICS for q in COMPARISON_QUERIES
    ]
    left = [p for p in paths if not _same(hot, cold, p, headers)]
    # A month is no day: Flask answers that one (422), and only that one.
    assert left == [p for p in paths if p.endswith("as_of=2011-12")]


def test_a_comparison_has_rows_with_evidence(apps: tuple[Flask, Flask]) -> None:
    """The sameness above would hold for two empty tables; this one is not empty."""
    hot, _ = apps
    body = (
        hot.test_client()
        .get("/v1/topics/missile-defence-architecture/comparison?as_of=2011-12-31&roll_up=true")
        .json
    )
    cells = [c for row in body["rows"] for c in row["cells"] if c["stance"] != "unknown"]
    assert len(body["rows"]) >= 3 and cells
    assert all(c["evidence"] and c["positions"] for c in cells)


@pytest.mark.parametrize(
    "path",
    [
        "/v1/topics/no-such-topic/comparison",
        "/v1/topics/missile-defence-architecture/comparison?actors=russia,nobody",
        "/v1/topics/missile-defence-architecture/comparison?actors=",
        "/v1/topics/missile-defence-architecture/comparison?as_of=banana",
        "/v1/topics/missile-defence-architecture/comparison?as_of=",
        "/v1/topics/missile-defence-architecture/comparison?roll_up=maybe",
        "/v1/topics/missile-defence-architecture/comparison?kinds=robot",
        "/v1/topics/missile-defence-architecture/comparison?as_of=2011-01-01&as_of=2011-02-01",
        "/v1/topics/missile-defence-architecture/comparison?colour=red",
        "/v1/topics/missile-defence-architecture/comparison/",
        "/v1/topics/missile-defence-architecture",
    ],
)
def test_comparison_errors_are_left_to_flask(apps: tuple[Flask, Flask], path: str) -> None:
    hot, cold = apps
    assert not _same(hot, cold, path, {})


SEARCHES = [
    "q=missile",
    "q=missile+defence&limit=3",
    "q=Sectoral&type=quote",
    "q=shield&type=quote,actor&limit=5",
    "q=missile&limit=2&cursor=o2",
    "q=russia&cursor=o0&type=position",
    "q=missile&cursor=s999999.0",
    "q=finger+trigger",
    "q=zzzzunknownword",
]


@ACROSS_FEW_HEADERS
def test_searches_are_answered_hot_and_identically(
    apps: tuple[Flask, Flask], headers: dict[str, str]
) -> None:
    hot, cold = apps
    assert [q for q in SEARCHES if not _same(hot, cold, f"/v1/search?{q}", headers)] == []
    hits = hot.test_client().get("/v1/search?q=missile&limit=3").json
    assert len(hits["items"]) == 3 and hits["next_cursor"] == "o3"
    assert all("<mark>" in h["snippet"] for h in hits["items"])


@pytest.mark.parametrize(
    "query",
    [
        "q=",
        "q=%20%20",
        "limit=5",
        "q=missile&limit=0",
        "q=missile&limit=101",
        "q=missile&cursor=x",
        "q=missile&cursor=o200",
        "q=missile&type=robot",
        "q=missile&q=shield",
        "q=missile&colour=red",
        "q=missile%00",
    ],
)
def test_search_errors_are_left_to_flask(apps: tuple[Flask, Flask], query: str) -> None:
    hot, cold = apps
    assert not _same(hot, cold, f"/v1/search?{query}", {})


def test_the_search_rate_limit_counts_hot_answers(database_url: str) -> None:
    app = create_app(Config(database_url=database_url, search_rate_per_minute=2))
    calls = FlaskCalls(app.extensions["stances"]["hot_reads"])
    client = app.test_client()
    try:
        answers = [client.get("/v1/search?q=missile") for _ in range(3)]
    finally:
        app.extensions["stances"]["engine"].dispose()
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert [a.headers["RateLimit-Remaining"] for a in answers] == ["1", "0", "0"]
    assert answers[2].headers["Retry-After"]
    assert calls.count == 1  # only the refusal went through Flask
