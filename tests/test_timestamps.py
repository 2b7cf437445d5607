"""Timestamps read the fast way (stored text straight to ISO 8601, api/db.py) read the same
as through SQLAlchemy's datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from api.db import UTCDateTime

SQLITE = sqlite.dialect()
ZONES = [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]


def _both_ways(stored: str | None) -> tuple[str | None, str | None]:
    kind = UTCDateTime()
    fast = kind.iso_text_processor(SQLITE)
    assert fast is not None
    slow = kind._cached_result_processor(SQLITE, None)(stored)
    return fast(stored), None if slow is None else slow.isoformat()


@given(
    st.datetimes(min_value=datetime(1000, 1, 2), max_value=datetime(9999, 12, 30)),
    st.sampled_from(ZONES),
)
def test_what_is_stored_reads_as_isoformat_would_give(moment: datetime, zone: timezone) -> None:
    value = moment.replace(tzinfo=zone)
    stored = UTCDateTime()._cached_bind_processor(SQLITE)(value)  # type: ignore[misc]
    fast, slow = _both_ways(stored)
    assert fast == slow == value.astimezone(UTC).isoformat()


@pytest.mark.parametrize(
    "stored",
    ["2011-11-23 10:00:00", "2011-11-23T10:00:00.000001", "2011-11-23 10:00:00.5", None],
)
def test_text_in_another_shape_is_read_the_long_way(stored: str | None) -> None:
    fast, slow = _both_ways(stored)
    assert fast == slow


def test_other_databases_keep_their_datetimes() -> None:
    assert UTCDateTime().iso_text_processor(postgresql.dialect()) is None
