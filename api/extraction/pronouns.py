"""Who a pronoun stands for: the person or body the text last named or made speak, by gender
and number, the subject of its own sentence first."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from api.extraction import gender, topic
from api.extraction.lexicon import PRONOUNS, TITLES
from api.extraction.names import NameBook, NameRun
from api.extraction.types import Speaker

_WORD_BEFORE = re.compile(r"\b([a-z]+)\W*$")
_WORD_AFTER = re.compile(r"([’']s?\b)?\s*([a-z]*)")
_PREPOSITIONS = frozenset(
    """
    to by with from of for at on about against between among than toward towards under into
    like including as over after before behind beside via
""".split()  # noqa: SIM905 (a word list reads best as text)
)
_SENTENCE_START = re.compile(rf"{gender.SENTENCE_END.pattern}|\n\s*")  # or a new paragraph
# "Sameh Shoukry and his Greek, Cypriot and French counterparts, Nikos Dendias, ...": the
# names listed after it are his counterparts, so he is one of them
_THEIRS = re.compile(r" and (?:his|her|their) [^.;:]{0,60}[a-z]s,\s*$")
NEAR = 1500  # how far back (characters) a pronoun looks for whom it stands for


@dataclass
class Seen:
    at: int
    speaker: Speaker
    category: str  # person | group | body | joint
    gender: str | None = None


# Nouns that describe a person ("a defense ministry spokesman", "Emmett's mother").
PERSON_NOUNS = (
    TITLES
    | frozenset(
        """
    official officer expert analyst adviser advisor aide diplomat lawyer reporter journalist
    counsel girl boy man woman mother father wife husband son daughter sister brother friend
    witness resident survivor veteran author writer activist candidate nominee
