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
- A matched quote's *speaker is right* when the suggested mention overlaps the gold mention by
  at least one character and the speaker names are equal after case folding and collapsing
  whitespace (both None counts as equal only for the mention-less case, which is not scored).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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


def normalise_name(name: str | None) -> str | None:
    return " ".join(name.split()).casefold() if name is not None else None


def speaker_right(gold: Item, pred: Item) -> bool:
    """The suggested mention overlaps the gold one and names the same speaker."""
    if gold.speaker_start is None or gold.speaker_end is None:
        return False
    if pred.speaker_start is None or pred.speaker_end is None:
        return False
    shared = min(gold.speaker_end, pred.speaker_end) - max(gold.speaker_start, pred.speaker_start)
    return shared > 0 and normalise_name(gold.speaker_name) == normalise_name(pred.speaker_name)


_TITLE_WORDS = frozenset(
    ("president", "mr", "mrs", "ms", "dr", "secretary", "general", "senator", "sen", "king")
)


def surname(name: str | None) -> str | None:
    """The last word of a name, without titles, notes in brackets, punctuation or "Jr."."""
    if name is None:
        return None
    name = re.sub(r"\(.*?\)", " ", name)
    words = [w for w in re.findall(r"[\w’'-]+", name.casefold()) if w not in _TITLE_WORDS]
    words = [w for w in words if w not in ("jr", "sr", "ii", "iii")]
    return words[-1] if words else None


def speaker_right_lenient(gold: Item, pred: Item) -> bool:
    """A diagnostic, not a goal: the mentions overlap and the names end in the same word."""
    if None in (gold.speaker_start, gold.speaker_end, pred.speaker_start, pred.speaker_end):
        return False
    shared = min(gold.speaker_end, pred.speaker_end) - max(gold.speaker_start, pred.speaker_start)
    return shared > 0 and surname(gold.speaker_name) == surname(pred.speaker_name) is not None


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
