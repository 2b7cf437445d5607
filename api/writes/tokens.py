"""Write tokens: made and revoked from the CLI, stored only as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db import utcnow
from api.models import Token

TOKEN_PREFIX = "stn_"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def create_token(session: Session, name: str) -> str:
    """A new token for `name`; the only time the token itself is ever available."""
    if session.scalar(select(Token).where(Token.name == name)) is not None:
        raise ValueError(f"A token named {name!r} exists already; revoke it or pick a new name.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(Token(name=name, token_hash=_hash(raw)))
    return raw


def revoke_token(session: Session, name: str) -> bool:
    token = session.scalar(select(Token).where(Token.name == name, Token.revoked_at.is_(None)))
    if token is None:
        return False
    token.revoked_at = utcnow()
    return True


def list_tokens(session: Session) -> list[Token]:
    return list(session.scalars(select(Token).order_by(Token.name)))


def authenticate(session: Session, raw: str) -> Token | None:
    """The live token whose hash matches, compared in constant time."""
    digest = _hash(raw)
    token = session.scalar(select(Token).where(Token.token_hash == digest))
    if token is None or token.revoked_at is not None:
        return None
    return token if hmac.compare_digest(token.token_hash, digest) else None
