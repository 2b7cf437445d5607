"""Soak: load with writes against gunicorn, faults injected under load, then an audit.

`python -m soak` (or `make soak`) runs the long form on SQLite and PostgreSQL;
`tests/test_soak.py` runs the short form on the database DATABASE_URL names.
See soak/README.md.
"""
