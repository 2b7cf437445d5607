"""The documents beside the API: /docs (Swagger UI, local files), /openapi.yaml, /openapi.json.

Swagger UI 5 (the first to render OpenAPI 3.1) comes from the files that the PyPI package
flask-swagger-ui ships in its `dist/` folder: nothing is fetched from a CDN, so the page works
offline. None of these routes is an API operation, so none of them is in the spec.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
from collections.abc import Callable
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, request, url_for

from api.web.openapi import spec_dict, spec_yaml

log = logging.getLogger(__name__)

DOCS_ENDPOINTS = {
    "docs.page",
    "docs.initializer",
    "docs.static",
    "docs.openapi_yaml",
    "api-docs.openapi_json",
}

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} {version}: API reference</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="{assets}/swagger-ui.css">
  <link rel="stylesheet" href="{assets}/index.css">
  <link rel="icon" type="image/png" href="{assets}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{assets}/swagger-ui-bundle.js"></script>
  <script src="{initializer}"></script>
</body>
</html>
"""


def swagger_ui_dist() -> Path | None:
    """The folder of Swagger UI's built files inside flask-swagger-ui, if it is installed."""
    spec = importlib.util.find_spec("flask_swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    dist = Path(next(iter(spec.submodule_search_locations))) / "dist"
    return dist if (dist / "swagger-ui-bundle.js").is_file() else None


def _ui_config() -> dict[str, object]:
    return {
        "url": url_for("api-docs.openapi_json"),
        "dom_id": "#swagger-ui",
        "deepLinking": True,
        "displayOperationId": True,
        "displayRequestDuration": True,
        "docExpansion": "list",
        "defaultModelsExpandDepth": 0,
        "tryItOutEnabled": False,
        "persistAuthorization": False,
        # Swagger UI's default sends the spec to an online validator for a badge: not here.
        "validatorUrl": None,
    }


def _page() -> Response:
    html = PAGE.format(
        title=current_app.config["API_TITLE"],
        version=current_app.config["API_VERSION"],
        assets=url_for("docs.static", filename="").rstrip("/"),
        initializer=url_for("docs.initializer"),
    )
    return Response(html, mimetype="text/html")


def _initializer() -> Response:
    """The page's only script of its own, as a file: no inline script for a CSP to allow."""
    config = json.dumps(_ui_config())
    script = f"window.onload = () => {{ window.ui = SwaggerUIBundle({config}); }};\n"
    return Response(script, mimetype="text/javascript")


def _cached(app: Flask, key: str, make: Callable[[], str]) -> str:
    """The spec cannot change while the app runs: render it once."""
    cache = app.extensions.setdefault("stances_docs", {})
    if key not in cache:
        cache[key] = make()
    return cache[key]


def _openapi_yaml() -> Response:
    body = _cached(current_app, "yaml", lambda: spec_yaml(current_app))
    return Response(body, mimetype="application/yaml")


def _openapi_json() -> Response:
    """The same finished document as openapi.yaml (flask-smorest's own view skips that step)."""
    body = _cached(
        current_app,
        "json",
        lambda: json.dumps(spec_dict(current_app), indent=2, ensure_ascii=False),
    )
    return Response(body, mimetype="application/json")


def _skip_for_documents(hook: Callable[[], object]) -> Callable[[], object]:
    """The API's request hooks (JSON-only Accept, write tokens) are for API operations."""

    @functools.wraps(hook)
    def wrapper() -> object:
        if request.endpoint in DOCS_ENDPOINTS:
            return None
        return hook()

    return wrapper


def register_docs(app: Flask) -> None:
    """Add /docs and /openapi.yaml, and serve the finished spec at /openapi.json."""
    app.view_functions["api-docs.openapi_json"] = _openapi_json
    dist = swagger_ui_dist()
    blueprint = Blueprint(
        "docs",
        __name__,
        static_folder=str(dist) if dist else None,
        static_url_path="/docs/assets",
    )
    blueprint.add_url_rule("/openapi.yaml", "openapi_yaml", _openapi_yaml)
    if dist is not None:
        blueprint.add_url_rule("/docs", "page", _page)
        blueprint.add_url_rule("/docs/swagger-initializer.js", "initializer", _initializer)
    else:
        log.warning("flask-swagger-ui is not installed, so /docs is off")
    app.register_blueprint(blueprint)
    hooks = app.before_request_funcs.setdefault(None, [])
    hooks[:] = [_skip_for_documents(hook) for hook in hooks]
