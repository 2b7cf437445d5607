"""The fixture loader: verified, idempotent, and refusing what the API would refuse."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy.orm import Session

from api.writes.fixtures import DEFAULT_FIXTURES, FixtureError, load_fixtures


def test_loading_again_changes_nothing(session: Session) -> None:
    # The session database already holds the fixtures (conftest loaded them once).
    report = load_fixtures(session)
    assert report.created == {} and report.updated == {}
    assert sum(report.unchanged.values()) > 100


# sha256 of the seed articles (../shared/seeds/000_bdc9815c2310340a.txt and
# 003_ff553eb63bbff99c.txt), pinned here so the check holds without the seeds beside us.
SEED_SHA256 = {
    "nrc-brussels-missile-defence-talks.txt": (
        "68ed4cef8e8308ceafa81d6dfa8cf7879b220f760719d0f79643b5666a8b84af"
    ),
    "missile-defense-negotiations-break-down.txt": (
        "ab31eb828c7c5096b768c4f6d9f78af16f8ec81dfede52ae0cdba70830ce0997"
    ),
}


@pytest.mark.parametrize("name", SEED_SHA256)
def test_source_texts_are_byte_exact_copies_of_the_seeds(name: str) -> None:
    text = (DEFAULT_FIXTURES / "sources" / name).read_bytes()
    assert hashlib.sha256(text).hexdigest() == SEED_SHA256[name]


def _broken_copy(tmp_path: Path, kind: str, mutate) -> Path:  # type: ignore[no-untyped-def]
    target = tmp_path / "fixtures"
    shutil.copytree(DEFAULT_FIXTURES, target)
    path = target / f"{kind}.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(records)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _shift_span(records: list) -> None:
    records[0]["start"] += 1
    records[0]["end"] += 1


@pytest.mark.parametrize(
    ("kind", "mutate", "expected"),
    [
        ("quotes", _shift_span, "not the source's words"),
        ("positions", lambda r: r[0].update(evidence=[]), "evidence"),
        ("actors", lambda r: r.append(dict(r[0])), "duplicate id"),
        ("quotes", lambda r: r[0].update(speaker="no-such-actor"), "No actor"),
        ("events", lambda r: r[0].update(date="2011-02-30"), "date"),
        ("positions", lambda r: r[0].update(option="sectoral", topic="joint-control"), "option"),
    ],
)
def test_check_refuses_broken_fixtures(tmp_path: Path, kind, mutate, expected) -> None:  # type: ignore[no-untyped-def]
    from api.app import create_app
    from api.cli import cli
    from api.config import Config

    broken = _broken_copy(tmp_path, kind, mutate)
    app = create_app(Config(database_url=f"sqlite:///{tmp_path / 'unused.db'}"))
    result = app.test_cli_runner().invoke(cli, ["fixtures", "check", "--dir", str(broken)])
    assert result.exit_code == 1
    assert expected in result.output


def test_a_failed_load_keeps_nothing(session: Session, tmp_path: Path) -> None:
    def rename_and_break(records: list) -> None:
        records[0]["id"] = "brand-new-quote"
        records[1]["start"] += 1

    broken = _broken_copy(tmp_path, "quotes", rename_and_break)
    with pytest.raises(FixtureError):
        load_fixtures(session, broken)
    from api.models import Quote

    assert session.get(Quote, "brand-new-quote") is None
