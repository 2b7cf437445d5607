"""/review: an article with its suggested quotes marked, for an editor to accept or dismiss."""

from __future__ import annotations

from flask import Response, url_for
from flask_smorest import abort

from api.pages import lookups
from api.pages.rendering import PageBlueprint, install_page_hooks, render_page
from api.queries.suggestions import known_actors
from api.web.session import db_session

blp = PageBlueprint("review", __name__, url_prefix="/review", template_folder="templates")
install_page_hooks(blp)


@blp.get("/sources/<slug:source_id>")
def source(source_id: str) -> Response:
    """The article, then (from the page's script) its suggestions from the JSON API."""
    session = db_session()
    article = lookups.source_or_404(session, source_id, with_text=True)
    return render_page(
        "pages/review.html",
        source=article,
        paragraphs=[p for p in article.text.split("\n") if p.strip()],
        actors=sorted(known_actors(session), key=lambda a: (a.name.lower(), a.id)),
        # The script reads and writes through the public API, as any client would.
        source_url=f"/v1/sources/{source_id}",
        suggestions_url=f"/v1/sources/{source_id}/suggestions",
        quotes_url="/v1/quotes",
        script=url_for("embed.static", filename="review.js"),
    )


@blp.get("/<path:_rest>")
def not_found(_rest: str) -> Response:
    """Any other /review address: a 404 page for browsers, not the API's JSON."""
    abort(404, message="There is no review page at this address.")
    raise AssertionError  # abort raised
