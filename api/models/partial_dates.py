"""Dates known to a year, a month or a day, and the range of days each can mean."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_PARTIAL_DATE_RE = re.compile(PARTIAL_DATE_PATTERN)


class Precision(StrEnum):
    year = "year"
    month = "month"
    day = "day"


# A stored date text's precision, by its length ("2011", "2011-01", "2011-01-26").
PRECISION_BY_LENGTH = {4: Precision.year.value, 7: Precision.month.value, 10: Precision.day.value}


@dataclass(frozen=True)
class PartialDate:
    text: str
    precision: Precision
    earliest: date
    latest: date

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "2011", "2011-01" or "2011-01-26"; ValueError on anything else."""
        if not isinstance(text, str) or not _PARTIAL_DATE_RE.fullmatch(text):
            raise ValueError("Not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.")
        parts = [int(p) for p in text.split("-")]
        year = parts[0]
        if year < 1:
            raise ValueError("Year must be 0001 or later.")
        if len(parts) == 1:
            return cls(text, Precision.year, date(year, 1, 1), date(year, 12, 31))
        month = parts[1]
        if not 1 <= month <= 12:
            raise ValueError(f"Month {month:02d} does not exist.")
        last_day = calendar.monthrange(year, month)[1]
        if len(parts) == 2:
            return cls(text, Precision.month, date(year, month, 1), date(year, month, last_day))
        day = parts[2]
        if not 1 <= day <= last_day:
            raise ValueError(f"Day {day:02d} does not exist in {year}-{month:02d}.")
        exact = date(year, month, day)
        return cls(text, Precision.day, exact, exact)

    def __str__(self) -> str:
        return self.text
