"""What api/openapi.py adds to the spec (RateLimit-*, 406, 429) is what the server does."""

from __future__ import annotations

import urllib.error
import urllib.request

from api.web.openapi import RATE_LIMIT_HEADERS, spec_dict
from tests.contract.conftest import LiveServer


def fetch(server: LiveServer, path: str, method: str = "GET", **headers: str):  # type: ignore[no-untyped-def]
    request = urllib.request.Request(server.url + path, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def documented(server: LiveServer, path: str, method: str, status: str) -> set[str]:
    spec = spec_dict(server.app)
    response = spec["paths"][path][method]["responses"][status]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return set(response.get("headers", {}))


def test_rate_limit_headers_where_documented(live_server: LiveServer) -> None:
    names = set(RATE_LIMIT_HEADERS)
    status, headers = fetch(live_server, "/v1/search?q=shield")
    assert (
        status == 200
        and names <= set(headers)
        and names <= documented(live_server, "/v1/search", "get", "200")
    )
    status, headers = fetch(live_server, "/v1/quotes", method="POST")  # no token
    assert status == 401 and names <= set(headers)
    assert names <= documented(live_server, "/v1/quotes", "post", "401")
    status, headers = fetch(live_server, "/v1/actors")
    assert status == 200 and not names & set(headers)
    assert not names & documented(live_server, "/v1/actors", "get", "200")


def test_not_acceptable_is_a_documented_problem(live_server: LiveServer) -> None:
    status, headers = fetch(live_server, "/v1/actors", Accept="image/png")
    assert status == 406 and headers.get_content_type() == "application/problem+json"
    for item in spec_dict(live_server.app)["paths"].values():
        for method, operation in item.items():
            if method != "parameters":
                assert {"406", "429", "500"} <= set(operation["responses"]), operation
