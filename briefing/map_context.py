"""The locator map in a template's context: ``locator_map`` (inline SVG) and its caption.

Every template, built-in or the user's, gets:

- ``locator_map``: the map as inline ``<svg>`` markup (sharp at any zoom in the PDF, and no
  external reference, so the self-contained HTML stays self-contained), or "" when no place has
  coordinates or the template turns the map off;
- ``locator_map_caption``: one line naming the highlighted country and the marker key.

A template's manifest sets the map with an optional ``[map]`` table::

    [map]
    show = true      # false: no map (``locator_map`` is "")
    width = 760      # the drawing's proportions in px; the CSS sets the printed size
    height = 250
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from . import locator_map
from .extract import place_geo
from .model import Briefing

DEFAULT_SIZE = (520, 340)
_SIZE_RANGE = range(160, 2001)


def map_options(manifest: dict[str, Any]) -> tuple[bool, int, int]:
    """(show, width, height) from the manifest's ``[map]`` table, defaults where absent or odd."""
    table = manifest.get("map", {})
    if not isinstance(table, dict):
        table = {}
    show = table.get("show", True) not in (False, "false", "no", 0)
    width, height = table.get("width", DEFAULT_SIZE[0]), table.get("height", DEFAULT_SIZE[1])
    if not (
        isinstance(width, int) and width in _SIZE_RANGE and isinstance(height, int) and height in _SIZE_RANGE
    ):
        width, height = DEFAULT_SIZE
    return show, width, height


def map_context(briefing: Briefing, manifest: dict[str, Any]) -> dict[str, Any]:
    show, width, height = map_options(manifest)
    svg = (
        locator_map.svg(briefing.places, width, height, title=f"Locator map: {briefing.title}")
        if show
        else ""
    )
    caption = ""
    if svg:
        focus = svg.split('data-focus="', 1)[1].split('"', 1)[0]
        name = place_geo.country_name(focus) if focus else ""
        kinds = {p.kind for p in briefing.places if p.lat is not None}
        key = ["● city or site"]
        if kinds & {"base"}:
            key.append("■ base")
        if kinds & {"camp"}:
            key.append("▲ camp")
        if any(
            p.precision == "approximate"
            for p in briefing.places
            if p.kind not in {"country", "region", "water"}
        ):
            key.append("hollow or dashed: approximate position")
        caption = (f"{name} highlighted · " if name else "") + " · ".join(key)
    return {"locator_map": Markup(svg), "locator_map_caption": caption}
