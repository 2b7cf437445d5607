"""Transcripts: who holds the floor at each point of a briefing, interview or Q&A.

A paragraph opening with a speaker label in capitals ("THE PRESIDENT:", "MR. KIRBY:",
"SECRETARY RUBIO:") or a question mark-up ("Q", "QUESTION:") starts that speaker's turn, which
runs to the next label. In a turn, "I" and "we" are the label's speaker (a questioner is no one
named); in a question, "you" is whoever answered last.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# "THE PRESIDENT:", "Q", or Wikinews's interview mark-up "((Zara Kay))", "((WN))"
_LABEL = re.compile(
    r"(Q|QUESTION|[A-Z][A-Z.’' -]{1,40}[A-Z.]):?(?=[ \t\u00a0]{2,}|:\s)"
    r"|\(\(([A-Z][^()\n]{0,40})\)\)"
)
_ASKERS = frozenset(
    ("Q", "QUESTION", "MODERATOR", "PARTICIPANT", "OPERATOR", "AUDIENCE MEMBER", "WN", "WIKINEWS")
)
_OFFICE = frozenset(("THE PRESIDENT", "THE VICE PRESIDENT", "THE FIRST LADY", "THE SECRETARY"))


@dataclass(frozen=True)
class Turn:
    start: int
    name: str | None  # who speaks; None for a questioner or moderator
    asking: bool


class Turns:
    """The turns of a transcript, looked up by text offset; empty for any other text."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[tuple[int, int]],
        name_of: Callable[[str], str | None],
    ) -> None:
        self.turns: list[Turn] = []
        for start, _ in paragraphs:
            m = _LABEL.match(text, start)
            if m is None:
                continue
            label = (m.group(1) or m.group(2)).strip()
            asking = label.upper() in _ASKERS
            self.turns.append(Turn(start, None if asking else name_of(label), asking))
        if len(self.turns) < 2:
            self.turns = []
        self.starts = [t.start for t in self.turns]

    def at(self, pos: int) -> Turn | None:
        i = bisect_right(self.starts, pos) - 1
        return self.turns[i] if i >= 0 else None

    def addressee(self, pos: int) -> str | None:
        """Whom a questioner at `pos` speaks to: the last one who answered."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0:
            if not self.turns[i].asking and self.turns[i].name:
                return self.turns[i].name
            i -= 1
        return None


def label_name(label: str, author: str | None, full_name: Callable[[str], str]) -> str | None:
    """The name a label stands for: "THE PRESIDENT" is the text's author, "MR. KIRBY" and
    "SECRETARY RUBIO" the fullest name the text gives Kirby or Rubio."""
    if label in _OFFICE:
        return author
    words = [w for w in label.title().split() if w.rstrip(".").lower() not in _TITLE_WORDS]
    return full_name(" ".join(words)) if words else None


_TITLE_WORDS = frozenset(
    "the mr mrs ms dr secretary president senator ambassador admiral general minister".split()  # noqa: SIM905
)
