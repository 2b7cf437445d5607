"""The embeds in Chromium at 320, 768 and 1280 px: local requests only, no console error, no
axe-core violation, no sideways scrolling, light and dark; what they show; their headers."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.pages.conftest import (
    WIDTHS,
    Visit,
    axe_violations,
    keep_for_readme,
    no_sideways_scroll,
)

TOPIC = "missile-defence-architecture"
PAGES = {
    "comparison": f"/embed/topics/{TOPIC}/comparison?actors=russia,nato",
    # Every actor, envoys' words counted for their state, and cells only possibly on record.
    "comparison-all": f"/embed/topics/{TOPIC}/comparison?as_of=2011-06-05&roll_up=true",
    "quote": "/embed/quotes/medvedev-common-toys",
    "timeline": "/embed/actors/russia/timeline",
}
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check_page(seen: Visit, base_url: str, axe_source: str) -> None:
    assert not seen.console_errors, seen.console_errors
    assert not seen.foreign_requests(base_url), seen.foreign_requests(base_url)
    assert no_sideways_scroll(seen.page), "the page scrolls sideways"
    violations = axe_violations(seen.page, axe_source)
    assert not violations, violations


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_embed_renders_cleanly(
    name: str,
    width: int,
    visit: Callable[..., Visit],
    base_url: str,
    axe_source: str,
    screenshots: Path,
) -> None:
    seen = visit(base_url + PAGES[name], width=width)
    page = seen.page
    assert page.locator("h1").count() == 1
    # As a reader first sees it (the first evidence opened), then with everything open.
    if page.locator("details").count():
        page.locator("details > summary").first.click()
    shot = screenshots / f"{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    if name == "comparison" and width == 1280:
        keep_for_readme(shot, "stance-table.png")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.screenshot(path=str(screenshots / f"{name}-{width}-open.png"), full_page=True)
    check_page(seen, base_url, axe_source)


@pytest.mark.parametrize("name", PAGES)
def test_embed_follows_dark_mode(
    name: str, visit: Callable[..., Visit], base_url: str, axe_source: str, screenshots: Path
) -> None:
    seen = visit(base_url + PAGES[name], width=768, dark=True)
    page = seen.page
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    background = page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
    red, green, blue = (int(v) for v in background.removeprefix("rgb(").rstrip(")").split(","))
    assert red + green + blue < 150, background
    page.screenshot(path=str(screenshots / f"{name}-768-dark.png"), full_page=True)
    check_page(seen, base_url, axe_source)


def test_stance_table_shows_words_icons_and_evidence(
    visit: Callable[..., Visit], base_url: str
) -> None:
    page = visit(base_url + PAGES["comparison"]).page
    rows = page.locator("tbody tr")
    assert rows.locator("th").all_inner_texts() == ["Russia", "NATO"]  # in the order asked
    headers = page.locator("thead th").all_inner_texts()
    assert headers == ["Actor", "A joint sectoral system", "Two independent systems"]
    russia = rows.nth(0).locator("td")
    assert russia.nth(0).locator(".stance-word").inner_text() == "Supports"
    assert russia.nth(1).locator(".stance-word").inner_text() == "Opposes"
    # Never colour alone: the word, and an icon, in every cell.
    assert page.locator("td .stance-word").count() == page.locator("td").count() == 4
    assert page.locator("td .stance svg.icon use").count() == 4
    evidence = russia.nth(0).locator("details")
    assert not evidence.locator(".evidence").is_visible()  # on demand
    evidence.locator("summary").click()
    text = evidence.inner_text()
    assert "26 January 2011" in text  # a day-precision date, at its precision
    assert "NATO and Russian military chiefs and ambassadors meet in Brussels" in text
    link = evidence.locator("figcaption a").first
    assert link.get_attribute("href").startswith("/v1/sources/")
    as_of = page.locator(".as-of").inner_text()
    assert as_of.startswith("The table stands as of ") and "“possibly”" in as_of


def test_uncertain_positions_are_marked_possibly(
    visit: Callable[..., Visit], base_url: str
) -> None:
    page = visit(base_url + f"/embed/topics/{TOPIC}/comparison?as_of=2011-01-15").page
    possible = page.locator(".stance.possible")
    assert possible.count() >= 1
    assert "(possibly)" in possible.first.inner_text()
    assert "15 January 2011" in page.locator(".as-of").inner_text()


def test_rolled_up_evidence_names_the_speaker_and_role(
    visit: Callable[..., Visit], base_url: str
) -> None:
    page = visit(base_url + f"/embed/topics/{TOPIC}/comparison?actors=russia&roll_up=true").page
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    text = page.locator("tbody").inner_text()
    assert "Dmitry Rogozin" in text and "counted for Russia" in text


def test_quote_card_and_timeline(visit: Callable[..., Visit], base_url: str) -> None:
    card = visit(base_url + PAGES["quote"]).page
    assert "common toys" in card.locator("blockquote").inner_text()
    assert "Dmitry Medvedev" in card.locator("figcaption").inner_text()
    timeline = visit(base_url + PAGES["timeline"]).page
    assert timeline.locator("h1").inner_text() == "Russia: timeline"
    assert timeline.locator(".timeline .item").count() >= 3
    quotes_only = visit(base_url + PAGES["timeline"] + "?type=quote").page
    types = set(quotes_only.locator(".timeline .type").all_inner_texts())
    assert types == {"Quote"}


@pytest.mark.parametrize("path", [*PAGES.values(), f"/embed/topics/{TOPIC}/comparison.svg"])
def test_pages_are_cached_and_tagged_like_json_reads(base_url: str, path: str) -> None:
    status, headers, body = fetch(base_url + path, Accept=BROWSER_ACCEPT)
    assert status == 200 and body
    assert headers["Cache-Control"].startswith("public, max-age=")
    etag = headers["ETag"]
    status, again, body = fetch(base_url + path, Accept=BROWSER_ACCEPT, **{"If-None-Match": etag})
    assert status == 304 and not body and again["ETag"] == etag


@pytest.mark.parametrize("path", PAGES.values())
def test_embeds_may_be_framed_and_run_no_inline_script(base_url: str, path: str) -> None:
    _status, headers, body = fetch(base_url + path, Accept="text/html")
    policy = headers["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors *" in policy and "X-Frame-Options" not in headers
    html = body.decode()
    assert "<script>" not in html and "http://" not in html.replace(base_url, "")
    assert 'type="application/json+oembed"' in html  # discovery, in every embed


def test_review_page_may_not_be_framed(base_url: str) -> None:
    _status, headers, _body = fetch(
        base_url + "/review/sources/nrc-brussels-missile-defence-talks", Accept=BROWSER_ACCEPT
    )
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/embed/topics/no-such-topic/comparison", 404),
        ("/embed/quotes/no-such-quote", 404),
        ("/embed/actors/no-such-actor/timeline", 404),
        ("/embed/no/such/Page", 404),
        ("/review/sources/no-such-source", 404),
        (f"/embed/topics/{TOPIC}/comparison?actors=russia,nobody", 422),
        (f"/embed/topics/{TOPIC}/comparison?as_of=yesterday", 422),
        (f"/embed/topics/{TOPIC}/comparison.svg?roll_up=maybe", 422),
    ],
)
def test_problems_are_pages_for_browsers_and_json_for_clients(
    base_url: str, path: str, status: int
) -> None:
    got, headers, body = fetch(base_url + path, Accept=BROWSER_ACCEPT)
    assert got == status and headers["Content-Type"].startswith("text/html")
    assert f"<h1>{status}:" in body.decode()
    got, headers, body = fetch(base_url + path, Accept="application/json")
    assert got == status and headers["Content-Type"] == "application/problem+json"


def test_problem_page_is_accessible(
    visit: Callable[..., Visit], base_url: str, axe_source: str
) -> None:
    seen = visit(base_url + f"/embed/topics/{TOPIC}/comparison?as_of=yesterday", width=320)
    assert "as_of" in seen.page.locator("main").inner_text()
    assert no_sideways_scroll(seen.page)
    assert not axe_violations(seen.page, axe_source)


def test_html_only_clients_get_pages_and_the_api_still_refuses_them(base_url: str) -> None:
    status, headers, _ = fetch(base_url + PAGES["quote"], Accept="text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    status, headers, _ = fetch(base_url + "/v1/quotes", Accept="text/html")
    assert status == 406 and headers["Content-Type"] == "application/problem+json"
