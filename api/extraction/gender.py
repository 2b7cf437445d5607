"""Grammatical gender of the people a text names, for resolving "he" and "she".

No name lists: the text itself says it. A person's gender is what the words around their names
show: a title ("Mrs.", "King", "spokeswoman"), a kinship noun before the name ("his mother,
Mamie"), or the first subject or possessive pronoun after a name, within the next sentence and
before any other name ("Karoline Leavitt completes her final day"). Votes over every mention
decide; a tie or no evidence leaves it unknown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

FEMALE, MALE = "f", "m"

_WORDS = {
    FEMALE: """
        she her hers herself mrs mrs. ms ms. miss madam madame queen princess lady dame duchess
        countess empress spokeswoman congresswoman chairwoman businesswoman councilwoman
        stateswoman sportswoman mother mom mum wife daughter sister grandmother granddaughter
        aunt niece widow girl woman women actress heiress
    """,
    MALE: """
        he him his himself mr mr. king prince lord sir duke count emperor spokesman congressman
        chairman businessman councilman statesman sportsman father dad husband son brother
        grandfather grandson uncle nephew widower boy man men actor heir
    """,
}
GENDER_OF = {w: g for g, words in _WORDS.items() for w in words.split()}
_PRONOUNS = ("he", "him", "his", "himself", "she", "her", "hers", "herself")
PRONOUN_GENDER = {w: GENDER_OF[w] for w in _PRONOUNS}
# After a name, the pronouns that most likely stand for it: a possessive before a noun in the
# same sentence ("Karoline Leavitt completes her final day"), or a subject opening the next
# sentence ("Rosa Parks was arrested. Her statue ..."). Not an object ("Trump called her ...").
_POSSESSIVE = re.compile(
    r"\b(?:his|her)(?= (?!(?:that|to|the|a|an|and|in|on|at|for|with|about|as|from|by|of|into|"
    r"over|up|out|back|down|off)\b)[a-z])",
    re.IGNORECASE,
)
_OBJECT = {
    FEMALE: re.compile(r"\bher\b(?! (?!(?:that|to|the|a|an|and|in|on|at|for|with)\b)[a-z])"),
    MALE: re.compile(r"\bhim\b"),
}
_OPENING = re.compile(r"(?:He|She|His|Her)\b")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)[\s,]*$")
SENTENCE_END = re.compile(r"[.!?…][\"'”’]?\s+(?=[A-Z“\"‘])")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a name stands among the first words of its sentence (likely its subject)."""
    line = text.rfind("\n", 0, start) + 1
    ends = list(SENTENCE_END.finditer(text, line, start))
    begin = ends[-1].end() if ends else line
    return len(text[begin:start].split()) <= 5


def object_after(text: str, at: int, sex: str) -> bool:
    """Whether the sentence of a name at `at` goes on to an object pronoun of this gender
    ("Trump called her ..."): someone else of that gender, as a clause's object is never its
    own subject."""
    stop = SENTENCE_END.search(text, at, at + 400)
    return _OBJECT[sex].search(text, at, stop.start() if stop else at + 400) is not None


def opens_with(text: str, at: int, sex: str) -> bool:
    """Whether the sentence at `at` opens on a subject pronoun of this gender."""
    m = _OPENING.match(text, at)
    return m is not None and PRONOUN_GENDER.get(m.group().lower()) == sex


def of_word(word: str) -> str | None:
    return GENDER_OF.get(word.lower())


def genders(
    text: str, runs: Sequence[tuple[int, int, str]], key: Callable[[str, int], str]
) -> dict[str, str]:
    """The gender of each person (by `key(name, at)`), from the words around their names."""
    votes: dict[str, Counter[str]] = {}
    for i, (start, end, name) in enumerate(runs):
        who = key(name, start)
        tally = votes.setdefault(who, Counter())
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        title = text[start:end].split()[0] if text[start:end].split() else ""
        for word in (before.group(1) if before else "", title):
            g = of_word(word)
            if g is not None:
                tally[g] += 2
        limit = runs[i + 1][0] if i + 1 < len(runs) else len(text)
        stop = SENTENCE_END.search(text, end, min(limit, end + 400))
        # Only a possessive close after the name is likely its own ("Karoline Leavitt
        # completes her final day"), not one further on ("Meltzer tweeted after hearing the
        # news of her death").
        m = _POSSESSIVE.search(text, end, min(stop.start() if stop else limit, end + 30))
        if m is None and stop is not None and stop.end() < limit and _opens_sentence(text, start):
            m = _OPENING.match(text, stop.end())
        if m is not None:
            sex = PRONOUN_GENDER[m.group().lower()]
            # "Trump called her ... She ...": the object's gender is someone else's.
            if not object_after(text, end, sex):
                tally[sex] += 1
    return {
        who: tally.most_common(1)[0][0]
        for who, tally in votes.items()
        if tally and (len(tally) == 1 or tally[FEMALE] != tally[MALE])
    }
