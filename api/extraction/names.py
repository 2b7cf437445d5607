"""Names in the text: runs of capitalised words, titles stripped, surnames to full names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

TITLES = frozenset(
    """
    president vice prime minister secretary general gen. ambassador senator sen. rep.
    representative gov. governor mayor mr. mr mrs. mrs ms. ms miss dr. dr prof. professor
    chancellor king queen prince princess pope chief director chairman chairwoman chair
    spokesman spokeswoman spokesperson commissioner judge justice attorney admiral adm. colonel
    col. lt. lieutenant major maj. captain capt. sergeant sgt. deputy foreign defense defence
    interior finance senior executive officer lord lady sir dame rev. reverend bishop archbishop
    cardinal sheikh emir premier speaker leader commander marshal envoy congressman
    congresswoman councillor councilman press secretary-general president-elect state
    secretaries presidents ministers senators governors ambassadors spokesmen officials
    war health human services treasury commerce energy homeland security labor education
    agriculture transportation veterans affairs housing justice
""".split()  # noqa: SIM905 (a word list reads best as text)
)
# Capitalised words that open sentences rather than names.
STARTERS = frozenset(
    """
    a an the in on at of for from to by with as but and or so yet if when while after before
    since until even also still plus meanwhile earlier later then now thus indeed however
    although though because despite during judging soon perhaps sure this that these those there
    here it its his her their our my your we they he she i you what why how who which where last
    next some many most few all both each every one two three according yesterday today tomorrow
    monday tuesday wednesday thursday friday saturday sunday
""".split()  # noqa: SIM905 (a word list reads best as text)
)
ORG_WORDS = frozenset(
    """
    department ministry council institute university agency commission committee office
    government party union bank company corporation corp inc association organization
    organisation program programme administration house senate congress parliament court army
    navy force forces service services news radio times post journal press television network
    foundation center centre group league alliance treaty summit republic kingdom states nations
    federation airport street station square liberty project initiative fund board authority
    bureau police church school college hospital club team front movement embassy cabinet
    kremlin pentagon nato un eu agency reuters agence war summit treaty day act bill law plan
    approach defense defence missile system start era
    north south east west united korea china sea ocean strait gulf bay island islands river
    mountain mountains city county province region arabia africa america asia europe zealand
    lanka guinea sudan coast valley peninsula middle pacific atlantic baltic caribbean hong kong
    new framework partnership consensus economic
    democratic people peoples
""".split()  # noqa: SIM905 (a word list reads best as text)
)
PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "they": "group",
    "them": "group",
    "it": "body",
}
_ABBREVIATED = r"(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|St)\."
_WORD = rf"(?:{_ABBREVIATED}|(?:[A-Z]\.)+|[A-Z][\w\-]*)"
_PARTICLE = r"(?:de|van|von|der|bin|al|da|di|du|le|la)(?= [A-Z])"
_RUN = re.compile(
    rf"(?<![\w’'.]){_WORD}(?:[ \u00a0](?:{_WORD}|{_PARTICLE}))*(?:,? (?:Jr|Sr)\.(?!\w))?"
)


_SUFFIX = re.compile(r",? (?:Jr|Sr)\.$")


@dataclass(frozen=True)
class NameRun:
    start: int
    end: int
    name: str  # the run with titles and sentence openers stripped
    person: bool
    titled: bool


def core_name(words: list[str]) -> list[str]:
    """The words after the last title, without sentence openers and leading acronyms."""
    last_title = -1
    for i, w in enumerate(words[:-1]):
        if w.lower() in TITLES:
            last_title = i
    words = words[last_title + 1 :]
    while words and words[-1].lower() in TITLES:
        words = words[:-1]  # "White House Press Secretaries" names no one
    while len(words) > 1 and (words[0].lower() in STARTERS or words[0].isupper()):
        words = words[1:]
    if len(words) == 1 and words[0].lower() in STARTERS:
        return []
    return words


def looks_like_person(words: list[str], titled: bool) -> bool:
    """Two to four capitalised words with no organisation word, or a title before them."""
    if not words or any(w.lower().strip(".") in ORG_WORDS for w in words):
        return False
    if any(w.isupper() and len(w) > 1 and not w.endswith(".") for w in words):
        return False
    return titled or 2 <= len(words) <= 4


def name_runs(text: str) -> list[NameRun]:
    """Every run of capitalised words in the text, as a name."""
    runs = []
    for m in _RUN.finditer(text):
        # "Joseph R. Biden, Jr." keeps its suffix, as one word.
        words = m.group().replace(", Jr.", "\x00Jr.").replace(", Sr.", "\x00Sr.").split()
        core = core_name(words)
        if not core:
            continue
        titled = len(core) < len(words) and words[len(words) - len(core) - 1].lower() in TITLES
        start = m.start() + m.group().index(core[0]) if core else m.start()
        name = " ".join(core).replace("\x00", ", ")
        runs.append(NameRun(start, m.end(), name, looks_like_person(core, titled), titled))
    return runs


class NameBook:
    """The text's names, to widen a surname to the fullest name the text gives."""

    def __init__(self, text: str) -> None:
        self.runs = name_runs(text)
        self.persons = [r for r in self.runs if r.person]
        self.counts = Counter(r.name for r in self.persons)

    def full_name(self, name: str, at: int) -> str:
        """The longest person name ending with this name's last word, nearest before `at` first."""
        words = name.split()
        if not words:
            return name
        last = words[-1]
        best = name
        best_key: tuple[int, ...] = (len(words), 0, 0, 0)
        for run in self.persons:
            rw = _SUFFIX.sub("", run.name).split()
            if rw[-1] != last or len(rw) < len(words) or rw[-len(words) :] != words:
                continue
            key = (len(rw), run.titled, self.counts[run.name], 1 if run.start <= at else 0)
            if key > best_key:
                best, best_key = run.name, key
        return best

    def is_person(self, name: str) -> bool:
        words = name.split()
        if not words:
            return False
        if looks_like_person(words, False):
            return True
        return len(self.full_name(name, 0).split()) >= 2 and looks_like_person(
            self.full_name(name, 0).split(), False
        )

    def person_before(self, at: int, limit: int = 1500) -> NameRun | None:
        """The nearest person name that ends before `at`, within `limit` characters."""
        best = None
        for run in self.persons:
            if run.end <= at and at - run.end <= limit:
                best = run
        return best
