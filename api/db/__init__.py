"""Database plumbing: the declarative base, column types, engines and sessions, the search index."""

from api.db.base import NAMING_CONVENTION, Base, Record, Timestamped
from api.db.engine import WRITE_TRANSACTION, make_engine, make_sessionmaker
from api.db.types import UTCDateTime, utcnow

__all__ = [
    "NAMING_CONVENTION",
    "WRITE_TRANSACTION",
    "Base",
    "Record",
    "Timestamped",
    "UTCDateTime",
    "make_engine",
    "make_sessionmaker",
    "utcnow",
]
