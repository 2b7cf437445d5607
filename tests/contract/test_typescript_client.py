"""TypeScript: types generated from openapi.yaml, the typed client checked against them, and
the client run against a real server."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path

import pytest

from api.config import PROJECT_ROOT
from tests.contract.conftest import SPEC_PATH, LiveServer, node_tool, require

CLIENT_DIR = PROJECT_ROOT / "clients" / "typescript"
SCHEMA_TYPES = CLIENT_DIR / "generated" / "schema.d.ts"
SMOKE = Path(__file__).with_name("typescript_smoke.ts")


def run(*cmd: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, env=env, check=False
    )


@pytest.fixture(scope="module")
def schema_types() -> Path:
    """clients/typescript/generated/schema.d.ts, generated afresh (it is never committed)."""
    # A `default` makes a field optional to send, not sure to be there: the spec's `required`
    # lists say what a response always has.
    result = run(
        node_tool("openapi-typescript"),
        *(str(SPEC_PATH), "--default-non-nullable", "false", "-o", str(SCHEMA_TYPES)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "export interface operations" in SCHEMA_TYPES.read_text(encoding="utf-8")
    return SCHEMA_TYPES


def test_client_typechecks_against_generated_types(schema_types: Path) -> None:
    result = run(node_tool("tsc"), "--noEmit", "-p", str(CLIENT_DIR))
    assert result.returncode == 0, result.stdout + result.stderr


def test_client_against_a_live_server(
    schema_types: Path, live_server: LiveServer, write_token: str, tmp_path: Path
) -> None:
    out = tmp_path / "js"
    config = tmp_path / "tsconfig.json"
    config.write_text(
        json.dumps(
            {
                "extends": str(CLIENT_DIR / "tsconfig.json"),
                "compilerOptions": {
                    "noEmit": False,
                    "outDir": str(out),
                    "rootDir": str(PROJECT_ROOT),
                    "module": "commonjs",
                    "moduleResolution": "node10",
                    "types": ["node"],
                    "typeRoots": [str(PROJECT_ROOT / "node_modules" / "@types")],
                },
                "files": [str(CLIENT_DIR / "client.ts"), str(schema_types), str(SMOKE)],
            }
        ),
        encoding="utf-8",
    )
    built = run(node_tool("tsc"), "-p", str(config))
    assert built.returncode == 0, built.stdout + built.stderr
    script = out / SMOKE.relative_to(PROJECT_ROOT).with_suffix(".js")
    env = {"PATH": "/usr/bin:/bin", "STANCES_URL": live_server.url, "STANCES_TOKEN": write_token}
    ran = run(require("node", "install Node.js 20+"), str(script), env=env)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    report = json.loads(ran.stdout.strip().splitlines()[-1])

    def direct(path: str) -> dict:
        with urllib.request.urlopen(live_server.url + path, timeout=30) as response:
            return json.load(response)

    assert report["actorIds"] == [a["id"] for a in direct("/v1/actors?limit=500")["items"]]
    quotes = direct("/v1/quotes?limit=500")["items"]
    created = report["created"]
    assert [q for q in report["quoteIds"] if q != created] == [
        q["id"] for q in quotes if q["id"] != created
    ]
    topics = direct("/v1/topics?limit=1")["items"]
    if topics:
        comparison = direct(f"/v1/topics/{topics[0]['id']}/comparison")
        assert (report["topic"], report["rows"]) == (topics[0]["id"], len(comparison["rows"]))
    if direct("/v1/sources?limit=1")["items"]:
        assert created and report["patched"]
        assert (report["anonymous"], report["stale"]) == (401, 412)
        assert direct(f"/v1/quotes/{created}")["notes"] == "typed"
