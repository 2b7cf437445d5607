"""extract(): quotations, blocks and reported speech in a text, with their speakers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.extraction import attribution, cues, marks, parsing, segments
from api.extraction.attribution import Cue
from api.extraction.blocks import Block, Layout, colon_blocks, kind_of
from api.extraction.linking import ActorIndex
from api.extraction.names import NameBook
from api.extraction.speakers import Resolver, summarise
from api.extraction.types import Extraction, KnownActor, QuoteSuggestion, Span, Speaker

CONFIDENCE = {
    "direct": 0.9,
    "direct-inherited": 0.6,
    "direct-alone": 0.5,
    "block": 0.8,
    "block-alone": 0.5,
    "reported": 0.65,
    "reported-stance": 0.45,
    "partial": 0.5,
    "scare": 0.2,
}


@dataclass
class _Attribution:
    speaker: Speaker | None = None
    cue: Span | None = None
    how: str = "alone"


def _span(text: str, start: int, end: int) -> Span:
    return Span(text[start:end], start, end)


class _Run:
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
        self.resolver = Resolver(text, NameBook(text), self.index)
        self.attributed: dict[int, _Attribution] = {}
        self.reported: list[QuoteSuggestion] = []
        self.block_cues: set[int] = set()
        self.principal: Speaker | None = None

    def units(self) -> list[parsing.Unit]:
        """The sentences worth parsing: those with a cue word outside quotations, or a colon."""
        text = self.text
        intro_ends = {self.layout.paragraphs[b.intro][1] for b in self.blocks}
        for q, k in zip(self.quotations, self.kinds, strict=True):
            if k == "block":
                pi = self.layout.index(q.open_at)
                if pi > 0:
                    intro_ends.add(self.layout.paragraphs[pi - 1][1])
        out = []
        for pi, (ps, pe) in enumerate(self.layout.paragraphs):
            opaque = [
                (q.start, q.end) for q in self.quotations if q.depth == 0 and ps <= q.start < pe
            ]
            for ss, se in segments.sentences(text, ps, pe, opaque):
                if any(ms <= ss and se <= me for ms, me in self.masks):
                    continue
                masks = [(ms, me) for ms, me in self.masks if ms < se and me > ss]
                visible, pos = [], ss
                for ms, me in masks:
                    visible.append(text[pos : max(pos, ms)])
                    pos = max(pos, me)
                visible.append(text[pos:se])
                seen = " ".join(visible)
                colon_quote = any(text[ss:ms].rstrip().endswith(":") for ms, _ in masks)
                if cues.has_candidate(seen) or se in intro_ends or colon_quote:
                    out.append(parsing.build(text, ss, se, pi, masks))
        return out

    def speaker_of(self, unit: parsing.Unit, cue: Cue) -> Speaker | None:
        if cue.subject is None:
            return None
        tokens = attribution.mention_tokens(cue.subject)
        spans = [unit.token_span(t) for t in tokens]
        if any(s is None for s in spans) or not spans:
            return None
        start, end = min(s[0] for s in spans if s), max(s[1] for s in spans if s)
        return self.resolver.resolve(tokens, cue.subject, start, end)

    def read(self, unit: parsing.Unit) -> None:
        """Attribute the unit's quotations and collect its reported speech."""
        text = self.text
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
        usable = [(c, speakers[i]) for i, c in enumerate(found) if speakers.get(i)]
        for qi, q in enumerate(self.quotations):
            if not (unit.start <= q.open_at < unit.end) or q.depth:
                continue
            if self.kinds[qi] in ("direct", "block"):
                self._attribute_masked(unit, qi, q, usable)
        for cue, speaker in usable:
            if cue.covers_mask or cue.content is None or speaker is None:
                continue
            start, end = cue.content
            if len(text[start:end].split()) < 2:
                continue
            stance = cue.lemma in attribution.STANCE
            self.reported.append(
                QuoteSuggestion(
                    text[start:end],
                    start,
                    end,
                    "reported",
                    _span(text, cue.start, cue.end),
                    speaker,
                    CONFIDENCE["reported-stance" if stance else "reported"],
                )
            )
            for qi, q in enumerate(self.quotations):
                if self.kinds[qi] == "partial" and start <= q.start and q.end <= end:
                    self.attributed.setdefault(
                        qi, _Attribution(speaker, _span(text, cue.start, cue.end), "reported")
                    )

    def _attribute_masked(
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
            self.attributed[qi] = _Attribution(speaker, _span(text, cue.start, cue.end), "cue")
            if cue.content and cue.covers_mask:
                self.block_cues.add(cue.start)

    def inherit(self) -> None:
        """A quotation with no cue of its own continues the speaker of the one just before it;
        one after a label and a colon ("On unity: “...”") is the principal person's."""
        last: tuple[marks.Quotation, _Attribution] | None = None
        principal = self.principal = self.resolver.principal()
        for qi, q in enumerate(self.quotations):
            if q.depth or self.kinds[qi] == "partial":
                continue
            found = self.attributed.get(qi)
            ps = self.layout.paragraphs[self.layout.index(q.open_at)][0]
            label = self.text[ps : q.open_at].rstrip()
            if found is None and principal and label.endswith(":") and len(label.split()) <= 6:
                found = _Attribution(principal, None, "inherited")
                self.attributed[qi] = found
            if found is None and last is not None:
                pi, lpi = self.layout.index(q.open_at), self.layout.index(last[0].end)
                if pi - lpi <= 1 and last[1].speaker is not None:
                    found = _Attribution(last[1].speaker, last[1].cue, "inherited")
                    self.attributed[qi] = found
            if found is not None:
                last = (q, found)

    def block_speaker(self, block: Block, units: list[parsing.Unit]) -> _Attribution:
        text = self.text
        if block.byline is not None:
            return _Attribution(self.resolver.named(text[slice(*block.byline)], *block.byline))
        inner = [u for u in units if block.start <= u.start and u.end <= block.end]
        if inner and inner[-1].end >= block.end - 1:
            for cue in attribution.find_cues(inner[-1]):
                if cue.token.dep_ == "ROOT" and cue.content and cue.content[1] <= cue.start:
                    speaker = self.speaker_of(inner[-1], cue)
                    if speaker is not None:
                        self.block_cues.add(cue.start)
                        return _Attribution(speaker, _span(text, cue.start, cue.end), "cue")
        intro_end = self.layout.paragraphs[block.intro][1]
        return self._intro_speaker(intro_end, units)

    def _intro_speaker(self, intro_end: int, units: list[parsing.Unit]) -> _Attribution:
        intro = next((u for u in units if u.end == intro_end), None)
        if intro is None or intro.doc is None:
            return _Attribution()
        found = [c for c in attribution.find_cues(intro) if c.subject is not None]
        if found:
            cue = min(found, key=lambda c: attribution.depth(c.token))
            speaker = self.speaker_of(intro, cue)
            return _Attribution(speaker, _span(self.text, cue.start, cue.end), "cue")
        root = next((t for t in intro.doc if t.dep_ == "ROOT"), None)
        subject = attribution.subject_of(root) if root is not None else None
        if subject is None:
            return _Attribution()
        cue = Cue(root, 0, 0, "", subject, None, False)
        return _Attribution(self.speaker_of(intro, cue), None, "intro")

    def suggestions(self, units: list[parsing.Unit]) -> list[QuoteSuggestion]:
        text = self.text
        out = []
        for qi, q in enumerate(self.quotations):
            kind = self.kinds[qi]
            found = self.attributed.get(qi)
            if kind == "block" and (found is None or found.speaker is None):
                pi = self.layout.index(q.open_at)
                if pi > 0 and self.layout.ends_with_colon(pi - 1):
                    found = self._intro_speaker(self.layout.paragraphs[pi - 1][1], units)
                    if found.speaker is None and self.principal is not None:
                        found = _Attribution(self.principal, None, "inherited")
            found = found or _Attribution()
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
            found = self.block_speaker(block, units)
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
            # Words reported inside other reported words belong to the outer report.
            if any(
                o is not r
                and o.start <= r.start
                and r.end <= o.end
                and (o.start, o.end) != (r.start, r.end)
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
    run = _Run(text, actors)
    units = run.units()
    parsing.parse(units)
    for unit in units:
        run.read(unit)
    run.inherit()
    quotes = run.suggestions(units)
    speakers = [q.speaker for q in quotes if q.speaker is not None]
    return Extraction(tuple(quotes), summarise(text, speakers, run.index))
