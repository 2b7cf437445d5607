"""Linking a speaker to a known actor: by name, alias, or a surname unique among the actors."""

from __future__ import annotations

import re
from collections.abc import Sequence

from api.extraction.types import ActorRef, KnownActor

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\u00a0": " "})
_POSSESSIVE = re.compile(r"'s?$")


def normalise(name: str) -> str:
    """Case-folded, one space between words, no leading article or trailing possessive."""
    key = " ".join(name.translate(_APOSTROPHES).split()).casefold()
    if key.startswith("the "):
        key = key[4:]
    return _POSSESSIVE.sub("", key).strip(" .,;:")


class ActorIndex:
    """The known actors, looked up by any of their names."""

    def __init__(self, actors: Sequence[KnownActor]) -> None:
        self.by_key: dict[str, set[str]] = {}
        self.refs: dict[str, ActorRef] = {}
        self.aliases: dict[str, tuple[str, ...]] = {}
        surnames: dict[str, set[str]] = {}
        for actor in actors:
            self.refs[actor.id] = ActorRef(actor.id, actor.name, actor.kind)
            self.aliases[actor.id] = tuple(actor.aliases)
            for name in (actor.name, *actor.aliases):
                key = normalise(name)
                if key:
                    self.by_key.setdefault(key, set()).add(actor.id)
            if actor.kind == "person" and actor.name.split():
                surnames.setdefault(normalise(actor.name.split()[-1]), set()).add(actor.id)
        # A surname counts only when one known person has it.
        self.by_surname = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}

    def link(self, *names: str) -> ActorRef | None:
        """The actor that any of these names (the fullest first) denotes, when it is unambiguous."""
        for name in names:
            ids = self.by_key.get(normalise(name))
            if ids and len(ids) == 1:
                return self.refs[next(iter(ids))]
        for name in names:
            words = normalise(name).split()
            if words and words[-1] in self.by_surname:
                actor = self.refs[self.by_surname[words[-1]]]
                # "Anders Fogh Rasmussen" must not reach another person called Rasmussen.
                if len(words) == 1 or normalise(actor.name).split()[0] == words[0]:
                    return actor
        return None
