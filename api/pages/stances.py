"""How a stance is shown, the same on every page and in the picture: a word, an icon, colours."""

from __future__ import annotations

from markupsafe import Markup, escape

WORDS = {
    "supports": "Supports",
    "opposes": "Opposes",
    "conditional": "Conditional",
    "neutral": "Neutral",
    "mixed": "Mixed",
    "unknown": "No position",
}
POSSIBLY = "possibly"

# 16x16 line icons drawn in the stance's colour (stroke: currentColor). Data, not markup, so
# the HTML pages and the SVG picture draw the very same shapes.
ICONS: dict[str, list[tuple[str, dict[str, str]]]] = {
    "supports": [("path", {"d": "M3 8.5l3.2 3.2L13 4.8"})],
    "opposes": [("path", {"d": "M4 4l8 8M12 4l-8 8"})],
    "conditional": [
        ("circle", {"cx": "8", "cy": "8", "r": "5.5"}),
        ("path", {"d": "M8 2.5a5.5 5.5 0 0 1 0 11z", "fill": "currentColor"}),
    ],
    "neutral": [("path", {"d": "M3.5 8h9"})],
    "mixed": [("path", {"d": "M8 2.5v6M5 5.5h6M5 12.5h6"})],
    "unknown": [("circle", {"cx": "8", "cy": "8", "r": "5.5", "stroke-dasharray": "2 2.2"})],
}
ICON_STYLE = {
    "fill": "none",
    "stroke": "currentColor",
    "stroke-width": "2",
    "stroke-linecap": "round",
    "stroke-linejoin": "round",
}

# (background, text and icon, border) for the picture; pages.css holds the same light palette
# and a dark one. Each text colour reaches 7:1 on its background (WCAG AAA).
COLOURS = {
    "supports": ("#e3f4e7", "#14532d", "#2f855a"),
    "opposes": ("#fde8e8", "#7f1d1d", "#c53030"),
    "conditional": ("#fff3d6", "#6b3a07", "#b7791f"),
    "neutral": ("#eceff3", "#1f2937", "#718096"),
    "mixed": ("#f0e8fd", "#4c1d95", "#805ad5"),
    "unknown": ("#ffffff", "#374151", "#9aa3af"),
}


def _attrs(attrs: dict[str, str]) -> str:
    return " ".join(f'{name}="{escape(value)}"' for name, value in attrs.items())


def icon_sprite() -> Markup:
    """The icons as <symbol>s for a page to <use>: drawn once, referenced by every cell."""
    symbols = []
    for stance, shapes in ICONS.items():
        inner = "".join(f"<{tag} {_attrs(attrs)}/>" for tag, attrs in shapes)
        symbols.append(
            f'<symbol id="icon-{stance}" viewBox="0 0 16 16"><g {_attrs(ICON_STYLE)}>'
            f"{inner}</g></symbol>"
        )
    return Markup(
        '<svg class="sprite" aria-hidden="true" focusable="false">' + "".join(symbols) + "</svg>"
    )


def icon(stance: str) -> Markup:
    """A decorative icon: the stance's word always stands beside it."""
    return Markup(
        '<svg class="icon" aria-hidden="true" focusable="false" width="16" height="16">'
        f'<use href="#icon-{escape(stance)}"/></svg>'
    )
