"""POST /v1/extract and GET /v1/sources/{id}/suggestions over HTTP, and accepting them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from api import create_app
from api.config import Config
from api.queries import suggestions
from api.writes.fixtures import DEFAULT_FIXTURES
from api.writes.tokens import create_token

SOURCES = ["nrc-brussels-missile-defence-talks", "missile-defense-negotiations-break-down"]
CURATED = yaml.safe_load((DEFAULT_FIXTURES / "quotes.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def auth(session: Session) -> dict[str, str]:
    raw = create_token(session, "extract-tester")
    session.flush()
    return {"Authorization": f"Bearer {raw}"}


def test_a_text_sent_as_json_or_plain_text_gives_the_same_suggestions(client) -> None:
    text = 'Rogozin said: "Russia has proposed a joint system." He added: "We will wait."'
    as_json = client.post("/v1/extract", json={"text": text, "language": "en"})
    as_plain = client.post("/v1/extract", data=text, content_type="text/plain; charset=utf-8")
    assert as_json.status_code == as_plain.status_code == 200
    assert as_json.json == as_plain.json
    quotes = as_json.json["quotes"]
    assert [text[q["start"] : q["end"]] for q in quotes] == [q["text"] for q in quotes]
    assert quotes[0]["speaker"]["actor"]["id"] == "dmitry-rogozin"
    assert as_json.headers["RateLimit-Policy"].endswith('name="search"')


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ({"text": ""}, None, 422),
        ({"text": "x", "language": "ru"}, None, 422),
        ({"words": "x"}, None, 422),
        ({"text": "a\x00b"}, None, 400),
        (b"\xff\xfe not utf-8", "text/plain", 400),
        (b"<text/>", "application/xml", 415),
        (b'{"text": "a", "text": "b"}', "application/json", 400),
    ],
)
def test_bad_input_is_a_problem_not_a_500(client, body, content_type, status) -> None:
    if content_type is None:
        r = client.post("/v1/extract", json=body)
    else:
        r = client.post("/v1/extract", data=body, content_type=content_type)
    assert r.status_code == status, r.json
    assert r.content_type == "application/problem+json"


def test_a_text_over_the_configured_length_is_413(database_url: str) -> None:
    app = create_app(Config(database_url=database_url, max_extract_chars=100))
    r = app.test_client().post("/v1/extract", json={"text": "word " * 30})
    assert r.status_code == 413 and "at most 100" in r.json["detail"]
    app.extensions["stances"]["engine"].dispose()


def test_extracting_needs_no_token_and_stores_nothing(client: FlaskClient) -> None:
    before = client.get("/v1/quotes?limit=500").json["items"]
    assert client.post("/v1/extract", json={"text": 'He said: "Nothing."'}).status_code == 200
    assert client.get("/v1/quotes?limit=500").json["items"] == before


@pytest.mark.parametrize("source_id", SOURCES)
def test_suggestions_mark_the_quotes_on_record(client, source_id, monkeypatch) -> None:
    calls: list[str] = []
    real = suggestions.extract
    monkeypatch.setattr(suggestions, "extract", lambda t, a: calls.append(t) or real(t, a))
    monkeypatch.setattr(suggestions, "_cache", type(suggestions._cache)())
    first = client.get(f"/v1/sources/{source_id}/suggestions")
    assert first.status_code == 200
    again = client.get(f"/v1/sources/{source_id}/suggestions")
    assert again.json == first.json and len(calls) == 1, "read once per text"
    recorded = {(q["start"], q["end"]): q["id"] for q in CURATED if q["source"] == source_id}
    for s in first.json["quotes"]:
        assert s["quote_id"] == recorded.get((s["start"], s["end"]))
    curated_direct = [k for k, q in recorded.items() if _kind(q) in {"direct", "block"}]
    marked = {(s["start"], s["end"]) for s in first.json["quotes"] if s["quote_id"]}
    assert set(curated_direct) <= marked, "every curated direct and block quote is suggested"
    assert all(s["actor"] is None for s in first.json["speakers_not_on_record"])


def _kind(quote_id: str) -> str:
    return next(q["kind"] for q in CURATED if q["id"] == quote_id)


def test_an_unknown_source_has_no_suggestions(client) -> None:
    assert client.get("/v1/sources/no-such-source/suggestions").status_code == 404


@pytest.mark.parametrize("source_id", SOURCES)
def test_accepting_suggestions_records_what_the_curators_recorded(client, auth, source_id) -> None:
    """Extract the article, post unchanged every suggestion at a curated span, and compare
    the quotes recorded with the curated ones."""
    text = (Path(DEFAULT_FIXTURES) / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")
    found = client.post("/v1/extract", data=text, content_type="text/plain").json["quotes"]
    curated = {(q["start"], q["end"]): q for q in CURATED if q["source"] == source_id}
    accepted = [s for s in found if (s["start"], s["end"]) in curated]
    direct = [q for q in curated.values() if q["kind"] in {"direct", "block"}]
    assert len({(s["start"], s["end"]) for s in accepted}) >= len(direct)
    right_speaker = 0
    for suggestion in accepted:
        r = client.post("/v1/quotes", json={**suggestion, "source": source_id}, headers=auth)
        assert r.status_code == 201, r.json
        made, want = r.json, curated[(suggestion["start"], suggestion["end"])]
        assert (made["text"], made["start"], made["end"]) == (
            want["text"],
            want["start"],
            want["end"],
        )
        assert made["source"]["id"] == source_id and made["date_inferred"] is True
        assert r.headers["Location"] == f"/v1/quotes/{made['id']}"
        assert client.get(f"/v1/quotes/{made['id']}").json == made
        if want["kind"] in {"direct", "block"}:
            assert made["kind"] == want["kind"]
            right_speaker += (made["speaker"] or {}).get("id") == want["speaker"]
    assert right_speaker >= 0.95 * len(direct)


def test_a_suggested_speaker_not_on_record_becomes_the_attribution(client, auth) -> None:
    body = {
        "text": "of the future framework for missile defence cooperation",
        "start": 506,
        "end": 561,
        "kind": "partial",
        "cue": None,
        "confidence": 0.4,
        "speaker": {"text": "he", "start": 0, "end": 2, "name": "Jan Novak", "actor": None},
        "source": SOURCES[0],
    }
    r = client.post("/v1/quotes", json=body, headers=auth)
    assert r.status_code == 201, r.json
    assert r.json["speaker"] is None and r.json["attribution"] == "he (Jan Novak)"
    assert r.json["date"] == client.get(f"/v1/sources/{SOURCES[0]}").json["date"]
