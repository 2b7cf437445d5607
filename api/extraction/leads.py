"""Lead-ins: a sentence ending in a colon that introduces a quotation.

"President Trump highlighted America’s negotiating position with Iran: “...”" reports words of
its own (the position) before the quotation. The parser often misreads such a short sentence
("highlighted" as an adjective, "the loss as deeply personal" with no clause), so its reported
words are read by position instead: from after the cue verb (and a particle or preposition:
"singled out", "reflected on") to the colon.
"""

from __future__ import annotations

from typing import Any

from api.extraction import cues
from api.extraction.parsing import Unit

_AFTER_VERB = frozenset(("out", "on", "about", "of", "up", "over", "upon"))


def lead_content(unit: Unit) -> tuple[Any, tuple[int, int]] | None:
    """The lead-in's cue verb and the span of the words it reports, or None."""
    doc = unit.doc
    if doc is None or len(doc) < 3 or doc[-1].text != ":":
        return None
    for tok in doc[1:-1]:
        if cues.lemma(tok.text) is None or not tok.text.islower():
            continue
        if not tok.tag_.startswith(("VB", "JJ")):
            continue
        first = tok.i + 1
        while first < len(doc) - 1 and doc[first].lower_ in _AFTER_VERB:
            first += 1
        if doc[first].tag_ in ("IN", "RB", "TO") or doc[first].lower_ in ("with", "to"):
            return None  # "responded with facts:", "spoke directly to Americans:"
        last = len(doc) - 2
        while last >= first and doc[last].is_punct:
            last -= 1
        if last - first < 1:
            return None
        a, b = unit.token_span(doc[first]), unit.token_span(doc[last])
        if a is None or b is None:
            return None
        return tok, (a[0], b[1])
    return None
