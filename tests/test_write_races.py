"""Two clients PATCH the same item with the same ETag at once: one wins, one gets 412."""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from sqlalchemy.orm import Session

from api.db import make_engine
from api.db.migrations import alembic_config
from api.writes.tokens import create_token
from tests.conftest import drop_database, new_database_url
from tests.servers import call, running_server

ROUNDS = 8


def _patch(
    barrier: threading.Barrier, results: list[int], base: str, headers: dict, text: str
) -> None:
    barrier.wait()
    status, _, _ = call("PATCH", f"{base}/v1/actors/contested", {"description": text}, headers)
    results.append(status)


def test_racing_patches_one_wins_one_412_one_revision(tmp_path: Path) -> None:
    url = new_database_url(tmp_path)
    try:
        command.upgrade(alembic_config(url), "head")
        engine = make_engine(url)
        with Session(engine) as session:
            raw = create_token(session, "racer")
            session.commit()
        engine.dispose()
        auth = {"Authorization": f"Bearer {raw}"}
        with running_server(url) as base:
            status, _, _ = call(
                "POST", f"{base}/v1/actors", {"id": "contested", "name": "C", "kind": "group"}, auth
            )
            assert status == 201
            for round_ in range(ROUNDS):
                _, headers, _ = call("GET", f"{base}/v1/actors/contested")
                etag = headers["ETag"]
                results: list[int] = []
                barrier = threading.Barrier(2)
                threads = [
                    threading.Thread(
                        target=_patch,
                        args=(barrier, results, base, {**auth, "If-Match": etag}, f"{n} {round_}"),
                    )
                    for n in ("a", "b")
                ]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                assert sorted(results) == [200, 412], results
            _, _, history = call("GET", f"{base}/v1/actors/contested/revisions")
            actions = [h["action"] for h in history["items"]]
            assert actions == ["create"] + ["update"] * ROUNDS
    finally:
        drop_database(url)
