"""The `stances` command: database migrations, fixtures, tokens, archives, the OpenAPI
document, extraction, the server. Each command calls the same functions as the handlers."""

from __future__ import annotations

import functools
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click
from alembic import command
from flask import current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext
from sqlalchemy.orm import Session

from api.app import create_app
from api.config import PROJECT_ROOT
from api.db import make_engine
from api.db.migrations import alembic_config, schema_behind
from api.queries.suggestions import extraction_json, extraction_of
from api.web.openapi import spec_yaml
from api.writes.archive import ArchiveError, export_archive, import_archive
from api.writes.fixtures import DEFAULT_FIXTURES, FixtureError, load_fixtures
from api.writes.tokens import create_token, list_tokens, revoke_token

db_cli = AppGroup("db", help="Database schema migrations (Alembic).")
fixtures_cli = AppGroup("fixtures", help="The curated records in fixtures/.")
openapi_cli = AppGroup("openapi", help="The OpenAPI document.")
tokens_cli = AppGroup("tokens", help="Write tokens (stored only as hashes).")
P = ParamSpec("P")
R = TypeVar("R")


def _database_url() -> str:
    return current_app.extensions["stances"]["config"].database_url


def needs_schema(command: Callable[P, R]) -> Callable[P, R]:
    """Refuse to run on a database that is not migrated to head, saying how to fix it."""

    @functools.wraps(command)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        behind = schema_behind(current_app.extensions["stances"]["engine"])
        if behind:
            raise click.ClickException(f"{behind}: run `stances db upgrade` first")
        return command(*args, **kwargs)

    return checked


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: head)."""
    command.upgrade(alembic_config(_database_url()), revision)


@db_cli.command("downgrade")
@click.argument("revision", default="base")
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION (default: base, an empty database)."""
    command.downgrade(alembic_config(_database_url()), revision)


@fixtures_cli.command("load")
@click.option("--dir", "directory", type=click.Path(path_type=Path), default=DEFAULT_FIXTURES)
@needs_schema
def fixtures_load(directory: Path) -> None:
    """Create or update every fixture record; loading twice changes nothing."""
    with Session(current_app.extensions["stances"]["engine"]) as session:
        try:
            report = load_fixtures(session, directory)
        except FixtureError as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        session.commit()
    for line in report.lines():
        click.echo(line)


@fixtures_cli.command("check")
@click.option("--dir", "directory", type=click.Path(path_type=Path), default=DEFAULT_FIXTURES)
def fixtures_check(directory: Path) -> None:
    """Verify the fixtures (spans, references, evidence, dates) in a scratch database."""
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'check.db'}"
        command.upgrade(alembic_config(url), "head")
        engine = make_engine(url)
        with Session(engine) as session:
            try:
                report = load_fixtures(session, directory)
            except FixtureError as exc:
                click.echo(str(exc), err=True)
                sys.exit(1)
        engine.dispose()
    total = sum(report.created.values())
    click.echo(f"fixtures ok: {total} records verified")


@openapi_cli.command("write")
@click.argument("path", type=click.Path(path_type=Path), default=PROJECT_ROOT / "openapi.yaml")
def openapi_write(path: Path) -> None:
    """Write the OpenAPI document generated from the code (default: openapi.yaml)."""
    path.write_text(spec_yaml(current_app), encoding="utf-8")
    click.echo(f"wrote {path}")


@tokens_cli.command("create")
@click.argument("name")
@needs_schema
def tokens_create(name: str) -> None:
    """Make a write token for NAME; it is printed once, on the last line."""
    with Session(current_app.extensions["stances"]["engine"]) as session:
        try:
            raw = create_token(session, name)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        session.commit()
    click.echo(f"Token for {name!r} (shown only now; keep it secret):")
    click.echo(raw)


@tokens_cli.command("list")
@needs_schema
def tokens_list() -> None:
    """List tokens by name, with when they were made and revoked."""
    with Session(current_app.extensions["stances"]["engine"]) as session:
        for token in list_tokens(session):
            revoked = token.revoked_at.isoformat() if token.revoked_at else "-"
            click.echo(f"{token.name}\tcreated {token.created_at.isoformat()}\trevoked {revoked}")


@tokens_cli.command("revoke")
@click.argument("name")
@needs_schema
def tokens_revoke(name: str) -> None:
    """Revoke NAME's token: it stops working at once."""
    with Session(current_app.extensions["stances"]["engine"]) as session:
        if not revoke_token(session, name):
            raise click.ClickException(f"No live token named {name!r}.")
        session.commit()
    click.echo(f"revoked {name}")


@click.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
@needs_schema
def export_command(path: Path) -> None:
    """Write the whole record (revisions and tokens too) to a versioned archive at PATH."""
    with Session(current_app.extensions["stances"]["engine"]) as session:
        counts = export_archive(session, path)
    click.echo(f"wrote {path}: {sum(counts.values())} rows in {len(counts)} tables")


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
@needs_schema
def import_command(path: Path) -> None:
    """Load an archive into this (migrated, empty) database: all of it or nothing."""
    with Session(current_app.extensions["stances"]["engine"]) as session:
        try:
            counts = import_archive(session, path)
        except ArchiveError as exc:
            session.rollback()
            raise click.ClickException(str(exc)) from exc
        session.commit()
    click.echo(f"imported {sum(counts.values())} rows from {path}")


def _first_words(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def extraction_table(answer: dict[str, Any]) -> list[str]:
    """The suggestions as aligned lines: span, kind, speaker, the actor on record, cue, words."""
    lines = [f"{'span':>11}  {'kind':8}  {'speaker':22}  {'actor':22}  {'cue':14}  words"]
    for q in answer["quotes"]:
        speaker = q["speaker"] or {}
        who = speaker.get("name") or "-"
        actor = (speaker.get("actor") or {}).get("id") or "-"
        cue = (q["cue"] or {}).get("text") or "-"
        span = f"{q['start']}-{q['end']}"
        lines.append(
            f"{span:>11}  {q['kind']:8}  {_first_words(who, 22):22}  {_first_words(actor, 22):22}"
            f"  {_first_words(cue, 14):14}  {_first_words(q['text'], 50)}"
        )
    return lines


@click.command("extract")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="The raw answer of POST /v1/extract.")
@with_appcontext
@needs_schema
def extract_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Suggest the quotes, cues and speakers in each FILE (UTF-8 text), linked to the actors
    on record in the database."""
    answers: dict[str, Any] = {}
    with (
        Session(current_app.extensions["stances"]["engine"]) as session,
        click.progressbar(files, label="reading", file=sys.stderr, hidden=len(files) < 2) as bar,
    ):
        for path in bar:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise click.ClickException(f"{path}: not UTF-8 ({exc.reason})") from exc
            answers[str(path)] = extraction_json(extraction_of(session, text))
    if as_json:
        click.echo(json.dumps(answers if len(files) > 1 else answers[str(files[0])], indent=2))
        return
    for name, answer in answers.items():
        click.echo(f"== {name}: {len(answer['quotes'])} suggestions")
        for line in extraction_table(answer):
            click.echo(line)


# Replaces flask-smorest's own `openapi` group, whose YAML output is not stable.
cli = FlaskGroup(create_app=create_app, help="Stances: who said what, over HTTP/JSON.")
for _command in (
    db_cli,
    fixtures_cli,
    openapi_cli,
    tokens_cli,
    export_command,
    import_command,
    extract_command,
):
    cli.add_command(_command)


def main() -> None:
    cli()
