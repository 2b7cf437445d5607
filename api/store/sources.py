"""Writing sources: the text and its hash are set together."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy.orm import Session

from api.models import Source
from api.models.dated import set_partial_date
from api.search_index import index_document


def apply_source(session: Session, source: Source, data: dict[str, Any]) -> Source:
    for name in ("id", "title", "author", "outlet", "url", "language", "notes", "date_inferred"):
        if name in data:
            setattr(source, name, data[name])
    if "date" in data:
        set_partial_date(source, "date", data["date"])
    if "text" in data:
        source.text = data["text"]
        source.sha256 = hashlib.sha256(data["text"].encode("utf-8")).hexdigest()
    session.add(source)
    index_document(session, "source", source.id, source.title, source.text)
    return source
