"""Quote suggestions for a text or a stored source, linked to the actors on record."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict, defaultdict
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.extraction import Extraction, KnownActor, extract
from api.models import Actor, ActorAlias, Quote, Source

_CACHE_SIZE = 64
_cache: OrderedDict[tuple[str, str], Extraction] = OrderedDict()
_cache_lock = threading.Lock()


def known_actors(session: Session) -> list[KnownActor]:
    """Every live actor with its aliases, in id order."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for actor_id, alias in session.execute(
        select(ActorAlias.actor_id, ActorAlias.alias).order_by(ActorAlias.id)
    ):
        aliases[actor_id].append(alias)
    rows = session.execute(
        select(Actor.id, Actor.name, Actor.kind)
        .where(Actor.deleted_at.is_(None))
        .order_by(Actor.id)
    )
    return [KnownActor(r.id, r.name, r.kind, tuple(aliases[r.id])) for r in rows]


def _digest(actors: list[KnownActor]) -> str:
    return hashlib.sha256(repr(actors).encode("utf-8")).hexdigest()


def extraction_of(session: Session, text: str, text_sha256: str | None = None) -> Extraction:
    """`extract` over the actors on record, computed once per text and record of actors
    (keyed by the text's sha256): a source's suggestions cost its reading once a process."""
    actors = known_actors(session)
    key = (text_sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(), _digest(actors))
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    found = extract(text, actors)
    with _cache_lock:
        _cache[key] = found
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return found


def extraction_json(extraction: Extraction) -> dict[str, Any]:
    return {
        "quotes": [asdict(q) for q in extraction.quotes],
        "speakers": [
            {
                "name": s.name,
                "mentions": [{"start": m.start, "end": m.end} for m in s.mentions],
                "actor": None if s.actor is None else asdict(s.actor),
            }
            for s in extraction.speakers
        ],
    }


def suggestions_for(session: Session, source: Source) -> dict[str, Any]:
    """The source's suggestions, each with the id of the live quote already on record at
    exactly its span, and the speakers found who are not actors on record."""
    answer = extraction_json(extraction_of(session, source.text, source.sha256))
    recorded = {
        (r.start, r.end): r.id
        for r in session.execute(
            select(Quote.id, Quote.start, Quote.end).where(
                Quote.source_id == source.id, Quote.deleted_at.is_(None)
            )
        )
    }
    for quote in answer["quotes"]:
        quote["quote_id"] = recorded.get((quote["start"], quote["end"]))
    return {
        "source": {"id": source.id, "title": source.title},
        "sha256": source.sha256,
        **answer,
        "speakers_not_on_record": [s for s in answer["speakers"] if s["actor"] is None],
    }
