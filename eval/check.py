"""Verify the evaluation set: every span points at its text, every field is of its kind."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
KINDS = {"direct", "partial", "block", "reported"}


def problems_in(txt_path: Path) -> list[str]:
    text = txt_path.read_text(encoding="utf-8")
    ann_path = txt_path.with_suffix(".yaml")
    if not ann_path.exists():
        return [f"{txt_path.name}: no {ann_path.name}"]
    ann = yaml.safe_load(ann_path.read_text(encoding="utf-8"))
    found = [f"{ann_path.name}: no {k}" for k in ("origin", "licence", "quotes") if k not in ann]
    for i, q in enumerate(ann.get("quotes") or []):
        where = f"{ann_path.name} quote {i}"
        if q.get("kind") not in KINDS:
            found.append(f"{where}: kind {q.get('kind')!r}")
        spans = [("quote", q)] + [(k, q[k]) for k in ("cue", "speaker") if q.get(k)]
        for name, span in spans:
            start, end = span.get("start"), span.get("end")
            if not (isinstance(start, int) and isinstance(end, int)) or text[start:end] != span.get(
                "text"
            ):
                found.append(f"{where}: {name} span {start}:{end} is {text[start:end]!r}")
        # speaker_name may be null with a mention when the text never says who (README).
        name = q.get("speaker_name")
        if name is not None and not (isinstance(name, str) and name.strip()):
            found.append(f"{where}: speaker_name {name!r} is neither a name nor null")
    return found


def main() -> int:
    texts = sorted(ROOT.glob("*/*.txt"))
    quotes = 0
    problems: list[str] = []
    for path in texts:
        problems += problems_in(path)
        ann = path.with_suffix(".yaml")
        if ann.exists():
            quotes += len(yaml.safe_load(ann.read_text(encoding="utf-8")).get("quotes") or [])
    for p in problems:
        print(p)
    print(f"{len(texts)} texts, {quotes} quotes, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
