"""Reporting cues: the verbs and phrases that attribute speech, and a fast scan for them."""

from __future__ import annotations

import re

# Verbs of saying and of stating a stance, by lemma; irregular forms listed in full.
_REGULAR = """
    add admit acknowledge allege announce argue assert ask boast caution charge claim complain
    concede conclude confirm contend counter declare demand deny disclose emphasise emphasize
    estimate explain fear hint hope indicate insist joke maintain mention note observe pledge
    point predict proclaim promise propose recall recommend reiterate remark reply report
    respond reveal signal stress suggest testify threaten tweet vow want warn call accuse
    agree believe question recount describe
    reaffirm underscore highlight raise express welcome condemn affirm voice review discuss convey
    applaud commend recognize recognise outline
    criticize criticise praise refute toast herald tout contrast detail rebuke blame
    reject doubt hail laud decry lament slam
    yell shout scream whisper exclaim scribble answer mutter portray depict characterize
    characterise
    inform urge encourage comment post credit oppose decline notify assure remind advise
    dispute cite retort quip concur plead appeal continue label brand term dub decide rule
    suppose read
    share instruct denounce endorse justify counter speculate disagree request
""".split()  # noqa: SIM905 (a word list reads best as text)
_IRREGULAR_PAST = frozenset("said told wrote written thought spoke spoken stated found".split())  # noqa: SIM905
_IRREGULAR = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "think": ("think", "thinks", "thought", "thinking"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "state": ("state", "states", "stated", "stating"),
    "find": ("find", "finds", "found", "finding"),
    "refer": ("refer", "refers", "referred", "referring"),
}
# Stance verbs that take a plain object as their content ("Moscow wants a joint defence").
OBJECT_CONTENT = frozenset(
    """
    want demand propose deny predict promise pledge announce declare reiterate recommend
    confirm like
    reaffirm underscore highlight raise express welcome condemn affirm voice review convey
    applaud commend outline emphasize emphasise stress note reiterate
    criticize criticise praise refute toast herald tout contrast detail rebuke blame reject doubt
    hail laud decry lament slam characterize characterise claim assert
    oppose credit dispute decline state report signal tweet
    denounce endorse justify counter mention estimate request
""".split()  # noqa: SIM905 (a word list reads best as text)
)
# Verbs of saying that report a clause, never a thing.
CLAUSE_CUES = frozenset(
    """
    say state claim maintain insist report indicate add reveal confirm argue assert contend
    warn acknowledge admit note explain allege testify write tell tweet
""".split()  # noqa: SIM905 (a word list reads best as text)
)
# Prepositions whose object is the content ("warned about", "called for", "insisted on").
CONTENT_PREPOSITIONS = frozenset(["about", "of", "for", "on", "against"])
# Which cues take which preposition's object as what they report ("warned of", "called for");
# "posted on social media", "wrote for the Court" say where, not what.
PREPOSITION_CUES = {
    "warn": ("about", "of", "against"),
    "call": ("for",),
    "insist": ("on",),
    "speak": ("of", "about"),
    "complain": ("about", "of"),
    "hint": ("at", "about"),
    "caution": ("against", "about"),
    "argue": ("for", "against"),
    "testify": ("about",),
    "reflect": ("on",),
    "boast": ("about", "of"),
    "remark": ("on",),
    "joke": ("about",),
    "accuse": ("of",),
    "plead": ("for",),
    "disagree": ("with",),
    "appeal": ("for",),
}
# Nouns that carry a that-clause of someone's words ("dropping hints that ...").
NOUN_CUES = frozenset(
    """
    hint hints warning warnings claim claims statement statements assertion argument promise
    pledge threat threats demand demands insistence assurance assurances
    answer reply response commitment commitments allegation allegations accusation
    accusations denial denials plea pleas proposal proposals
""".split()  # noqa: SIM905 (a word list reads best as text)
)
# Verbs whose plain use is too common to count unless a that-clause follows.
# Verbs of uttering: they attribute a quotation but report no words of their own.
# Verbs that give a thing a name or a label ("branded it", "dubbed it"):
# they attribute the quoted label and report nothing else.
UTTERANCE = frozenset(
    """
    yell shout scream whisper exclaim scribble answer mutter speak continue label brand term
    dub read refer
""".split()  # noqa: SIM905 (a word list reads best as text)
)
# Cues only when they name something as something ("referred to the 707 as a “cargo plane”").
AS_ONLY = frozenset(["refer"])
NEEDS_CLAUSE = frozenset(
    "think believe hope fear question describe decide rule suppose share find".split()  # noqa: SIM905
)


# Forms of "be" and "go" that introduce speech with "like" ("she's like “...”", "people went
# like “...”"): as parsed tokens, and as the text before a quotation.
BE_OR_GO = frozenset(
    "'s ’s is are was were am 'm ’m 're ’re be been being go goes went going gone".split()  # noqa: SIM905
)
QUOTATIVE = re.compile(
    "(?:"
    + "|".join(re.escape(w) for w in sorted(BE_OR_GO) if w[0] in "'’")
    + r"|\b(?:"
    + "|".join(sorted(w for w in BE_OR_GO if w[0] not in "'’"))
    + r"))\s+like[,:]?$",
    re.IGNORECASE,
)


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma.endswith("e"):
        stem = lemma[:-1]
        return (lemma, lemma + "s", stem + "ed", stem + "ing")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        stem = lemma[:-1]
        return (lemma, stem + "ies", stem + "ied", lemma + "ing")
    if lemma in {"admit", "vow"}:
        double = lemma + lemma[-1] if lemma == "admit" else lemma
        return (lemma, lemma + "s", double + "ed", double + "ing")
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


LEMMA_OF: dict[str, str] = {}
# Words common in other senses ("market share", "over the counter") are cues only in the past
# tense ("she shared that ...", "Biden countered claims ..."): fewer sentences to parse.
_PAST_ONLY = frozenset(("share", "counter"))
for _lemma in _REGULAR:
    for _form in _forms(_lemma):
        if _lemma not in _PAST_ONLY or _form.endswith("ed"):
            LEMMA_OF.setdefault(_form, _lemma)
for _lemma, _all in _IRREGULAR.items():
    for _form in _all:
        LEMMA_OF[_form] = _lemma
for _form in ("like", "likes", "liked"):
    LEMMA_OF[_form] = "like"

_WORDS = sorted(set(LEMMA_OF) | NOUN_CUES, key=len, reverse=True)
CANDIDATE = re.compile(
    r"\b(?:according to|(?:make|makes|made|making) clear|" + "|".join(_WORDS) + r")\b",
    re.IGNORECASE,
)


_PAST_FORMS = sorted(
    {f for f, m in LEMMA_OF.items() if f.endswith("ed") or f in _IRREGULAR_PAST},
    key=len,
    reverse=True,
)
PAST_CANDIDATE = re.compile(
    r"\b(?:according to|made clear|" + "|".join(_PAST_FORMS) + r")\b", re.IGNORECASE
)


def lemma(word: str) -> str | None:
    """The cue verb's lemma for a word form, or None when it is no cue."""
    return LEMMA_OF.get(word.lower())


_WORD = re.compile(r"[A-Za-z]+")
_CUE_WORDS = frozenset(LEMMA_OF) | NOUN_CUES


def has_candidate(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] holds a word that may be a reporting cue."""
    end = len(text) if end is None else end
    for m in _WORD.finditer(text, start, end):
        word = m.group().lower()
        if word in _CUE_WORDS or (
            word in ("according", "clear") and CANDIDATE.search(text, start, end)
        ):
            return True
    return False
