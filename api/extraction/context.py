"""Speakers from context: quotations with no cue of their own, and blocks set off by a colon.

A quotation that no cue in its sentence attributes takes its speaker from what stands around it:
- after a short label and a colon ("On unity: “...”"): the person the text is about;
- after a lead-in of its own sentence ending in a colon ("She refused to answer: “...”"): the
  subject of that sentence;
- continuing a quotation in the same or the previous paragraph: that quotation's speaker;
- opening a paragraph after one that introduces it ("Vance reported on the progress." or
  "... reflected on the bonds between the nations:"): the speaker of that paragraph's last cue,
  or of its main verb when it ends in a colon;
- otherwise, a paragraph that is all quotation is the principal person's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from api.extraction import attribution, cues, parsing
from api.extraction.attribution import Cue
from api.extraction.types import Span, Speaker

if TYPE_CHECKING:  # engine imports this module; the run type is for annotations only
    from api.extraction.engine import Run


_CUE_THEN = re.compile(r"[,.]?\s*([a-z]+)\s+(?=[A-Z])")


@dataclass
class Attribution:
    speaker: Speaker | None = None
    cue: Span | None = None
    how: str = "alone"


def span(text: str, start: int, end: int) -> Span:
    return Span(text[start:end], start, end)


def unit_ending(units: list[parsing.Unit], end: int) -> parsing.Unit | None:
    return next((u for u in units if u.end == end and u.doc is not None), None)


def intro_speaker(run: Run, unit: parsing.Unit | None, colon: bool) -> Attribution:
    """Who says what a sentence introduces: its shallowest cue's subject; when it ends in a
    colon and has no cue, the subject of its main verb (with that verb as the cue)."""
    if unit is None or unit.doc is None:
        return Attribution()
    found = [c for c in attribution.find_cues(unit) if c.subject is not None]
    if found:
        cue = min(found, key=lambda c: attribution.depth(c.token))
        speaker = run.speaker_of(unit, cue)
        if speaker is not None:
            return Attribution(speaker, span(run.text, cue.start, cue.end), "cue")
    if not colon:
        return Attribution()
    root = next((t for t in unit.doc if t.dep_ == "ROOT"), None)
    subject = attribution.subject_of(root) if root is not None else None
    if root is None or subject is None or not root.tag_.startswith("VB"):
        return Attribution()
    cue = Cue(root, 0, 0, "", subject, None, False)
    speaker = run.speaker_of(unit, cue)
    where = unit.token_span(root)
    return Attribution(speaker, span(run.text, *where) if where else None, "intro")


def _colon_lead(run: Run, q, units: list[parsing.Unit]) -> Attribution | None:
    """A quotation after a lead-in ending in a colon ("She refused to answer: “...”"): the
    lead-in's subject says it."""
    text = run.text
    before = text[: q.open_at].rstrip()
    if not before.endswith(":"):
        return None
    unit = unit_ending(units, len(before))
    found = intro_speaker(run, unit, True)
    if found.speaker is None and unit is not None:
        # "President Trump detailed ...:" misread by the parser: a lead-in opening on a name.
        named = run.resolver.named_in(unit.start, len(before))
        if named is not None and len(text[unit.start : named.start].split()) <= 2:
            return Attribution(named, None, "intro")
    return found


def _named_after(run: Run, at: int) -> Attribution | None:
    """ "“...” tweeted Mayor of London Sadiq Khan": a cue right after the closing mark, then
    the person it names."""
    m = _CUE_THEN.match(run.text, at)
    if m is None or cues.lemma(m.group(1)) is None:
        return None
    named = run.resolver.named_in(m.end(1), m.end(1) + 80)
    if named is None or len(run.text[m.end(1) : named.start].split()) > 5:
        return None
    if re.search(r"[.!?]", run.text[m.end(1) : named.start]):
        return None
    return Attribution(named, span(run.text, m.start(1), m.end(1)), "cue")


