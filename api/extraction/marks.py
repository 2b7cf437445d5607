"""Quotation marks: find them, tell them from apostrophes, and pair them into quotations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

OPEN, CLOSE, EITHER = 1, 2, 3
DOUBLE, SINGLE, ANGLE, ANGLE1 = "double", "single", "angle", "angle1"

_MARK = re.compile(r"``|''|[“”„\"«»‹›‘’‚']")
_FAMILY = {
    "``": DOUBLE,
    "''": DOUBLE,
    "“": DOUBLE,
    "”": DOUBLE,
    "„": DOUBLE,
    '"': DOUBLE,
    "«": ANGLE,
    "»": ANGLE,
    "‹": ANGLE1,
    "›": ANGLE1,
    "‘": SINGLE,
    "’": SINGLE,
    "‚": SINGLE,
    "'": SINGLE,
}
_OPENING_CHARS = "“„«‹‘‚`"
_CLOSING_CHARS = "”»›’"
_BEFORE_OPEN = "([{—–-/" + _OPENING_CHARS
_AFTER_CLOSE = ".,;:!?)]}—–-…" + _CLOSING_CHARS
# Spaces that French-style guillemets and careless typing leave inside the marks.
_INNER_SPACE = " \t\n\u00a0\u2009\u202f"


@dataclass(frozen=True)
class Mark:
    pos: int
    length: int
    family: str
    role: int


@dataclass(frozen=True)
class Quotation:
    """The words between a pair of marks (start/end), and where the marks stand."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None when the quotation runs to its paragraph's end unclosed
    paragraphs: int
    depth: int


def _open_side(p: str) -> bool:
    return p == "" or p.isspace() or p in _BEFORE_OPEN or p in "\"'"


def _close_side(n: str) -> bool:
    return n == "" or n.isspace() or n in _AFTER_CLOSE or n in "\"'"


def _role(text: str, pos: int, mark: str) -> int | None:
    p = text[pos - 1] if pos > 0 else ""
    end = pos + len(mark)
    n = text[end] if end < len(text) else ""
    left, right = _open_side(p), _close_side(n)
    if mark == "``":
        return OPEN
    if mark == "''":
        return CLOSE if not left else EITHER
    if mark in "«‹":
        return OPEN
    if mark in "»›":
        return CLOSE
    if mark in "“„":
        # A closing mark typed the wrong way round ("words,“ he said) still closes.
        return CLOSE if (not left and right) else OPEN
    if mark == "”":
        return OPEN if (left and not right) else CLOSE
    if mark == '"':
        if left and not right:
            return OPEN
        if right and not left:
            return CLOSE
        return EITHER
    # Single marks double as apostrophes: don't, Russia's, NATO’s, '90s, the Russians’.
    if p.isalnum() and n.isalnum():
        return None
    if n.isdigit() and left:
        return None
    if mark in "‘‚":
        return CLOSE if (not left and right) else OPEN
    if left and not right:
        return OPEN
    if right and not left:
        return CLOSE
    return None


def scan(text: str) -> list[Mark]:
    """Every quotation mark in the text with the role its neighbours give it."""
    marks = []
    for m in _MARK.finditer(text):
        role = _role(text, m.start(), m.group())
        if role is not None:
            marks.append(Mark(m.start(), len(m.group()), _FAMILY[m.group()], role))
    return marks


@dataclass
class _Open:
    mark: Mark
    paragraph: int


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _INNER_SPACE:
        start += 1
    while end > start and text[end - 1] in _INNER_SPACE:
        end -= 1
    return start, end


def _verse_goes_on(
    text: str, marks: list[Mark], mi: int, pe: int, nxt: int | None, family: str
) -> bool:
    """A quotation open at the end of a line runs on into the next line when no blank line
    parts them and its closing mark comes before the next blank line (a verse, a letter)."""
    if nxt is None or text.count("\n", pe, nxt) != 1:
        return False
    stop = text.find("\n\n", pe)
    stop = len(text) if stop < 0 else stop
    for m in marks[mi:]:
        if m.pos >= stop:
            return False
        if m.family == family:
            return m.role != OPEN
    return False


def find_quotations(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quotation]:
    """Pair marks paragraph by paragraph; a quotation may run on into paragraphs that reopen it."""
    marks = scan(text)
    found: list[Quotation] = []
    mi = 0
    carried: _Open | None = None

    def emit(entry: _Open, close: Mark | None, end: int, paragraph: int, depth: int) -> None:
        start = entry.mark.pos + entry.mark.length
        start, end = _trimmed(text, start, end)
        if end > start:
            found.append(
                Quotation(
                    start,
                    end,
                    entry.mark.pos,
                    close.pos if close else None,
                    paragraph - entry.paragraph + 1,
                    depth,
                )
            )

    for pi, (ps, pe) in enumerate(paragraphs):
        while mi < len(marks) and marks[mi].pos < ps:
            mi += 1
        pmarks = []
        while mi < len(marks) and marks[mi].pos < pe:
            pmarks.append(marks[mi])
            mi += 1
        stack: list[_Open] = []
        if carried is not None:
            stack.append(carried)
            if pmarks and pmarks[0].pos == ps and pmarks[0].family == carried.mark.family:
                pmarks = pmarks[1:]
            carried = None
        for m in pmarks:
            if m.family == SINGLE:
                if m.role == OPEN:
                    stack.append(_Open(m, pi))
                    continue
                at = None
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k].mark.family == SINGLE:
                        at = k
                        break
                    if stack[k].mark.family != SINGLE:
                        break
                if at is not None:
                    entry = stack[at]
                    del stack[at:]
                    emit(entry, m, m.pos, pi, len(stack))
                continue
            at = next(
                (k for k in range(len(stack) - 1, -1, -1) if stack[k].mark.family == m.family),
                None,
            )
            if m.role == CLOSE or (m.role == EITHER and at is not None):
                if at is None:
                    continue
                entry = stack[at]
                del stack[at:]
                emit(entry, m, m.pos, pi, len(stack))
            else:
                if at is not None:
                    # A second opener while one is open: the first was never closed.
                    del stack[at:]
                stack.append(_Open(m, pi))
        outer = next((e for e in stack if e.mark.family != SINGLE), None)
        if outer is None:
            continue
        nxt = paragraphs[pi + 1][0] if pi + 1 < len(paragraphs) else None
        reopens = (
            nxt is not None
            and mi < len(marks)
            and marks[mi].pos == nxt
            and marks[mi].family == outer.mark.family
            and marks[mi].role != CLOSE
        )
        if reopens or _verse_goes_on(text, marks, mi, pe, nxt, outer.mark.family):
            carried = outer
        elif outer.mark.role == OPEN and len(text[outer.mark.pos : pe].split()) >= 2:
            emit(outer, None, pe, pi, 0)
    return sorted(found, key=lambda q: (q.start, -q.end))
