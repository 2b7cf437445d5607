"""Who a mention is: pronouns and surnames resolved to full names, linked to known actors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from api.extraction.linking import ActorIndex, normalise
from api.extraction.names import PRONOUNS, NameBook, core_name
from api.extraction.types import Span, Speaker, SpeakerSummary

_POSSESSIVE = re.compile(r"[’']s?$")
FIRST_PERSON = frozenset(("i", "me", "we", "us"))
_AUTHORED = re.compile(
    r"(?:Remarks|Statement|Readout|Interview|Address|Speech|Testimony|Message|Letter|Op-Ed)\b"
    r"[^\n]*?\b(?:by|of|from|with)\s+(?:the\s+)?((?:[A-Z][\w.’'-]*\s?){1,5})"
)


def _author(text: str, book: NameBook) -> str | None:
    """Whose remarks the text is, from a title such as "Remarks by President Biden on ..."."""
    first = text.lstrip().split("\n", 1)[0][:300]
    m = _AUTHORED.match(first)
    if not m:
        return None
    core = core_name(m.group(1).split())
    if not core or not book.is_person(" ".join(core)):
        return None
    return book.full_name(" ".join(core), 0)


@dataclass
class _Seen:
    at: int
    speaker: Speaker
    category: str  # person | group | body


class Resolver:
    """Names speaker mentions in text order, remembering them for the pronouns that follow."""

    def __init__(self, text: str, book: NameBook, actors: ActorIndex) -> None:
        self.text = text
        self.book = book
        self.actors = actors
        self.seen: list[_Seen] = []
        self.author = _author(text, book)

    def _category(self, name: str, head_tag: str, actor_kind: str | None) -> str:
        if actor_kind:
            return "person" if actor_kind == "person" else "group"
        if self.book.is_person(name):
            return "person"
        return "group" if head_tag.endswith("S") else "body"

    def _antecedent(self, pronoun: str, at: int) -> Speaker | None:
        want = PRONOUNS.get(pronoun.lower())
        if want is None:
            return None
        if want == "person":
            best = next((s for s in reversed(self.seen) if s.category == "person"), None)
            if best is not None and at - best.at > 1500:
                best = None
            run = self.book.person_before(at)
            # The last person who spoke wins over a later name, unless that name has a title.
            if run is not None and (best is None or (run.start > best.at and run.titled)):
                name = self.book.full_name(run.name, run.start)
                actor = self.actors.link(name, run.name)
                return Speaker(self.text[run.start : run.end], run.start, run.end, name, actor)
            return best.speaker if best else None
        wanted = ("group", "body") if want == "group" else ("body", "group")
        best = next((s for s in reversed(self.seen) if s.category in wanted), None)
        return best.speaker if best else None

    def resolve(self, tokens: list[Any], head: Any, start: int, end: int) -> Speaker | None:
        """The speaker a mention (its tokens, head and span in the text) stands for."""
        mention = self.text[start:end]
        if head.lower_ in FIRST_PERSON:
            # "I said" is the writer's own voice, unless the text is someone's remarks.
            if self.author is None:
                return None
            return Speaker(mention, start, end, self.author, self.actors.link(self.author))
        if head.tag_.startswith("PRP"):
            found = self._antecedent(head.text, start)
            name = found.name if found else mention
            actor = found.actor if found else None
            speaker = Speaker(mention, start, end, name, actor)
            if found:
                self.remember(speaker, start, head.tag_)
            return speaker
        proper = []
        for tok in tokens:
            if tok.tag_ in ("NNP", "NNPS"):
                proper.append(_POSSESSIVE.sub("", tok.text))
            elif tok.i < head.i:
                proper = []
        if head.tag_.startswith("NNP") and proper and head.tag_ != "NNPS":
            core = core_name(proper) or proper
            name = self.book.full_name(" ".join(core), start)
        elif head.tag_.startswith("NN"):
            appos = next((c for c in head.rights if c.dep_ == "appos" and c.tag_ == "NNP"), None)
            name = (
                self.book.full_name(" ".join(core_name([t.text for t in appos.subtree])), start)
                if appos is not None
                else _POSSESSIVE.sub("", mention)
            )
        else:
            name = mention
        actor = self.actors.link(name, mention, " ".join(proper))
        speaker = Speaker(mention, start, end, name, actor)
        self.remember(speaker, start, head.tag_)
        return speaker

    def remember(self, speaker: Speaker, at: int, head_tag: str = "NNP") -> None:
        kind = speaker.actor.kind if speaker.actor else None
        self.seen.append(_Seen(at, speaker, self._category(speaker.name, head_tag, kind)))

    def principal(self) -> Speaker | None:
        """The person the text is about: the first person named in its first two paragraphs."""
        head = self.text[: self.text.find("\n", self.text.find("\n") + 1) % (len(self.text) + 1)]
        for run in self.book.persons:
            if run.end > len(head) + 1:
                break
            mention = self.text[run.start : run.end]
            name = self.book.full_name(run.name, run.start)
            return Speaker(mention, run.start, run.end, name, self.actors.link(name, run.name))
        return None

    def named(self, name: str, start: int, end: int) -> Speaker:
        """A speaker from a bare name in the text (a byline)."""
        full = self.book.full_name(name, start)
        speaker = Speaker(self.text[start:end], start, end, full, self.actors.link(full, name))
        self.remember(speaker, start)
        return speaker


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle.strip():
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


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
