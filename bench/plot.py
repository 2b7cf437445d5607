"""p99 latency against data size, per endpoint and database, from a bench/run.py result.

.venv/bin/python bench/plot.py [bench/results/latest.json] [-o bench/results/latest.png]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, NullFormatter

ROOT = Path(__file__).resolve().parent.parent
PANELS = ("list", "item", "deep", "comparison", "search")
TITLES = {
    "list": "page of 50",
    "item": "one quote",
    "deep": "deep-cursor page",
    "comparison": "comparison",
    "search": "search, common word",
}
# The goals at 1M quotes on PostgreSQL with 2 workers.
GOALS_MS = {"list": 15, "item": 15, "deep": 15, "comparison": 15, "search": 25}
STYLES = {
    "service": {"color": "#1f5fa8", "marker": "o", "linestyle": "-"},
    "floor": {"color": "#555555", "marker": "s", "linestyle": "--"},
    "nginx": {"color": "#2e8b57", "marker": "v", "linestyle": "-"},
    "floor search-fast": {"color": "#999999", "marker": "^", "linestyle": ":"},
    "datasette-nocount": {"color": "#c0392b", "marker": "D", "linestyle": "none"},
}


def _size_label(size: int) -> str:
    return f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"


def _minor_label(value: float, _pos: int) -> str:
    # Label 2x and 5x between the decades, so short ranges still read.
    leading = value / 10 ** int(f"{value:e}".split("e")[1])
    return f"{value:g}" if round(leading) in (2, 5) else ""


def plot(results_path: Path, out: Path) -> Path:
    document = json.loads(results_path.read_text())
    runs = document["runs"]
    dbs = [db for db in ("sqlite", "postgresql") if any(r["db"] == db for r in runs)]
    fig, axes = plt.subplots(
        len(dbs), len(PANELS), figsize=(3.1 * len(PANELS), 2.9 * len(dbs)), squeeze=False
    )
    for row, db in enumerate(dbs):
        for col, endpoint in enumerate(PANELS):
            ax = axes[row][col]
            series: dict[str, list[tuple[int, float]]] = {}
            for r in runs:
                if r["db"] != db:
                    continue
                if r["endpoint"] == endpoint and r["server"] in STYLES:
                    series.setdefault(r["server"], []).append((r["size"], r["p99_ms"]))
                if endpoint == "search" and r["endpoint"] == "search-fast":
                    series.setdefault("floor search-fast", []).append((r["size"], r["p99_ms"]))
            for name, points in series.items():
                points.sort()
                ax.plot(*zip(*points, strict=True), label=name, markersize=4, **STYLES[name])
            if db == "postgresql":
                ax.axhline(GOALS_MS[endpoint], color="#2e8b57", linewidth=0.8, linestyle="-.")
            ax.set_xscale("log")
            ax.set_yscale("log")
            sizes = sorted({r["size"] for r in runs})
            ax.set_xticks(sizes, [_size_label(x) for x in sizes])
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.set_xlim(sizes[0] / 2, sizes[-1] * 2)
            low, high = ax.get_ylim()
            if high / low < 4:  # too short a range for a labelled tick: widen it downwards
                ax.set_ylim(high / 4, high)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.yaxis.set_minor_formatter(FuncFormatter(_minor_label))
            ax.set_title(f"{TITLES[endpoint]} ({db})", fontsize=9)
            ax.tick_params(labelsize=7)
            ax.grid(True, which="major", linewidth=0.3)
            if col == 0:
                ax.set_ylabel("p99 latency, ms", fontsize=8)
            if row == len(dbs) - 1:
                ax.set_xlabel("quotes", fontsize=8)
    handles: dict[str, object] = {}
    for ax in axes.flat:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    meta = document["meta"]
    wrk = meta["wrk"]
    fig.legend(
        list(handles.values()),
        list(handles),
        loc="lower center",
        ncol=len(handles),
        fontsize=8,
        frameon=False,
    )
    fig.suptitle(
        f"Stances p99 vs data size: wrk -t{wrk['threads']} -c{wrk['connections']} "
        f"-d{wrk['duration_s']}s, gunicorn -w {meta['gunicorn_workers']}, "
        f"{meta['machine']['cpus']} CPUs ({meta['started'][:10]}, {meta['mode']});"
        " green: goal at 1M on PostgreSQL",
        fontsize=9,
    )
    fig.tight_layout(rect=(0, 0.05, 1, 0.96))
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=80)
    plt.close(fig)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "results", nargs="?", type=Path, default=ROOT / "bench" / "results" / "latest.json"
    )
    parser.add_argument("-o", "--out", type=Path)
    args = parser.parse_args()
    out = args.out or args.results.with_suffix(".png")
    print(plot(args.results, out))


if __name__ == "__main__":
    main()
