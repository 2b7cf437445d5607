"""/embed: the stance table, its picture, quote cards and timelines, made to be framed."""

from __future__ import annotations

from typing import Any

from flask import Response, request, url_for
from flask_smorest import abort

from api.pages import lookups
from api.pages.picture import comparison_svg
from api.pages.rendering import PageBlueprint, install_page_hooks, render_page
from api.web.session import db_session

blp = PageBlueprint(
    "embed",
    __name__,
    url_prefix="/embed",
    static_folder="static",
    template_folder="templates",
)
install_page_hooks(blp)


def oembed_href() -> str:
    """The discovery link of the page being served: /oembed for this very URL."""
    return url_for("oembed.OEmbed", url=request.url, format="json", _external=True)


def _api_url(path: str) -> str:
    """The JSON answer behind a page: the same path under /v1, with the same query."""
    query = request.query_string.decode("latin-1")
    return f"/v1{path}" + (f"?{query}" if query else "")


def source_href(source: dict[str, Any], urls: dict[str, str]) -> str:
    """The original article when its address is on record, else its record here."""
    return urls.get(source["id"]) or f"/v1/sources/{source['id']}"


def cell_evidence(cell: dict[str, Any]) -> list[dict[str, Any]]:
    """A cell's evidence once each: positions counted together may cite the same quote."""
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for item in cell["evidence"]:
        quote = item["quote"]
        key = (quote["id"],) if quote else (item["source"]["id"], item["start"], item["end"])
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


@blp.get("/topics/<slug:topic_id>/comparison")
def comparison(topic_id: str) -> Response:
    """Who stands where on a topic's options, with the evidence on demand."""
    session = db_session()
    table = lookups.comparison(session, topic_id)
    urls = lookups.source_urls(session, lookups.evidence_source_ids(table))
    overall = any(row["topic_level"]["positions"] for row in table["rows"])
    return render_page(
        "pages/comparison.html",
        table=table,
        overall=overall,
        source_href=lambda source: source_href(source, urls),
        cell_evidence=cell_evidence,
        oembed_href=oembed_href(),
        api_url=_api_url(f"/topics/{topic_id}/comparison"),
        svg_url=request.full_path.replace("/comparison?", "/comparison.svg?", 1).rstrip("?"),
    )


@blp.get("/topics/<slug:topic_id>/comparison.svg")
def comparison_picture(topic_id: str) -> Response:
    """The stance table as one self-contained SVG, for print, slides and posts."""
    table = lookups.comparison(db_session(), topic_id)
    svg, _width, _height = comparison_svg(table)
    return Response(svg, mimetype="image/svg+xml")


@blp.get("/quotes/<slug:quote_id>")
def quote(quote_id: str) -> Response:
    """One quote as a card: the words, who said them, when, and where."""
    session = db_session()
    item = lookups.quote_or_404(session, quote_id)
    urls = lookups.source_urls(session, [item["source"]["id"]])
    return render_page(
        "pages/quote.html",
        quote=item,
        source_url=source_href(item["source"], urls),
        oembed_href=oembed_href(),
        api_url=_api_url(f"/quotes/{quote_id}"),
    )


@blp.get("/actors/<slug:actor_id>/timeline")
def timeline(actor_id: str) -> Response:
    """An actor's quotes, positions and events in date order."""
    session = db_session()
    actor = lookups.actor_or_404(session, actor_id)
    items = lookups.timeline(session, actor_id)
    return render_page(
        "pages/timeline.html",
        actor=actor,
        items=items,
        oembed_href=oembed_href(),
        api_url=_api_url(f"/actors/{actor_id}/timeline"),
    )


@blp.get("/<path:_rest>")
def not_found(_rest: str) -> Response:
    """Any other /embed address: a 404 page for browsers, not the API's JSON."""
    abort(404, message="There is no embed at this address.")
    raise AssertionError  # abort raised
