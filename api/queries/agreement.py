"""Where two or more actors agree or disagree, topic by topic and option by option."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api.models import Actor, Topic
from api.queries.comparison import build_rows, load_contributions

KNOWN = {"supports", "opposes", "conditional", "neutral"}


def _verdict(verdicts: list[str]) -> str:
    comparable = [v for v in verdicts if v != "not-comparable"]
    if not comparable:
        return "not-comparable"
    if all(v == "agree" for v in comparable):
        return "agree"
    if all(v == "disagree" for v in comparable):
        return "disagree"
    return "partial"


def agreement(
    session: Session, actors: list[Actor], *, as_of: date, roll_up: bool = False
) -> dict[str, Any]:
    """Per option: agree when every actor with a clear stance has the same one, disagree when
    they differ, not-comparable when fewer than two have a clear stance (unknown or mixed)."""
    topics = list(
        session.scalars(
            select(Topic)
            .where(Topic.deleted_at.is_(None))
            .options(selectinload(Topic.options))
            .order_by(Topic.id)
        )
    )
    by_topic = load_contributions(session, as_of, [t.id for t in topics], roll_up)
    compared = agreed = 0
    topic_results = []
    for topic in topics:
        rows = build_rows(topic, by_topic.get(topic.id, []), actors)
        options = []
        for index, option in enumerate(topic.options):
            stances = [
                {"actor": row["actor"], "stance": row["cells"][index].stance} for row in rows
            ]
            known = {s["stance"] for s in stances if s["stance"] in KNOWN}
            clear = [s for s in stances if s["stance"] in KNOWN]
            if len(clear) < 2:
                verdict = "not-comparable"
            else:
                verdict = "agree" if len(known) == 1 else "disagree"
                compared += 1
                agreed += verdict == "agree"
            options.append({"option": option, "verdict": verdict, "stances": stances})
        topic_results.append(
            {
                "topic": topic,
                "verdict": _verdict([o["verdict"] for o in options]),
                "options": options,
            }
        )
    return {
        "actors": actors,
        "as_of": as_of,
        "roll_up": roll_up,
        "topics": topic_results,
        "compared": compared,
        "agreed": agreed,
        "agreement": round(agreed / compared, 4) if compared else None,
    }
