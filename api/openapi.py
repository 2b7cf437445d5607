"""The OpenAPI document: flask-smorest's spec, rendered the same way every time."""

from __future__ import annotations

from typing import Any

import yaml
from flask import Flask

API_DESCRIPTION = """\
Who said what about a policy question, and how positions compare.

The first subject is the 2011 NATO-Russia missile-defence dispute: a "sectoral" system against
"two independent systems", curated from two articles whose full text is served under
`/v1/sources`. Every quote is verbatim and located by a code-point span in its source; every
position cites its evidence; every date carries its precision (`year`, `month`, `day`).

Lists are pages `{items, next_cursor}`; pass `next_cursor` back as `cursor`. Errors are
`application/problem+json` (RFC 9457).
"""


def spec_dict(app: Flask) -> dict[str, Any]:
    with app.app_context():
        return app.extensions["stances"]["api"].spec.to_dict()


def spec_yaml(app: Flask) -> str:
    return yaml.safe_dump(spec_dict(app), sort_keys=False, allow_unicode=True, width=100)
