"""Every operation of the spec, fuzzed by schemathesis in-process (settings: schemathesis.toml).

One test per operation: cases generated from its parameters and body (valid and invalid ones),
answered by the app over a throwaway database, must bring no 5xx, only documented status codes
and media types, and bodies that fit their schemas. Write operations get a real token, so valid
bodies are written. build/schemathesis-cases.json counts the cases and the statuses they got.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest
import schemathesis
from flask import Flask
from schemathesis.config import SchemathesisConfig
from sqlalchemy.orm import Session

from api import create_app
from api.config import PROJECT_ROOT
from api.writes.tokens import create_token
from tests.conftest import drop_database
from tests.contract.conftest import BUILD_DIR, SPEC_PATH, contract_config, migrated_database

CONFIG = SchemathesisConfig.from_path(str(PROJECT_ROOT / "schemathesis.toml"))
UNLIMITED = 10**9  # the rate limits would turn most write cases into 429s
STATUSES: defaultdict[str, Counter[int]] = defaultdict(Counter)

schema = schemathesis.openapi.from_path(SPEC_PATH, config=CONFIG)

# Reported findings, expected to fail until fixed in the service (conftest.py marks them):
KNOWN_FINDINGS: dict[str, str] = {}


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, str]]:
    url = migrated_database(tmp_path_factory.mktemp("fuzz-db"))
    app = create_app(
        contract_config(url, write_rate_per_minute=UNLIMITED, search_rate_per_minute=UNLIMITED)
    )
    engine = app.extensions["stances"]["engine"]
    with Session(engine) as session:
        token = create_token(session, "schemathesis")
        session.commit()
    yield app, token
    engine.dispose()
    drop_database(url)
    _write_summary()


def _write_summary() -> None:
    total = Counter[int]()
    for counts in STATUSES.values():
        total.update(counts)
    summary = {
        "operations": len(STATUSES),
        "cases": sum(total.values()),
        "statuses": dict(sorted(total.items())),
        "by_operation": {op: dict(sorted(c.items())) for op, c in sorted(STATUSES.items())},
    }
    BUILD_DIR.mkdir(exist_ok=True)
    (BUILD_DIR / "schemathesis-cases.json").write_text(json.dumps(summary, indent=2) + "\n")


@schema.parametrize()
def test_operation_keeps_its_contract(
    case: schemathesis.Case, fuzzed_app: tuple[Flask, str]
) -> None:
    app, token = fuzzed_app
    # In-process, nothing undoes the gzip that large answers get (a real client does), so
    # ask for them plain; the live-server client tests cover the compressed answers.
    headers = {"Accept-Encoding": "identity"}
    if case.operation.definition.raw.get("security"):
        headers["Authorization"] = f"Bearer {token}"
    response = case.call(app=app, headers=headers)
    STATUSES[case.operation.label][response.status_code] += 1
    case.validate_response(response, headers=headers, transport_kwargs={"app": app})
