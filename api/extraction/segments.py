"""Paragraphs and sentences found by plain string scanning (no model)."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Words that end in a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "no",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "adm",
        "cmdr",
        "brig",
        "rev",
        "hon",
        "atty",
        "supt",
        "det",
        "ft",
        "mt",
        "gens",
        "sens",
        "reps",
        "govs",
        "dept",
        "univ",
        "assn",
        "est",
        "approx",
        "fig",
        "al",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.’'-]+)$")
# A quotation that ends its own sentence, then who said it: “... first!” Macron told the
# world. The attribution belongs to the quotation's sentence.
_SAID = r"(?:said|says|told|tells|asked|asks|added|adds|wrote|writes|tweeted|replied|declared)"
_ATTRIBUTION = re.compile(
    rf"\s+(?:(?!(?:He|She|They|It|We|I)\s)(?:[A-Z][\w.’'-]*\s+){{1,4}}{_SAID}|{_SAID}\s+[A-Z])"
    r"\b(?!\s*[,:\"“])"  # "He said, “...”": a sentence of its own
)
_CLOSING = frozenset('"”’»')
_LINE = re.compile(r"[^\n]+")
_BLOCK = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")
_SOFT_BREAK = re.compile(r"[^\s.!?:;\"”’»)]\n[ \t]*[a-z]")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans, trimmed: lines, or blank-line blocks when lines are hard-wrapped."""
    hard_wrapped = "\n\n" in text and len(_SOFT_BREAK.findall(text)) >= 2
    pattern = _BLOCK if hard_wrapped else _LINE
    spans = []
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            # A line broken inside a sentence ("... that Mr. Biden\ndid not ...") goes on.
            if (
                spans
                and not hard_wrapped
                and text.count("\n", spans[-1][1], start) == 1
                and _SOFT_BREAK.match(text, spans[-1][1] - 1)
            ):
                spans[-1] = (spans[-1][0], end)
                continue
            spans.append((start, end))
    return spans


def _is_abbreviation(text: str, period: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, period - 40), period)
    if not m:
        return False
    word = m.group(1).lower().strip("’'")
    if word in ABBREVIATIONS:
        return True
    # An initial ("George W. Bush") or a dotted acronym ("U.S.").
    last = word.rsplit(".", 1)[-1]
    return len(last) == 1 and last.isalpha()


def sentences(
    text: str, start: int, end: int, opaque: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end]; no split falls inside an opaque range."""
    spans = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        if (
            text[m.start()] == "."
            and m.end() - m.start() == 1
            and _is_abbreviation(text, m.start())
        ):
            continue
        if any(a < cut < b for a, b in opaque):
            continue
        if text[cut - 1] in _CLOSING and _ATTRIBUTION.match(text, cut, end):
            continue
        spans.append((cur, cut))
        cur = cut
        while cur < end and text[cur].isspace():
            cur += 1
    if cur < end:
        spans.append((cur, end))
    return spans
