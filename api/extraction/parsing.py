"""Parsing only what needs it: one sentence at a time, its direct quotations masked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from api.extraction import model

# Stands in for a direct quotation's words, so the parser reads `"It is so," Medvedev said`:
# it costs a few tokens instead of the whole quotation and gives the parser a clause to attach.
PLACEHOLDER = "It is so"
_KEEP_AT_END = ",.?!;:"


@dataclass
class Unit:
    """A sentence of the text, and the string the parser reads for it."""

    start: int
    end: int
    paragraph: int
    source: str = ""
    # (offset in source, text offset or None for a placeholder, length)
    pieces: list[tuple[int, int | None, int]] = field(default_factory=list)
    masked: list[tuple[int, int]] = field(default_factory=list)
    # where each masked range's placeholder stands in the parsed string
    placeholder_at: dict[tuple[int, int], int] = field(default_factory=dict)
    doc: Any = None

    def to_text(self, offset: int) -> int | None:
        """The text offset of a source offset; None inside a placeholder."""
        for src, txt, length in reversed(self.pieces):
            if src <= offset:
                return None if txt is None else txt + min(offset - src, length)
        return self.start

    def token_span(self, token: Any) -> tuple[int, int] | None:
        """A token's span in the text, or None when it is part of a placeholder."""
        start = self.to_text(token.idx)
        last = self.to_text(token.idx + len(token.text) - 1)
        if start is None or last is None:
            return None
        return start, last + 1

    def text_span(self, token: Any) -> tuple[int, int] | None:
        """A token's span in the text; for a token of a placeholder, the whole quotation's."""
        found = self.token_span(token)
        if found is not None:
            return found
        for (ms, me), at in self.placeholder_at.items():
            if at <= token.idx < at + len(PLACEHOLDER):
                return max(ms, self.start), min(me, self.end)
        return None

    def token_at(self, offset: int) -> Any | None:
        """The parsed token that covers a text offset, if any."""
        for token in self.doc:
            where = self.token_span(token)
            if where is not None and where[0] <= offset < where[1]:
                return token
        return None

    def is_placeholder(self, token: Any) -> bool:
        return self.token_span(token) is None


def build(
    text: str, start: int, end: int, paragraph: int, masks: Sequence[tuple[int, int]]
) -> Unit:
    """The unit for text[start:end], with each masked range (a quotation's words) replaced."""
    unit = Unit(start, end, paragraph)
    parts: list[str] = []
    length = 0
    pos = start
    for ms0, me0 in sorted(masks):
        ms, me = max(ms0, pos), min(me0, end)
        if me <= ms:
            continue
        trail = len(text[ms:me]) - len(text[ms:me].rstrip(_KEEP_AT_END))
        if ms > pos:
            unit.pieces.append((length, pos, ms - pos))
            parts.append(text[pos:ms])
            length += ms - pos
        unit.pieces.append((length, None, len(PLACEHOLDER)))
        unit.placeholder_at[(ms0, me0)] = length
        parts.append(PLACEHOLDER)
        length += len(PLACEHOLDER)
        if trail:
            unit.pieces.append((length, me - trail, trail))
            parts.append(text[me - trail : me])
            length += trail
        unit.masked.append((ms, me))
        pos = me
    if end > pos:
        unit.pieces.append((length, pos, end - pos))
        parts.append(text[pos:end])
    unit.source = "".join(parts)
    return unit


def parse(units: Iterable[Unit]) -> None:
    """Run the pipeline over the units' sources, in batches, and attach each Doc."""
    units = list(units)
    if not units:
        return
    nlp = model.load()
    for unit, doc in zip(units, nlp.pipe((u.source for u in units), batch_size=64), strict=True):
        unit.doc = doc
