"""Names in the text: runs of capitalised words, titles stripped, surnames to full names."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from api.extraction import gender
from api.extraction.lexicon import (
    COMPANY_ENDINGS,
    DOMAINS,
    ORG_WORDS,
    STARTERS,
    SURNAME_LIKE,
    TITLES,
    is_title,
)

_ABBREVIATED = r"(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|St)\."
# "el-Sisi", "al-Assad": a surname behind a lower-case article.
_HYPHENED = r"(?:al|el|ul|as|ad|ash|bin|ibn|abu|bint)-[A-Z][\w\-]*"
_WORD = rf"(?:{_ABBREVIATED}|(?:[A-Z]\.)+|[A-Z][\w\-]*(?:[–'’][A-Z][\w\-]*)*|{_HYPHENED})"
_PARTICLES = r"(?:de|del|della|van|von|der|den|ter|ten|bin|ibn|al|el|da|di|du|dos|das|le|la)"
_PARTICLE = rf"{_PARTICLES}(?=(?: {_PARTICLES})* [A-Z])"
_RUN = re.compile(
    rf"(?<![\w’'.\-]){_WORD}(?:[ \u00a0](?:{_WORD}|{_PARTICLE}))*(?:,? (?:Jr|Sr)\.(?!\w))?"
)


_MINOR = frozenset(("of", "the", "for", "and"))
# A body's name, with the small words that join its parts ("US Embassy in London").
_CAP = r"(?:[A-Z](?:[\w&’'-]|\.(?=\w))*)"
_JOIN = r" +(?:(?:of|in|for|and|on|the|de) +)*"
_BODY = re.compile(rf"{_CAP}(?:{_JOIN}{_CAP})*")
_BODY_BEFORE = re.compile(rf"({_CAP}(?:{_JOIN}{_CAP})*) *$")
# ... and over commas, for a name an acronym spells ("United Nations Educational, Scientific")
_LIST_BEFORE = re.compile(rf"({_CAP}(?:,?{_JOIN}{_CAP})*) *$")
_THE_START = re.compile(r"^The\s+")
# "Kurdish-led", "Iran-backed": a description in front of a body's name.
DESCRIBED_BY = r"-(?:led|backed|based|owned|run|controlled|allied)\s+"
_LED = re.compile(rf"^[A-Z]\w*{DESCRIBED_BY}")
_SUFFIX = re.compile(r",? (?:Jr|Sr)\.$")
_TITLE_OF = re.compile(
    r"\b(?:[A-Z][a-z]+ )?(?:"
    + "|".join(
        (
            "Minister",
            "Secretary",
            "Chief",
            "President",
            "Director",
            "Chair",
            "Chairman",
            "Governor",
            "Head",
            "Ambassador",
            "Commissioner",
            "Speaker",
            "Mayor",
            "Administrator",
            "Leader",
        )
    )
    + r"|Ambassador|Envoy|Representative|Adviser|Advisor|Senator) (?:of|to|for|from) (?:the )?$"
)


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
        if is_title(w.lower()):
            last_title = i
    words = words[last_title + 1 :]
    # "White House Press Secretaries" names no one; "John Major" does
    while words and words[-1].lower() in TITLES and words[-1].lower() not in SURNAME_LIKE:
        words = words[:-1]
    # "NASA Administrator ...", not the initial of "B Shiva Parvathi"
    while len(words) > 1 and (
        words[0].lower() in STARTERS or (words[0].isupper() and len(words[0].strip(".")) > 1)
    ):
        words = words[1:]
    if len(words) == 1 and words[0].lower() in STARTERS:
        return []
    return words


def looks_like_person(words: list[str], titled: bool, alone: frozenset[str] = frozenset()) -> bool:
    """Two to four capitalised words with no organisation word, or a title before them.
    `alone`: the words the text also uses as a name on their own."""
    if not words:
        return False
    for i, w in enumerate(words):
        low = w.lower().strip(".")
        # "Bill Gerstenmaier": a given name that is also an organisation word opens a name
        given = i == 0 < len(words) - 1 and words[-1].lower() not in ORG_WORDS | TITLES
        if low in ORG_WORDS and not (
            low in SURNAME_LIKE and (titled or given or words[-1] in alone)
        ):
            return False
    if any(w.isupper() and len(w) > 1 and not w.endswith(".") for w in words):
        return False
    return titled or 2 <= len(words) <= 4


def _after_title_of(words: list[str]) -> list[str]:
    """ "[Prime Minister of] Canada Justin Trudeau": the words naming the office's place or body
    go, the person's name stays."""
    rest = words[1:]
    while len(rest) > 2 and rest[0].lower().strip(".") in ORG_WORDS:
        rest = rest[1:]
    return rest if len(rest) >= 2 else words


