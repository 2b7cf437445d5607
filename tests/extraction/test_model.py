"""The model: the pinned build is installed, checked on load, loaded once."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from api.extraction import model


def test_installed_model_matches_the_pins() -> None:
    meta = model.verify()
    assert meta["name"] == model.NAME
    assert meta["version"] == model.VERSION
    assert meta["spacy_version"] == model.SPACY_VERSION
    assert model.installed_version() == model.VERSION


def copy_of_model(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(model.model_dir(), target)
    return target


def test_a_changed_meta_is_refused(tmp_path: Path) -> None:
    target = copy_of_model(tmp_path)
    meta = target / "meta.json"
    meta.write_text(meta.read_text().replace('"version":"3.8.0"', '"version":"3.8.1"'))
    meta.write_text(meta.read_text().replace('"version": "3.8.0"', '"version": "3.8.1"'))
    with pytest.raises(model.ModelError, match="version"):
        model.verify(target)


def test_changed_weights_are_refused(tmp_path: Path) -> None:
    target = copy_of_model(tmp_path)
    weights = target / "parser" / "model"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\0")
    with pytest.raises(model.ModelError, match="hash"):
        model.verify(target)


def test_a_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(model.ModelError, match=r"meta\.json"):
        model.verify(tmp_path)


def test_loaded_once_across_threads() -> None:
    got = []
    threads = [threading.Thread(target=lambda: got.append(model.load())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(n) for n in got}) == 1
    assert "ner" not in got[0].pipe_names
    assert got[0].pipe_names == ["tok2vec", "tagger", "parser"]
