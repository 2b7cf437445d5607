"""Where a request's time goes: py-spy on the service's gunicorn workers under wrk load.

    .venv/bin/python bench/profile.py --endpoint list   # or item, deep, comparison, search
    .venv/bin/python bench/profile.py --all --size 100000 --seconds 10

Serves the synth SQLite file of `--size` quotes (built like bench/run.py does) with the same
gunicorn settings, loads one endpoint with wrk, samples both workers with py-spy, and prints
(and writes to bench/results/profile-<db>-<size>-<endpoint>.txt) the time by stage (inclusive:
a sample counts for every stage on its stack) and by package (self: the innermost frame).
py-spy needs ptrace rights (root, or CAP_SYS_PTRACE).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402

DRIVER = (
    r"(\.(do_execute\w*|do_rollback|do_commit|do_begin) \(|^CursorFetchStrategy\.fetch"
    r"|\(psycopg/|\(sqlite3/)"
)
# Inclusive: a sample counts for every stage on its stack. (label, regex on one frame, which
# reads "function (path:line)").
STAGES = [
    ("outside Flask: gunicorn HTTP parsing, socket write and close", None),
    ("before_request hooks", r"^Flask\.preprocess_request \("),
    ("the view (api/routes), arguments parsed", r"\((\.\./)?api/routes/"),
    ("  database driver calls (execute, fetch, BEGIN, ROLLBACK)", DRIVER),
    ("  ORM: rows to objects (sqlalchemy/orm/loading)", r"\(sqlalchemy/orm/loading"),
    ("argument parsing (webargs, outside the view)", r"\(webargs/"),
    ("marshmallow dump (response)", r"^Schema\.dump \(marshmallow/"),
    ("JSON encoding", r"(\(json/|json_output|orjson)"),
    ("after_request hooks (headers, ETag, gzip)", r"^Flask\.process_response \("),
    ("  ETag (hash of the body)", r"\((\.\./)?api/etags\.py"),
    ("teardown (session close: ROLLBACK)", r"^Flask\.do_teardown_appcontext \("),
]
# Exclusive: each sample goes to the layer of its innermost frame that is not stdlib; stdlib
# and C time counts for the layer that called it.
LAYERS = [
    ("database driver (sqlite3 / psycopg)", DRIVER),
    ("SQLAlchemy ORM", r"\(sqlalchemy/orm/"),
    ("SQLAlchemy Core (compile, execute, result rows)", r"\(sqlalchemy/"),
    ("marshmallow", r"\(marshmallow/"),
    ("flask-smorest, webargs", r"\((flask_smorest|webargs|apispec)/"),
    ("JSON encoding", r"(\(json/|json_output|orjson)"),
    ("Flask, Werkzeug", r"\((flask|werkzeug)/"),
    ("gunicorn", r"\(gunicorn/"),
    ("api (this service's own code)", r"\((\.\./)?api/"),
]
IDLE = r"^(EpollSelector\.select|Arbiter\.\w+|SyncWorker\.wait) \("


def _frames(line: str) -> tuple[list[str], int]:
    stack, _, count = line.rpartition(" ")
    frames = stack.split(";")
    if frames and frames[0].startswith("process "):
        frames = frames[1:]
    return frames, int(count)


def _layer(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, pattern in LAYERS:
            if re.search(pattern, frame):
                return name
    return "other"


def summarise(raw: str, title: str) -> str:
    samples = [_frames(x) for x in raw.splitlines() if x.strip()]
    # Workers only, busy only: the arbiter and workers waiting for a connection are idle.
    samples = [
        (f, n)
        for f, n in samples
        if any(x.startswith("SyncWorker.run") for x in f) and not re.search(IDLE, f[-1])
    ]
    total = sum(n for _, n in samples) or 1
    stages: Counter[str] = Counter()
    layers: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    for frames, n in samples:
        in_flask = any(f.startswith("Flask.wsgi_app (") for f in frames)
        in_response = any(f.startswith("ResponseMixin.response.") for f in frames)
        for label, pattern in STAGES:
            if pattern is None:
                hit = not in_flask
            else:
                hit = any(re.search(pattern, f) for f in frames)
                # webargs wraps the response wrapper and the view: only its own work counts.
                hit = hit and not (label.startswith("argument parsing") and in_response)
            if hit:
                stages[label] += n
        layers[_layer(frames)] += n
        for f in {re.sub(r":\d+\)$", ")", f) for f in frames}:
            if re.search(r"\((\.\./)?api/", f):
                functions[f] += n
    lines = [title, f"{total} busy samples in the workers", ""]
    lines.append("time by stage (inclusive; indented stages are part of the one above):")
    lines += [f"  {100 * stages[label] / total:5.1f}%  {label}" for label, _ in STAGES]
    lines += ["", "time by layer (exclusive, adds up to 100%; stdlib/C time goes to its caller):"]
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in layers.most_common()]
    lines += ["", "this service's functions on the stack (inclusive, top 15):"]
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in functions.most_common(15)]
    return "\n".join(lines) + "\n"


def profile(settings: run.Settings, size: int, endpoint: str, seconds: int) -> str:
    results = run.Results(meta={})
    path = run.sqlite_file(settings, size, results)
    url = f"sqlite:///{path}"
    env = {"DATABASE_URL": url, "STANCES_SEARCH_RATE": "1000000000"}
    target = run.service_paths(size)[endpoint]
    with (
        run.gunicorn("api:create_app()", env, settings.workers, "/v1/quotes?limit=1") as srv,
        tempfile.TemporaryDirectory() as scratch,
    ):
        run.wrk(settings, srv.url + target, 1)
        out = Path(scratch) / "raw.txt"
        load = subprocess.Popen(
            ["wrk", "-t2", "-c8", f"-d{seconds + 2}s", srv.url + target],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(0.5)
        subprocess.run(
            [
                str(run.BIN / "py-spy"),
                "record",
                "--pid",
                str(srv.pgid),
                "--subprocesses",
                "--rate",
                "250",
                "--duration",
                str(seconds),
                "--format",
                "raw",
                "-o",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        wrk_out, _ = load.communicate()
        rate = re.search(r"Requests/sec:\s+([\d.]+)", wrk_out)
        title = (
            f"profile: service, sqlite, {size:,} quotes, GET {target}\n"
            f"wrk -t2 -c8 under py-spy --rate 250: {rate.group(1) if rate else '?'} req/s"
            " (sampling slows it)"
        )
        raw = out.read_text()
        (settings.data_dir / f"profile-{endpoint}.raw").write_text(raw)
        return summarise(raw, title)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", choices=run.ENDPOINTS, default="list")
    parser.add_argument("--all", action="store_true", help="every endpoint in turn")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=8)
    args = parser.parse_args()
    settings = run.parse_args(["--quick", "--no-postgres"])
    for endpoint in run.ENDPOINTS if args.all else [args.endpoint]:
        text = profile(settings, args.size, endpoint, args.seconds)
        print(text)
        out = settings.out_dir / f"profile-sqlite-{args.size}-{endpoint}.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)


if __name__ == "__main__":
    main()
