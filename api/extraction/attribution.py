"""Reading a parsed sentence: its cues, who is their subject, and what words they report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.extraction import cues, sources
from api.extraction.parsing import Unit

SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE = frozenset(["who", "whom", "that", "which"])


def relative(token: Any) -> bool:
    """A relative pronoun, not a name spelled like one ("the WHO noted", "WHO said")."""
    return token.lower_ in RELATIVE and token.tag_ in ("WP", "WDT") and not token.text.isupper()


FIRST_PERSON = frozenset(("i", "me", "we", "us"))
_CLIMB = ("xcomp", "conj", "advcl", "pcomp", "prep")
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
    if found is not None and relative(found):
        return _antecedent(found)
    return found


def depth(token: Any) -> int:
    """How many heads lie above a token: the main verb of a sentence has none."""
    return sum(1 for _ in token.ancestors)


def _subject(token: Any) -> Any | None:
    if token.tag_.startswith("NN"):
        # "Kim's assertion that ...": the owner of the words says them.
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None and (owner.tag_ in ("NNP", "NNPS") or owner.lower_ in ("his", "her")):
            return owner
    tok = token
    if tok.dep_ == "pcomp" and tok.head.lower_ == "as":
        # "Politico quoted Tim Manning as saying ...": the one quoted says it
        obj = next((c for c in tok.head.head.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.dep_ == "ccomp":
        tok = tok.head.head  # "X said Y costs billions, further saying ...": X goes on saying
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if by is not None and _names_as(tok):
        return by  # "has been described by the Daily Hive as ...": the Daily Hive says it
    for _ in range(5):
        # Of two subjects ("President of the Commission, Ursula von der Leyen said"), the nearer.
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
        if subjects:
            child = subjects[-1] if subjects[-1].i < tok.i else subjects[0]
            if len(subjects) > 1 and _place_after_place(child):
                child = subjects[0]  # "the Ministry ... in Munich, Germany confirmed"
            if relative(child) and tok.dep_ == "relcl":
                return tok.head
            return child
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_ == "pobj":
            # "posted a message on Twitter blaming Iran": the one who posted, not Twitter
            verb = next((a for a in tok.ancestors if a.tag_.startswith("VB")), None)
            if verb is not None:
                tok = verb
                continue
        if tok.dep_ in ("acl", "relcl") and tok.head.tag_.startswith("NN"):
            return tok.head
        if tok.dep_ == "agent":
            return None
        if tok.dep_ in _CLIMB and tok.head is not tok:
            if tok.dep_ == "xcomp":
                # "led Biden to express ...", "asked Smith to say ...": the object speaks
                obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
                if obj is not None and obj.i < tok.i:
                    return obj
            tok = tok.head
            continue
        if tok.tag_.startswith("NN") and tok.head is not tok:
            tok = tok.head  # "dropping hints that ...": the subject of "dropping"
            continue
        return None
    return None


def _place_after_place(token: Any) -> bool:
    """ "Munich, Germany": a name after a comma that follows the object of "in" or "at"."""
    doc, k = token.doc, token.left_edge.i
    if token.tag_ != "NNP" or k < 2 or doc[k - 1].text != ",":
        return False
    before = doc[k - 2]
    return before.dep_ == "pobj" and before.head.lower_ in ("in", "at")


def _complement(token: Any, lemma: str) -> Any | None:
    children = list(token.children)
    # A clause before the cue is its content only as in "X, he said": nothing reported after.
    after = any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > token.i for c in children)
    obj = next((c for c in children if c.dep_ == "dobj" and c.i > token.i), None)
    for dep in ("ccomp", "xcomp"):
        for child in children:
            if child.dep_ == dep and not (child.i < token.i and after):
                # "denied all claims that ..., however, a report concluded ...": a clause
                # after the object and a comma is the writer's next sentence; "told Anadolu
                # Agency, a local outlet, that ...": one opened by "that" is the words.
                that = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
                behind = obj is not None and obj.i < child.i
                if behind and not that and _comma_between(token, obj, child):
                    continue
                return child
    if lemma in cues.OBJECT_CONTENT:
        for child in children:
            if child.dep_ == "dobj":
                return child
    # A that-less clause the parser split into an object and a verb ("said several acres of
    # land burned before ...", "maintained an inquiry is what ..."): the object opens the
    # reported words.
    if lemma in cues.CLAUSE_CUES and obj is not None and not obj.tag_.startswith("PRP"):
        verb_in = any(
            c.dep_ in ("acl", "relcl") and c.tag_ in ("VBD", "VBN", "VBZ", "VBP")
            for c in obj.children
        ) or (
            # "said a law allowing the termination of a life marked a “sad day”": a tensed
            # verb deeper in what the parser made the object
            cues.lemma(token.text) == "say"
            and any(t.tag_ in ("VBD", "VBZ", "VBP") and t.dep_ == "ccomp" for t in obj.subtree)
        )
        verb_after = any(
            c.dep_ == "conj" and c.tag_.startswith("VB") and c.i == obj.right_edge.i + 1
            for c in children
        )
        if verb_in or verb_after:
            return obj
    for child in children:
        # "calling for the killers to be brought to justice", read as a clause with "for"
        if (
            child.dep_ == "advcl"
            and child.i > token.i
            and any(
                c.dep_ == "mark" and c.lower_ == "for" and c.i == token.i + 1
                for c in child.children
            )
        ):
            return child
    for child in children:
        nouns_too = token.tag_.startswith("NN") and child.lower_ in cues.CONTENT_PREPOSITIONS
        if child.dep_ == "prep" and (
            child.lower_ in cues.PREPOSITION_CUES.get(lemma, ()) or nouns_too
        ):
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    return grand
    if token.tag_.startswith("NN"):
        for child in children:
            if child.dep_ in ("acl", "relcl", "ccomp") and child.i > token.i:
                # "hints that they might": a that-clause with a subject of its own, not a
                # relative clause ("claims that almost derailed").
                subject = next((c for c in child.children if c.dep_ in SUBJECTS), None)
                if (
                    subject is not None
                    and not relative(subject)
                    and any(t.lower_ == "that" for t in child.subtree if t.i < child.i)
                ):
                    return child
        # "his promise to accelerate ...", "his commitment to launching ...": what one owns up to.
        if any(c.dep_ == "poss" for c in children):
            for child in children:
                if child.dep_ == "acl" and any(c.lower_ == "to" for c in child.lefts):
                    return child
                if child.dep_ == "prep" and child.lower_ == "to":
                    return next((g for g in child.children if g.dep_ in ("pcomp", "pobj")), None)
    return None


def _comma_between(token: Any, obj: Any, clause: Any) -> bool:
    """Whether a comma stands between an object and a clause after it."""
    return any(t.text == "," for t in token.doc[obj.right_edge.i : clause.left_edge.i + 1])


def _trim(unit: Unit, first: int, last: int) -> tuple[int, int] | None:
    doc = unit.doc
    while first <= last and (
        doc[first].is_punct
        or (doc[first].lower_ in ("that", "for") and doc[first].dep_ in ("mark", "dobj"))
    ):
        first += 1
    if first <= last and doc[first].lower_ == "to" and doc[first].dep_ == "aux":
        first += 1
    while last >= first and (
        (doc[last].is_punct and doc[last].text not in _CLOSING)
        or doc[last].dep_ == "cc"
        or doc[last].lower_ in ("however", "though")
    ):
        last -= 1
    if last < first:
        return None
    a, b = unit.text_span(doc[first]), unit.text_span(doc[last])
    if a is None or b is None:
        return None
    return a[0], b[1]


def _right_limit(head: Any) -> int:
    """The last token of the cue's clause, before a coordinated cue verb ("reaffirmed its
    support and noted that ...": each reports its own). A coordinated clause with a subject of
    its own ("said their thoughts were with the families, and they were investigating") goes
    on reporting."""
    last = head.right_edge.i
    for child in head.rights:
        if child.dep_ == "conj" and _reports(child):
            last = min(last, child.left_edge.i - 1)
    return last


def _reports(verb: Any) -> bool:
    """A verb that reports words of its own: a cue verb with its content ("noted that ..."),
    not "continued to attack" or "decided to question"."""
    lemma = cues.lemma(verb.text)
    if not verb.tag_.startswith("VB") or lemma in (None, *STANCE) or lemma in cues.UTTERANCE:
        return False
    wanted = ("ccomp",) if lemma in cues.NEEDS_CLAUSE else ("ccomp", "xcomp", "dobj")
    about = cues.PREPOSITION_CUES.get(lemma, ())  # "calling for a sectoral system"
    return any(c.dep_ in wanted or (c.dep_ == "prep" and c.lower_ in about) for c in verb.children)


def _content(
    unit: Unit, token: Any, comp: Any
) -> tuple[tuple[int, int] | None, bool, tuple[int, int]]:
    doc = unit.doc
    if comp.i > token.i:
        owned = any(c.dep_ == "poss" for c in token.children)
        clause = token.head if token.tag_.startswith("NN") and not owned else token
        first, last = comp.left_edge.i, max(comp.right_edge.i, _right_limit(clause))
        head = clause.head
        if clause.dep_ == "ccomp" and head.i > last and unit.doc[last + 1].text == ";":
            # "The Sun reported X was sick; his last vote was on ...": the clause after the
            # semicolon, which the parser made the root, goes on with the report
            last = head.right_edge.i
        for c in token.children:  # the writer's next clause, after a comma
            if c.dep_ == "ccomp" and c.i > comp.i and _comma_between(token, comp, c):
                last = min(last, c.left_edge.i - 1)
        # "urged the embassy to reconsider": whom it asks is part of what it asks; "commented
        # the president's tweets are likely ...": an object before a clause with no subject
        # of its own is that clause's subject
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.i < comp.i), None)
        headless = comp.dep_ == "ccomp" and not any(c.dep_ in SUBJECTS for c in comp.children)
        # "accused Johnson of misleading the Queen": whom, and of what
        accused = cues.lemma(token.text) == "accuse" and comp.dep_ in ("pobj", "pcomp")
        if (comp.dep_ == "xcomp" or headless or accused) and obj is not None and token.i < obj.i:
            first = obj.left_edge.i
    else:
        first, last = comp.left_edge.i, comp.right_edge.i
    # "reiterated that X and underscored that Y": the second cue reports Y itself.
    for i in range(max(first, comp.i) + 1, last + 1):
        t = doc[i]
        if (t.dep_ == "conj" or (t.dep_ == "advcl" and _own_clause(t))) and _reports(t):
            last = t.left_edge.i - 1 if t.left_edge.i > first else i - 1
            break
    masked = any(unit.is_placeholder(doc[i]) for i in range(first, last + 1))
    rng = (doc[first].idx, doc[last].idx + len(doc[last]))
    if masked:
        # "X highlighted the bonds: “...”": the words before the colon are X's own report.
        colon = next((i for i in range(first, last) if doc[i].text == ":"), None)
        if colon is not None and unit.is_placeholder(doc[min(colon + 2, last)]):
            return _trim(unit, first, colon - 1), True, rng
    return _trim(unit, first, last), masked, rng


def _own_clause(verb: Any) -> bool:
    """An adverbial clause that is the writer's, not the report's: "..., adding that ..." or
    "..., while Trump noted his ..." (a contrast with a subject of its own)."""
    if verb.tag_ == "VBG":
        return True
    children = list(verb.children)
    contrast = any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in children)
    return contrast and any(c.dep_ in SUBJECTS for c in children)


_SAYING = frozenset(("say", "tell", "state", "announce", "add", "write", "tweet"))


def _according_to(unit: Unit, token: Any) -> Cue | None:
    doc = unit.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    source = sources.issuer(source)
    a, b = unit.token_span(token), unit.token_span(to)
    if a is None or b is None:
        return None
    phrase_end = source.right_edge.i
    # "According to the El Paso mayor, Dee Margo, police were ...": the name set off by
    # commas after the phrase is the source, and no part of what is reported.
    k = phrase_end + 2
    while k < len(doc) and doc[k].tag_ == "NNP":
        k += 1
    comma_after = doc[phrase_end + 1 : phrase_end + 2].text == ","
    if comma_after and phrase_end + 2 < k < len(doc) and doc[k].text == ",":
        source, phrase_end = doc[k - 1], k
    # "... and according to the ministry he died at ...": what follows is the report.
    joined = token.i > 0 and doc[token.i - 1].lower_ in ("and", "but")
    inserted = (
        token.i > 1
        and doc[token.i - 1].text == ","
        and doc[phrase_end + 1 : phrase_end + 2].text == ","
        and any(not t.is_punct for t in doc[phrase_end + 2 :])
        # "..., according to police, who said ...": the source's own clause, not the rest
        and doc[phrase_end + 2 : phrase_end + 3].text.lower() not in ("who", "which")
    )
    told = token.head
    if (
        token.i < told.i
        and told.tag_.startswith("VB")
        and cues.lemma(told.text) in _SAYING
        and any(c.dep_ in SUBJECTS and not relative(c) for c in told.children)
    ):
        # "Witnesses, according to The Telegraph, said ...", "According to ISNA, the
        # prosecutor said ...": the words are the speaker's; the paper only tells of them.
        return None
    if inserted:  # "One child was, according to the fire service, among the dead."
        first, last = 0, len(doc) - 1
    elif token.i <= 1 or all(t.is_punct for t in doc[: token.i]) or joined:
        first, last = phrase_end + 1, len(doc) - 1
    else:
        first, last = 0, token.i - 1
    content = _trim(unit, first, last) if first <= last else None
    masked = first <= last and any(unit.is_placeholder(doc[i]) for i in range(first, last + 1))
    rng = (doc[first].idx, doc[last].idx + len(doc[last])) if first <= last else None
    return Cue(token, a[0], b[1], "according to", source, content, masked, rng)


def _as_said(unit: Unit, token: Any) -> tuple[tuple[int, int] | None, bool, Any]:
    """ "As I've made clear: X" / "X, as he said": the clause the cue's "as" clause modifies;
    and the clause a saying verb sets in ("..., his office said, he died at ...")."""
    # "his office said, he died ..." (parataxis); "Al Jazeera reported on Thursday, coverage
    # had risen ...", read as a clause of the verb after it
    inverted = token.dep_ == "ccomp" and token.head.i > token.i
    said = (token.dep_ == "parataxis" or inverted) and cues.lemma(token.text) in cues.CLAUSE_CUES
    as_said = any(c.lower_ == "as" and c.dep_ != "prep" for c in token.children)
    if not said and (token.dep_ != "advcl" or not as_said):
        return None, False, None
    head = token.head
    if said and not head.tag_.startswith("VB"):
        return None, False, None
    first, last = head.left_edge.i, head.right_edge.i
    own = list(token.subtree)
    if own[-1].i < head.i:
        first = own[-1].i + 1
    elif own[0].i > head.i:
        last = own[0].i - 1
    elif not said:
        return None, False, None
    elif any(c.dep_ in SUBJECTS and c.i > own[-1].i for c in head.children):
        first = own[-1].i + 1  # "At 2:45 a.m., his office said, he died": what follows
    doc = unit.doc
    masked = any(unit.is_placeholder(doc[i]) for i in range(first, last + 1))
    rng = (doc[first].idx, doc[last].idx + len(doc[last]))
    return _trim(unit, first, last), masked, rng


def _finite(comp: Any) -> bool:
    """A clause with a tensed verb of its own ("found that the prorogation was unlawful")."""
    if comp is None or comp.dep_ != "ccomp":
        return False
    tensed = ("VBD", "VBZ", "VBP", "MD")
    return comp.tag_ in tensed or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in tensed for c in comp.children
    )


def _made_clear(token: Any) -> Any | None:
    """ "made clear that ...": the "clear" of a cue made of "make" and "clear"."""
    if token.lower_ not in ("make", "makes", "made", "making") or not token.tag_.startswith("VB"):
        return None
    return next((c for c in token.children if c.lower_ == "clear" and c.i == token.i + 1), None)


def _quotative(unit: Unit, token: Any) -> Cue | None:
    """ "she's like “...”", "people went like “...”": speech introduced by "be like" or "go
    like", whatever the parser made of "like"; the subject of "be" or "go" says it."""
    doc = unit.doc
    k = token.i - 1
    while k >= 0 and doc[k].is_punct:
        k -= 1
    n = token.i + 1
    while n < len(doc) and doc[n].is_punct and not unit.is_placeholder(doc[n]):
        n += 1
    if k < 0 or n >= len(doc) or doc[k].lower_ not in cues.BE_OR_GO:
        return None
    if not unit.is_placeholder(doc[n]):
        return None
    where = unit.token_span(token)
    if where is None:
        return None
    last = n
    while last + 1 < len(doc) and unit.is_placeholder(doc[last + 1]):
        last += 1
    rng = (doc[n].idx, doc[last].idx + len(doc[last]))
    return Cue(token, where[0], where[1], "be like", subject_of(doc[k]), None, True, rng)


