"""The lean quote path answers exactly what the schema would: same JSON, byte for byte."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Quote
from api.queries.quote_rows import quote_item, quote_items
from api.schemas.quote import QuoteSchema
from api.web.json_output import canonical_json


def test_lean_items_equal_the_schema_dump(session: Session) -> None:
    live = Quote.deleted_at.is_(None)
    lean = quote_items(session, live, None, 1000)
    orm = list(session.scalars(select(Quote).where(live).order_by(Quote.id)))
    assert len(lean) == len(orm) > 30
    assert canonical_json(lean) == canonical_json(QuoteSchema(many=True).dump(orm))
    # Nulls (no speaker, no event) are covered by the curated data.
    assert any(i["speaker"] is None for i in lean) and any(i["event"] is None for i in lean)
    assert any(i["event"] is not None for i in lean)


def test_lean_item_and_keyset(session: Session) -> None:
    first_two = quote_items(session, None, None, 2)
    assert quote_items(session, None, first_two[0]["id"], 1) == first_two[1:]
    assert quote_item(session, first_two[0]["id"]) == first_two[0]
    assert quote_item(session, "no-such-quote") is None
