"""Who a mention is: pronouns and surnames resolved to full names, linked to known actors."""

from __future__ import annotations

import re
from itertools import takewhile
from typing import Any

from api.extraction import gender, sources, topic, turns
from api.extraction.lexicon import STARTERS, TITLES
from api.extraction.linking import ActorIndex
from api.extraction.names import DESCRIBED_BY, NameBook, NameRun, core_name
from api.extraction.pronouns import NEAR, PERSON_NOUNS, Antecedents, Seen
from api.extraction.types import Speaker

_POSSESSIVE = re.compile(r"[’']s?$")
_THE = re.compile(r"^(?:the|The)\s+")
FIRST_PERSON = frozenset(("i", "me", "we", "us"))
_JOINED = re.compile(r" (?:of|on|for) ")
_OPEN_NOTE = re.compile(r"\s*\([^)]*$")  # "Royal Canadian Mounted Police (RCMP"
# "Court of Session in Scotland": a body whose name says what it is, then where it sits
# (where "US Embassy in London" needs its place)
_LOCATED = re.compile(r"^(.*\b(?:of|for) .+?) in (?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*$")
# "Turkey's Disaster and Emergency Management Presidency": a name of three words or more needs
# no owner, where "South Korea's Defense Ministry" does
_OWNER = re.compile(r"^([A-Z][\w.-]*(?: [A-Z][\w.-]*)?)['’]s (?=\S+ \S+ \S+)")
_AGED = re.compile(r"^\d+-year-old\s+")  # "47-year-old Matovič's government office"
# "Kurdish-led Syrian Democratic Forces", "UK-based retailer Tesco": a description, no name
_LOWER_LEAD = re.compile(r"^(?:[a-z][\w-]*\s+)+(?=[A-Z])")
# ... and each of a pair: "UK-based retailer Tesco and Denmark-based retailer Salling Group"
_DESCRIBED = re.compile(rf"(?:^(?:[Tt]he )?|(?<= and ))\S+{DESCRIBED_BY}(?:[a-z]+\s+)*")


# Papers that "the ..." points back to, issued by someone the text named ("the statement")
_PAPERS = frozenset(
    ("statement", "filing", "decree", "release", "notice", "letter", "memo", "report", "study")
)
# Plural nouns for two people just named together ("the two leaders", "both presidents").
_PAIR_NOUNS = frozenset(("leaders", "presidents", "ministers", "heads", "sides", "men", "women"))


