"""The `stances` command's own commands, run as a user would (a subprocess on a database)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from api.writes.fixtures import DEFAULT_FIXTURES

STANCES = Path(sys.executable).with_name("stances")
ARTICLES = sorted((DEFAULT_FIXTURES / "sources").glob("*.txt"))


def _stances(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(STANCES), *args],
        env={"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_extract_prints_a_table_per_file(database_url: str) -> None:
    done = _stances(database_url, "extract", *map(str, ARTICLES))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("== ") == 2
    assert "dmitry-medvedev" in done.stdout and "Our partners have to understand" in done.stdout


def test_extract_json_is_the_endpoints_answer(database_url: str, client) -> None:
    done = _stances(database_url, "extract", "--json", str(ARTICLES[0]))
    assert done.returncode == 0, done.stderr
    text = ARTICLES[0].read_text(encoding="utf-8")
    assert json.loads(done.stdout) == client.post("/v1/extract", json={"text": text}).json


def test_a_file_that_is_not_utf8_is_refused_plainly(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Il a dit: «Non.» Café".encode("latin-1"))
    done = _stances(database_url, "extract", str(bad))
    assert done.returncode != 0 and "not UTF-8" in done.stderr and "Traceback" not in done.stderr


def test_export_runs_in_the_app(database_url: str, tmp_path: Path) -> None:
    done = _stances(database_url, "export", str(tmp_path / "record.gz"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "record.gz").stat().st_size > 0


def test_a_database_not_migrated_is_refused_with_the_command_that_fixes_it(tmp_path: Path) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    for args in (
        ("extract", str(ARTICLES[0])),
        ("export", str(tmp_path / "r.gz")),
        ("tokens", "list"),
    ):
        done = _stances(empty, *args)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert "not at head" in done.stderr and "stances db upgrade" in done.stderr
        assert "Traceback" not in done.stderr
    assert _stances(empty, "db", "upgrade").returncode == 0
    assert _stances(empty, "tokens", "list").returncode == 0
