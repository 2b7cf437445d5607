"""A quote as a schema.org Quotation (JSON-LD), for pages that embed it."""

from __future__ import annotations

from typing import Any


def quote_as_jsonld(quote: Any, base_url: str) -> dict[str, Any]:
    """A schema.org Quotation, for embedding in a CMS page."""
    speaker = None
    if quote.speaker is not None:
        speaker = {
            "@type": "Person" if quote.speaker.kind == "person" else "Organization",
            "@id": f"{base_url}/v1/actors/{quote.speaker.id}",
            "name": quote.speaker.name,
        }
    source = quote.source
    based_on = {
        "@type": "NewsArticle",
        "@id": f"{base_url}/v1/sources/{source.id}",
        "headline": source.title,
    }
    if source.url:
        based_on["url"] = source.url
    if source.author:
        based_on["author"] = {"@type": "Person", "name": source.author}
    if source.outlet:
        based_on["publisher"] = {"@type": "Organization", "name": source.outlet}
    document = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "@id": f"{base_url}/v1/quotes/{quote.id}",
        "text": quote.text,
        "dateCreated": quote.date,
        "isBasedOn": based_on,
    }
    if speaker:
        document["spokenByCharacter"] = speaker
    elif quote.attribution:
        document["creditText"] = quote.attribution
    return document
