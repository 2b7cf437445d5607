"""The stance table as a self-contained SVG: no script, no style sheet, no external reference."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from typing import Any

from api.pages.rendering import reader_date
from api.pages.stances import COLOURS, ICON_STYLE, ICONS, POSSIBLY, WORDS

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"
INK, MUTED, LINE, PAPER, HEAD = "#1a1a1a", "#4a5360", "#d0d5dc", "#ffffff", "#f3f5f8"
# CHAR: a wide 14 px bold glyph (DejaVu Sans), to wrap and size without a browser's metrics.
PAD, LINE_HEIGHT, CHAR = 24, 18, 8.4
OPTION_WIDTH, OVERALL_LABEL = 236, "The question as a whole"


def _wrap(text: str, width: float, size: float = 14) -> list[str]:
    return textwrap.wrap(text, max(8, int(width / (CHAR * size / 14)))) or [""]


class _Canvas:
    """An <svg> being drawn: each call adds one element at absolute coordinates."""

    def __init__(self) -> None:
        self.root = ET.Element("svg", xmlns="http://www.w3.org/2000/svg", role="img")
        self.body = ET.Element("g", {"font-family": FONT, "font-size": "14", "fill": INK})

    def text(self, x: float, y: float, lines: list[str], **attrs: str) -> None:
        for i, line in enumerate(lines):
            ET.SubElement(self.body, "text", x=f"{x:g}", y=f"{y + i * LINE_HEIGHT:g}", **attrs)
            self.body[-1].text = line

    def rect(self, x: float, y: float, w: float, h: float, **attrs: str) -> None:
        ET.SubElement(self.body, "rect", x=f"{x:g}", y=f"{y:g}", width=f"{w:g}", height=f"{h:g}")
        self.body[-1].attrib.update(attrs)

    def icon(self, stance: str, x: float, y: float, colour: str) -> None:
        style = {k: (colour if v == "currentColor" else v) for k, v in ICON_STYLE.items()}
        group = ET.SubElement(self.body, "g", transform=f"translate({x:g} {y:g})", **style)
        for tag, attrs in ICONS[stance]:
            fill = {"fill": colour} if attrs.get("fill") == "currentColor" else {}
            ET.SubElement(group, tag, {**attrs, **fill})


def _columns(table: dict[str, Any], overall: bool) -> list[tuple[str, str]]:
    columns = [(o["id"], o["label"]) for o in table["options"]]
    return [*columns, ("", OVERALL_LABEL)] if overall else columns


def _cells(row: dict[str, Any], overall: bool) -> list[dict[str, Any]]:
    return [*row["cells"], row["topic_level"]] if overall else row["cells"]


def _legend(canvas: _Canvas, y: float, width: int) -> float:
    """Every stance's symbol and word, then what "possibly" means; the y below it."""
    x = PAD
    for stance, word in WORDS.items():
        step = 16 + 8 + len(word) * CHAR * 12 / 14 + 18
        if x + step > width - PAD:
            x, y = PAD, y + LINE_HEIGHT + 4
        canvas.icon(stance, x, y, COLOURS[stance][1])
        canvas.text(x + 22, y + 12, [word], fill=MUTED, **{"font-size": "12"})
        x += step
    note = (
        "Cells marked “possibly” (dashed) may not yet have been on record that day: "
        "their dates are uncertain."
    )
    lines = _wrap(note, width - 2 * PAD, 12)
    canvas.text(PAD, y + LINE_HEIGHT + 16, lines, fill=MUTED, **{"font-size": "12"})
    return y + LINE_HEIGHT * (len(lines) + 1) + 4


def comparison_svg(table: dict[str, Any]) -> tuple[str, int, int]:
    """The comparison answer (ComparisonSchema's shape) drawn; with its width and height."""
    overall = any(row["topic_level"]["positions"] for row in table["rows"])
    columns = _columns(table, overall)
    names = [row["actor"]["name"] for row in table["rows"]]
    actor_width = min(280, max(150, max((len(n) for n in names), default=0) * CHAR + 36))
    width = int(PAD * 2 + actor_width + OPTION_WIDTH * len(columns))
    canvas = _Canvas()
    title = _wrap(table["topic"]["title"], width - 2 * PAD, 20)
    canvas.text(PAD, PAD + 20, title, **{"font-size": "20", "font-weight": "700"})
    y = PAD + 20 + LINE_HEIGHT * 1.4 * (len(title) - 1) + 26
    as_of = f"Who stands where, as of {reader_date(table['as_of'])}"
    if table["roll_up"]:
        as_of += " (people's words counted for the organisations they spoke for)"
    subtitle = _wrap(as_of, width - 2 * PAD)
    canvas.text(PAD, y, subtitle, fill=MUTED)
    y += LINE_HEIGHT * len(subtitle) + 8

    headers = [_wrap(label, OPTION_WIDTH - 20) for _, label in columns]
    head_height = LINE_HEIGHT * max((len(h) for h in headers), default=1) + 16
    canvas.rect(PAD, y, width - 2 * PAD, head_height, fill=HEAD)
    canvas.text(PAD + 10, y + 22, ["Actor"], **{"font-weight": "700"})
    for i, lines in enumerate(headers):
        x = PAD + actor_width + i * OPTION_WIDTH + 10
        canvas.text(x, y + 22, lines, **{"font-weight": "700"})
    y += head_height

    for row in table["rows"]:
        name = _wrap(row["actor"]["name"], actor_width - 20)
        height = max(48, LINE_HEIGHT * len(name) + 30)
        canvas.rect(PAD, y, width - 2 * PAD, height, fill=PAPER, stroke=LINE)
        canvas.text(PAD + 10, y + 29, name, **{"font-weight": "600"})
        for i, cell in enumerate(_cells(row, overall)):
            x = PAD + actor_width + i * OPTION_WIDTH + 8
            background, ink, border = COLOURS[cell["stance"]]
            dashed = {} if cell["certain"] else {"stroke-dasharray": "4 3"}
            canvas.rect(x, y + 9, OPTION_WIDTH - 16, 30, rx="15", fill=background, stroke=border)
            canvas.body[-1].attrib.update(dashed)
            canvas.icon(cell["stance"], x + 10, y + 16, ink)
            word = WORDS[cell["stance"]] + ("" if cell["certain"] else f" ({POSSIBLY})")
            canvas.text(x + 32, y + 29, [word], fill=ink, **{"font-weight": "600"})
        y += height

    y = _legend(canvas, y + 16, width)
    footer = [f"Source: Stances, topic {table['topic']['id']}"]
    canvas.text(PAD, y + 18, footer, fill=MUTED, **{"font-size": "12"})
    height = int(y + 18 + PAD)

    root = canvas.root
    root.attrib.update(width=str(width), height=str(height), viewBox=f"0 0 {width} {height}")
    root.set("aria-labelledby", "title desc")
    ET.SubElement(root, "title", id="title").text = f"{table['topic']['title']}: {as_of}"
    summary = "; ".join(
        f"{row['actor']['name']}: "
        + ", ".join(
            f"{label} {WORDS[c['stance']].lower()}{'' if c['certain'] else ' (possibly)'}"
            for (_, label), c in zip(columns, _cells(row, overall), strict=True)
        )
        for row in table["rows"]
    )
    ET.SubElement(root, "desc", id="desc").text = summary or "No actor has a position on record."
    ET.SubElement(root, "rect", width="100%", height="100%", fill=PAPER)
    root.append(canvas.body)
    return ET.tostring(root, encoding="unicode", xml_declaration=True), width, height
