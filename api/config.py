"""Every setting, read from the environment in one place (`Config.from_env`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from api.db.engine import DEFAULT_STATEMENT_TIMEOUT_MS

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
    # Flask-Limiter's storage: memory:// counts per process; redis://host:port is shared by
    # every process and machine pointed at it.
    rate_limit_storage: str = "memory://"
    # Keeps the counts of deployments that share one Redis apart.
    rate_limit_prefix: str = "stances"
    statement_timeout_ms: int = DEFAULT_STATEMENT_TIMEOUT_MS
    max_extract_chars: int = 200_000
    # How many proxies of ours (nginx) stand in front and set X-Forwarded-For; 0: none.
    trusted_proxies: int = 0
    # Flask settings for tests and embedding (TESTING, SERVER_NAME, ...).
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
            rate_limit_storage=env.get("STANCES_RATE_LIMIT_STORAGE", "memory://"),
            rate_limit_prefix=env.get("STANCES_RATE_LIMIT_PREFIX", "stances"),
            statement_timeout_ms=int(
                env.get("STANCES_STATEMENT_TIMEOUT_MS", DEFAULT_STATEMENT_TIMEOUT_MS)
            ),
            max_extract_chars=int(env.get("STANCES_MAX_EXTRACT_CHARS", 200_000)),
            trusted_proxies=int(env.get("STANCES_TRUSTED_PROXIES", 0)),
        )
