"""Property-based checks of partial dates: every real day, month and year parses to a range
that contains exactly the days it can mean; everything else is refused."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from api.models.partial_dates import PartialDate, Precision

days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@given(days)
def test_a_day_means_itself(day: date) -> None:
    parsed = PartialDate.parse(day.isoformat())
    assert (parsed.precision, parsed.earliest, parsed.latest) == (Precision.day, day, day)


@given(days)
def test_a_month_covers_every_day_of_it_and_no_other(day: date) -> None:
    parsed = PartialDate.parse(day.isoformat()[:7])
    assert parsed.precision is Precision.month
    assert parsed.earliest <= day <= parsed.latest
    assert parsed.earliest.day == 1 and parsed.earliest.month == day.month
    if parsed.latest < date(9999, 12, 31):
        assert (parsed.latest + timedelta(days=1)).month != day.month


@given(days)
def test_a_year_covers_the_year(day: date) -> None:
    parsed = PartialDate.parse(day.isoformat()[:4])
    assert (parsed.earliest, parsed.latest) == (date(day.year, 1, 1), date(day.year, 12, 31))


def test_only_ascii_digits() -> None:
    # Arabic-Indic and fullwidth digits: `\d` would take them, the API must not.
    for text in ["\u0662\u0660\u0661\u0661", "\uff12\uff10\uff11\uff11", "2011-0\u0661"]:
        try:
            PartialDate.parse(text)
        except ValueError:
            continue
        raise AssertionError(f"{text!r} was accepted")


@given(st.text(max_size=12))
def test_anything_else_is_refused_or_round_trips(text: str) -> None:
    try:
        parsed = PartialDate.parse(text)
    except ValueError:
        return
    assert parsed.text == text
    assert date.fromisoformat(parsed.earliest.isoformat()) == parsed.earliest
