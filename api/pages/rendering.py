"""What every page shares: HTML answers with an ETag, problem pages, dates for readers."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Flask, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from api.models.partial_dates import PartialDate, Precision
from api.pages import stances
from api.web.errors import PROBLEM_MEDIA_TYPE, problem_from_http_exception
from api.web.etags import etag_of_bytes

# Answers the pages tag themselves: tag_response (api/web/etags.py) tags JSON only.
TAGGED_TYPES = {"text/html", "image/svg+xml"}
KIND_WORDS = {
    "direct": "Direct quote",
    "partial": "Partial quote",
    "block": "Block quote",
    "reported": "Reported speech",
}


class PageBlueprint(Blueprint):
    """A blueprint of HTML pages: its static files are cached as long as the JSON reads."""

    def get_send_file_max_age(self, filename: str | None) -> int | None:
        return current_app.extensions["stances"]["config"].cache_max_age


def prefers_html() -> bool:
    """Whether the client ranks HTML above JSON (browsers do; `*/*` alone does not)."""
    accept = request.accept_mimetypes
    return accept["text/html"] > max(accept["application/json"], accept[PROBLEM_MEDIA_TYPE])


def _none_match(header: str | None, etag: str) -> bool:
    candidates = [c.strip().removeprefix("W/") for c in (header or "").split(",")]
    return "*" in candidates or etag in candidates


def tag_page(response: Response) -> Response:
    """A strong ETag over the rendered bytes of a page or picture, and 304 when it matches."""
    if response.status_code != 200 or response.mimetype not in TAGGED_TYPES:
        return response
    if response.is_streamed or "ETag" in response.headers:
        return response
    etag = etag_of_bytes(response.get_data())
    response.headers["ETag"] = etag
    if request.method in ("GET", "HEAD") and _none_match(
        request.headers.get("If-None-Match"), etag
    ):
        not_modified = Response(status=304)
        not_modified.headers["ETag"] = etag
        return not_modified
    return response


def problem_page(error: HTTPException) -> Response:
    """The API's problem document; for a browser, the same problem as an HTML page."""
    problem = problem_from_http_exception(error)
    problem.vary.add("Accept")  # the same address answers HTML or JSON
    if not prefers_html():
        return problem
    body = json.loads(problem.get_data())
    html = render_template("pages/problem.html", problem=body)
    page = Response(html, status=problem.status_code, mimetype="text/html")
    for name, value in problem.headers.items():
        if name.lower() not in ("content-type", "content-length"):
            page.headers[name] = value
    return page


def reader_date(text: str | None) -> str:
    """ "2011-01-26" as "26 January 2011", "2011-06" as "June 2011": never more precise."""
    if not text:
        return "undated"
    try:
        parsed = PartialDate.parse(text)
    except ValueError:
        return text
    day = parsed.earliest
    if parsed.precision is Precision.day:
        return f"{day.day} {day:%B %Y}"
    if parsed.precision is Precision.month:
        return f"{day:%B %Y}"
    return f"{day:%Y}"


def install_page_hooks(blueprint: Blueprint) -> None:
    blueprint.after_request(tag_page)
    blueprint.register_error_handler(HTTPException, problem_page)


def install_filters(app: Flask) -> None:
    app.add_template_filter(reader_date, "reader_date")
    app.add_template_global(stances.WORDS, "STANCE_WORDS")
    app.add_template_global(stances.POSSIBLY, "POSSIBLY")
    app.add_template_global(stances.icon, "icon")
    app.add_template_global(stances.icon_sprite, "icon_sprite")
    app.add_template_global(KIND_WORDS, "KIND_WORDS")


def render_page(template: str, **context: Any) -> Response:
    return Response(render_template(template, **context), mimetype="text/html")