_AFTER_THE = re.compile(r"\b[Tt]he\s+$")


def name_runs(text: str) -> list[NameRun]:
    """Every run of capitalised words in the text, as a name."""
    runs = []
    found = list(_RUN.finditer(text))
    # Single words used as names, not after "the" ("Day said", not "the Court ruled").
    alone = frozenset(
        m.group()
        for m in found
        if " " not in m.group()
        and m.group().lower() not in STARTERS
        and not _AFTER_THE.search(text, max(0, m.start() - 5), m.start())
    )
    for m in found:
        # "Joseph R. Biden, Jr." keeps its suffix, as one word.
        words = m.group().replace(", Jr.", "\x00Jr.").replace(", Sr.", "\x00Sr.").split()
        before = _TITLE_OF.search(text, max(0, m.start() - 40), m.start())
        if before is not None and len(words) >= 3:
            words = _after_title_of(words)
        core = core_name(words)
        if not core:
            continue
        # "Health" in "the Canadian Public Health Infobase" qualifies no person.
        title = words[len(words) - len(core) - 1].lower() if len(core) < len(words) else ""
        titled = (title in TITLES and title not in DOMAINS) or (before is not None)
        start = m.start() + m.group().index(core[0]) if core else m.start()
        name = " ".join(core).replace("\x00", ", ")
        person = looks_like_person(core, titled, alone)
        runs.append(NameRun(start, m.end(), name, person, titled))
    return runs


@cache
def _plain(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _MINOR)


