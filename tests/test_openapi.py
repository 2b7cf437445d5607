"""The committed openapi.yaml is what the code generates, and it is a valid OpenAPI 3.1."""

from pathlib import Path

import yaml
from flask import Flask
from openapi_spec_validator import validate

from api.config import PROJECT_ROOT
from api.web.openapi import spec_dict, spec_yaml

COMMITTED = PROJECT_ROOT / "openapi.yaml"


def test_committed_spec_matches_code(app: Flask) -> None:
    assert COMMITTED.exists(), "run `stances openapi write`"
    assert COMMITTED.read_text(encoding="utf-8") == spec_yaml(app), (
        "openapi.yaml is out of date: run `stances openapi write` and commit it"
    )


def test_spec_is_valid_openapi_31(app: Flask) -> None:
    spec = spec_dict(app)
    assert spec["openapi"] == "3.1.0"
    validate(yaml.safe_load(Path(COMMITTED).read_text(encoding="utf-8")))


def test_every_operation_is_named_summarised_and_typed(app: Flask) -> None:
    spec = spec_dict(app)
    ids = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in {"get", "post", "patch", "put", "delete"}:
                continue
            assert op.get("operationId"), f"{method} {path} has no operationId"
            assert op.get("summary"), f"{method} {path} has no summary"
            ids.append(op["operationId"])
            for status, response in op["responses"].items():
                if status in {"204", "304"}:
                    continue
                ref = response.get("$ref")
                if ref:
                    continue
                assert response.get("content"), f"{method} {path} {status} is untyped"
    assert len(ids) == len(set(ids))


def test_errors_are_documented_as_problem_json(app: Flask) -> None:
    spec = spec_dict(app)
    for name, response in spec["components"]["responses"].items():
        if "content" in response:
            assert list(response["content"]) == ["application/problem+json"], name
