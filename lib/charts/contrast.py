"""Colour contrast for charts (WCAG 2.2 AA): 4.5:1 for text, 3:1 for marks, against the page.

axe-core leaves text drawn inside an SVG or a canvas to a person's review, so the charts keep the
rule by construction: `in_scheme` gives a spec the page's colours for its scheme and moves every
colour that falls short towards black (light page) or white (dark page) until it meets its ratio.
A colour that already meets it is left alone, so a chart keeps its palette where it can.

A mark drawn under half opacity (the span between two dots, a bar behind a dot) is a decoration
beside a mark that carries the same value, and is left as it is. Text drawn on a coloured cell
(the heatmap) is chosen against its cell when the chart is built, not against the page.
"""

from __future__ import annotations

import copy
from typing import Any, NamedTuple

TEXT_RATIO = 4.5
MARK_RATIO = 3.0
DECORATION_OPACITY = 0.5  # a mark drawn at less than this is a decoration
NAMED = {"white": "#ffffff", "black": "#000000"}


class ChartScheme(NamedTuple):
    background: str
    text: str
    muted: str
    grid: str


# Streamlit 1.67's own page background and text colours per scheme (dark: True).
CHART_SCHEMES = {
    False: ChartScheme(background="#ffffff", text="#31333f", muted="#4b4e5c", grid="#e6e7eb"),
    True: ChartScheme(background="#171614", text="#fafafa", muted="#c9cbd3", grid="#3f3d3a"),
}


def rgb(colour: str) -> tuple[int, int, int]:
    value = NAMED.get(colour.lower(), colour).lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_colour(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(255.0, max(0.0, c))):02x}" for c in channels)


def is_colour(value: object) -> bool:
    if not isinstance(value, str):
        return False
    if value.lower() in NAMED:
        return True
    digits = value[1:]
    return value.startswith("#") and len(digits) in (3, 6) and all(c in "0123456789abcdefABCDEF" for c in digits)


def luminance(colour: str) -> float:
    """WCAG's relative luminance."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, share: float) -> str:
    """`a` moved `share` of the way to `b`, channel by channel in sRGB (as Vega's "rgb" interpolation)."""
    (r1, g1, b1), (r2, g2, b2) = rgb(a), rgb(b)
    return hex_colour((r1 + (r2 - r1) * share, g1 + (g2 - g1) * share, b1 + (b2 - b1) * share))


def blend(colour: str, background: str, opacity: float) -> str:
    """The colour a mark drawn at `opacity` shows on `background`."""
    return mix(background, colour, opacity)


def meeting(colour: str, background: str, ratio: float, opacity: float = 1.0) -> str:
    """`colour`, or the nearest mix of it with black or white (away from the background) that
    meets `ratio` on `background` once drawn at `opacity`."""
    if contrast(blend(colour, background, opacity), background) >= ratio:
        return colour
    towards = "#000000" if luminance(background) > 0.18 else "#ffffff"
    for step in range(1, 101):
        mixed = mix(colour, towards, step / 100)
        if contrast(blend(mixed, background, opacity), background) >= ratio:
            return mixed
    return towards


def in_scheme(spec: dict, dark: bool) -> dict:
    """A copy of a Vega-Lite spec in the page's colours, every colour meeting its ratio."""
    scheme = CHART_SCHEMES[dark]
    out = {key: (value if key == "datasets" else copy.deepcopy(value)) for key, value in spec.items()}
    config = out.setdefault("config", {})
    config["background"] = scheme.background
    config.setdefault("axis", {}).update(labelColor=scheme.muted, titleColor=scheme.muted, domainColor=scheme.muted,
                                         tickColor=scheme.muted, gridColor=scheme.grid)
    config.setdefault("legend", {}).update(labelColor=scheme.text, titleColor=scheme.text)
    config.setdefault("title", {}).update(color=scheme.text)
    config.setdefault("text", {}).update(color=scheme.text)
    _recolour(out, scheme.background)
    return out


def _recolour(node: Any, background: str) -> None:
    """Walk a (sub)spec: its title, its mark and its colour encoding, then its layers and parts."""
    if not isinstance(node, dict):
        return
    title = node.get("title")
    if isinstance(title, dict) and is_colour(title.get("color")):
        title["color"] = meeting(title["color"], background, TEXT_RATIO)
    mark = node.get("mark")
    if mark is not None:
        if isinstance(mark, str):
            mark = node["mark"] = {"type": mark}
        _recolour_mark(mark, node.get("encoding", {}), background)
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for part in node.get(key, []):
            _recolour(part, background)
    if isinstance(node.get("spec"), dict):
        _recolour(node["spec"], background)


def _recolour_mark(mark: dict, encoding: dict, background: str) -> None:
    """A mark's own colours by its kind and opacity; a colour scale's range for text at full opacity.

    Layers that encode the same field share one scale, and Vega-Lite keeps only one range for it:
    every layer gets the same range, strict enough for text, whatever its own mark.
    """
    colour = encoding.get("color")
    if isinstance(colour, dict):
        range_ = (colour.get("scale") or {}).get("range")
        if isinstance(range_, list):
            colour["scale"]["range"] = [meeting(c, background, TEXT_RATIO) if is_colour(c) else c for c in range_]
    text = mark.get("type") == "text"
    opacity = float(mark.get("opacity", 1.0))
    if not text and opacity < DECORATION_OPACITY:
        return
    ratio = TEXT_RATIO if text else MARK_RATIO
    for key in ("color", "fill", "stroke"):
        if is_colour(mark.get(key)):
            mark[key] = meeting(mark[key], background, ratio, opacity)
    if isinstance(colour, dict):
        for holder in (colour, colour.get("condition")):
            if isinstance(holder, dict) and is_colour(holder.get("value")):
                holder["value"] = meeting(holder["value"], background, ratio, opacity)
