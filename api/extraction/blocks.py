"""The shape of a quotation: direct, partial or block; and blocks set off after a colon."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from api.extraction import cues
from api.extraction.marks import Quotation

_BYLINE = re.compile(r"[–—-]{1,2}\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})")
_LIST_ITEM = re.compile(r"(?:[-*•·▪]|\d{1,3}[.)])\s")
_NOTE_AFTER = re.compile(r"\s*\([^()]{1,40}\)\s*$")
# How a passage set off after a colon ends when it is a quotation, not a list item.
_PASSAGE_END = re.compile(r"[.!?…\"”’)]\s*$")
_CUE_BEFORE = re.compile(r"\b(\w+)\W*$")
_CUE_AFTER = re.compile(r"[,?!]?\s+((?:\w+\s+){0,4}\w+)")


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    intro: int  # index of the paragraph ending with the colon
    byline: tuple[int, int] | None  # the bylined name that closes an excerpt


class Layout:
    """Paragraph look-ups for a text."""

    def __init__(self, text: str, paragraphs: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.paragraphs = list(paragraphs)
        self.starts = [p[0] for p in self.paragraphs]
        # The first lines with no full stop, followed by more, are headlines.
        self.headlines = 0
        for s, e in self.paragraphs[:-1]:
            if re.search(r"[.!?…:]\W*$", text[s:e]):
                break
            self.headlines += 1

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def ends_with_colon(self, i: int) -> bool:
        if i < 0:
            return False
        s, e = self.paragraphs[i]
        return self.text[s:e].endswith(":") and len(self.text[s:e].split()) >= 3


def covers_paragraph(q: Quotation, layout: Layout) -> bool:
    """The quotation is its paragraph: nothing after it but marks or a note ("(Watch)")."""
    i = layout.index(q.open_at)
    ps = layout.paragraphs[i][0]
    end_para = layout.paragraphs[layout.index(q.end)][1]
    after = _NOTE_AFTER.sub("", layout.text[q.end : end_para])
    return q.open_at == ps and after.strip(" .,\"'”’»") == ""


def kind_of(q: Quotation, layout: Layout, previous: tuple[Quotation, str] | None) -> str:
    """direct, partial or block, from the marks' place and the words inside them. A quotation
    inside another is direct when it is one by the same tests ("NATO said to me, ‘No, we’ll
    send somebody.’"), else partial."""
    text = layout.text
    if q.depth == 0 and q.paragraphs > 1:
        return "block"
    i = layout.index(q.open_at)
    if q.depth == 0 and covers_paragraph(q, layout) and layout.ends_with_colon(i - 1):
        return "block"
    inside = text[q.start : q.end]
    words = inside.split()
    # "[a]n area like this ...": a letter the writer changed still opens a sentence.
    first = next((c for c in inside if c.isalnum()), "")
    capital = first.isupper() or first.isdigit() or bool(re.match(r"\[\w\]", inside))
    ps = layout.paragraphs[i][0]
    before = text[ps : q.open_at].rstrip()
    cue_before = _CUE_BEFORE.search(before)
    said_before = cue_before is not None and _says(cue_before.group(1))
    naming = bool(before.split()) and before.split()[-1].lower() in _NAMING
    if (naming or not (said_before or before.endswith(":"))) and _is_title(words, before):
        return "partial"  # a name or title: called “American Anthem”, the “Radio Control Law”
    if cues.QUOTATIVE.search(before):
        return "direct"  # "she's like “you need to pray more”": speech, however short
    opens_clause = before == "" or before[-1] in ".:!?—–,;(" or said_before
    runs_on = _runs_on(text, q)
    if capital and (said_before or (len(words) >= 3 and opens_clause)) and not runs_on:
        return "direct"
    # A whole clause quoted after a cue and a comma, even in lower case ("saying, “hopefully
    # we're going to get a lot done together.”", "declared in the majority opinion, “not
    # every ...”"): it ends its sentence, so it is no fragment.
    cue_near = said_before or cues.has_candidate(before[-60:])
    after_close = text[q.close_at + 1 : q.close_at + 2] if q.close_at is not None else ""
    ends_sentence = inside.rstrip()[-1:] in ".!?" or after_close in (".", "!", "?")
    if cue_near and before.endswith(",") and len(words) >= 5 and ends_sentence:
        return "direct"
    # "The proclamation said “the outbreak constitutes a national emergency”", "stated that
    # “Indonesia is committed to ...”": a whole clause right after the cue (and "that").
    said_that = before.endswith(" that") and cues.has_candidate(" ".join(before.split()[-4:-1]))
    clause_cue = (said_before and not naming) or said_that  # not "called “the steamiest ...”"
    if clause_cue and len(words) >= 6 and (ends_sentence or not runs_on):
        return "direct"
    # A sentence after a colon, a letter the writer changed ("and “[i]f there's an emergency,
    # FEMA needs to be involved.”"), or the words someone told someone ("told host Mika
    # Brzezinski “No, it is not true.”"): whole sentences, in lower case too.
    edited = bool(re.match(r"\[\w\]", inside))
    told = _told(before)
    if (
        q.depth == 0
        and ends_sentence
        and len(words) >= 5
        and (before.endswith(":") or edited or told)
    ):
        return "direct"
    # A long quotation is a sentence of its own, unless the writer's clause runs into it
    # ("working to install “100 miles of stronger poles ...”": a lower-case word, no cue).
    runs_into = bool(before) and before[-1].isalpha() and before[-1].islower() and not said_before
    # A short sentence someone says ("I do," she said): a cue right after the closing mark.
    after = _CUE_AFTER.match(text, q.close_at + 1) if q.close_at is not None else None
    # A clause of five words or more, in lower case too ("however, “to remove any doubts ...
    # I wrote a resignation offer”, he added"), is direct by the same cue.
    if (
        (capital or (len(words) >= 5 and before.endswith(",")))
        and not runs_into
        and (inside.rstrip()[-1:] in ",!?—–" or after_close == ",")  # or “...”, British style
        and after is not None
        and any(_says(w) for w in after.group(1).split())
    ):
        return "direct"
    if capital and len(words) >= 6 and q.depth == 0 and not runs_into and not runs_on:
        return "direct"
    if previous is not None and previous[1] == "direct" and layout.index(previous[0].end) == i:
        between = text[previous[0].end : q.open_at]
        # "Words," he said, "more words.": the second part continues the first.
        if (
            len(between.split()) <= 8
            and cues.has_candidate(between)
            and "." not in between
            and between.rstrip().endswith((",", ":"))
        ):
            return "direct"
        if between.strip(" ,") in ("or", "and"):  # "say, ‘We’re not talking’ or ‘...’"
            return "direct"
    return "partial"


_NAMING = frozenset(
    "called named titled entitled dubbed nicknamed mentioned read reading as the a an".split()  # noqa: SIM905
)
_SMALL = frozenset("of the and a an in on for to at".split())  # noqa: SIM905


def _is_title(words: list[str], before: str) -> bool:
    """A short quotation in title case, or after "called", "named", "known as": a name or
    title, not someone's sentence."""
    if not words or len(words) > 5 or words[-1][-1:] in ".!?":
        return False
    last = before.split()[-1].lower() if before.split() else ""
    if last in _NAMING:
        return True
    return len(words) >= 2 and all(w[:1].isupper() or w.lower() in _SMALL for w in words)


_TOLD = re.compile(
    r"\b(?:(told|tells|telling|asked|asks)|said|says|wrote|writes|tweeted|posted|added|stated)"
    r"((?:\s+[\w.'’-]+){1,6})\s*$",
    re.I,
)
# Words of an addressee or a place of saying: "told host Mika Brzezinski", "said on Twitter",
# "wrote in a statement"
_ADDRESSEE = frozenset(
    """
    the a an his her their its reporters journalists host radio on in to at via during
    statement interview conference briefing post letter
""".split()  # noqa: SIM905 (a word list reads best as text)
)
_PLACE = frozenset(("on", "in", "to", "at", "via", "during"))


def _told(before: str) -> bool:
    """The text before ends "told <someone>" or "said on Twitter": a cue and whom it was told
    or where it was said (not "said BIPA", the subject of a clause the quotation goes on)."""
    m = _TOLD.search(before)
    if m is None:
        return False
    words = m.group(2).split()
    if m.group(1) is None and words[0].lower() not in _PLACE:
        return False
    return all(w[:1].isupper() or w.lower() in _ADDRESSEE for w in words)


_NEXT_WORD = re.compile(r"\s*([a-z]+)")


def _runs_on(text: str, q: Quotation) -> bool:
    """The writer's sentence goes on after the closing mark ("“...” where the passengers
    would have been"), so the quotation is a piece of it."""
    m = _NEXT_WORD.match(text, (q.close_at or q.end) + 1)
    return m is not None and m.group(1) not in ("and", "but", "or") and not _says(m.group(1))


def _says(word: str) -> bool:
    return cues.lemma(word) is not None


def colon_blocks(layout: Layout, quotations: Sequence[Quotation]) -> list[Block]:
    """Paragraphs set off after a colon that no quotation mark opens; an excerpt up to a byline.

    Only after an intro with a reporting cue ("As Radio Free Europe reports:"); a list after a
    colon ("Actions include:", items in lower case or ending in ";") is no quotation."""
    text = layout.text
    paras = layout.paragraphs
    quoted = {layout.index(q.open_at) for q in quotations if q.depth == 0}
    blocks = []
    covered_until = -1
    for i in range(len(paras) - 1):
        if not layout.ends_with_colon(i):
            continue
        s, e = paras[i + 1]
        intro = text[paras[i][0] : paras[i][1]]
        if (
            i + 1 in quoted
            or _LIST_ITEM.match(text, s)
            or len(text[s:e].split()) < 4
            or not cues.has_candidate(intro)
            or not text[s].isupper()
            or not _PASSAGE_END.search(text, s, e)
        ):
            continue
        byline = None
        last = i + 1
        if i > covered_until and len(intro.split()) <= 12:
            for k in range(i + 2, len(paras)):
                m = _BYLINE.fullmatch(text, paras[k][0], paras[k][1])
                if m:
                    byline = (m.start(1), m.end(1))
                    last = k - 1
                    break
        if byline is not None and last > i + 1:
            covered_until = last
            blocks.append(Block(s, paras[last][1], i, byline))
        else:
            blocks.append(Block(s, e, i, None))
    return blocks
