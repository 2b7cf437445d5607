"""Ids for items created without one: an ASCII slug of their name or title, made unique."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.schemas.common import ID_MAX

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Room for a "-NNNN" suffix within ID_MAX.
_BASE_MAX = ID_MAX - 6
_QUOTE_WORDS = 6


def slugify(text: str, max_length: int = _BASE_MAX) -> str:
    """Lowercase ASCII words joined by hyphens ("Dmitry Rogozin’s" -> "dmitry-rogozin-s"),
    cut at a word boundary; "" when nothing of `text` is ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = (
            slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
        )
    return slug


def _words(text: str, count: int) -> str:
    return " ".join(text.split()[:count])


def id_base(kind_name: str, data: dict[str, Any]) -> str:
    """What an item's id is made from: its name or title; for a quote its speaker and first
    words; for a position its actor, stance and option (or topic)."""
    if kind_name == "quotes":
        parts = [data.get("speaker") or "", _words(data["text"], _QUOTE_WORDS)]
    elif kind_name == "positions":
        parts = [data["actor"], data["stance"], data.get("option") or data["topic"]]
    else:
        parts = [data.get("name") or data.get("title") or ""]
    return slugify(" ".join(p for p in parts if p)) or kind_name.rstrip("s")


def unique_id(session: Session, model: Any, base: str) -> str:
    """`base`, or `base-2`, `base-3`, ... the first one no item holds (deleted ones too:
    their history keeps the id)."""
    taken = set(
        session.scalars(select(model.id).where((model.id == base) | model.id.like(f"{base}-%")))
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
