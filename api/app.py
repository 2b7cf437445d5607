"""create_app(config): extensions, the Api and its blueprints, the request hooks, errors."""

from __future__ import annotations

from flask import Flask, request
from flask_smorest import Api, abort
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from api.config import Config
from api.db import make_engine, make_sessionmaker
from api.pages import PAGE_BLUEPRINTS, register_pages
from api.routes import BLUEPRINTS
from api.routes.common import SlugConverter, slug_parameter_schema
from api.routes.writing import authenticate_writes
from api.schemas.common import ProblemSchema
from api.web import headers
from api.web.docs import register_docs
from api.web.errors import (
    PROBLEM_MEDIA_TYPE,
    database_unavailable,
    problem_from_http_exception,
    refuse_nul_bytes,
)
from api.web.exports import EXPORT_TYPES, JSONLD_TYPE
from api.web.json_output import CanonicalJSONProvider
from api.web.openapi import API_DESCRIPTION
from api.web.rate_limits import RateLimits
from api.web.session import close_db_session

ANSWER_TYPES = [
    "application/json",
    PROBLEM_MEDIA_TYPE,
    *EXPORT_TYPES.values(),
    JSONLD_TYPE,
    "application/yaml",
]


class StancesApi(Api):
    """flask-smorest's Api with RFC 9457 errors in the answers and in the spec."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException):  # type: ignore[override]
        return problem_from_http_exception(error)


def _refuse_unacceptable() -> None:
    if request.blueprint in PAGE_BLUEPRINTS:
        return  # HTML pages for browsers (api/pages), not API answers
    accept = request.accept_mimetypes
    if request.headers.get("Accept") and not accept.best_match(ANSWER_TYPES):
        abort(406, message="Answers come as JSON (lists also as CSV or NDJSON).")


def create_app(config: Config | None = None) -> Flask:
    config = config or Config.from_env()
    app = Flask(__name__)
    if config.trusted_proxies:
        # The client's address (for rate limits) from X-Forwarded-For, set by our own proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.trusted_proxies)  # type: ignore[method-assign]
    app.json = CanonicalJSONProvider(app)
    app.config.update(
        API_TITLE="Stances",
        API_VERSION="1.0.0",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        MAX_CONTENT_LENGTH=config.max_content_length,
        API_SPEC_OPTIONS={
            "info": {
                "description": API_DESCRIPTION,
                "license": {"name": "MIT", "identifier": "MIT"},
                "contact": {"name": "Stances maintainers"},
            },
            "servers": [{"url": "http://127.0.0.1:8000", "description": "make run"}],
        },
        **config.extra,
    )
    engine = make_engine(config.database_url, config.statement_timeout_ms)
    app.url_map.converters["slug"] = SlugConverter
    api = StancesApi(app)
    api.register_converter(SlugConverter, slug_parameter_schema)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    register_pages(app, api)
    app.extensions["stances"] = {
        "api": api,
        "config": config,
        "engine": engine,
        "sessionmaker": make_sessionmaker(engine),
        # SQLite's reads begin no transaction on the server, so only PostgreSQL gains.
        "autocommit_reads": engine.dialect.name == "postgresql",
    }
    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "`stances tokens create NAME`"},
    )
    app.before_request(refuse_nul_bytes)
    app.before_request(_refuse_unacceptable)
    app.extensions["stances"]["rate_limits"] = RateLimits(
        app,
        config.rate_limit_storage,
        config.rate_limit_prefix,
        config.write_rate_per_minute,
        config.search_rate_per_minute,
    )
    app.before_request(authenticate_writes)
    headers.install(app, config.cors_origins, config.cache_max_age)
    app.teardown_appcontext(close_db_session)
    app.register_error_handler(OperationalError, database_unavailable)
    app.register_error_handler(InterfaceError, database_unavailable)
    register_docs(app)
    return app
