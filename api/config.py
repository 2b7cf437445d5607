"""Settings, read from environment variables at app creation."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'stances.db'}"


def normalise_database_url(url: str) -> str:
    """`postgresql://` means psycopg 3 here, not SQLAlchemy's psycopg2 default."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass
class Config:
    database_url: str = DEFAULT_DATABASE_URL
    max_content_length: int = 1024 * 1024
    cors_origins: list[str] = field(default_factory=lambda: ["*"])
    cache_max_age: int = 30
    write_rate_per_minute: int = 120
    search_rate_per_minute: int = 600
    # The plain quote page and quote answered in front of Flask (api/hot_reads.py).
    hot_reads: bool = True
    extra: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Config:
        env = dict(os.environ if env is None else env)
        return cls(
            database_url=normalise_database_url(env.get("DATABASE_URL", DEFAULT_DATABASE_URL)),
            max_content_length=int(env.get("STANCES_MAX_BODY_BYTES", 1024 * 1024)),
            cors_origins=[
                o.strip() for o in env.get("STANCES_CORS_ORIGINS", "*").split(",") if o.strip()
            ],
            cache_max_age=int(env.get("STANCES_CACHE_MAX_AGE", 30)),
            write_rate_per_minute=int(env.get("STANCES_WRITE_RATE", 120)),
            search_rate_per_minute=int(env.get("STANCES_SEARCH_RATE", 600)),
            hot_reads=env.get("STANCES_HOT_READS", "1") != "0",
        )
