"""Whose text it is: the author of remarks, and the person a text is about."""

from __future__ import annotations

import re
from itertools import islice

from api.extraction.names import NameBook, NameRun, core_name

_AUTHORED = re.compile(
    r"(?:Remarks|Statement|Readout|Interview|Address|Speech|Testimony|Message|Letter|Op-Ed)\b"
    r"[^\n]*?\b(?:by|of|from|with)\s+(?:the\s+)?((?:[A-Z][\w.’'-]*\s?){1,5})"
)


def author(text: str, book: NameBook) -> str | None:
    """Whose remarks the text is, from a title such as "Remarks by President Biden on ..."."""
    first = text.lstrip().split("\n", 1)[0][:300]
    m = _AUTHORED.match(first)
    if not m:
        return None
    words = m.group(1).split()
    core = core_name(words)
    titled = len(core) < len(words)  # "Remarks by President Biden": a title names a person
    if not core or not (titled or book.is_person(" ".join(core))):
        return None
    return book.full_name(" ".join(core), 0)


def main_run(text: str, book: NameBook) -> NameRun | None:
    """The person the text is about: the first named in its headline (a first line with no
    full stop) who comes back in the text, at that first return; or else the first person
    named in its first paragraph (or the second), a titled one first."""
    lines = list(islice(re.finditer(r"[^\n]*\S[^\n]*", text), 3))
    if not lines:
        return None
    if len(lines) > 1 and not re.search(r"[.!?…]\W*$", lines[0].group()):
        cut = lines[0].end()
        for h in (r for r in book.persons if r.end <= cut):
            full = book.full_name(h.name, h.start)
            back = (r for r in book.persons if r.start > cut)
            again = next((r for r in back if book.full_name(r.name, r.start) == full), None)
            if again is not None:
                return again
        lines = lines[1:]
    for line in lines[:2]:
        runs = [r for r in book.persons if line.start() <= r.start and r.end <= line.end()]
        if runs:
            return next((r for r in runs if r.titled), runs[0])
    return None
