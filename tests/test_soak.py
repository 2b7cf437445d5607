"""The soak's short form: gunicorn under mixed load with writes and cheap faults (about 30 s),
on the database kind DATABASE_URL names, then the audit. `make soak` runs the long form."""

from __future__ import annotations

from pathlib import Path

import pytest

from soak.run import short_profile, soak
from tests.conftest import drop_database, new_database_url


def test_soak_short_form_loses_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    url = new_database_url(tmp_path)
    try:
        report = soak(url, short_profile(), tmp_path / "soak", out=lambda line: None)
    finally:
        drop_database(url)
    table = report.table()
    with capsys.disabled():
        print("\n" + table)
    assert report.ok, table
