"""Reported speech: the words a cue reports, when they are someone's, in a parsed sentence."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from api.extraction import attribution, cues, leads, parsing, segments
from api.extraction.attribution import Cue
from api.extraction.context import Attribution, span
from api.extraction.types import QuoteSuggestion, Speaker

if TYPE_CHECKING:  # engine imports this module; the run type is for annotations only
    from api.extraction.engine import Run

_WH = frozenset("what why how whether if when where who which".split())  # noqa: SIM905
_FAILED = frozenset("fail fails failed failing refuse refuses refused refusing".split())  # noqa: SIM905
CONFIDENCE = {"reported": 0.65, "reported-stance": 0.45}
_PAST = ("VBD", "VBN")


def collect(run: Run, unit: parsing.Unit, usable: list[tuple[Cue, Speaker]]) -> None:
    """Add the unit's reported speech to the run; attribute the quoted phrases in it. `usable`
    holds the cues whose subject speaks (Run.speaks)."""
    text = run.text
    _partials_of(run, unit, usable)
    before = len(run.reported)
    # "What do you think are the hurdles ...?": a question put to someone reports nothing
    question = _question(text[unit.start : unit.end])
    for cue, speaker in usable:
        if cue.content is None or speaker is None or question:
            continue
        if cue.subject.dep_ == "nsubjpass":
            continue  # "Mugabe was hailed a hero": the subject of a passive says nothing
        if speaker.name == speaker.text and cue.subject.tag_.startswith("PRP"):
            continue  # a pronoun that stands for no one the text names
        if unit.paragraph < run.layout.headlines:
            continue  # a headline announces; it reports no one's words
        if cue.subject.lower_ in attribution.FIRST_PERSON and (
            cue.lemma in attribution.STANCE or cue.token.tag_ in ("VB", "VBP", "VBG")
        ):
            continue  # "I want to stress that ...", "we urge ...": said now, not reported
        start, end = cue.content
        if cue.lemma in ("ask", "discuss") and text[start:end].split()[0].lower() in _WH:
            continue  # "asked why ...", "discussed why ...": a question, not words reported
        if any(start >= ms - 1 and end <= me + 1 for ms, me in unit.masked):
            continue  # the cue attributes a quotation; it reports no words of its own
        head = cue.token.head if cue.token.tag_.startswith("NN") else cue.token
        if any(c.dep_ == "neg" for c in head.children):
            continue  # "did not say", "did not offer any proposals": nothing said
        if any(c.dep_ == "aux" and c.lower_ in ("might", "may", "could") for c in head.children):
            continue  # "Trump might have encouraged ...": a guess, not a report
        if head.dep_ == "xcomp" and head.head.lower_ in _FAILED:
            continue  # "failed to mention ...", "refused to confirm ...": nothing said
        generic = cue.subject.tag_ in ("NN", "NNS") and not any(
            c.dep_ in ("det", "poss") for c in cue.subject.children
        )
        if cue.token.dep_ == "relcl" and generic:
            continue  # "nations that refuse to reject ...": a kind of people, no one's words
        if len(text[start:end].split()) < 2:
            continue
        stance = cue.lemma in attribution.STANCE
        run.reported.append(
            QuoteSuggestion(
                text[start:end],
                start,
                end,
                "reported",
                span(text, cue.start, cue.end),
                speaker,
                CONFIDENCE["reported-stance" if stance else "reported"],
            )
        )
        for qi, q in enumerate(run.quotations):
            if run.kinds[qi] == "partial" and start <= q.start and q.end <= end:
                run.attributed.setdefault(
                    qi, Attribution(speaker, span(text, cue.start, cue.end), "reported")
                )

    if len(run.reported) == before and unit.end in run.colon_leads:
        _lead_report(run, unit, usable)


_TURN_LABEL = re.compile(r"^\s*\(\([^()]*\)\)")  # a Wikinews interview turn, "((WN))"
_ASKING = frozenset(
    "what why how which who whom whose do does did would could can will is are and so".split()  # noqa: SIM905
)


def _question(sentence: str) -> bool:
    """A question put to someone ("What would you suggest others read?", "And do you fear
    that ...?"): it opens on a question word or a verb and ends on a question mark."""
    words = _TURN_LABEL.sub("", sentence).split()
    return (
        bool(words)
        and sentence.rstrip(" \"'”’)").endswith("?")
        and words[0].lower().strip('"“‘(') in _ASKING
    )


def _partials_of(run: Run, unit: parsing.Unit, usable: list[tuple[Cue, Speaker]]) -> None:
    """A quoted phrase in the clause of a cue is its speaker's ("Trump called her “one of
    the best ...”", "the Kremlin wants to portray ... as “defensive”")."""
    for qi, q in enumerate(run.quotations):
        if run.kinds[qi] != "partial" or not unit.start <= q.start < unit.end:
            continue
        token = unit.token_at(q.start)
        if token is None:
            continue
        above = [a.i for a in token.ancestors]  # nearest first
        # a pronoun that stands for no one the text names says nothing
        before = [
            (cue, speaker)
            for cue, speaker in usable
            if cue.end <= q.start
            and (speaker.name != speaker.text or not cue.subject.tag_.startswith("PRP"))
        ]
        # "she added, “there are no locked doors”": a cue the parser hung off the quoted
        # clause (parataxis) holds it all the same
        fits = [
            (above.index(_holder(cue.token)), cue, speaker)
            for cue, speaker in before
            if _holder(cue.token) in above
        ]
        if not fits and run.text[q.start : q.start + 1].islower():
            # the parser hung the phrase elsewhere ("went on to say he ... because they had
            # “accepted responsibility ...”"): the words of the last cue before it
            fits = [(q.start - cue.end, cue, speaker) for cue, speaker in before]
        if fits:
            _, cue, speaker = min(fits, key=lambda f: f[0])
            run.attributed.setdefault(
                qi, Attribution(speaker, span(run.text, cue.start, cue.end), "reported")
            )


def _holder(cue: Any) -> int:
    """The token whose clause a cue governs: itself, or for "..., she added, ..." read as a
    parenthetical (parataxis), the clause it hangs off."""
    return cue.head.i if cue.dep_ == "parataxis" else cue.i


def _lead_report(run: Run, unit: parsing.Unit, usable: list[tuple[Cue, Speaker]]) -> None:
    """The words a lead-in reports before its colon ("X highlighted Y: “...”")."""
    found = leads.lead_content(unit)
    where = unit.token_span(found[0]) if found else None
    if found is None or where is None:
        return
    speaker = next((sp for c, sp in usable if c.token.i == found[0].i), None)
    if speaker is None:
        speaker = run.resolver.named_in(unit.start, where[0])
        if speaker is None or len(run.text[unit.start : speaker.start].split()) > 2:
            return
    start, end = found[1]
    cue = span(run.text, *where)
    run.reported.append(
        QuoteSuggestion(
            run.text[start:end], start, end, "reported", cue, speaker, CONFIDENCE["reported"]
        )
    )


def inside(run: Run) -> None:
    """What quotations themselves report: a quotation inside another ("NATO said to me, ‘No,
    ...’") and reported speech in one ("He thought he could bribe his way"). Each sentence of
    a quotation that holds either is parsed on its own; "I" and "we" there are the speaker of
    the quotation."""
    text, jobs = run.text, []
    for oi, o in enumerate(run.quotations):
        if o.depth or run.kinds[oi] not in ("direct", "block"):
            continue
        inner = [
            (qi, q)
            for qi, q in enumerate(run.quotations)
            if q.depth and o.start <= q.start < o.end and run.kinds[qi] == "direct"
        ]
        masks = [(q.start, q.end) for _, q in inner]
        for ss, se in segments.sentences(text, o.start, o.end, masks):
            quoted = [(qi, q) for qi, q in inner if ss <= q.open_at < se]
            if quoted or cues.PAST_CANDIDATE.search(text, ss, se):
                unit = parsing.build(text, ss, se, run.layout.index(ss), masks)
                jobs.append((oi, quoted, unit))
    parsing.parse(u for *_, u in jobs)
    for oi, quoted, unit in jobs:
        said_by = run.attributed.get(oi)
        usable = []
        for cue in attribution.find_cues(unit):
            if cue.subject is None:
                continue
            if cue.subject.lower_ in attribution.FIRST_PERSON:
                where = unit.token_span(cue.subject)
                outer = said_by.speaker if said_by else None
                speaker = None
                if where is not None and outer is not None:
                    speaker = replace(outer, text=text[slice(*where)], start=where[0], end=where[1])
            else:
                speaker = run.speaker_of(unit, cue)
            if speaker is not None:
                usable.append((cue, speaker))
        for qi, q in quoted:
            run.attribute_masked(unit, qi, q, usable)
        # In a quotation, "X said that ..." tells of words said before; "I think", "they
        # want" are the speaker's own voice.
        told = [
            (c, sp)
            for c, sp in usable
            if run.speaks(c, sp)
            and not any(m.lower_ == "as" for m in c.token.children)  # "As I have stated, ..."
            and (
                c.lemma == "according to"
                or (
                    c.token.tag_ in _PAST
                    and (c.subject.tag_ == "PRP" or run.resolver.is_person(sp))
                )
            )
        ]
        collect(run, unit, told)
