"""A client generated from openapi.yaml by openapi-python-client, against a real server.

What a Python user of the API gets: typed models that read every answer (no `Problem` where a
page was expected, no field lost), cursor pages that end, and writes with a token and ETags.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.contract.conftest import SPEC_PATH, LiveServer, require

PACKAGE = "stances_contract_client"


@pytest.fixture(scope="module")
def gen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The generated package, imported from a temporary folder."""
    exe = Path(sys.executable).with_name("openapi-python-client")
    exe_path = str(exe) if exe.exists() else require("openapi-python-client", "make install")
    root = tmp_path_factory.mktemp("python-client")
    config = root / "config.yaml"
    config.write_text(
        f"project_name_override: {PACKAGE}\npackage_name_override: {PACKAGE}\npost_hooks: []\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            *(exe_path, "generate", "--path", str(SPEC_PATH)),
            *("--output-path", str(root / PACKAGE), "--meta", "none", "--config", str(config)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    # The generator says "Warning" for any piece of the spec it could not turn into code.
    assert "Warning" not in run.stdout + run.stderr, run.stdout + run.stderr
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def api(module: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.api.{module}")


def model(name: str) -> Any:
    return getattr(importlib.import_module(f"{PACKAGE}.models"), name)


def raw_get(server: LiveServer, path: str) -> Any:
    """The same request without the generated code: plain urllib and json."""
    request = urllib.request.Request(server.url + path, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def raw_all(server: LiveServer, path: str) -> list[dict[str, Any]]:
    items, cursor = [], None
    while True:
        sep = "&" if "?" in path else "?"
        page = raw_get(server, path + f"{sep}limit=500" + (f"&cursor={cursor}" if cursor else ""))
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def ok(response: Any, status: int) -> Any:
    """The parsed body of a `sync_detailed` answer, which must have this status."""
    assert response.status_code == status, response.content[:2000]
    assert not isinstance(response.parsed, model("Problem")), response.parsed
    return response.parsed


@pytest.fixture(scope="module")
def client(gen: ModuleType, live_server: LiveServer) -> Iterator[Any]:
    with gen.Client(base_url=live_server.url, raise_on_unexpected_status=True) as c:
        yield c


@pytest.fixture(scope="module")
def authed(gen: ModuleType, live_server: LiveServer, write_token: str) -> Iterator[Any]:
    with gen.AuthenticatedClient(
        base_url=live_server.url, token=write_token, raise_on_unexpected_status=True
    ) as c:
        yield c


def test_actors_listed_through_the_client_are_the_actors_served(client, live_server) -> None:
    page = ok(api("actors.list_actors").sync_detailed(client=client, limit=500), 200)
    assert isinstance(page, model("ActorPage"))
    direct = raw_all(live_server, "/v1/actors")
    assert page.next_cursor is None or len(direct) > 500
    assert [a.id for a in page.items] == [a["id"] for a in direct[:500]]
    assert len(page.items) == min(len(direct), 500)
    if direct:  # every field of an item survives the model: nothing is dropped or untyped
        first = ok(api("actors.get_actor").sync_detailed(direct[0]["id"], client=client), 200)
        assert first.to_dict().keys() == raw_get(live_server, f"/v1/actors/{first.id}").keys()


def test_paging_through_quotes_with_next_cursor(client, live_server) -> None:
    direct = [q["id"] for q in raw_all(live_server, "/v1/quotes")]
    limit = max(1, min(7, len(direct) // 3 or 1))  # several pages whenever there is data
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        kwargs = {"client": client, "limit": limit}
        if cursor:
            kwargs["cursor"] = cursor
        page = ok(api("quotes.list_quotes").sync_detailed(**kwargs), 200)
        assert isinstance(page, model("QuotePage"))
        assert len(page.items) <= limit
        seen.extend(q.id for q in page.items)
        pages += 1
        assert pages <= len(direct) + 2, "next_cursor never ended"
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == direct
    assert len(set(seen)) == len(seen)
    if len(direct) > limit:
        assert pages > 1


def _a_topic_id(client, authed) -> str:
    topics = ok(api("topics.list_topics").sync_detailed(client=client, limit=500), 200).items
    if topics:
        return topics[0].id
    body = model("TopicCreate").from_dict(
        {
            "id": "contract-topic",
            "title": "One shield or two",
            "question": "Should missile defence in Europe be one system or two?",
            "options": [
                {"id": "contract-one", "label": "One"},
                {"id": "contract-two", "label": "Two"},
            ],
        }
    )
    return ok(api("topics.create_topic").sync_detailed(client=authed, body=body), 201).id


def test_topic_comparison_reads_into_its_model(client, authed, live_server) -> None:
    topic_id = _a_topic_id(client, authed)
    comparison = ok(api("topics.compare_topic").sync_detailed(topic_id, client=client), 200)
    assert isinstance(comparison, model("Comparison"))
    direct = raw_get(live_server, f"/v1/topics/{topic_id}/comparison")
    assert comparison.topic.id == topic_id == direct["topic"]["id"]
    assert [o.id for o in comparison.options] == [o["id"] for o in direct["options"]]
    assert len(comparison.rows) == len(direct["rows"])
    assert json.loads(json.dumps(comparison.to_dict(), default=str)) == _as_strings(direct)


def _as_strings(data: Any) -> Any:
    """JSON as the models give it back: dates and times become ISO strings either way."""
    return json.loads(json.dumps(data))


def _unique_span(text: str, length: int = 40) -> tuple[int, str]:
    for start in range(0, max(len(text) - length, 0), 7):
        span = text[start : start + length]
        if span.strip() == span and text.count(span) == 1:
            return start, span
    raise AssertionError("no unique span in the source text")


def _a_source(client, authed) -> Any:
    sources = ok(api("sources.list_sources").sync_detailed(client=client, limit=1), 200).items
    if sources:
        return ok(api("sources.get_source").sync_detailed(sources[0].id, client=client), 200)
    body = model("SourceCreate").from_dict(
        {
            "id": "contract-source",
            "title": "Contract source",
            "date": "2011-01-26",
            "text": "The ministers met in Vienna and agreed on nothing at all, said the envoy.",
        }
    )
    return ok(api("sources.create_source").sync_detailed(client=authed, body=body), 201)


def test_create_and_patch_a_quote_with_token_and_etag(client, authed, live_server) -> None:
    source = _a_source(client, authed)
    start, words = _unique_span(source.text)
    quote_id = f"contract-{uuid.uuid4().hex[:8]}"
    body = model("QuoteCreate").from_dict(
        {"id": quote_id, "text": words, "source": source.id, "kind": "partial", "date": "2011"}
    )
    create = api("quotes.create_quote")

    anonymous = create.sync_detailed(client=client, body=body)  # type: ignore[arg-type]
    assert anonymous.status_code == 401
    assert isinstance(anonymous.parsed, model("Problem"))

    key = uuid.uuid4().hex
    made = create.sync_detailed(client=authed, body=body, idempotency_key=key)
    quote = ok(made, 201)
    assert (quote.id, quote.start, quote.end) == (quote_id, start, start + len(words))
    assert made.headers["Location"] == f"/v1/quotes/{quote_id}"
    etag = made.headers["ETag"]
    again = create.sync_detailed(client=authed, body=body, idempotency_key=key)
    assert ok(again, 201).to_dict() == quote.to_dict()  # a retry, not a second quote

    got = api("quotes.get_quote").sync_detailed(quote_id, client=client)
    assert ok(got, 200).to_dict() == quote.to_dict()
    assert got.headers["ETag"].removeprefix("W/") == etag.removeprefix("W/")

    update = api("quotes.update_quote")
    patch = model("QuotePatch").from_dict({"notes": "Checked by the contract tests."})
    changed = update.sync_detailed(quote_id, client=authed, body=patch, if_match=etag)
    assert ok(changed, 200).notes == "Checked by the contract tests."
    assert changed.headers["ETag"] != etag
    stale = update.sync_detailed(quote_id, client=authed, body=patch, if_match=etag)
    assert stale.status_code == 412
    assert isinstance(stale.parsed, model("Problem"))
    assert (
        raw_get(live_server, f"/v1/quotes/{quote_id}")["notes"] == "Checked by the contract tests."
    )


def test_extraction_through_the_client_is_typed(client) -> None:
    text = 'Rasmussen said: "We will keep two independent systems."'
    body = model("ExtractRequest")(text=text)
    found = ok(api("extract.extract_quotes").sync_detailed(client=client, body=body), 200)
    assert isinstance(found, model("Extraction"))
    quote = found.quotes[0]
    assert isinstance(quote, model("QuoteSuggestion"))
    assert text[quote.start : quote.end] == quote.text == "We will keep two independent systems."
    assert quote.speaker.actor.id == "anders-fogh-rasmussen"
