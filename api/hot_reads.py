"""The hottest reads, answered in front of Flask: quotes, comparisons, search.

Quote boxes and stance tables on live pages ask for these thousands of times a second.
Through Flask, webargs, the ORM session and the response hooks a request costs three times
the SQL and JSON it needs (bench/README.md). This WSGI layer answers the plain form of those
requests, the exact bytes and headers Flask would give (tests/test_hot_reads.py compares
them), and hands everything else to Flask unchanged: filters, facets, exports, conditional
and HEAD requests, other Accept types, errors (a missing quote or topic, a bad cursor or
date, a database that is down).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

from marshmallow import ValidationError, validate
from marshmallow.fields import Field
from sqlalchemy import Engine
from werkzeug.wsgi import get_current_url

from api import http_headers
from api.config import Config
from api.etags import etag_of_bytes
from api.json_output import canonical_json
from api.pagination import decode_cursor_or_none, encode_cursor
from api.prepared import PreparedQuery, PreparedStatements, SqlText
from api.queries.comparison import comparison_as_asked, find_actors, find_topic
from api.queries.quote_rows import PreparedQuoteReads, quote_json
from api.queries.search import parse_cursor, search_as_asked
from api.rate_limits import Limits
from api.routes.common import SlugConverter
from api.schemas.analysis import ComparisonArgsSchema, SearchArgsSchema
from api.schemas.quote import QuoteQueryArgsSchema
from api.search_index import query_terms

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
T = TypeVar("T")

_ITEM_PATH = re.compile(r"/v1/quotes/(" + SlugConverter.regex + r")")
_COMPARISON_PATH = re.compile(r"/v1/topics/(" + SlugConverter.regex + r")/comparison")
_COMPARISON_ARGS = ComparisonArgsSchema()
_SEARCH_ARGS = SearchArgsSchema()
_LIMIT = re.compile(r"[1-9][0-9]{0,2}")
_PAGE_ARGS = QuoteQueryArgsSchema().fields
_LIMIT_FIELD, _CURSOR_FIELD = _PAGE_ARGS["limit"], _PAGE_ARGS["cursor"]
DEFAULT_LIMIT: int = _LIMIT_FIELD.load_default
MAX_LIMIT: int = next(v.max for v in _LIMIT_FIELD.validators if isinstance(v, validate.Range))
_JSON_ACCEPTS = {None, "", "*/*", "application/json"}


def _single_args(
    query: str, allowed: Iterable[str]
) -> tuple[list[tuple[str, str]], dict[str, str]] | None:
    """The query's pairs and their dict, or None when a name repeats or is not allowed."""
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        return None
    args = dict(pairs)
    if len(args) != len(pairs) or not set(args) <= set(allowed):
        return None
    if any("\x00" in k + v for k, v in pairs):
        return None  # Flask refuses it (api/errors.py)
    return pairs, args


def _valid(field: Field, value: str) -> bool:
    """Whether the schema's own field accepts `value` (its validators, not a copy of them)."""
    try:
        field.deserialize(value)
    except ValidationError:
        return False
    return True