class NameBook:
    """The text's names, to widen a surname to the fullest name the text gives."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs = name_runs(text)
        self.starts = [r.start for r in self.runs]
        self.persons = [r for r in self.runs if r.person]
        self.counts = Counter(r.name for r in self.persons)
        self._genders: dict[str, str] | None = None
        self._is_person: dict[str, bool] = {}

    def expand(self, short: str) -> str | None:
        """The full name a short one stands for in the text: an acronym ("ICC": "International
        Criminal Court"), a name given in brackets after it ("California Department of Forestry
        and Fire Protection (CalFire)"), or the last words of a longer name ("Police": "Thames
        Valley Police")."""
        for m in re.finditer(rf"\(\s*{re.escape(short)}\s*\)", self.text):
            listed = _LIST_BEFORE.search(self.text, max(0, m.start() - 160), m.start())
            if listed is not None and _initials(listed.group(1).replace(",", "").split()) == short:
                return listed.group(1)  # "United Nations Educational, Scientific and ..."
            body = _BODY_BEFORE.search(self.text, max(0, m.start() - 120), m.start())
            if body is not None:
                name = _LED.sub("", _THE_START.sub("", body.group(1)))
                words = name.split()
                for k in range(len(words)):  # "Leaders of the African Union (AU)"
                    if words[k].lower() not in _MINOR and _initials(words[k:]) == short:
                        return " ".join(words[k:])
                return name
        if short.isupper() and short.isalpha() and 2 <= len(short) <= 6:
            for run in self.runs:
                words = run.name.split()
                for k in range(len(words)):
                    if _initials(words[k:]) == short:
                        return " ".join(words[k:]) if k else run.name
        words = short.split()
        if words and words[0][:1].isupper():
            longer = [r.name for r in self.runs if r.name.split()[-len(words) :] == words]
            longest = max(longer, key=len, default=short)
            if len(longest.split()) > len(words) and not self.is_person(longest):
                return longest
            # "Ford": "Ford Motor Company", "Salling": "Salling Group" (a company's full name)
            fuller = [
                r.name
                for r in self.runs
                if r.name.split()[: len(words)] == words
                and r.name.split()[-1].lower().strip(".") in COMPANY_ENDINGS
            ]
            if fuller and not self.is_person(short):
                return max(fuller, key=len)
        return None

    def body_at(self, at: int) -> tuple[int, int] | None:
        """The capitalised name joined by "of", "and", "the" that holds `at`."""
        start = self.text.rfind("\n", 0, at) + 1
        for m in _BODY.finditer(self.text, max(start, at - 120), at + 200):
            if m.start() <= at < m.end():
                return m.start(), m.end()
        return None

    def name_end(self, at: int) -> int:
        """Where the name that holds `at` ends (see body_at)."""
        found = self.body_at(at)
        return found[1] if found else at

    def body_named(self, noun: str, at: int, limit: int = 3000) -> str | None:
        """The body last named before `at` whose name holds this noun ("the embassy": "US
        Embassy in London", "the archive": "Gun Violence Archive")."""
        best = None
        for m in _BODY.finditer(self.text, max(0, at - limit), at):
            name = _LED.sub("", _THE_START.sub("", m.group()))
            words = name.lower().split()
            if noun in words and len(words) > 1 and not self.is_person(name):
                best = name
        return best

    def full_name(self, name: str, at: int) -> str:
        """The longest person name ending with this name's last word, one named before `at`
        first; a single word may also open a name written family name first ("Kim Jong-Un")."""
        words = _plain(name).split()
        if not words:
            return name
        last = words[-1]
        best = name
        best_key: tuple[int, ...] = (0, 0, 0, len(words), 0, 0)
        for run in self.persons:
            # "Erdogan" is "Erdoğan": letters compared without their accents
            rw = _plain(_SUFFIX.sub("", run.name)).split()
            ends = rw[-1] == last and len(rw) >= len(words) and rw[-len(words) :] == words
            opens = len(words) == 1 and len(rw) > 1 and rw[0] == last
            if not (ends or opens):
                continue
            longer = ends and len(rw) > len(words)
            key = (run.start <= at, longer, opens, len(rw), run.titled, self.counts[run.name])
            if key > best_key:
                best, best_key = run.name, key
        return best

    def is_person(self, name: str) -> bool:
        known = self._is_person.get(name)
        if known is None:
            known = self._is_person[name] = self._judge_person(name)
        return known

    def _judge_person(self, name: str) -> bool:
        words = name.split()
        if not words or not (words[0][:1].isupper() and words[-1][:1].isupper()):
            return False
        if looks_like_person(words, False):
            return True
        full = self.full_name(name, 0)
        return len(full.split()) >= 2 and (
            full in self.counts or looks_like_person(full.split(), False)
        )

    def names_person(self, run: NameRun) -> bool:
        """Whether a run names a person: a person's name, or a surname alone ("Ingram") that
        the text gives in full elsewhere."""
        return run.person or (" " not in run.name and self.is_person(run.name))

    def runs_in(self, start: int, end: int) -> list[NameRun]:
        """The runs wholly inside text[start:end], in text order."""
        i, j = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [r for r in self.runs[i:j] if r.end <= end]

    def run_at(self, pos: int) -> NameRun | None:
        """The name run that covers text offset `pos`."""
        i = bisect_right(self.starts, pos) - 1
        return self.runs[i] if i >= 0 and pos < self.runs[i].end else None

    def gender(self, name: str) -> str | None:
        """The gender the text gives a person (by full name), or None."""
        if self._genders is None:
            triples = [(r.start, r.end, r.name) for r in self.persons]
            self._genders = gender.genders(self.text, triples, self.full_name)
        return self._genders.get(name)

    def title_before(self, run: NameRun) -> list[str]:
        """The words just before a name, lower case: its title ("state department spokesman")."""
        line = self.text.rfind("\n", 0, run.start) + 1
        words = self.text[max(line, run.start - 60) : run.start].lower().split()
        return [w.strip(".,’'") for w in words[-4:]]

    def person_before(
        self, at: int, limit: int = 1500, accept: Callable[[NameRun], bool] | None = None
    ) -> NameRun | None:
        """The nearest person name that ends before `at`, within `limit` characters."""
        i = bisect_right(self.starts, at) - 1
        while i >= 0:
            run = self.runs[i]
            if at - run.end > limit:
                return None
            if run.person and run.end <= at and (accept is None or accept(run)):
                return run
            i -= 1
        return None
