"""Domain queries: plain functions, a session in and data out; no Flask here."""
