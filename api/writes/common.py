"""Reference checks and child-list syncing shared by every writer."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from sqlalchemy.orm import Session, object_session

from api.db import Base

M = TypeVar("M", bound=Base)


class InvalidInput(Exception):
    """Input that passed its schema but not the record: `errors` maps field paths to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class Conflict(Exception):
    """The change would break the record: a duplicate id, or items that refer to this one."""

    def __init__(
        self, detail: str, referring: list[str] | None = None, field: str | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.referring = referring or []
        self.field = field


def require(session: Session, model: type[M], key: str | None, field: str) -> M | None:
    """The row `key` refers to, or InvalidInput naming `field`; None passes through."""
    if key is None:
        return None
    row = session.get(model, key)
    if row is None:
        raise InvalidInput({field: f"No {model.__tablename__[:-1]} with id {key!r}."})
    return row


def sync_children(
    current: list[Any],
    wanted: Sequence[dict[str, Any]],
    key: Callable[[Any], Hashable],
    wanted_key: Callable[[dict[str, Any]], Hashable],
    make: Callable[[dict[str, Any]], Any],
) -> None:
    """Replace `current` by `wanted` only when they differ: an unchanged reload writes nothing."""
    if [key(c) for c in current] == [wanted_key(w) for w in wanted]:
        return
    new = [make(w) for w in wanted]
    kept = {id(n) for n in new}
    dropped = [c for c in current if id(c) not in kept]
    session = object_session(dropped[0]) if dropped else None
    if session is not None:
        # Rows that go, go first: a flush would insert the new rows before deleting these,
        # and a kept alias (unique per actor) would then collide with its old row.
        for row in dropped:
            current.remove(row)
        session.flush()
    current[:] = new


def check_span(text: str, start: int, end: int, field: str) -> str:
    """The words a span covers, or InvalidInput when it falls outside the text."""
    if not 0 <= start < end <= len(text):
        raise InvalidInput(
            {field: f"Span {start}-{end} is outside the source text (length {len(text)})."}
        )
    return text[start:end]
