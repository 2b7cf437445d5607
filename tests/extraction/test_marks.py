"""Quotation marks: every convention of English news, apostrophes left alone."""

from __future__ import annotations

import pytest

from api.extraction import segments
from api.extraction.marks import find_quotations


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text, segments.paragraphs(text))]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("He said “we will stay” today.", "we will stay"),
        ("He said ‘we will stay’ today.", "we will stay"),
        ('He said "we will stay" today.', "we will stay"),
        ("He said 'we will stay' today.", "we will stay"),
        ("He said ``we will stay'' today.", "we will stay"),
        ("He said «we will stay» today.", "we will stay"),
        ("He said « we will stay » today.", "we will stay"),
        ("He said „we will stay“ today.", "we will stay"),
    ],
)
def test_every_mark_convention(text: str, words: str) -> None:
    assert quoted(text) == [words]


@pytest.mark.parametrize(
    "text",
    [
        "Don't tell Russia's allies about NATO’s plan from the '90s.",
        "The Russians’ demands and the US’ plan were rock'n'roll in ’09.",
        "It was 5 o'clock; they didn’t come.",
    ],
)
def test_apostrophes_are_not_marks(text: str) -> None:
    assert quoted(text) == []


def test_apostrophes_inside_a_quotation() -> None:
    text = "“We don’t want Russia’s missiles,” he said, ‘and it’s final.’"
    assert quoted(text) == ["We don’t want Russia’s missiles,", "and it’s final."]


def test_nested_quotation() -> None:
    text = "“He called it ‘a reset’ then,” she said."
    assert quoted(text) == ["He called it ‘a reset’ then,", "a reset"]


def test_punctuation_inside_the_closing_mark_stays() -> None:
    assert quoted('a "finger on the trigger," as it were') == ["finger on the trigger,"]
    assert quoted('systems".') == []
    assert quoted('He said "no systems". Then') == ["no systems"]


def test_quotation_over_paragraphs() -> None:
    text = "“First part.\n\n“Second part.\n\n“Last part.”\n\nAfter."
    (q,) = find_quotations(text, segments.paragraphs(text))
    assert text[q.start : q.end] == "First part.\n\n“Second part.\n\n“Last part."
    assert q.paragraphs == 3


def test_unclosed_quotation_runs_to_its_paragraph_end() -> None:
    text = "He said “we will stay here\nNext paragraph."
    assert quoted(text) == ["we will stay here"]


@pytest.mark.parametrize("text", ['"', "“", '""', "“”", "'", "a ' b ' c", '" " "', "«»"])
def test_odd_marks_do_not_break(text: str) -> None:
    for q in find_quotations(text, segments.paragraphs(text)):
        assert 0 <= q.start < q.end <= len(text)
