"""Matching suggested quotes to annotated ones, and the scores `make eval` prints.

Definitions (the same for the fixtures and for eval/dev and eval/test):

- An *item* is a span of a text (``start``/``end``, Python ``str`` indices, end exclusive) with a
  ``kind`` (direct, partial, block, reported) and, when known, a speaker mention span, a speaker
  name and an actor id.
- ``overlap(g, p)`` is the number of characters the two spans share.
- ``coverage(g, p) = overlap(g, p) / len(g)``: the share of the *gold* span's characters the
  suggestion covers (as in the Gender Gap Tracker's evaluation). A longer suggestion is not
  penalised by coverage; it is by the one-to-one matching, which lets it stand for one gold item.
- Kind *families*: ``direct`` and ``block`` are one family (quotations; a quotation run over
  paragraphs is direct to one annotator and block to another), ``partial`` and ``reported`` are
  each their own. ``compatible`` says whether two kinds may match.
- ``match`` pairs gold and suggested items one-to-one, greedily: every compatible pair with
  coverage >= the threshold is a candidate; candidates are taken in order of coverage (highest
  first), then overlap (largest first), then position, and a pair is kept when neither its gold
  item nor its suggestion is already in a kept pair.
- Precision = matched suggestions / suggestions, recall = matched gold items / gold items,
  F1 their harmonic mean; a ratio with nothing to count is None (printed as n/a).
- A matched quote's *speaker is right* when the suggested mention overlaps the gold one and the
  names denote the same person or body (``speaker_right``): eval/README.md, "How speakers are
  scored". Gold items with no mention or no name are not scored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

FAMILY = {"direct": "quotation", "block": "quotation", "partial": "partial", "reported": "reported"}
ATTRIBUTED = ("direct", "block", "reported", "partial")


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    kind: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    actor: str | None = None
    speaker_text: str | None = None  # the mention's words
    names: TextNames | None = field(default=None, compare=False, repr=False)  # the text's names

    @property
    def attributed(self) -> bool:
        """Attributed speech: direct, block and reported, and partial quotes with a speaker."""
        return self.kind != "partial" or self.speaker_name is not None


@dataclass(frozen=True)
class Score:
    matched_gold: int
    gold: int
    matched_pred: int
    pred: int

    @property
    def precision(self) -> float | None:
        return self.matched_pred / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def overlap(a: Item, b: Item) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def coverage(gold: Item, pred: Item) -> float:
    length = gold.end - gold.start
    return overlap(gold, pred) / length if length > 0 else 0.0


def same_family(gold_kind: str, pred_kind: str) -> bool:
    return FAMILY.get(gold_kind) == FAMILY.get(pred_kind)


def any_kind(gold_kind: str, pred_kind: str) -> bool:
    return True


def match(
    gold: Sequence[Item],
    pred: Sequence[Item],
    threshold: float,
    compatible: Callable[[str, str], bool] = same_family,
) -> list[tuple[int, int]]:
    """One-to-one greedy pairs (gold index, suggestion index); see the module docstring."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if not compatible(g.kind, p.kind):
                continue
            cov = coverage(g, p)
            if cov >= threshold and overlap(g, p) > 0:
                candidates.append((-cov, -overlap(g, p), gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def score(
    gold: Sequence[Item],
    pred: Sequence[Item],
    pairs: Iterable[tuple[int, int]],
    gold_kinds: Iterable[str] | None = None,
    pred_kinds: Iterable[str] | None = None,
) -> Score:
    """Counts for the gold items and suggestions of the given kinds (all kinds when None)."""
    gk = set(gold_kinds) if gold_kinds is not None else None
    pk = set(pred_kinds) if pred_kinds is not None else None
    pairs = list(pairs)
    g_in = [i for i, g in enumerate(gold) if gk is None or g.kind in gk]
    p_in = [i for i, p in enumerate(pred) if pk is None or p.kind in pk]
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    return Score(
        sum(1 for i in g_in if i in matched_g),
        len(g_in),
        sum(1 for i in p_in if i in matched_p),
        len(p_in),
    )


_NOTE = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Titles and honorifics dropped from the front of a name ("President", "Mr.", "Secretary").
_HONORIFICS = """
    president vice prime minister premier chancellor secretary general attorney mr mrs ms miss
    mx dr prof professor sen senator rep representative congressman congresswoman gov governor
    mayor king queen prince princess his her majesty royal highness excellency sir dame lord
    lady first saint st rev reverend pope ambassador judge justice chief adm admiral gen col lt
    sgt capt maj dept deputy
"""
HONORIFICS = frozenset(_HONORIFICS.split())
SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
PRONOUNS = frozenset("i me my we us our you he him his she her they them their it its".split())  # noqa: SIM905
_DESCRIPTION_NOTE = re.compile(r"\bunnamed\b|\bnot (?:named|identified)\b", re.IGNORECASE)
# Words that open a description rather than a name ("a spokesman", "one little girl").
_OPENERS = frozenset("a an the this that these those his her their its our my some many".split())  # noqa: SIM905
_OPENERS |= {"one", "two"}
# Capitalised words that open a sentence or a phrase, never a given name.
_STARTERS = """
    and or but of in on at to for from by with as when while after before since if then so
    today yesterday now former late new old dear mister madam sleepy later earlier also
    meanwhile however there here it we they he she i you who what why how where said says
"""
_NOT_GIVEN = HONORIFICS | _OPENERS | frozenset(_STARTERS.split())


def name_words(name: str | None) -> tuple[str, ...]:
    """A name's words, normalised: case folded, notes in brackets, punctuation, a possessive,
    leading "the" and titles/honorifics, generational suffixes and middle initials removed.
    "President Joseph R. Biden, Jr." and "Joseph Biden" give ("joseph", "biden")."""
    if not name:
        return ()
    text = _NOTE.sub(" ", name).replace("\u2019", "'").replace("\u2018", "'").casefold()
    words = [w[:-2] if w.endswith("'s") else w for w in _WORD.findall(text)]
    while words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    words = [w for w in words if w not in SUFFIXES] or words
    return tuple(w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1))


class TextNames:
    """Who a text names: for each surname, the given names written before it ("Jill Biden")."""

    def __init__(self, text: str) -> None:
        self.given: dict[str, set[str]] = {}
        caps = r"[A-Z][\w'\u2019-]*"
        pattern = rf"(?<![\w.'\u2019-])(?=({caps})\.?(?:\s+[A-Z]\.)*\s+({caps}))"
        for m in re.finditer(pattern, text):
            given, last = name_words(m.group(1)), name_words(m.group(2))
            ok = len(given) == len(last) == 1 and not m.group(1).isupper()
            if ok and len(given[0]) > 1 and given[0] not in _NOT_GIVEN:
                self.given.setdefault(last[0], set()).add(given[0])

    def others(self, surname: str, full: tuple[str, ...]) -> bool:
        """Whether the text names a person of this surname other than `full`."""
        return bool(self.given.get(surname, set()) - {full[0]})


def same_person(gold: str | None, pred: str | None, names: TextNames | None = None) -> bool:
    """The two names denote the same person or body (see "How speakers are scored")."""
    g, p = name_words(gold), name_words(pred)
    if not g or not p:
        return False
    if g == p:
        return True
    short, full = (g, p) if len(g) < len(p) else (p, g)
    if len(short) != 1 or short[0] != full[-1]:
        return False
    return names is None or not names.others(full[-1], full)


def _members(name: str) -> list[str]:
    return [m for m in re.split(r",?\s+(?:and|&)\s+", _NOTE.sub(" ", name)) if m.strip()]


def same_speaker(gold: str | None, pred: str | None, names: TextNames | None = None) -> bool:
    """Names equal by same_person; joint speakers ("A and B") member by member, in any order."""
    if same_person(gold, pred, names):
        return True
    g, p = _members(gold or ""), _members(pred or "")
    if len(g) < 2 or len(g) != len(p):
        return False
    left = list(p)
    for member in g:
        hit = next((x for x in left if same_person(member, x, names)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def is_description(name: str | None, mention: str | None = None) -> bool:
    """A name that describes rather than names: "a defense ministry spokesman", or the
    mention's own words when they are not a pronoun."""
    words = _WORD.findall(_NOTE.sub(" ", name or ""))
    if not words or (len(words) == 1 and words[0].casefold() in PRONOUNS):
        return False
    if mention is not None and name_words(name) == name_words(mention):
        return True
    return words[0].casefold() in _OPENERS or any(w[0].islower() for w in words)


def _mentions_overlap(gold: Item, pred: Item) -> bool:
    if None in (gold.speaker_start, gold.speaker_end, pred.speaker_start, pred.speaker_end):
        return False
    return min(gold.speaker_end, pred.speaker_end) > max(gold.speaker_start, pred.speaker_start)


def speaker_right(gold: Item, pred: Item) -> bool:
    """The suggested mention overlaps the gold one, and names the same person or body."""
    if not _mentions_overlap(gold, pred):
        return False
    if same_speaker(gold.speaker_name, pred.speaker_name, gold.names):
        return True
    # A speaker the text never names ("unnamed experts", "the special counsel (not named in
    # the text)"): right when the suggestion describes it rather than naming someone.
    if _DESCRIPTION_NOTE.search(gold.speaker_name or ""):
        return is_description(pred.speaker_name, pred.speaker_text)
    return False


def surname(name: str | None) -> str | None:
    """The last word of a name, without titles, notes in brackets, punctuation or "Jr."."""
    if name is None:
        return None
    skip = ("president", "mr", "mrs", "ms", "dr", "secretary", "general", "senator", "sen", "king")
    name = re.sub(r"\(.*?\)", " ", name)
    words = [w for w in re.findall(r"[\w’'-]+", name.casefold()) if w not in skip]
    words = [w for w in words if w not in ("jr", "sr", "ii", "iii")]
    return words[-1] if words else None


def speaker_right_lenient(gold: Item, pred: Item) -> bool:
    """A diagnostic, not a goal: the mentions overlap and the names end in the same word."""
    return (
        _mentions_overlap(gold, pred)
        and surname(gold.speaker_name) == surname(pred.speaker_name) is not None
    )


def speaker_accuracy(
    gold: Sequence[Item],
    pred: Sequence[Item],
    pairs: Iterable[tuple[int, int]],
    right_if: Callable[[Item, Item], bool] = speaker_right,
) -> tuple[int, int]:
    """(right, scored) over matched pairs whose gold item has a speaker mention and a name."""
    right = scored = 0
    for gi, pi in pairs:
        g = gold[gi]
        if g.speaker_start is None or g.speaker_name is None:
            continue
        scored += 1
        right += right_if(g, pred[pi])
    return right, scored


def actor_accuracy(
    gold: Sequence[Item],
    pred: Sequence[Item],
    pairs: Iterable[tuple[int, int]],
    kinds: Sequence[str],
) -> tuple[int, int]:
    """(right, scored) over matched pairs of gold items of these kinds: the same actor id."""
    right = scored = 0
    for gi, pi in pairs:
        if gold[gi].kind not in kinds:
            continue
        scored += 1
        right += gold[gi].actor is not None and gold[gi].actor == pred[pi].actor
    return right, scored


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
