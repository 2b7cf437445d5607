"""The write API through HTTP: tokens, validation, verbatim quotes, ETags, idempotency,
deletion and revisions."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.models import Quote, Revision
from api.routes.writing import SOFT_DEPRECATED_SINCE
from api.writes.tokens import create_token, revoke_token
from tests.factories import TEXT, make_actor, make_source


@pytest.fixture
def auth(session: Session) -> dict[str, str]:
    raw = create_token(session, "tester")
    session.flush()
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def base(session: Session) -> None:
    make_source(session)
    make_actor(session, id="t-zeta", name="Zeta", kind="state")
    session.flush()


def _quote(**overrides: object) -> dict[str, object]:
    body = {
        "id": "t-new-quote",
        "text": "two separate shields",
        "source": "t-source",
        "kind": "partial",
        "date": "2011-01-26",
        "speaker": "t-zeta",
    }
    body.update(overrides)
    return body


def _count_quotes(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Quote).where(Quote.id.like("t-%")))


def test_create_finds_the_span_and_answers_with_location_and_etag(client, auth, base) -> None:
    r = client.post("/v1/quotes", json=_quote(), headers=auth)
    assert r.status_code == 201, r.json
    start = TEXT.index("two separate shields")
    assert (r.json["start"], r.json["end"]) == (start, start + len("two separate shields"))
    assert r.headers["Location"] == "/v1/quotes/t-new-quote"
    got = client.get("/v1/quotes/t-new-quote")
    assert got.json == r.json and got.headers["ETag"] == r.headers["ETag"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": "words that are not there"}, "text"),
        ({"text": "shield"}, "text"),  # twice in the source: ambiguous without a span
        ({"start": 0, "end": 5}, "text"),  # a span whose words differ
        ({"speaker": "nobody"}, "speaker"),
        ({"source": "no-source"}, "source"),
        ({"kind": "rumour"}, "kind"),
        ({"date": "2011-02-30"}, "date"),
        ({"date": 2011}, "date"),
        ({"colour": "red"}, "colour"),
        ({"id": "Not A Slug"}, "id"),
    ],
)
def test_invalid_quotes_are_422_naming_the_field(
    client, auth, base, session, overrides, field
) -> None:
    before = _count_quotes(session)
    r = client.post("/v1/quotes", json=_quote(**overrides), headers=auth)
    assert r.status_code == 422, r.json
    assert r.content_type == "application/problem+json"
    assert field in {e["field"] for e in r.json["errors"]}
    assert _count_quotes(session) == before


def test_missing_required_field_is_422(client, auth, base) -> None:
    body = _quote()
    del body["kind"]
    r = client.post("/v1/quotes", json=body, headers=auth)
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "kind"


def test_auth_malformed_json_media_type_duplicate_and_size(client, auth, base, session) -> None:
    r = client.post("/v1/quotes", json=_quote())
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    r = client.post("/v1/quotes", json=_quote(), headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    r = client.post(
        "/v1/quotes", data="{not json", headers={**auth, "Content-Type": "application/json"}
    )
    assert r.status_code == 400 and r.content_type == "application/problem+json"
    r = client.post(
        "/v1/quotes", data=json.dumps(_quote()), headers={**auth, "Content-Type": "text/plain"}
    )
    assert r.status_code == 415
    assert client.post("/v1/quotes", json=_quote(), headers=auth).status_code == 201
    r = client.post("/v1/quotes", json=_quote(), headers=auth)
    assert r.status_code == 409
    huge = _quote(id="t-huge", notes="x" * (2 * 1024 * 1024))
    assert client.post("/v1/quotes", json=huge, headers=auth).status_code == 413
    assert _count_quotes(session) == 1


def test_revoked_token_stops_working(client, auth, base, session) -> None:
    revoke_token(session, "tester")
    session.flush()
    assert client.post("/v1/quotes", json=_quote(), headers=auth).status_code == 401


def test_patch_needs_a_current_etag_and_records_one_revision(client, auth, base, session) -> None:
    etag = client.post("/v1/quotes", json=_quote(), headers=auth).headers["ETag"]
    url = "/v1/quotes/t-new-quote"
    assert client.patch(url, json={"notes": "a"}, headers=auth).status_code == 428
    assert (
        client.patch(url, json={"notes": "a"}, headers={**auth, "If-Match": '"stale"'}).status_code
        == 412
    )
    r = client.patch(url, json={"notes": "checked"}, headers={**auth, "If-Match": etag})
    assert r.status_code == 200 and r.json["notes"] == "checked"
    assert r.headers["ETag"] != etag
    stale = client.patch(url, json={"notes": "lost?"}, headers={**auth, "If-Match": etag})
    assert stale.status_code == 412
    assert client.get(url).json["notes"] == "checked"
    history = client.get(f"{url}/revisions").json["items"]
    assert [(h["action"], h["by"]) for h in history] == [("create", "tester"), ("update", "tester")]
    assert history[1]["changed"] == ["notes"]
    assert (history[1]["before"]["notes"], history[1]["after"]["notes"]) == (None, "checked")


def test_patch_text_relocates_the_span(client, auth, base) -> None:
    etag = client.post("/v1/quotes", json=_quote(), headers=auth).headers["ETag"]
    r = client.patch(
        "/v1/quotes/t-new-quote",
        json={"text": "The ministers met in Vienna"},
        headers={**auth, "If-Match": etag},
    )
    assert r.status_code == 200 and (r.json["start"], r.json["end"]) == (0, 27)


def test_conditional_get_answers_304_with_the_etag(client, base) -> None:
    first = client.get("/v1/sources/t-source")
    again = client.get("/v1/sources/t-source", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == first.headers["ETag"]


def test_idempotency_key_replays_and_refuses_a_different_body(client, auth, base, session) -> None:
    headers = {**auth, "Idempotency-Key": "k-1"}
    first = client.post("/v1/quotes", json=_quote(), headers=headers)
    again = client.post("/v1/quotes", json=_quote(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert _count_quotes(session) == 1
    other = client.post("/v1/quotes", json=_quote(id="t-other"), headers=headers)
    assert other.status_code == 422
    assert _count_quotes(session) == 1


@pytest.mark.parametrize(
    ("param", "deprecation"), [("force", None), ("soft", SOFT_DEPRECATED_SINCE)]
)
def test_delete_refuses_while_referred_to_then_forced(
    client, auth, base, session, param, deprecation
) -> None:
    client.post("/v1/quotes", json=_quote(), headers=auth)
    actor = client.get("/v1/actors/t-zeta")
    r = client.delete("/v1/actors/t-zeta", headers={**auth, "If-Match": actor.headers["ETag"]})
    assert r.status_code == 409
    assert "quotes/t-new-quote" in r.json["errors"][0]["detail"]
    assert "force=true" in r.json["detail"]
    r = client.delete(
        f"/v1/actors/t-zeta?{param}=true", headers={**auth, "If-Match": actor.headers["ETag"]}
    )
    assert r.status_code == 204
    assert r.headers.get("Deprecation") == deprecation
    # The quote that referred to it still does: nothing stored is lost.
    assert client.get("/v1/quotes/t-new-quote").json["speaker"]["id"] == "t-zeta"
    assert client.get("/v1/actors/t-zeta").status_code == 404
    assert "t-zeta" not in [a["id"] for a in client.get("/v1/actors?limit=500").json["items"]]
    history = client.get("/v1/actors/t-zeta/revisions").json["items"]
    assert history[-1]["action"] == "delete" and history[-1]["after"] is None
    assert (
        client.post(
            "/v1/actors", json={"id": "t-zeta", "name": "Z", "kind": "state"}, headers=auth
        ).status_code
        == 409
    )


def test_source_text_is_frozen_while_quotes_point_into_it(client, auth, base) -> None:
    client.post("/v1/quotes", json=_quote(), headers=auth)
    etag = client.get("/v1/sources/t-source").headers["ETag"]
    r = client.patch(
        "/v1/sources/t-source", json={"text": "Rewritten."}, headers={**auth, "If-Match": etag}
    )
    assert r.status_code == 409
    assert client.get("/v1/sources/t-source").json["text"] == TEXT


def test_changes_feed_continues_from_since(client, auth, base, session) -> None:
    since = session.scalar(select(func.max(Revision.id))) or 0
    client.post("/v1/quotes", json=_quote(), headers=auth)
    client.post("/v1/quotes", json=_quote(id="t-q2", text="The ministers met"), headers=auth)
    page = client.get(f"/v1/changes?since={since}&limit=1").json
    assert [i["item_id"] for i in page["items"]] == ["t-new-quote"]
    page = client.get(f"/v1/changes?since={page['next_since']}").json
    assert [i["item_id"] for i in page["items"]] == ["t-q2"]
    assert client.get(f"/v1/changes?since={page['next_since']}").json["items"] == []


def test_every_collection_accepts_writes(client, auth, base) -> None:
    bodies = {
        "actors": {
            "id": "t-envoy",
            "name": "Envoy",
            "kind": "person",
            "affiliations": [{"organization": "t-zeta", "role": "Envoy", "on_behalf_of": True}],
        },
        "topics": {
            "id": "t-topic",
            "title": "Shields",
            "question": "How many?",
            "options": [{"id": "t-one", "label": "One"}],
        },
        "events": {
            "id": "t-meet",
            "title": "Meeting",
            "kind": "meeting",
            "date": "2011-01",
            "participants": [{"actor": "t-zeta"}],
            "evidence": [{"source": "t-source", "start": 0, "end": 27}],
        },
        "positions": {
            "id": "t-pos",
            "actor": "t-envoy",
            "topic": "t-topic",
            "option": "t-one",
            "stance": "supports",
            "summary": "One shield.",
            "date": "2011-01-26",
            "evidence": [{"source": "t-source", "start": 0, "end": 27}],
        },
        "sources": {"id": "t-source-2", "title": "Another", "date": "2011", "text": "Words."},
    }
    for collection, body in bodies.items():
        r = client.post(f"/v1/{collection}", json=body, headers=auth)
        assert r.status_code == 201, (collection, r.json)
        etag = r.headers["ETag"]
        p = client.patch(
            f"/v1/{collection}/{body['id']}",
            json={"notes": "edited"},
            headers={**auth, "If-Match": etag},
        )
        assert p.status_code == 200 and p.json["notes"] == "edited", (collection, p.json)
    evidence = client.get("/v1/positions/t-pos").json["evidence"][0]
    assert evidence["excerpt"] == "The ministers met in Vienna"


def test_reordering_aliases_keeps_them_all_in_the_new_order(client, auth, base) -> None:
    created = client.post(
        "/v1/actors",
        json={"id": "t-many", "name": "Many Names", "kind": "state", "aliases": ["A", "B", "C"]},
        headers=auth,
    )
    assert created.status_code == 201, created.json
    r = client.patch(
        "/v1/actors/t-many",
        json={"aliases": ["C", "A", "B", "D"]},
        headers={**auth, "If-Match": created.headers["ETag"]},
    )
    assert r.status_code == 200, r.json
    assert client.get("/v1/actors/t-many").json["aliases"] == ["C", "A", "B", "D"]


def test_an_actor_posted_without_id_gets_one_from_its_name(client, auth) -> None:
    first = client.post(
        "/v1/actors",
        json={"name": "Ministère des Affaires étrangères", "kind": "organization"},
        headers=auth,
    )
    assert first.status_code == 201, first.json
    assert first.json["id"] == "ministere-des-affaires-etrangeres"
    assert first.headers["Location"] == "/v1/actors/ministere-des-affaires-etrangeres"
    again = [
        client.post(
            "/v1/actors",
            json={"name": "Ministère des affaires étrangères!", "kind": "organization"},
            headers=auth,
        ).json["id"]
        for _ in range(2)
    ]
    assert again == ["ministere-des-affaires-etrangeres-2", "ministere-des-affaires-etrangeres-3"]
    given = client.post(
        "/v1/actors", json={"id": "mfa", "name": "Ministère", "kind": "organization"}, headers=auth
    )
    assert given.json["id"] == "mfa"


def test_a_deleted_item_keeps_its_id_from_derivation(client, auth) -> None:
    made = client.post("/v1/actors", json={"name": "Gone", "kind": "state"}, headers=auth)
    etag = client.get("/v1/actors/gone").headers["ETag"]
    assert client.delete("/v1/actors/gone", headers={**auth, "If-Match": etag}).status_code == 204
    again = client.post("/v1/actors", json={"name": "Gone", "kind": "state"}, headers=auth)
    assert (made.json["id"], again.json["id"]) == ("gone", "gone-2")


def test_a_quote_without_id_is_named_by_speaker_and_first_words(client, auth, base) -> None:
    body = _quote()
    del body["id"]
    r = client.post("/v1/quotes", json=body, headers=auth)
    assert r.status_code == 201, r.json
    assert r.json["id"] == "t-zeta-two-separate-shields"


def test_a_name_with_no_ascii_falls_back_to_the_kind(client, auth) -> None:
    r = client.post("/v1/actors", json={"name": "Россия", "kind": "state"}, headers=auth)
    assert r.status_code == 201 and r.json["id"] == "actor"


def test_an_if_match_longer_than_documented_is_refused(client, auth, base) -> None:
    r = client.delete("/v1/actors/t-zeta", headers={**auth, "If-Match": '"' + "a" * 250 + '"'})
    assert r.status_code == 400 and "If-Match" in r.json["detail"]
    assert client.get("/v1/actors/t-zeta").status_code == 200
