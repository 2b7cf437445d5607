"""The stance table's SVG: parses, holds every actor and option, refers to nothing outside."""

from __future__ import annotations

import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.pages.conftest import Visit

SVG = "{http://www.w3.org/2000/svg}"
TOPIC = "missile-defence-architecture"


def picture(base_url: str, query: str = "") -> ET.Element:
    url = f"{base_url}/embed/topics/{TOPIC}/comparison.svg{query}"
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.headers.get_content_type() == "image/svg+xml"
        return ET.fromstring(response.read())


def comparison(base_url: str, query: str = "") -> dict:
    import json

    url = f"{base_url}/v1/topics/{TOPIC}/comparison{query}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@pytest.mark.parametrize("query", ["", "?actors=russia,nato", "?as_of=2011-01-15&roll_up=true"])
def test_svg_holds_every_actor_option_and_stance(base_url: str, query: str) -> None:
    root = picture(base_url, query)
    assert root.tag == f"{SVG}svg"
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    table = comparison(base_url, query)  # the same parameters mean the same table
    assert table["rows"], "the topic has rows to draw"
    for row in table["rows"]:
        assert row["actor"]["name"] in texts
    joined = " ".join(texts)
    for option in table["options"]:
        assert all(word in joined for word in option["label"].split())
    words = {"supports": "Supports", "opposes": "Opposes", "unknown": "No position"}
    for row in table["rows"]:
        for cell in row["cells"]:
            word = words.get(cell["stance"], cell["stance"].capitalize())
            assert any(t.startswith(word) for t in texts)
            if not cell["certain"]:
                assert f"{word} (possibly)" in texts
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None


def test_svg_is_self_contained(base_url: str) -> None:
    root = picture(base_url, "?actors=russia,nato")
    for element in root.iter():
        name = element.tag.removeprefix(SVG)
        assert name not in {"script", "style", "image", "foreignObject", "a", "use"}, name
        for attribute, value in element.attrib.items():
            assert not attribute.endswith("href"), (name, attribute)
            assert "url(" not in value and "http" not in value, (name, attribute, value)


def test_svg_renders_in_chromium(
    visit: Callable[..., Visit], base_url: str, screenshots: Path
) -> None:
    seen = visit(f"{base_url}/embed/topics/{TOPIC}/comparison.svg")
    assert not seen.console_errors
    assert not seen.foreign_requests(base_url)
    seen.page.screenshot(path=str(screenshots / "comparison-svg.png"))
