"""Partial dates: the precision follows the text, the range covers every day it can mean."""

from datetime import date

import pytest

from api.models.partial_dates import PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2011", Precision.year, date(2011, 1, 1), date(2011, 12, 31)),
        ("2011-01", Precision.month, date(2011, 1, 1), date(2011, 1, 31)),
        ("2012-02", Precision.month, date(2012, 2, 1), date(2012, 2, 29)),
        ("2011-01-26", Precision.day, date(2011, 1, 26), date(2011, 1, 26)),
    ],
)
def test_parse(text: str, precision: Precision, earliest: date, latest: date) -> None:
    parsed = PartialDate.parse(text)
    assert (parsed.precision, parsed.earliest, parsed.latest) == (precision, earliest, latest)


@pytest.mark.parametrize(
    "text",
    ["2011-02-30", "2011-13", "2011-00", "11-01-01", "2011-1-5", "", "0000", "2011-01-01T00"],
)
def test_refuses_malformed(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)
