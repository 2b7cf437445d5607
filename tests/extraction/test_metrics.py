"""eval/metrics.py: coverage, one-to-one greedy matching, scores and speaker accuracy."""

from __future__ import annotations

from eval.metrics import (
    Item,
    TextNames,
    any_kind,
    coverage,
    is_description,
    match,
    name_words,
    same_person,
    same_speaker,
    score,
    speaker_accuracy,
    speaker_right,
    speaker_right_lenient,
)


def test_coverage_is_over_the_gold_length() -> None:
    gold = Item(10, 20, "direct")
    assert coverage(gold, Item(10, 20, "direct")) == 1.0
    assert coverage(gold, Item(0, 100, "direct")) == 1.0
    assert coverage(gold, Item(15, 30, "direct")) == 0.5
    assert coverage(gold, Item(30, 40, "direct")) == 0.0


def test_kind_families() -> None:
    gold = [Item(0, 10, "direct")]
    assert match(gold, [Item(0, 10, "block")], 0.8) == [(0, 0)]
    assert match(gold, [Item(0, 10, "partial")], 0.8) == []
    assert match(gold, [Item(0, 10, "reported")], 0.8) == []
    assert match(gold, [Item(0, 10, "reported")], 0.8, any_kind) == [(0, 0)]


def test_threshold() -> None:
    gold = [Item(0, 10, "reported")]
    pred = [Item(5, 10, "reported")]
    assert match(gold, pred, 0.8) == []
    assert match(gold, pred, 0.3) == [(0, 0)]


def test_one_to_one_greedy_by_coverage() -> None:
    gold = [Item(0, 10, "direct"), Item(12, 20, "direct")]
    # One long suggestion covers both; the exact one wins the second gold item.
    pred = [Item(0, 20, "direct"), Item(12, 20, "direct")]
    assert match(gold, pred, 0.8) == [(0, 0), (1, 1)]
    # Only one suggestion: it can stand for one gold item only.
    assert len(match(gold, [Item(0, 20, "direct")], 0.8)) == 1


def test_scores() -> None:
    gold = [Item(0, 10, "direct"), Item(20, 30, "reported")]
    pred = [Item(0, 10, "direct"), Item(40, 50, "reported"), Item(60, 70, "partial")]
    pairs = match(gold, pred, 0.8)
    s = score(gold, pred, pairs)
    assert (s.matched_gold, s.gold, s.matched_pred, s.pred) == (1, 2, 1, 3)
    assert s.precision == 1 / 3 and s.recall == 0.5
    assert abs(s.f1 - 0.4) < 1e-9
    r = score(gold, pred, pairs, ["reported"], ["reported"])
    assert (r.recall, r.precision) == (0.0, 0.0) and r.f1 == 0.0
    empty = score([], [], [])
    assert empty.precision is None and empty.recall is None and empty.f1 is None


def test_speaker_right_needs_overlap_and_same_name() -> None:
    gold = Item(0, 10, "direct", 20, 29, "Anders Fogh Rasmussen")
    assert speaker_right(gold, Item(0, 10, "direct", 20, 29, "anders  fogh rasmussen"))
    assert not speaker_right(gold, Item(0, 10, "direct", 40, 49, "Anders Fogh Rasmussen"))
    assert not speaker_right(gold, Item(0, 10, "direct", 20, 29, "Lars Rasmussen"))
    assert not speaker_right(gold, Item(0, 10, "direct"))


def test_names_are_compared_without_titles_suffixes_and_middle_initials() -> None:
    assert name_words("President Joseph R. Biden, Jr.") == ("joseph", "biden")
    assert name_words("the Kremlin (Russian government)") == ("kremlin",)
    assert name_words("Kim Jong-Un") == name_words("Kim Jong Un")
    assert same_person("President Joseph R. Biden, Jr.", "Joseph Biden")
    assert same_person("Robert F. Kennedy Jr.", "Secretary Robert F. Kennedy, Jr.")
    assert same_person("Mrs. Barbara Bush", "Barbara Bush")
    assert not same_person("Joe Biden", "Jill Biden")
    assert not same_person("Donald J. Trump", "Xi Jinping")


def test_a_surname_alone_matches_when_the_text_names_no_one_else_by_it() -> None:
    gold = Item(0, 10, "direct", 20, 29, "Anders Fogh Rasmussen", names=TextNames("Mr. Rasmussen"))
    assert speaker_right(gold, Item(0, 10, "direct", 20, 29, "Rasmussen"))
    names = TextNames("Jill Biden met Joe Biden. Biden said so.")
    assert same_person("Joe Biden", "Joe Biden", names)
    assert not same_person("Joe Biden", "Biden", names)
    assert same_person("Donald J. Trump", "Trump", TextNames("President Donald J. Trump spoke."))


def test_joint_speakers_match_member_by_member() -> None:
    gold = "Joseph R. Biden, Jr. and Xi Jinping"
    assert same_speaker(gold, "Xi Jinping and President Joseph R. Biden")
    assert not same_speaker(gold, "Joseph R. Biden, Jr.")


def test_unnamed_speakers_match_a_description_at_the_same_mention() -> None:
    gold = Item(0, 10, "direct", 20, 30, "unnamed South Korean Defense Ministry spokesman")
    described = Item(0, 10, "direct", 20, 30, "a defense ministry spokesman")
    assert speaker_right(gold, described)
    assert speaker_right(gold, Item(0, 10, "direct", 20, 22, "Experts", speaker_text="Experts"))
    assert not speaker_right(gold, Item(0, 10, "direct", 20, 22, "He", speaker_text="He"))
    assert not speaker_right(gold, Item(0, 10, "direct", 20, 30, "Youmi Kim"))
    assert not speaker_right(gold, Item(0, 10, "direct", 40, 50, "a defense ministry spokesman"))
    assert is_description("the special counsel") and not is_description("Donald J. Trump")


def test_speaker_accuracy_counts_only_gold_with_a_speaker() -> None:
    gold = [Item(0, 10, "direct", 20, 25, "Ann Lee"), Item(30, 40, "partial")]
    pred = [Item(0, 10, "direct", 20, 25, "Ann Lee"), Item(30, 40, "partial")]
    assert speaker_accuracy(gold, pred, match(gold, pred, 0.8)) == (1, 1)
    assert Item(30, 40, "partial").attributed is False
    assert Item(30, 40, "partial", 1, 2, "X").attributed is True


def test_lenient_speaker_diagnostic_compares_last_words() -> None:
    gold = Item(0, 10, "direct", 20, 29, "President Joseph R. Biden, Jr.")
    assert speaker_right_lenient(gold, Item(0, 10, "direct", 20, 29, "Joseph R. Biden"))
    assert speaker_right(gold, Item(0, 10, "direct", 20, 29, "Joseph R. Biden"))
    assert speaker_right_lenient(gold, Item(0, 10, "direct", 20, 29, "Hunter Biden"))
    assert not speaker_right(gold, Item(0, 10, "direct", 20, 29, "Hunter Biden"))
    assert not speaker_right_lenient(gold, Item(0, 10, "direct", 20, 29, "Xi Jinping"))
