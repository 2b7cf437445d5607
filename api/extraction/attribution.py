"""Reading a parsed sentence: its cues, who is their subject, and what words they report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.extraction import cues
from api.extraction.parsing import Unit

SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE = frozenset(["who", "whom", "that", "which"])
FIRST_PERSON = frozenset(("i", "me", "we", "us"))
_CLIMB = ("xcomp", "conj", "advcl", "pcomp", "prep")
_MENTION_LEFT = frozenset(
    ["compound", "amod", "det", "poss", "nmod", "nummod", "case", "quantmod", "npadvmod"]
)
_CLOSING = frozenset("”’»\"'")
# Cues that carry a stance rather than a statement: less sure.
STANCE = frozenset(["want", "like", "hope", "fear", "believe", "think"])


@dataclass
class Cue:
    token: Any  # the cue verb, noun, or "according"
    start: int
    end: int
    lemma: str
    subject: Any | None  # the token heading the speaker mention
    content: tuple[int, int] | None  # reported words, in the text
    covers_mask: bool  # the reported words are a masked quotation: the cue attributes it
    source_range: tuple[int, int] | None = None  # the reported words in the parsed string


def _antecedent(relative: Any) -> Any | None:
    """The noun a relative pronoun stands for: "It was Medvedev, after all, who vowed"."""
    for i in range(relative.i - 1, -1, -1):
        if relative.doc[i].tag_ in ("NNP", "NNPS", "NN", "NNS"):
            return relative.doc[i]
    return None


def subject_of(token: Any) -> Any | None:
    """The token heading the subject of a cue, climbing from participles and infinitives."""
    found = _subject(token)
    if found is not None and found.lower_ in RELATIVE:
        return _antecedent(found)
    return found


def depth(token: Any) -> int:
    """How many heads lie above a token: the main verb of a sentence has none."""
    return sum(1 for _ in token.ancestors)


def _subject(token: Any) -> Any | None:
    tok = token
    for _ in range(5):
        for child in tok.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in RELATIVE and tok.dep_ == "relcl":
                    return tok.head
                return child
        if tok.dep_ in ("acl", "relcl") and tok.head.tag_.startswith("NN"):
            return tok.head
        if tok.dep_ == "agent":
            return None
        if tok.dep_ in _CLIMB and tok.head is not tok:
            tok = tok.head
            continue
        if tok.tag_.startswith("NN") and tok.head is not tok:
            tok = tok.head  # "dropping hints that ...": the subject of "dropping"
            continue
        return None
    return None


def mention_tokens(head: Any) -> list[Any]:
    """The tokens naming the speaker: the head and its left modifiers, no clauses after it."""
    if head.tag_.startswith("PRP"):
        return [head]
    start = head.i
    for child in head.lefts:
        if child.dep_ in _MENTION_LEFT:
            start = min(start, child.left_edge.i)
    doc = head.doc
    tokens = [doc[i] for i in range(start, head.i + 1)]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return tokens or [head]


def _complement(token: Any, lemma: str) -> Any | None:
    children = list(token.children)
    for dep in ("ccomp", "xcomp"):
        for child in children:
            if child.dep_ == dep:
                return child
    for child in children:
        if child.dep_ == "prep" and child.lower_ in cues.CONTENT_PREPOSITIONS:
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    return grand
    if lemma in cues.OBJECT_CONTENT:
        for child in children:
            if child.dep_ == "dobj":
                return child
    if token.tag_.startswith("NN"):
        for child in children:
            if child.dep_ in ("acl", "relcl", "ccomp") and child.i > token.i:
                # "hints that they might": a that-clause with a subject of its own, not a
                # relative clause ("claims that almost derailed").
                subject = next((c for c in child.children if c.dep_ in SUBJECTS), None)
                if (
                    subject is not None
                    and subject.lower_ not in RELATIVE
                    and any(t.lower_ == "that" for t in child.subtree if t.i < child.i)
                ):
                    return child
    return None


def _trim(unit: Unit, first: int, last: int) -> tuple[int, int] | None:
    doc = unit.doc
    while first <= last and (
        doc[first].is_punct or (doc[first].lower_ == "that" and doc[first].dep_ in ("mark", "dobj"))
    ):
        first += 1
    if first <= last and doc[first].lower_ == "to" and doc[first].dep_ == "aux":
        first += 1
    while last >= first and (
        (doc[last].is_punct and doc[last].text not in _CLOSING) or doc[last].dep_ == "cc"
    ):
        last -= 1
    if last < first:
        return None
    a, b = unit.token_span(doc[first]), unit.token_span(doc[last])
    if a is None or b is None:
        return None
    return a[0], b[1]


def _right_limit(head: Any) -> int:
    """The last token of the cue's clause, before any coordinated clause with its own subject."""
    last = head.right_edge.i
    for child in head.rights:
        if child.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in child.children):
            last = min(last, child.left_edge.i - 1)
    return last


def _content(
    unit: Unit, token: Any, comp: Any
) -> tuple[tuple[int, int] | None, bool, tuple[int, int]]:
    doc = unit.doc
    if comp.i > token.i:
        clause = token.head if token.tag_.startswith("NN") else token
        first, last = comp.left_edge.i, max(comp.right_edge.i, _right_limit(clause))
    else:
        first, last = comp.left_edge.i, comp.right_edge.i
    masked = any(unit.is_placeholder(doc[i]) for i in range(first, last + 1))
    return _trim(unit, first, last), masked, (doc[first].idx, doc[last].idx + len(doc[last]))


def _according_to(unit: Unit, token: Any) -> Cue | None:
    doc = unit.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    a, b = unit.token_span(token), unit.token_span(to)
    if a is None or b is None:
        return None
    phrase_end = source.right_edge.i
    if token.i <= 1 or all(t.is_punct for t in doc[: token.i]):
        first, last = phrase_end + 1, len(doc) - 1
    else:
        first, last = 0, token.i - 1
    content = _trim(unit, first, last) if first <= last else None
    masked = first <= last and any(unit.is_placeholder(doc[i]) for i in range(first, last + 1))
    rng = (doc[first].idx, doc[last].idx + len(doc[last])) if first <= last else None
    return Cue(token, a[0], b[1], "according to", source, content, masked, rng)


def find_cues(unit: Unit) -> list[Cue]:
    """Every cue in a parsed unit, with its subject and reported words when it has them."""
    found = []
    for token in unit.doc:
        if token.lower_ == "according":
            cue = _according_to(unit, token)
            if cue:
                found.append(cue)
            continue
        lemma = cues.lemma(token.text)
        noun = token.lower_ in cues.NOUN_CUES and token.tag_.startswith("NN")
        if not noun and (lemma is None or not token.tag_.startswith("VB")):
            continue
        span = unit.token_span(token)
        if span is None:
            continue
        lemma = lemma or token.lower_
        comp = _complement(token, lemma)
        if lemma in cues.NEEDS_CLAUSE and (comp is None or comp.dep_ != "ccomp"):
            continue
        subject = subject_of(token)
        if subject is not None and subject.lower_ == "you":
            continue
        content, masked, rng = (None, False, None) if comp is None else _content(unit, token, comp)
        found.append(Cue(token, span[0], span[1], lemma, subject, content, masked, rng))
    return found
