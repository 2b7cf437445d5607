"""extract(): quotations, blocks and reported speech in a text, with their speakers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from api.extraction import attribution, context, cues, marks, parsing, reports, segments, sources
from api.extraction.attribution import Cue
from api.extraction.blocks import Layout, colon_blocks, kind_of
from api.extraction.context import Attribution, span
from api.extraction.linking import ActorIndex
from api.extraction.names import NameBook
from api.extraction.speakers import Resolver
from api.extraction.summary import summarise
from api.extraction.types import Extraction, KnownActor, QuoteSuggestion, Speaker

_OPENING = " \t\u00a0“‘«‹\"'`„"
CONFIDENCE = {
    "direct": 0.9,
    "direct-inherited": 0.6,
    "direct-alone": 0.5,
    "block": 0.8,
    "block-alone": 0.5,
    "partial": 0.5,
    "scare": 0.2,
}


def _appositive(conj: Any) -> bool:
    """ "Maya Cummings, his wife and ...": a common noun after a bare comma describes the name
    before it, where "Trump and his supporters" adds a second speaker."""
    first = conj.left_edge
    return first.i > 0 and first.nbor(-1).text == ","


class Run:
    """One call of extract(): the text, what was found in it, and the units parsed."""

    def __init__(self, text: str, actors: Sequence[KnownActor]) -> None:
        self.text = text
        self.index = ActorIndex(actors)
        self.layout = Layout(text, segments.paragraphs(text))
        self.quotations = marks.find_quotations(text, self.layout.paragraphs)
        self.kinds: list[str] = []
        previous = None
        for q in self.quotations:
            kind = kind_of(q, self.layout, previous)
            self.kinds.append(kind)
            if q.depth == 0:
                previous = (q, kind)
        self.blocks = colon_blocks(self.layout, self.quotations)
        self.masks = [
            (q.start, q.end)
            for q, k in zip(self.quotations, self.kinds, strict=True)
            if k in ("direct", "block") and q.depth == 0
        ]
        self.resolver = Resolver(
            text, NameBook(text), self.index, self.masks, self.layout.paragraphs
        )
        self.attributed: dict[int, Attribution] = {}
        self.reported: list[QuoteSuggestion] = []
        self.block_cues: set[int] = set()
        self.principal: Speaker | None = None
        self.colon_leads: dict[int, int] = {}  # where a lead-in ends: the quotation it opens

    def units(self) -> list[parsing.Unit]:
        """The sentences worth parsing: those with a cue word outside quotations, or a colon."""
        text = self.text
        intro_ends = {self.layout.paragraphs[b.intro][1] for b in self.blocks}
        for q in self.quotations:
            pi = self.layout.index(q.open_at)
            if q.depth == 0 and pi > 0 and self.layout.paragraphs[pi][0] == q.open_at:
                intro_ends.add(self.layout.paragraphs[pi - 1][1])
        out = []
        for pi, (ps, pe) in enumerate(self.layout.paragraphs):
            opaque = [
                (q.start, q.end) for q in self.quotations if q.depth == 0 and ps <= q.start < pe
            ]
            pieces = self._pieces(segments.sentences(text, ps, pe, opaque))
            opens = [q.open_at for q in self.quotations if q.depth == 0 and ps <= q.open_at < pe]
            for i, (ss, se) in enumerate(pieces):
                # The sentence before one that opens on a quotation ("She told him the rules.
                # Quote, “...”") may say whose it is.
                nxt = pieces[i + 1][0] if i + 1 < len(pieces) else pe
                if any(nxt <= o and len(text[nxt:o].split()) <= 2 for o in opens):
                    intro_ends.add(se)
                if any(ms <= ss and se <= me for ms, me in self.masks):
                    continue
                masks = [(ms, me) for ms, me in self.masks if ms < se and me > ss]
                visible, pos = [], ss
                for ms, me in masks:
                    visible.append(text[pos : max(pos, ms)])
                    pos = max(pos, me)
                visible.append(text[pos:se])
                seen = " ".join(visible)
                lead = text[ss:se].endswith(":") and se in self.colon_leads
                # "Trump defended his decision, “...”": a quotation after a comma, no cue
                comma = any(
                    ss < o < se and text[ss:o].rstrip(_OPENING).endswith(",") for o in opens
                )
                if cues.has_candidate(seen) or se in intro_ends or lead or comma:
                    out.append(parsing.build(text, ss, se, pi, masks))
        return out

    def _pieces(self, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Sentences, each cut after a colon that introduces a quotation ("X said: “...”"):
        the lead-in is parsed on its own, so that its verb, not the quotation, is its root."""
        text, out = self.text, []
        for ss, se in sentences:
            for ms, _ in self.masks:
                if ss < ms < se:
                    head = text[ss:ms].rstrip(_OPENING)
                    if head.endswith(":") and len(head.split()) >= 2:
                        out.append((ss, ss + len(head)))
                        self.colon_leads[ss + len(head)] = ms
                        ss = ms
            out.append((ss, se))
        return out

    def speaker_of(self, unit: parsing.Unit, cue: Cue) -> Speaker | None:
        """Who the cue's subject is; "President Biden and President Xi" is one joint speaker."""
        if cue.subject is None:
            return None
        heads = [cue.subject]
        where = unit.token_span(cue.subject)
        # "The California Department of Forestry and Fire Protection" is one body's name.
        name_end = self.resolver.book.name_end(where[0]) if where else 0
        if where is None or " of " not in self.text[where[0] : name_end]:
            name_end = 0
        # "Trump and his supporters": a common noun joined to a name is a second speaker.
        named = cue.subject.text[:1].isupper()
        heads += [
            c
            for c in cue.subject.children
            if c.dep_ == "conj"
            and (c.tag_ == "NNP" or (named and c.tag_ in ("NN", "NNS") and not _appositive(c)))
            and (unit.token_span(c) or (0, 0))[1] > name_end
        ]
        parts = []
        for head in heads:
            tokens = sources.mention_tokens(head)
            spans = [unit.token_span(t) for t in tokens]
            if any(s is None for s in spans) or not spans:
                return None
            start, end = min(s[0] for s in spans if s), max(s[1] for s in spans if s)
            part = self.resolver.resolve(tokens, head, start, end)
            if part is None:
                return None
            parts.append(part)
        # one speaker once, also when the first part's name already holds it ("CNN and NPR")
        parts = [
            p
            for i, p in enumerate(parts)
            if not any(p.name in q.name.split(" and ") for q in parts[:i] if q is not p)
        ]
        return parts[0] if len(parts) == 1 else self.resolver.joint(parts)

    def speaks(self, cue: Cue, speaker: Speaker) -> bool:
        """Whether a cue's subject can be the source of words: a pronoun, a name, a noun for
        people, bodies and papers, or a person the text names ("police chief Greg Allen")."""
        return sources.is_source(cue.subject) or self.resolver.is_person(speaker)

    def read(self, unit: parsing.Unit) -> None:
        """Attribute the unit's quotations and collect its reported speech."""
        found = attribution.find_cues(unit)
        inside_partial = [
            (q.start, q.end)
            for q, k in zip(self.quotations, self.kinds, strict=True)
            if k == "partial" and unit.start <= q.start < unit.end
        ]
        speakers: dict[int, Speaker | None] = {}
        for i, cue in enumerate(found):
            if any(a <= cue.start < b for a, b in inside_partial):
                continue
            speakers[i] = self.speaker_of(unit, cue)
        # A subject that is no source ("Part of Trump's tweet included the statement") says
        # nothing itself; a quotation it holds takes its speaker from around it instead.
        usable = [
            (c, sp) for i, c in enumerate(found) if (sp := speakers.get(i)) and self.speaks(c, sp)
        ]
        for qi, q in enumerate(self.quotations):
            # q.start, not the opening mark: a lead-in cut at its colon leaves the mark out
            if not (unit.start <= q.start < unit.end) or q.depth:
                continue
            if self.kinds[qi] in ("direct", "block"):
                self.attribute_masked(unit, qi, q, usable)
        reports.collect(self, unit, usable)

    def attribute_masked(
        self, unit: parsing.Unit, qi: int, q: marks.Quotation, usable: list[tuple[Cue, Speaker]]
    ) -> None:
        text = self.text
        at = unit.placeholder_at.get((q.start, q.end))
        chosen = None
        if at is not None:
            for cue, speaker in usable:
                rng = cue.source_range
                if cue.covers_mask and rng and rng[0] <= at < rng[1]:
                    chosen = (cue, speaker)
                    break
        if chosen is None and usable:

            def distance(item: tuple[Cue, Speaker]) -> int:
                cue = item[0]
                return cue.start - q.end if cue.start >= q.end else (q.start - cue.end) * 2

            chosen = min(usable, key=distance)
        if chosen is not None:
            cue, speaker = chosen
            self.attributed[qi] = Attribution(speaker, span(text, cue.start, cue.end), "cue")
            if cue.content and any(
                ms < cue.content[1] and cue.content[0] < me for ms, me in unit.masked
            ):
                self.block_cues.add(cue.start)

    def suggestions(self, units: list[parsing.Unit]) -> list[QuoteSuggestion]:
        text = self.text
        out = []
        for qi, q in enumerate(self.quotations):
            kind = self.kinds[qi]
            found = self.attributed.get(qi) or Attribution()
            if kind == "partial":
                label = "partial" if found.speaker else "scare"
            elif found.speaker is None:
                label = f"{kind}-alone"
            else:
                label = (
                    "direct-inherited" if found.how == "inherited" and kind == "direct" else kind
                )
            out.append(
                QuoteSuggestion(
                    text[q.start : q.end],
                    q.start,
                    q.end,
                    kind,
                    found.cue if found.speaker else None,
                    found.speaker,
                    CONFIDENCE[label],
                )
            )
        for block in self.blocks:
            found = context.block_speaker(self, block, units)
            out.append(
                QuoteSuggestion(
                    text[block.start : block.end],
                    block.start,
                    block.end,
                    "block",
                    found.cue,
                    found.speaker,
                    CONFIDENCE["block" if found.speaker else "block-alone"],
                )
            )
        seen = {(s.start, s.end) for s in out}
        for r in self.reported:
            if r.cue is not None and r.cue.start in self.block_cues:
                continue
            # Words reported inside other reported words belong to the outer report, unless
            # someone else says them ("The ministry rejected Kim's assertion that ...").
            if any(
                o is not r
                and o.start <= r.start
                and r.end <= o.end
                and (o.start, o.end) != (r.start, r.end)
                and (o.speaker and o.speaker.name) == (r.speaker and r.speaker.name)
                for o in self.reported
                if not (o.cue is not None and o.cue.start in self.block_cues)
            ):
                continue
            if (r.start, r.end) not in seen:
                seen.add((r.start, r.end))
                out.append(r)
        return sorted(out, key=lambda s: (s.start, -s.end, s.kind))


def extract(text: str, actors: Sequence[KnownActor] = ()) -> Extraction:
    """Quote suggestions and their speakers in `text`; `actors` are the known actors to link."""
    run = Run(text, actors)
    units = run.units()
    parsing.parse(units)
    for unit in units:
        run.read(unit)
    context.inherit(run, units)
    context.first_person_partials(run)
    reports.inside(run)
    quotes = run.suggestions(units)
    speakers = [q.speaker for q in quotes if q.speaker is not None]
    return Extraction(tuple(quotes), summarise(text, speakers, run.index))
