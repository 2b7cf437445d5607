"""The curated record answers the questions it exists for, through HTTP, on both databases."""

from __future__ import annotations

from flask.testing import FlaskClient

ARCH = "/v1/topics/missile-defence-architecture/comparison"


def _cells(body: dict) -> dict[str, dict[str, str]]:
    return {r["actor"]["id"]: {c["option"]: c["stance"] for c in r["cells"]} for r in body["rows"]}


def test_russia_and_nato_take_opposite_sides_with_verbatim_evidence(client: FlaskClient) -> None:
    body = client.get(f"{ARCH}?actors=russia,nato&as_of=2011-12-31").json
    assert [o["id"] for o in body["options"]] == ["sectoral", "two-independent-systems"]
    assert _cells(body) == {
        "russia": {"sectoral": "supports", "two-independent-systems": "opposes"},
        "nato": {"sectoral": "opposes", "two-independent-systems": "supports"},
    }
    sources = {s["id"]: s["text"] for s in client.get("/v1/sources").json["items"]}
    for row in body["rows"]:
        for cell in row["cells"]:
            assert cell["evidence"], (row["actor"]["id"], cell["option"])
            for evidence in cell["evidence"]:
                text = sources[evidence["source"]["id"]]
                assert text[evidence["start"] : evidence["end"]] == evidence["excerpt"]


def test_before_lisbon_russia_has_no_recorded_stance_on_sectoral(client: FlaskClient) -> None:
    body = client.get(f"{ARCH}?actors=russia&as_of=2010-11-01").json
    assert _cells(body) == {"russia": {"sectoral": "unknown", "two-independent-systems": "unknown"}}


def test_roll_up_counts_rasmussen_for_nato(client: FlaskClient) -> None:
    body = client.get(f"{ARCH}?actors=nato&roll_up=true&as_of=2011-12-31").json
    cell = body["rows"][0]["cells"][1]
    speakers = {p["actor"]["id"] for p in cell["positions"] if p["rolled_up"]}
    assert "anders-fogh-rasmussen" in speakers


def test_agreement_between_russia_and_nato(client: FlaskClient) -> None:
    body = client.get("/v1/compare?actors=russia,nato&as_of=2011-12-31").json
    arch = next(t for t in body["topics"] if t["topic"]["id"] == "missile-defence-architecture")
    assert arch["verdict"] == "disagree"
    assert body["compared"] >= 2 and 0 <= body["agreement"] < 0.5


def test_search_finds_the_quotes_first(client: FlaskClient) -> None:
    hits = client.get("/v1/search?q=common toys").json["items"]
    assert (hits[0]["type"], hits[0]["id"]) == ("quote", "medvedev-common-toys")
    assert "<mark>" in hits[0]["snippet"]
    hits = client.get("/v1/search?q=Iranian missiles&type=quote").json["items"]
    assert hits[0]["id"] == "rogozin-two-different-systems"
    quotes = client.get("/v1/quotes?q=Iranian missiles").json["items"]
    assert [q["id"] for q in quotes] == ["rogozin-two-different-systems"]


def test_timelines_are_in_date_order(client: FlaskClient) -> None:
    items = client.get("/v1/actors/russia/timeline").json["items"]
    assert len(items) >= 3
    assert {i["type"] for i in items} >= {"position", "event"}
    for item in items:
        assert item["date_precision"] in {"year", "month", "day"}
    topic = client.get("/v1/topics/missile-defence-architecture/timeline?type=position").json
    assert {i["type"] for i in topic["items"]} == {"position"}


def test_as_of_on_positions_says_when_a_result_is_only_possible(client: FlaskClient) -> None:
    mid = client.get("/v1/positions?topic=missile-defence-architecture&as_of=2011-01-15").json
    by_id = {p["id"]: p["as_of_certain"] for p in mid["items"]}
    # Stated "2011-01": possibly, not certainly, on record by the 15th.
    assert by_id["russia-opposes-two-independent-systems"] is False
    assert "russia-supports-sectoral" not in by_id
    later = client.get("/v1/positions?topic=missile-defence-architecture&as_of=2011-02-01").json
    assert {p["id"]: p["as_of_certain"] for p in later["items"]}[
        "russia-opposes-two-independent-systems"
    ] is True


def test_facets_count_the_filtered_list(client: FlaskClient) -> None:
    body = client.get("/v1/positions?topic=missile-defence-architecture&facets=stance,actor").json
    facets = {f["name"]: f["values"] for f in body["facets"]}
    assert sum(v["count"] for v in facets["stance"]) == len(body["items"])
    russia = next(v for v in facets["actor"] if v["value"] == "russia")
    assert russia["label"] == "Russia" and russia["count"] == 2
    assert client.get("/v1/positions?facets=colour").status_code == 422
