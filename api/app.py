"""create_app(config): extensions, the Api and its blueprints, CLI, error handlers."""

from __future__ import annotations

import http

from flask import Flask, request
from flask_smorest import Api, abort
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import HTTPException

from api.config import Config
from api.db import make_engine, make_sessionmaker
from api.errors import PROBLEM_MEDIA_TYPE, problem_from_http_exception
from api.etags import tag_response
from api.openapi import API_DESCRIPTION
from api.request_session import close_db_session
from api.routes import BLUEPRINTS
from api.routes.writing import authenticate_writes
from api.schemas.common import ProblemSchema

JSON_TYPES = ["application/json", PROBLEM_MEDIA_TYPE]


class StancesApi(Api):
    """flask-smorest's Api with RFC 9457 errors in the answers and in the spec."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException):  # type: ignore[override]
        return problem_from_http_exception(error)

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, object] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_MEDIA_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "An error, as a problem document.", "schema": ProblemSchema}
        prepare_response(response, self.spec, PROBLEM_MEDIA_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def _refuse_unacceptable() -> None:
    accept = request.accept_mimetypes
    if request.headers.get("Accept") and not accept.best_match(JSON_TYPES):
        abort(406, message="This resource is available as application/json only.")


def create_app(config: Config | None = None) -> Flask:
    config = config or Config.from_env()
    app = Flask(__name__)
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
    engine = make_engine(config.database_url)
    api = StancesApi(app)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.extensions["stances"] = {
        "api": api,
        "config": config,
        "engine": engine,
        "sessionmaker": make_sessionmaker(engine),
    }
    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "description": "`stances tokens create NAME`"},
    )
    app.before_request(_refuse_unacceptable)
    app.before_request(authenticate_writes)
    app.after_request(tag_response)
    app.teardown_appcontext(close_db_session)

    from api.cli import register_cli

    register_cli(app)
    return app