def inherit(run: Run, units: list[parsing.Unit]) -> None:
    """Attribute every quotation (direct or block) that no cue of its own attributes."""
    layout, text = run.layout, run.text
    last: tuple[int, Attribution] | None = None  # paragraph where it ended, attribution
    principal = run.principal = run.resolver.principal()
    for qi, q in enumerate(run.quotations):
        if q.depth or run.kinds[qi] == "partial":
            continue
        found = run.attributed.get(qi)
        pi = layout.index(q.open_at)
        ps = layout.paragraphs[pi][0]
        label = text[ps : q.open_at].rstrip()
        if found is None and label:
            lead = _colon_lead(run, q, units)
            if lead is not None and lead.speaker is not None:
                found = lead
            elif label.endswith(":") and len(label.split()) <= 12:
                # "On unity: “...”" is the main person's; "President Trump on 60 Minutes:
                # “...”" the person the label names.
                named = run.resolver.named_in(ps, q.open_at) or principal
                found = Attribution(named, None, "inherited") if named else None
        if found is None and label and not label.endswith(":"):
            # "She told him the rules. Quote, “...”": the sentence before says whose it is.
            before = max(
                (u for u in units if ps <= u.end <= q.open_at), key=lambda u: u.end, default=None
            )
            if before is not None and len(text[before.end : q.open_at].split()) <= 2:
                lead = intro_speaker(run, before, False)
                found = lead if lead.speaker is not None else None
        if found is None and q.close_at is not None:
            found = _named_after(run, q.close_at + 1)
        if found is None and label[-1:] in (".", "!", "?"):
            # "..., leaving Ingram unimpressed.  “One of them was questionable.”": a quotation
            # opening a sentence with no cue is the person the sentence before names.
            begin = max(label.rfind(". ", 0, len(label) - 1), label.rfind("\n")) + 1
            named = run.resolver.named_in(ps + begin, ps + len(label))
            found = Attribution(named, None, "inherited") if named else None
        if found is None and label.endswith(","):
            # "Trump, also on Twitter, defended his decision, “...”": the clause's subject.
            unit = next((u for u in units if u.start <= q.open_at < u.end), None)
            lead = intro_speaker(run, unit, True)
            found = lead if lead.speaker is not None else None
        lead_only = (
            not label or label.endswith(":") or (label[-1] == "," and len(label.split()) <= 4)
        )
        chained = last is not None and (pi == last[0] or (pi - last[0] == 1 and lead_only))
        if found is None and chained:
            found = Attribution(last[1].speaker, last[1].cue, "inherited")
        if found is None and not label and pi > 0:
            colon = layout.ends_with_colon(pi - 1)
            found = intro_speaker(run, unit_ending(units, layout.paragraphs[pi - 1][1]), colon)
            if found.speaker is None and principal is not None:
                found = Attribution(principal, None, "inherited")
        if found is not None and found.speaker is not None:
            run.attributed[qi] = found
            last = (layout.index(q.end), found)


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|me|my|we|our|us)\b")


def first_person_partials(run: Run) -> None:
    """A quoted phrase in the first person ("her “passion” for the hobby “stemmed through my
    love for Halloween”") is someone's words, not a scare quote: the person its own sentence
    names before it says them."""
    text, starts = run.text, run.resolver.sentences
    for qi, q in enumerate(run.quotations):
        if run.kinds[qi] != "partial" or qi in run.attributed:
            continue
        if not _FIRST_PERSON.search(text, q.start, q.end):
            continue
        begin = starts[bisect_right(starts, q.open_at) - 1]
        named = run.resolver.named_in(begin, q.open_at)
        if named is not None:
            run.attributed[qi] = Attribution(named, None, "inherited")


def block_speaker(run: Run, block, units: list[parsing.Unit]) -> Attribution:
    """The speaker of a passage set off after a colon: a byline, a cue after it, its intro."""
    text = run.text
    if block.byline is not None:
        return Attribution(run.resolver.named(text[slice(*block.byline)], *block.byline))
    inner = [u for u in units if block.start <= u.start and u.end <= block.end]
    if inner and inner[-1].end >= block.end - 1:
        for cue in attribution.find_cues(inner[-1]):
            if cue.token.dep_ == "ROOT" and cue.content and cue.content[1] <= cue.start:
                speaker = run.speaker_of(inner[-1], cue)
                if speaker is not None:
                    run.block_cues.add(cue.start)
                    return Attribution(speaker, span(text, cue.start, cue.end), "cue")
    intro_end = run.layout.paragraphs[block.intro][1]
    return intro_speaker(run, unit_ending(units, intro_end), True)
