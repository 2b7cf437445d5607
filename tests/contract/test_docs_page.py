"""/docs in a real browser: Swagger UI renders every operation from local files alone."""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

from flask import Flask

from api.web.openapi import spec_dict, spec_yaml
from tests.contract.conftest import BUILD_DIR, LiveServer, require

SCREENSHOT = BUILD_DIR / "docs.png"


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = require("chromium", "apt-get install -y chromium")
    cmd = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        # Offline: any name but the loopback address fails to resolve, so a page that needed
        # a CDN would render nothing.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--virtual-time-budget=15000",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def _operation_ids(app: Flask) -> set[str]:
    spec = spec_dict(app)
    return {
        op["operationId"]
        for item in spec["paths"].values()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }


def test_docs_page_is_local_html(live_server: LiveServer) -> None:
    with urllib.request.urlopen(f"{live_server.url}/docs", timeout=10) as r:
        assert r.status == 200 and r.headers.get_content_type() == "text/html"
        html = r.read().decode()
    assert "http://" not in html and "https://" not in html, "the page must not load a CDN"
    assert "<script>" not in html, "no inline script: the CSP need not allow one"
    with urllib.request.urlopen(f"{live_server.url}/docs/swagger-initializer.js") as r:
        script = r.read().decode()
    assert '"url": "/openapi.json"' in script and '"validatorUrl": null' in script
    with urllib.request.urlopen(f"{live_server.url}/docs/assets/swagger-ui-bundle.js") as r:
        assert r.status == 200 and len(r.read()) > 500_000
    with urllib.request.urlopen(f"{live_server.url}/openapi.yaml", timeout=10) as r:
        assert r.headers.get_content_type() == "application/yaml"
        assert r.read().decode() == spec_yaml(live_server.app)


def test_swagger_ui_renders_every_operation(live_server: LiveServer, tmp_path: Path) -> None:
    run = chromium(tmp_path, "--dump-dom", f"{live_server.url}/docs")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "Unable to render this definition" not in dom
    assert "opblock-summary" in dom, dom[-2000:]
    ids = _operation_ids(live_server.app)
    assert len(ids) >= 20
    missing = sorted(i for i in ids if f">{i}<" not in dom)
    assert not missing, f"operations not rendered: {missing}"
    for summary in ("List actors", "Create a quote", "Change a quote"):
        assert summary in dom
    assert "Authorize" in dom  # the bearer token form for the write operations


def test_screenshot_of_the_docs(live_server: LiveServer, tmp_path: Path) -> None:
    """build/docs.png: what a person sees (look at it after a change to the page)."""
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    run = chromium(
        tmp_path,
        f"--screenshot={SCREENSHOT}",
        "--window-size=1400,2000",
        "--hide-scrollbars",
        f"{live_server.url}/docs",
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert SCREENSHOT.stat().st_size > 50_000  # a blank page is a few kilobytes