def _past_according(subject: Any | None) -> Any | None:
    """ "According to news agency ISNA, the prosecutor general ..., said", parsed with ISNA as
    the subject: the one set off after the source says it."""
    if subject is None:
        return None
    doc, k = subject.doc, subject.left_edge.i
    if k < 2 or doc[k - 1].lower_ != "to" or doc[k - 2].lower_ != "according":
        return subject
    after = next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i), None)
    return after if after is not None else subject


def _name_before(token: Any) -> Any | None:
    """ "Speaking to AFP, the president of the league, Jamel Msallem, said": a verb the parser
    left with no subject takes the name that stands right before it, or before its comma."""
    if not token.tag_.startswith("VB") or token.i < 2:
        return None
    # "On Friday Ford Motor Company announced", read as the object of "On": the name itself
    before = token.doc[token.i - 2] if token.doc[token.i - 1].text == "," else token.nbor(-1)
    return before if before.tag_ == "NNP" else None


_LABELLING = frozenset(("characterize", "characterise", "describe", "label", "brand", "call"))


def _names_as(token: Any) -> bool:
    """ "described the call as ...", "attacked the inquiry as ...": the cue labels a thing."""
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children)


def find_cues(unit: Unit) -> list[Cue]:
    """Every cue in a parsed unit, with its subject and reported words when it has them."""
    found = []
    for token in unit.doc:
        if token.lower_ == "according":
            cue = _according_to(unit, token)
            if cue:
                found.append(cue)
            continue
        if token.lower_ == "like" and not token.tag_.startswith("VB"):
            cue = _quotative(unit, token)
            if cue:
                found.append(cue)
            continue
        lemma = cues.lemma(token.text)
        clear = _made_clear(token)
        if clear is not None:
            lemma = "make clear"
        noun = token.lower_ in cues.NOUN_CUES and token.tag_.startswith("NN")
        owned = any(c.dep_ == "poss" for c in token.children)
        if noun and not owned and token.dep_ == "dobj" and cues.lemma(token.head.text):
            continue  # "denied all claims that ...": the verb reports them, not the claims
        if not noun and (lemma is None or not token.tag_.startswith("VB")):
            continue
        if lemma in cues.AS_ONLY and not any(
            t.lower_ == "as" and t.dep_ == "prep" for t in token.subtree
        ):
            continue  # "referred the case to the police": no naming
        span = unit.token_span(token)
        if span is None:
            continue
        if clear is not None and unit.token_span(clear) is not None:
            span = (span[0], unit.token_span(clear)[1])  # "made clear"
        lemma = lemma or token.lower_
        comp = _complement(token, lemma) or (clear and _complement(clear, lemma))
        if lemma == "find" and not _finite(comp):
            continue  # "found it difficult", "found him to be positive": no finding reported
        if lemma in cues.NEEDS_CLAUSE and (comp is None or comp.dep_ != "ccomp"):
            if not _names_as(token):
                continue
            comp = None  # "described it as “Obamagate”": the label is theirs, nothing reported
        elif lemma in _LABELLING and _names_as(token):
            comp = None  # "characterised the deaths as “crushing”": a label, no words reported
        subject = _past_according(subject_of(token) or _name_before(token))
        if subject is not None:
            subject = sources.issuer(subject)
            if subject.lower_ in sources.DOCUMENTS and subject.dep_ == "dobj":
                # "issued a statement saying ...": whoever issued it
                subject = subject_of(subject.head) or subject
        if token.dep_ == "conj":
            # "He reiterated that X should not veer and underscored ...": read as a second
            # predicate of the nearest cue above it, whatever the parser attached it to.
            above = next(
                (a for a in token.ancestors if a.tag_.startswith("VB") and cues.lemma(a.text)),
                None,
            )
            own = any(c.dep_ in SUBJECTS for c in token.children)
            if above is not None and above.i != token.head.i and not own:
                subject = subject_of(above)
        if lemma in cues.UTTERANCE or (
            lemma in ("want", "like")
            and comp is not None
            and comp.dep_ == "xcomp"
            and not any(c.dep_ in SUBJECTS for c in comp.children)
        ):
            comp = None  # "yelled", "wanted to talk": saying or wanting, no words reported
        content, masked, rng = (None, False, None) if comp is None else _content(unit, token, comp)
        if comp is None:
            content, masked, rng = _as_said(unit, token)
            if content is not None:
                # "As revealed at trial, the Turpins had ...": only the cue's own subject says it
                subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        found.append(Cue(token, span[0], span[1], lemma, subject, content, masked, rng))
    return found