class Resolver:
    """Names speaker mentions in text order, remembering them for the pronouns that follow."""

    def __init__(
        self,
        text: str,
        book: NameBook,
        actors: ActorIndex,
        quoted: list[tuple[int, int]] | None = None,
        paragraphs: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.quoted = quoted or []
        self.book = book
        self.actors = actors
        self.author = topic.author(text, book)
        self.turns = turns.Turns(
            text,
            paragraphs or [],
            lambda label: turns.label_name(label, self.author, lambda n: book.full_name(n, 0)),
        )
        self.pronouns = Antecedents(text, book, self.quoted, self._speaker)
        self.main = self.pronouns.main
        self.sentences = self.pronouns.sentences

    def _category(self, name: str, head: str, head_tag: str, actor_kind: str | None) -> str:
        if actor_kind:
            return "person" if actor_kind == "person" else "group"
        if self.book.is_person(name) or head.lower() in PERSON_NOUNS:
            return "person"
        return "group" if head_tag.endswith("S") else "body"

    def _speaker(self, run: NameRun, mention: tuple[int, int] | None = None) -> Speaker:
        start, end = mention or (run.start, run.end)
        name = self.book.full_name(run.name, run.start)
        return Speaker(self.text[start:end], start, end, name, self.actors.link(name, run.name))

    def _titled(self, noun: str, at: int, modifiers: tuple[str, ...] = ()) -> NameRun | None:
        """The person last named with this title before `at` ("the President", "the envoy");
        "the local health minister" is no "civil aviation minister"."""
        noun = noun.lower()

        def fits(run: NameRun) -> bool:
            title = self.book.title_before(run)
            return noun in title and all(m in title for m in modifiers)

        return self.book.person_before(at, 4000, fits)

    def _pair(self, at: int) -> str | None:
        """The two people last named before `at`, for "the two leaders"."""
        names: list[str] = []
        i = at
        while len(names) < 2:
            run = self.book.person_before(i, NEAR)
            if run is None:
                return None
            name = self.book.full_name(run.name, run.start)
            if name not in names:
                names.append(name)
            i = run.start
        return f"{names[1]} and {names[0]}"

    def resolve(self, tokens: list[Any], head: Any, start: int, end: int) -> Speaker | None:
        """The speaker a mention (its tokens, head and span in the text) stands for."""
        mention = self.text[start:end]
        if head.lower_ in FIRST_PERSON or head.lower_ == "you":
            # "I said" is the writer's own voice, unless the text is someone's remarks or a
            # transcript turn; "you" is someone only in a question, the one it is put to.
            turn = self.turns.at(start)
            if head.lower_ == "you":
                who = self.turns.addressee(start) if turn and turn.asking else None
            else:
                who = turn.name if turn else self.author
            if who is None:
                return None
            return Speaker(mention, start, end, who, self.actors.link(who))
        if head.tag_.startswith("PRP"):
            found = self.pronouns.find(head.text, start)
            name = found.name if found else mention
            actor = found.actor if found else None
            speaker = Speaker(mention, start, end, name, actor)
            if found:
                self.remember(speaker, start, head.text, head.tag_)
            return speaker
        run = self.book.run_at(end - 1)
        tag = head.tag_
        if (
            tag in ("NN", "NNS", "VB", "VBD", "VBZ", "VBP")
            and head.text[:1].isupper()
            and self.book.is_person(head.text)
        ):
            tag = "NNP"  # a surname the tagger reads as a common noun ("Trump", "Day")
        proper = []
        for tok in tokens:
            if tok.tag_ in ("NNP", "NNPS") or (tok is head and tag == "NNP"):
                proper.append(_POSSESSIVE.sub("", tok.text))
            elif tok.i < head.i:
                proper = []
        words = [t.lower_ for t in tokens]
        if head.lower_ in _PAIR_NOUNS and ("two" in words or "both" in words or "the" in words):
            pair = self._pair(start)
            if pair is not None:
                speaker = Speaker(mention, start, end, pair, None)
                self.pronouns.seen.append(Seen(start, speaker, "joint"))
                return speaker
        core = core_name(proper) if proper else []
        # "the Directorate General of Civil Aviation", "the National Conference of State
        # Legislatures": a body's name joined by "of", "on", "for" names no person.
        body = self.book.body_at(end - 1)
        joined = (
            body is not None
            and _JOINED.search(self.text, body[0], end) is not None
            and not (run is not None and run.titled)  # "Prime Minister of Canada Justin ..."
        )
        lead = self.book.run_at(start)
        if tag == "NNP" and run is not None and run.person and run.end >= end and not joined:
            name = self.book.full_name(run.name, start)
        elif lead is not None and lead.person and self.text.startswith(" of ", lead.end):
            name = self.book.full_name(lead.name, start)  # "Jennifer Lu of Marriage Equality"
        elif tag.startswith("NNP") and head.lower_ not in TITLES:
            if not joined and self.book.is_person(" ".join(core) or head.text):
                name = self.book.full_name(" ".join(core or [head.text]), start)
            else:  # a body, by its own words: "South Korea’s Defense Ministry"
                name = _THE.sub("", _POSSESSIVE.sub("", mention))
                if body is not None and (joined or body[1] > end):
                    first = body[0] if joined else max(start, body[0])
                    name = _THE.sub("", self.text[first : body[1]])
                opener = name.split(" ", 1)
                if len(opener) == 2 and opener[0].lower() in STARTERS:
                    # "Yesterday the Bavarian State Ministry", "On Friday Ford Motor Company"
                    name = _THE.sub("", opener[1])
                name = _POSSESSIVE.sub("", _OPEN_NOTE.sub("", name))
                name = _THE.sub("", self.book.expand(name) or name)
                name = self._unowned(_LOCATED.sub(r"\1", name))
        elif tag.startswith("NN") or tag == "CD":
            # "Another expert, Bong Young-shik," / "a former president named Abraham Lincoln"
            # / "One of these groups, the Syrian Democratic Forces (SDF),"
            appos = next(
                (c for c in head.rights if c.dep_ == "appos" and c.tag_ in ("NNP", "NNPS")),
                next(
                    (
                        g
                        for c in head.rights
                        if c.dep_ == "acl" and c.lower_ in ("named", "called")
                        for g in c.children
                        if g.tag_ == "NNP" and g.dep_ in ("oprd", "dobj", "attr", "xcomp")
                    ),
                    None,
                ),
            )
            definite = any(t.lower_ in ("the", "this", "that") for t in head.lefts)
            kin = any(t.lower_ in ("his", "her", "their") for t in head.lefts)
            modifiers = tuple(t.lower_ for t in head.lefts if t.dep_ in ("amod", "compound"))
            titled = (
                self._titled(head.text, start, modifiers)
                if (definite and head.lower_ in TITLES)
                or (kin and head.lower_ in PERSON_NOUNS)  # "his daughter": "his daughter Nettie"
                else None
            )
            if (
                run is not None
                and run.person
                and run.end >= end - 1
                and run.start > start
                and not joined
            ):
                name = self.book.full_name(run.name, start)  # the name in apposition
            elif appos is not None:
                # up to a note in brackets: "the Syrian Democratic Forces (SDF)"
                words = list(takewhile(lambda w: w != "(", (t.text for t in appos.subtree)))
                name = self.book.full_name(" ".join(core_name(words)), start)
            elif titled is not None and not any(
                t.tag_ == "NNP" and t.lower_ not in TITLES for t in tokens
            ):
                name = self.book.full_name(titled.name, titled.start)
            else:
                name = _POSSESSIVE.sub("", mention)
                owned = any(t.dep_ == "poss" for t in head.lefts)  # "Day's animal foundation"
                # "a fire service statement": the body that issued it
                issued = head.dep_ == "compound" and head.head.lower_ in sources.DOCUMENTS
                described = definite or owned or issued or head.text[:1].isupper()
                if described and head.lower_ not in PERSON_NOUNS:
                    named = self.book.body_named(head.lower_, start)
                    name = self._unowned(named) if named else name
                owner = next((t for t in head.lefts if t.dep_ == "poss"), None)
                if owner is not None and name == _POSSESSIVE.sub("", mention):
                    name = self._owned(mention, owner.text, start)
                elif definite and name == mention and head.lower_ in _PAPERS:
                    name = self._issuer(head.lower_, start) or name
        else:  # "WHO said": an acronym the tagger took for a pronoun
            name = _THE.sub(
                "", (self.book.expand(mention) if mention.isupper() else None) or mention
            )
        describes = tag == "NNP" or head.lower_ in PERSON_NOUNS or head.tag_ == "CD"
        if describes and not joined and not self.book.is_person(name):
            # "The then-manager of Barmouth Publicity ..., David Clay,", "a Republican, Mark
            # Amodei,": a description of someone that ends in their name is that person.
            bare = start + len(_OPEN_NOTE.sub("", mention).rstrip(" ,"))  # "Stardom (Stardom"
            inner = self.book.person_before(
                end + 1, end - start, lambda r: r.start >= start and r.end >= bare - 1
            )
            if inner is not None:
                name = self.book.full_name(inner.name, inner.start)
        name = _DESCRIBED.sub("", _AGED.sub("", _OPEN_NOTE.sub("", name))) or name
        if tag.startswith("NNP"):
            name = _LOWER_LEAD.sub("", name) or name  # "aware Electronic Frontier Foundation"
        actor = self.actors.link(name, mention, " ".join(proper))
        speaker = Speaker(mention, start, end, name, actor)
        self.remember(speaker, start, head.text, tag)
        return speaker

    def _issuer(self, paper: str, at: int) -> str | None:
        """Who issued the paper that "the statement" points back to: the first speaker named
        in the sentence that last mentioned one ("Trump, in a statement ..., announced ...
        The statement also said ...")."""
        found = None
        for m in re.finditer(rf"\b{paper}\b", self.text, re.IGNORECASE):
            if m.start() >= at:
                break
            found = m.start()
        if found is None:  # "... confirmed a case. The man is isolated, the report said"
            found = self.pronouns.sentence_around(at)[0] - 1
            if found < 0:
                return None
        lo, hi = self.pronouns.sentence_around(found)
        first = next(
            (s for s in self.pronouns.seen if lo <= s.at < hi and s.speaker.name != s.speaker.text),
            None,
        )
        return first.speaker.name if first else None

    def _unowned(self, name: str) -> str:
        """A body's name without a place that owns it, when the name stands on its own."""
        owner = _OWNER.match(name)
        if owner is None or self.book.is_person(owner.group(1)):
            return name
        return name[owner.end() :]

    def _owned(self, mention: str, owner: str, at: int) -> str:
        """ "Erdogan's office" is "Recep Tayyip Erdoğan's office": the owner by full name."""
        if not self.book.is_person(owner):
            return _POSSESSIVE.sub("", mention)
        full = self.book.full_name(owner, at)
        return _THE.sub("", mention.replace(owner, full, 1))

    def joint(self, parts: list[Speaker]) -> Speaker:
        """One speaker for a coordinated subject ("President Biden and President Xi")."""
        start, end = parts[0].start, parts[-1].end
        name = " and ".join(p.name for p in parts)
        speaker = Speaker(self.text[start:end], start, end, name, None)
        self.pronouns.seen.append(Seen(start, speaker, "joint"))
        return speaker

    def remember(self, speaker: Speaker, at: int, head: str = "", head_tag: str = "NNP") -> None:
        if not head_tag.startswith(("NN", "PRP")):
            return  # "implying", "That": a misparsed subject is no one a pronoun stands for
        kind = speaker.actor.kind if speaker.actor else None
        category = self._category(speaker.name, head, head_tag, kind)
        sex = self.book.gender(speaker.name) or gender.of_word(head)
        self.pronouns.seen.append(Seen(at, speaker, category, sex))

    def is_person(self, speaker: Speaker) -> bool:
        return self.book.is_person(speaker.name)

    def named_in(self, start: int, end: int) -> Speaker | None:
        """The first person named in text[start:end], as a speaker."""
        run = next((r for r in self.book.runs_in(start, end) if self.book.names_person(r)), None)
        return self._speaker(run) if run is not None else None

    def principal(self) -> Speaker | None:
        """The main person as a speaker, at the mention that names them."""
        return self._speaker(self.main) if self.main is not None else None

    def named(self, name: str, start: int, end: int) -> Speaker:
        """A speaker from a bare name in the text (a byline)."""
        full = self.book.full_name(name, start)
        speaker = Speaker(self.text[start:end], start, end, full, self.actors.link(full, name))
        self.remember(speaker, start)
        return speaker
