"""Who says it: the tokens of a speaker mention, and whether a subject can be the source of
reported words (people, and the bodies and papers that speak for them: "officials", "the
ministry", "the report"; not "lies" or "no reason")."""

from __future__ import annotations

from typing import Any

from api.extraction.lexicon import DOMAINS, MONTHS, TITLES, WEEKDAYS

_MENTION_LEFT = frozenset(
    ["compound", "amod", "det", "poss", "nmod", "nummod", "case", "quantmod", "npadvmod"]
)

SOURCE_NOUNS = frozenset(
    """
    official expert analyst critic leader people person member resident citizen voter worker
    protester demonstrator student parent teacher doctor scientist researcher economist
    investor lawmaker legislator politician diplomat envoy spokesman spokeswoman spokesperson
    president minister secretary ambassador senator governor mayor chancellor premier king
    queen prince chairman chairwoman chair director commissioner counsel judge justice lawyer
    attorney prosecutor investigator officer commander general admiral aide adviser advisor
    staff representative delegate negotiator source observer witness survivor victim veteran
    man woman men women girl boy child children mother father wife husband son daughter
    sister brother friend mom mum dad
    family author writer reporter journalist activist candidate nominee founder owner head
    government administration ministry department agency court council commission committee
    company firm group organization organisation party union police military army navy
    regime authority office embassy team side country nation campaign coalition alliance
    report indictment study survey poll letter memo memorandum ruling lawsuit complaint filing
    document resolution declaration bible
    media press newspaper paper broadcaster outlet station channel website statement
    release announcement tweet post account data figures statistics findings analysis
    investigation inquiry review audit archive census estimate tally transcript testimony
    video footage record
    chief foundation institute institution association society charity organizer organiser
    supporter opponent critic manufacturer operator airline network agency bureau board
    service brigade station archive library court tribunal watchdog regulator
    eyewitness projection number interviewee respondent participant plaintiff defendant
    user fan viewer reader customer employee passenger patient player neighbour neighbor
    city town county municipality province state hospital university college school club palace
    colleague relative notice decree proclamation summary
    clerk nurse pilot engineer farmer driver firefighter paramedic coroner medic soldier guard
    agent banker trader teammate partner trustee lecturer pupil islander villager
    operator contractor landlord tenant consumer shopper commuter tourist visitor caller
    movement rebel militant insurgent militia faction guerrilla fighter
    publication magazine journal
""".split()  # noqa: SIM905 (a word list reads best as text)
)
# Papers and figures whose issuer is the real source ("data from the Gun Violence Archive",
# "a statement released by Erdogan's office").
DOCUMENTS = frozenset(
    """
    data figures statistics findings statement statements release report reports analysis
    announcement post tweet video videos footage document documents letter records estimate
    estimates tally survey poll study projection projections numbers notice notices decree
    proclamation memo memorandum summary decision ruling verdict judgment judgement
""".split()  # noqa: SIM905 (a word list reads best as text)
)
_PLACED = frozenset(
    """
    government ministry office embassy consulate department army parliament police court
    council commission committee institute university bank tribunal
""".split()  # noqa: SIM905 (a word list reads best as text)
)
_QUANTITY = frozenset(
    """
    thousands hundreds millions dozens many some most all few majority number % percent half
    one each several
""".split()  # noqa: SIM905 (a word list reads best as text)
)