class HotReads:
    def __init__(self, app: WSGIApp, engine: Engine, config: Config, limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self.engine = engine
        self.dialect = engine.dialect.name
        self._local = threading.local()
        # Replaceable: tests read through their own transaction's connection.
        self.connect: Callable[[], AbstractContextManager[Any]] = self._own_connection
        self.config = config
        self.queries = PreparedQuoteReads(engine)
        self.statements = PreparedStatements(engine)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        answer = self._answer(environ) if environ["REQUEST_METHOD"] == "GET" else None
        if answer is None:
            return self.app(environ, start_response)
        headers, body = answer
        start_response("200 OK", headers)
        return [body]

    def _answer(self, environ: dict[str, Any]) -> tuple[list[tuple[str, str]], bytes] | None:
        if environ.get("HTTP_ACCEPT") not in _JSON_ACCEPTS or "HTTP_IF_NONE_MATCH" in environ:
            return None
        path = environ.get("PATH_INFO", "")
        query = environ.get("QUERY_STRING", "")
        link, extra = None, None
        if path == "/v1/quotes":
            found = self._page(environ, query)
            if found is None:
                return None
            data, link = found
        elif item := _ITEM_PATH.fullmatch(path):
            if query:
                return None
            rows = self._run(self.queries.one, quote_id=item[1])
            if not rows:
                return None  # Flask says whether it never existed or was deleted
            data = quote_json(rows[0])
        elif comparison := _COMPARISON_PATH.fullmatch(path):
            data = self._comparison(comparison[1], query)
            if data is None:
                return None
        elif path == "/v1/search":
            hits = self._search(environ, query)
            if hits is None:
                return None
            data, extra = hits
        else:
            return None
        return self._finish(environ, canonical_json(data), link, extra)

    def _page(self, environ: dict[str, Any], query: str) -> tuple[Any, str | None] | None:
        found = _single_args(query, ("limit", "cursor"))
        if found is None:
            return None
        pairs, args = found
        limit = DEFAULT_LIMIT
        if "limit" in args:
            if not _LIMIT.fullmatch(args["limit"]) or int(args["limit"]) > MAX_LIMIT:
                return None
            limit = int(args["limit"])
        after = None
        if "cursor" in args:
            if not args["cursor"] or not _valid(_CURSOR_FIELD, args["cursor"]):
                return None
            after = decode_cursor_or_none(args["cursor"])
            if after is None:
                return None
        if after is None:
            rows = self._run(self.queries.first_page, limit=limit + 1)
        else:
            rows = self._run(self.queries.page_after, after=after, limit=limit + 1)
        if rows is None:
            return None
        items = [quote_json(r) for r in rows[:limit]]
        next_cursor = encode_cursor(items[-1]["id"]) if len(rows) > limit else None
        link = None
        if next_cursor:
            kept = [(k, v) for k, v in pairs if k != "cursor"] + [("cursor", next_cursor)]
            base = get_current_url(environ, strip_querystring=True)
            link = f'<{base}?{urlencode(kept)}>; rel="next"'
        return {"items": items, "next_cursor": next_cursor, "facets": []}, link

    @contextmanager
    def _own_connection(self) -> Iterator[Any]:
        """This thread's own DB-API connection, kept open and in autocommit: one SELECT is
        one round trip (no pool pre-ping, no BEGIN, no ROLLBACK). Made by the engine, so its
        connect-time settings apply; dropped on any error, and made again on the next call."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            pooled = self.engine.raw_connection()
            pooled.detach()
            connection = pooled.dbapi_connection
            if self.dialect == "postgresql":
                connection.autocommit = True
                # Prepared from the first call: a 4-table join takes longer to plan than to run.
                connection.prepare_threshold = 0
            self._local.connection = connection
        try:
            yield connection
        except Exception:
            self._local.connection = None
            with suppress(Exception):
                connection.close()
            raise

    def _comparison(self, topic_id: str, query: str) -> dict[str, Any] | None:
        found = _single_args(query, _COMPARISON_ARGS.fields)
        if found is None:
            return None
        try:
            args = _COMPARISON_ARGS.load(found[1])  # as webargs would: the same schema
        except ValidationError:
            return None

        def answer(connection: Any) -> dict[str, Any] | None:
            fetch = self.statements.fetch(connection)
            topic = find_topic(fetch, topic_id)
            actors = find_actors(fetch, args["actors"]) if "actors" in args else None
            if topic is None or ("actors" in args and actors is None):
                return None  # Flask says what is missing
            return comparison_as_asked(fetch, topic, actors, args)

        return self._with_connection(answer, snapshot=True)

    def _search(
        self, environ: dict[str, Any], query: str
    ) -> tuple[dict[str, Any], dict[str, str]] | None:
        found = _single_args(query, _SEARCH_ARGS.fields)
        if found is None:
            return None
        try:
            args = _SEARCH_ARGS.load(found[1])
        except ValidationError:
            return None
        start = parse_cursor(args.get("cursor"))
        if start is None or not query_terms(args["q"]):
            return None
        # Counted here as Flask would; over the limit, Flask answers the 429.
        rate_limit = self.limits.headers_within(
            self.limits.search, environ.get("REMOTE_ADDR") or "unknown"
        )
        if rate_limit is None:
            return None
        page = self._with_connection(
            lambda connection: search_as_asked(
                SqlText.of_dbapi(connection, self.dialect), args, start
            )
        )
        if page is None:
            return None
        return page.as_json(), rate_limit

    def _run(self, query: PreparedQuery, **params: Any) -> list[Any] | None:
        return self._with_connection(lambda connection: query.rows(connection, **params))

    def _with_connection(self, work: Callable[[Any], T], snapshot: bool = False) -> T | None:
        """What `work` makes of a connection, or None when the database fails: Flask then
        answers (a 503, or a retry). With `snapshot`, SQLite answers several statements from
        one read transaction, as the Flask path does."""
        try:
            with self.connect() as connection:
                if not (snapshot and self.dialect == "sqlite") or connection.in_transaction:
                    return work(connection)
                connection.execute("BEGIN")
                try:
                    return work(connection)
                finally:
                    connection.execute("COMMIT")
        except Exception:
            return None

    def _finish(
        self,
        environ: dict[str, Any],
        body: bytes,
        link: str | None,
        extra: dict[str, str] | None = None,
    ) -> tuple[list[tuple[str, str]], bytes]:
        """The headers Flask's hooks (api/http_headers.py, api/etags.py, api/rate_limits.py)
        put on a 200 GET."""
        config = self.config
        headers = {"Content-Type": "application/json"}
        if link:
            headers["Link"] = link
        if extra:
            headers.update(extra)
        headers.update(http_headers.security_headers(environ["PATH_INFO"]))
        cors = http_headers.cors_headers(environ.get("HTTP_ORIGIN"), "GET", config.cors_origins)
        vary = ["Origin"] if cors.pop("Vary", None) else []
        headers.update(cors)
        cache_control = http_headers.cache_control("GET", 200, config.cache_max_age)
        if cache_control:
            headers["Cache-Control"] = cache_control
        etag = etag_of_bytes(body)
        vary.append("Accept-Encoding")
        if http_headers.accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING")):
            etag = "W/" + etag
            compressed = http_headers.gzipped(body)
            if compressed is not None:
                body = compressed
                headers["Content-Encoding"] = "gzip"
        headers["ETag"] = etag
        headers["Vary"] = ", ".join(vary)
        headers["Content-Length"] = str(len(body))
        return list(headers.items()), body


def install(app: Any, engine: Engine, config: Config) -> None:
    stances = app.extensions["stances"]
    stances["hot_reads"] = HotReads(app.wsgi_app, engine, config, stances["rate_limits"])
    app.wsgi_app = stances["hot_reads"]
