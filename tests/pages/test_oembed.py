"""oEmbed: the answers for each embed URL, discovery from every embed page, and an iframe on
another site's page that finds the stance table through discovery and sizes itself."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from api.config import PROJECT_ROOT
from tests.pages.conftest import StaticSite, Visit

TOPIC = "missile-defence-architecture"
TABLE = f"/embed/topics/{TOPIC}/comparison?actors=russia,nato"
EMBEDS = [TABLE, "/embed/quotes/medvedev-common-toys", "/embed/actors/russia/timeline"]
HOST_SNIPPET = PROJECT_ROOT / "api" / "pages" / "static" / "stances-host.js"


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def oembed(base_url: str, url: str, **params: str | int) -> tuple[int, dict]:
    query = "".join(f"&{k}={quote(str(v))}" for k, v in params.items())
    status, _headers, body = get(f"{base_url}/oembed?url={quote(url, safe='')}{query}")
    return status, json.loads(body)


class _Discovery(HTMLParser):
    """What a CMS reads from a page: its oEmbed JSON link."""

    def __init__(self) -> None:
        super().__init__()
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("type") == "application/json+oembed":
            self.href = found.get("href")


def discover(page_url: str) -> str:
    _status, _headers, body = get(page_url)
    parser = _Discovery()
    parser.feed(body.decode())
    assert parser.href, f"no oEmbed discovery link in {page_url}"
    return parser.href


@pytest.mark.parametrize("path", EMBEDS)
def test_every_embed_is_discoverable_and_answers_rich(base_url: str, path: str) -> None:
    href = discover(base_url + path)
    status, _headers, body = get(href)
    answer = json.loads(body)
    assert status == 200
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert answer["provider_name"] == "Stances" and answer["title"]
    assert f'src="{(base_url + path).replace("&", "&amp;")}"' in answer["html"]
    assert answer["html"].startswith("<iframe ") and answer["width"] and answer["height"]


def test_sizes_respect_the_maximums(base_url: str) -> None:
    status, answer = oembed(base_url, base_url + TABLE, maxwidth=300, maxheight=200)
    assert status == 200 and (answer["width"], answer["height"]) == (300, 200)
    assert 'width="300" height="200"' in answer["html"]


def test_the_picture_is_a_photo(base_url: str) -> None:
    url = f"{base_url}/embed/topics/{TOPIC}/comparison.svg?actors=russia,nato"
    status, answer = oembed(base_url, url)
    assert status == 200 and answer["type"] == "photo" and answer["url"] == url
    status, smaller = oembed(base_url, url, maxwidth=answer["width"] // 2)
    assert smaller["width"] == answer["width"] // 2 and smaller["height"] < answer["height"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("{base}/v1/quotes", 404),
        ("{base}/docs", 404),
        ("https://example.org" + TABLE, 404),
        ("ftp://127.0.0.1" + TABLE, 404),
        ("{base}/embed/quotes/no-such-quote", 404),
        ("{base}/embed/topics/no-such-topic/comparison", 404),
        ("{base}/embed/not/an/embed", 404),
        ("not a url at all", 404),
    ],
)
def test_other_urls_are_not_found(base_url: str, url: str, status: int) -> None:
    got, answer = oembed(base_url, url.format(base=base_url))
    assert got == status and answer["status"] == status


def test_xml_is_not_implemented_and_bad_arguments_are_422(base_url: str) -> None:
    assert oembed(base_url, base_url + TABLE, format="xml")[0] == 501
    assert oembed(base_url, base_url + TABLE, format="yaml")[0] == 422
    assert oembed(base_url, base_url + TABLE, maxwidth=0)[0] == 422
    status, _headers, _body = get(f"{base_url}/oembed")
    assert status == 422


def test_iframe_found_by_discovery_sizes_itself(
    visit: Callable[..., Visit],
    base_url: str,
    host_site: StaticSite,
    screenshots: Path,
) -> None:
    # What a CMS does with a pasted URL: discovery, then the oEmbed answer's HTML in the page.
    answer = json.loads(get(discover(base_url + TABLE))[2])
    shutil.copyfile(HOST_SNIPPET, host_site.root / "stances-host.js")
    (host_site.root / "article.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<link rel='icon' href='data:,'><title>An article</title></head>"
        "<body><main><h1>An article</h1><p>Who stands where:</p>"
        f"{answer['html']}<p>More of the article.</p></main>"
        "<script src='stances-host.js'></script></body></html>",
        encoding="utf-8",
    )
    seen = visit(f"{host_site.url}/article.html", width=768)
    page = seen.page
    first = answer["height"]
    page.wait_for_function(
        "first => { const f = document.querySelector('iframe');"
        " return f.style.height && f.getBoundingClientRect().height !== first; }",
        arg=first,
    )
    frame = page.frame_locator("iframe")
    content = page.frames[1].evaluate(
        "() => Math.ceil(document.documentElement.getBoundingClientRect().height)"
    )
    outer = page.evaluate("() => document.querySelector('iframe').getBoundingClientRect().height")
    assert abs(outer - content) <= 1, (outer, content)
    assert page.frames[1].evaluate("() => document.documentElement.scrollHeight <= innerHeight"), (
        "the iframe's page should need no scrolling"
    )
    # Evidence opened inside the frame: the frame grows with it.
    frame.locator("details > summary").first.click()
    page.wait_for_function(
        "before => document.querySelector('iframe').getBoundingClientRect().height > before",
        arg=outer,
    )
    # A message from anything but the framed page itself sizes nothing.
    grown = page.evaluate("() => document.querySelector('iframe').style.height")
    page.evaluate("() => window.postMessage({type: 'stances:resize', height: 5}, '*')")
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.querySelector('iframe').style.height") == grown
    page.screenshot(path=str(screenshots / "oembed-host-page.png"), full_page=True)
    assert not seen.console_errors, seen.console_errors
    assert not seen.foreign_requests(base_url, host_site.url), seen.foreign_requests(
        base_url, host_site.url
    )
