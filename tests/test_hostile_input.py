"""Nasty requests get a 4xx problem document and store nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.models import Revision
from api.writes.tokens import create_token

GOOD = (
    b'{"id": "t-hostile", "text": "Moscow", "source": "nrc-brussels-missile-defence-talks", '
    b'"kind": "partial", "date": "2011"}'
)

BODIES = [
    (b"\xff\xfe{not utf-8}", 400),
    (b"[" * 100_000 + b"]" * 100_000, 400),
    (b'{"id": "t-a", "id": "t-b"}', 400),
    (b'{"id": "t-a", "start": NaN}', 400),
    (GOOD[:-1] + b', "start": 1e400}', 422),
    (GOOD[:-1] + b', "start": 18446744073709551616}', 422),
    (GOOD[:-1] + b', "start": -1}', 422),
    (GOOD.replace(b'"2011"', b'"2011-02-30"'), 422),
    (GOOD.replace(b"t-hostile", b"t-\\u0001x"), 422),
    (GOOD.replace(b"t-hostile", b"' OR 1=1 --"), 422),
    (GOOD.replace(b"t-hostile", b"../../etc/passwd"), 422),
    (GOOD.replace(b'"Moscow"', b'"Mos\\u0000cow"'), 422),
    (GOOD.replace(b'"partial"', b'{"kind": ["deep"]}'), 422),
    (b'"just a string"', 422),
    (b"[]", 422),
    (b"", 400),
]

URLS = [
    "/v1/actors/' OR 1=1 --",
    "/v1/actors/..%2F..%2Fetc%2Fpasswd",
    "/v1/actors/" + "a" * 5000,
    "/v1/quotes?speaker=' OR 1=1 --",
    "/v1/quotes?speaker=%00",
    "/v1/actors/%00",
    "/v1/quotes?limit=-1",
    "/v1/quotes?limit=1e3",
    "/v1/search?q=" + "x" * 10_000,
    "/v1/events?from=2011-02-30",
    "/v1/changes?since=99999999999999999999",
    "/v1/topics/missile-defence-architecture/comparison?as_of=0000-01-01",
    "/v1/quotes?cursor=" + "A" * 400,
]


@pytest.fixture
def auth(session: Session) -> dict[str, str]:
    raw = create_token(session, "hostile")
    session.flush()
    return {"Authorization": f"Bearer {raw}", "Content-Type": "application/json"}


def _revisions(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Revision))


@pytest.mark.parametrize(("body", "status"), BODIES, ids=range(len(BODIES)))
def test_nasty_bodies(client, session, auth, body: bytes, status: int) -> None:
    before = _revisions(session)
    r = client.post("/v1/quotes", data=body, headers=auth)
    assert r.status_code == status, r.get_data(as_text=True)[:300]
    assert r.content_type == "application/problem+json"
    assert _revisions(session) == before


@pytest.mark.parametrize("url", URLS, ids=range(len(URLS)))
def test_nasty_urls(client, url: str) -> None:
    r = client.get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code)
    assert r.content_type == "application/problem+json"


def test_search_syntax_is_not_interpreted(client) -> None:
    for q in ['"unbalanced', '""" OR *', "NEAR(a b)", "a AND OR b", "col:missile", "*", "missile*"]:
        r = client.get("/v1/search", query_string={"q": q})
        assert r.status_code in (200, 422), (q, r.status_code)