def is_source(head: Any) -> bool:
    """Whether the subject of a cue can be the source of reported words: a pronoun, a name, or
    a noun for people, bodies and papers ("officials", "the ministry", "the report"); not
    "lies", "a statement" or "no reason". "Thousands of Cubans" is judged by "Cubans"."""
    if head.dep_ == "nsubjpass":
        return False  # "The treaty was hailed by many": the subject of a passive says nothing
    if head.tag_.startswith("PRP") or head.tag_ in ("NNP", "NNPS"):
        return True
    if head.text[:1].isupper() and (
        head.tag_.startswith("VB") or head.i > 0 or (head.text.isupper() and len(head.text) > 1)
    ):
        # a name the tagger took for a verb or a noun ("Trump and his supporters claimed",
        # "according to Politics1.com", "UNICEF reported" opening its sentence)
        return True
    word = head.lower_
    if word in _QUANTITY:
        of = next((c for c in head.children if c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        return obj is not None and is_source(obj)
    return (
        word in SOURCE_NOUNS
        or (word in TITLES and word not in DOMAINS)
        or (word.endswith("s") and word[:-1] in SOURCE_NOUNS)
        or (word.endswith("es") and word[:-2] in SOURCE_NOUNS)  # "witnesses"
        or (word.endswith("ies") and word[:-3] + "y" in SOURCE_NOUNS)
    )


# "Reports as of Wednesday": a time, not who issued them
_WHEN = WEEKDAYS | MONTHS


def issuer(head: Any) -> Any:
    """For a paper or figures, who issued them, when the text says ("data from the Gun
    Violence Archive", "a statement released by Erdogan's office"); else the head itself."""
    if head.lower_ not in DOCUMENTS or (head.text[:1].isupper() and head.i > 0):
        return head  # "the US Geological Survey" is a body, not a survey the US issued
    owner = next(
        (c for c in head.children if c.dep_ == "poss" and (c.tag_ == "NNP" or c.text.isupper())),
        None,
    )
    if owner is not None:
        return owner  # "according to CNN's projections"
    # "Johns Hopkins University data", "a UN report", "a fire service statement"
    compound = next((c for c in head.lefts if c.dep_ == "compound"), None)
    if compound is not None and (
        compound.tag_ == "NNP" or compound.lower_ in SOURCE_NOUNS - {"press", "news"}
    ):
        return compound
    for tok in head.subtree:
        if tok.dep_ in ("prep", "agent") and tok.lower_ in ("from", "by", "of") and tok.i > head.i:
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lower_ not in DOCUMENTS | _WHEN and is_source(obj):
                return obj
    return head


def mention_tokens(head: Any) -> list[Any]:
    """The tokens naming the speaker: the head and its left modifiers, no clauses after it."""
    if head.tag_.startswith("PRP"):
        return [head]
    start = head.i
    for child in head.lefts:
        if child.dep_ in _MENTION_LEFT:
            start = min(start, child.left_edge.i)
    doc = head.doc
    end = head.i
    # "Another expert, Bong Young-shik, ...": the name in apposition is part of the mention.
    appos = next(
        (
            c
            for c in head.rights
            if c.dep_ == "appos" and (doc[c.left_edge.i].tag_ == "NNP" or c.tag_ in ("NNP", "NNPS"))
        ),
        None,
    )
    described = head.tag_ == "NNP" and any(c.lower_ in ("a", "an") for c in head.lefts)
    # "African Export–Import Bank president Okey Oramah", misread as a name in apposition
    glued = appos is not None and appos.left_edge.i > 0 and doc[appos.left_edge.i - 1].text != ","
    described = described or (head.tag_ == "NNP" and glued)
    counted = head.tag_ == "CD" or head.lower_ == "one"  # "One of the authors, David Blackburn,"
    if appos is not None and (
        head.tag_ in ("NN", "NNS") or head.lower_ in TITLES or described or counted
    ):
        end = appos.i
    elif counted:  # "One of the users": the group it is one of
        of = next((c for c in head.rights if c.lower_ == "of"), None)
        end = of.right_edge.i if of is not None else end
    # "The then-manager of Barmouth Publicity and Director of ..., David Clay,": a
    # description whose phrase ends on a name, right before the verb, is that name's.
    if head.tag_ in ("NN", "NNS") or head.lower_ in TITLES:
        last = head.right_edge
        while last.i > head.i and last.is_punct:
            last = doc[last.i - 1]
        if last.tag_ == "NNP" and last.i > end and last.head.dep_ != "prep":
            end = last.i
    # "The government of Burundi", "the embassy in London": a body named by its place.
    if head.lower_ in _PLACED and end == head.i:
        for child in head.rights:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.lower_ in ("of", "in") and obj is not None and obj.tag_ == "NNP":
                end = obj.right_edge.i
    # "Prime Minister of Canada Justin Trudeau": the office's holder is named after "of".
    if head.lower_ in TITLES:
        for child in head.rights:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.lower_ in ("of", "to", "for") and obj is not None and obj.tag_ == "NNP":
                end = max(end, obj.i)
    tokens = [doc[i] for i in range(start, end + 1)]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return tokens or [head]
