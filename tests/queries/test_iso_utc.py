"""iso_utc reads stored timestamps as SQLAlchemy's UTCDateTime would, then isoformat()."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select, type_coerce

from api.db import UTCDateTime
from api.queries.quote_rows import iso_utc

SQLITE = create_engine("sqlite://")
STAMPS = Table(
    "stamps", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime)
)
STAMPS.create(SQLITE)
ZONES = [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]


@given(
    st.datetimes(min_value=datetime(1000, 1, 2), max_value=datetime(9999, 12, 30)),
    st.sampled_from(ZONES),
)
def test_stored_text_reads_as_the_datetime_would(moment: datetime, zone: timezone) -> None:
    value = moment.replace(tzinfo=zone)
    with SQLITE.connect() as conn:
        key = conn.execute(STAMPS.insert().values(at=value)).inserted_primary_key[0]
        row = STAMPS.c.id == key
        stored = conn.execute(select(type_coerce(STAMPS.c.at, String)).where(row)).scalar_one()
        read = conn.execute(select(STAMPS.c.at).where(row)).scalar_one()
    assert isinstance(stored, str)
    assert iso_utc(stored) == read.isoformat() == value.astimezone(UTC).isoformat()


def test_datetimes_from_other_drivers_are_formatted_as_they_are() -> None:
    value = datetime(2011, 1, 26, 10, 0, tzinfo=UTC)
    assert iso_utc(value) == "2011-01-26T10:00:00+00:00"
