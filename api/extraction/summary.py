"""The speakers of an extraction: each distinct speaker once, with its mentions in the text."""

from __future__ import annotations

from api.extraction.linking import ActorIndex, normalise
from api.extraction.types import Span, Speaker, SpeakerSummary


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Where `needle` stands as whole words. A plain search, not a regex compiled per name:
    an article names dozens of speakers, more than the regex cache keeps."""
    if not needle.strip():
        return []
    out = []
    i = text.find(needle)
    while i != -1:
        j = i + len(needle)
        if not (i and _word(text[i - 1])) and not (j < len(text) and _word(text[j])):
            out.append((i, j))
        i = text.find(needle, i + 1)
    return out


def summarise(text: str, speakers: list[Speaker], actors: ActorIndex) -> tuple[SpeakerSummary, ...]:
    """Each distinct speaker once, with every mention of it in the text."""
    groups: dict[str, list[Speaker]] = {}
    for sp in speakers:
        key = f"actor:{sp.actor.id}" if sp.actor else normalise(sp.name)
        groups.setdefault(key, []).append(sp)
    out = []
    for group in groups.values():
        first = group[0]
        actor = next((s.actor for s in group if s.actor), None)
        name = actor.name if actor else first.name
        spans = {(s.start, s.end) for s in group}
        names = {name, *(s.name for s in group)}
        words = name.split()
        if len(words) >= 2:
            names.add(words[-1])
        if actor is not None:
            ref = actors.refs.get(actor.id)
            names.add(ref.name if ref else actor.name)
            names.update(actors.aliases.get(actor.id, ()))
        for each in names:
            spans.update(_occurrences(text, each))
        # A shorter name inside a longer mention of the same speaker is the same mention.
        kept = sorted(spans, key=lambda s: (s[0], -s[1]))
        merged: list[tuple[int, int]] = []
        for s in kept:
            if merged and s[0] >= merged[-1][0] and s[1] <= merged[-1][1]:
                continue
            merged.append(s)
        mentions = tuple(Span(text[a:b], a, b) for a, b in merged)
        out.append(SpeakerSummary(name, mentions, actor))
    return tuple(sorted(out, key=lambda s: s.mentions[0].start if s.mentions else 0))