""".split()  # noqa: SIM905 (a word list reads best as text)
    )
    | frozenset(gender.GENDER_OF)
)
# Lower-case words after a name that make it a modifier ("Trump adviser"), not a subject.
_MODIFIED = PERSON_NOUNS | frozenset(
    "administration campaign supporters team era family government aides allies".split()  # noqa: SIM905
)


def _fits(have: str | None, want: str | None) -> bool:
    return have is None or want is None or have == want


class Antecedents:
    """The mentions seen so far, and who a pronoun at a place in the text stands for."""

    def __init__(
        self,
        text: str,
        book: NameBook,
        quoted: list[tuple[int, int]],
        speaker_of: Callable[[NameRun], Speaker],
    ) -> None:
        self.text = text
        self.book = book
        self.quoted = quoted  # quotations: a name inside one is no pronoun's antecedent
        self.speaker_of = speaker_of
        self.seen: list[Seen] = []
        self.main = topic.main_run(text, book)
        self.sentences = [0] + [m.end() for m in _SENTENCE_START.finditer(text)]

    def sentence_around(self, at: int) -> tuple[int, int]:
        """The start and end of the sentence (or paragraph) that holds `at`."""
        i = bisect_right(self.sentences, at) - 1
        end = self.sentences[i + 1] if i + 1 < len(self.sentences) else len(self.text)
        return self.sentences[i], end

    def _recent(self, at: int, categories: tuple[str, ...], want: str | None) -> Seen | None:
        """The last mention before `at` of these categories and a gender that fits."""
        fits = [
            s
            for s in self.seen
            if s.at < at
            and at - s.at <= NEAR
            and s.category in categories
            and _fits(s.gender, want)
        ]
        return max(fits, key=lambda s: s.at) if fits else None

    def _quoted(self, run: NameRun, at: int) -> bool:
        """The name stands in a quotation that `at` is not in."""
        return any(a <= run.start < b and not a <= at < b for a, b in self.quoted)

    def _run_gender(self, run: NameRun) -> str | None:
        return self.book.gender(self.book.full_name(run.name, run.start))

    def find(self, pronoun: str, at: int) -> Speaker | None:
        """Who the pronoun at `at` stands for, or None when the text does not say."""
        want = PRONOUNS.get(pronoun.lower())
        if want is None:
            return None
        if want == "person":
            sex = gender.PRONOUN_GENDER.get(pronoun.lower())
            # In a quotation, a person the quotation itself names first ("Obama ... He
            # thought"): its speaker says "I", not "he".
            inner = next(((a, b) for a, b in self.quoted if a <= at < b), None)
            if inner is not None:
                named = self.book.person_before(
                    at,
                    at - inner[0],
                    lambda r: r.start >= inner[0] and _fits(self._run_gender(r), sex),
                )
                if named is not None:
                    return self.speaker_of(named)
            salient = self._salient(at, sex)
            if salient is not None:
                return salient
            best = self._recent(at, ("person",), sex)
            run = self.book.person_before(
                at, NEAR, lambda r: _fits(self._run_gender(r), sex) and not self._quoted(r, at)
            )
            main = self.main
            # A nearer person of unknown gender whose own sentence has an object pronoun of
            # this gender ("President Trump called her ...") yields to the text's main person
            # when the text gives that one the gender ("Karoline Leavitt ... her final day").
            if main is not None and main.start < at and sex and self._run_gender(main) == sex:
                if run is not None and (best is None or run.start > best.at):
                    near_end, near_sex = run.end, self._run_gender(run)
                else:
                    near_end, near_sex = (best.speaker.end, best.gender) if best else (at, None)
                if near_sex is None and gender.object_after(self.text, near_end, sex):
                    return self.speaker_of(main)
            # The last person who spoke wins over a later name, unless that name has a title
            # and the speaker is not known to have the pronoun's gender when the name is not.
            if run is not None and (
                best is None
                or (
                    run.start > best.at
                    and run.titled
                    and not (sex and best.gender == sex != self._run_gender(run))
                )
            ):
                return self.speaker_of(run)
            return best.speaker if best else None
        if want == "group":
            joint = self._recent(at, ("joint",), None)
            other = self._recent(at, ("group", "body"), None)
            pair = self._named_pair(at)
            latest = max((s.at for s in (joint, other) if s is not None), default=-1)
            if pair is not None and pair.end > latest:
                return pair
            if joint is not None and (other is None or joint.at > other.at):
                return joint.speaker
            return other.speaker if other else None
        best = self._recent(at, ("body", "group"), None)
        return best.speaker if best else None

    def _named_pair(self, at: int) -> Speaker | None:
        """People named together in this sentence or the one before ("Hunter and Beau came
        barging in ... “Come look!” they yelled"), for "they"."""
        i = bisect_right(self.sentences, at) - 1
        lo = max(self.sentences[max(0, i - 3)], at - 300)  # "Hurry!" ends a sentence too
        runs = [
            r
            for r in self.book.runs_in(self.sentences[max(0, i - 3)], at)
            if self.book.names_person(r) and not self._quoted(r, at)
        ]
        for k in range(len(runs) - 1, 0, -1):
            if runs[k - 1].start < lo:
                break
            if self._gap(runs[k - 1], runs[k]) != "and":
                continue
            first = k - 1  # "Shoukry, Dendias and Le Drian": the whole list
            while first > 0 and self._gap(runs[first - 1], runs[first]) == ",":
                first -= 1
            listed = runs[first : k + 1]
            theirs = _THEIRS.search(self.text, max(0, listed[0].start - 80), listed[0].start)
            owner = self.book.run_at(theirs.start() - 2) if theirs else None
            if owner is not None and self.book.names_person(owner):
                listed.insert(0, owner)
            names = [self.speaker_of(r).name for r in listed]
            name = f"{', '.join(names[:-1])} and {names[-1]}"
            a, b = listed[0], runs[k]
            return Speaker(self.text[a.start : b.end], a.start, b.end, name, None)
        return None

    def _gap(self, a: NameRun, b: NameRun) -> str:
        """What joins two names in a list: "and" or "," (", and" is "and")."""
        gap = self.text[a.end : b.start].strip()
        return "and" if gap in ("and", ", and") else gap

    def _salient(self, at: int, sex: str | None) -> Speaker | None:
        """The person a subject pronoun most likely stands for: the first person its own
        sentence names before it, else the first one the sentence before names, and so on back
        (a sentence's subject comes first far more often than not). Names in quotations, after
        a preposition ("Speaking to Martin Smith"), possessives ("Obama's vice president") and
        names used as modifiers ("Trump adviser") are passed over; a person the text gives
        this pronoun's gender goes before one it gives none."""
        sentences = self.sentences
        i = bisect_right(sentences, at) - 1
        for k in range(i, max(-1, i - 4), -1):
            lo = sentences[k]
            hi = at if k == i else sentences[k + 1]
            if at - lo > NEAR:
                return None
            if k < i and sex and gender.opens_with(self.text, lo, sex):
                continue  # "She was also married to ...": the same "she" as before
            people = [
                (self._run_gender(r) != sex, r.start, r.end, self.speaker_of(r))
                for r in self.book.runs_in(lo, hi)
                if self.book.names_person(r)
                and not self._quoted(r, at)
                and _fits(self._run_gender(r), sex)
                and self._subject_like(r.start, r.end)
                # "Houthi military spokesperson Yahya Sarea": the speaker, not a word of
                # the description that names them
                and not any(s.at <= r.start and r.end < s.speaker.end for s in self.seen)
            ]
            people += [
                (s.gender != sex, s.at, s.speaker.end, s.speaker)
                for s in self.seen
                if lo <= s.at < hi and s.category == "person" and _fits(s.gender, sex)
            ]
            spoke = [
                s
                for s in self.seen
                if lo <= s.at < hi
                and s.category == "person"
                and _fits(s.gender, sex)
                and k < i
                and s.speaker.text.lower() not in PRONOUNS
            ]
            if sex and len({s.speaker.name for s in spoke}) > 1:
                # "Duda said ... while Brudziński wrote ... He tweeted": of the sentence
                # before, the one who spoke last
                last = max(spoke, key=lambda s: s.at)
                return last.speaker
            if people:
                unsure, _, end, speaker = min(people, key=lambda p: (p[0], p[1]))
                main = self.main
                # One of unknown gender whose own sentence has an object pronoun of this
                # gender ("President Trump called her ...") yields to the text's main person
                # when the text gives that one the gender ("Karoline Leavitt ... her final day").
                if (
                    unsure
                    and sex
                    and main is not None
                    and main.start < at
                    and self._run_gender(main) == sex
                    and gender.object_after(self.text, end, sex)
                ):
                    return self.speaker_of(main)
                return speaker
        return None

    def _subject_like(self, start: int, end: int) -> bool:
        before = _WORD_BEFORE.search(self.text, max(0, start - 20), start)
        after = _WORD_AFTER.match(self.text, end)
        return not (
            (before is not None and before.group(1) in _PREPOSITIONS)
            or (after is not None and (after.group(1) or after.group(2) in _MODIFIED))
        )
