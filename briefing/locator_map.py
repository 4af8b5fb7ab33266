"""The locator map of a briefing: inline SVG for the PDF/HTML, PNG for the DOCX and the editor.

No Qt here (the editor shows the SVG with QSvgWidget).  Both outputs draw the same
``map_scene.Scene``, so the Word picture and the PDF map agree.  The SVG carries no external
reference (no ``href``, no font file: the text uses the page's fonts), so it survives
``html_safety`` and keeps a self-contained HTML export self-contained.

    svg = locator_map.svg(briefing.places)          # "" when no place has coordinates
    png = locator_map.png(briefing.places, scale=2)  # bytes, or b"" likewise
"""

from __future__ import annotations

import io
import itertools
from collections import OrderedDict
from html import escape

from . import map_scene
from .model import Place

_ids = itertools.count(1)
FONT = "Lato, 'Helvetica Neue', Arial, sans-serif"


def _points(pts) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)


#: the last few maps drawn, by what they show: the live preview re-renders after every edit, and
#: most edits do not touch a place (the long-lived render worker keeps this between renders)
_CACHE: OrderedDict[tuple, str] = OrderedDict()
_CACHE_SIZE = 8


def _key(places: list[Place], width: int, height: int, title: str) -> tuple:
    return (
        width,
        height,
        title,
        tuple(
            (p.name, p.kind, p.country_code, p.lat, p.lon, p.precision, p.is_event, len(p.evidence))
            for p in places
        ),
    )


def svg(places: list[Place], width: int = 520, height: int = 340, *, title: str = "Locator map") -> str:
    """An ``<svg>`` element for the places (fitted to the event's), or "" when none is located."""
    key = _key(places, width, height, title)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    out = _draw_svg(places, width, height, title)
    _CACHE[key] = out
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


def _draw_svg(places: list[Place], width: int, height: int, title: str) -> str:
    scene = map_scene.build(places, width, height)
    if scene is None:
        return ""
    clip = f"bb-map-clip-{next(_ids)}"  # unique: two different maps in one page must not share it
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="locator-map" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'data-focus="{scene.focus}" font-family="{FONT}">',
        f"<title>{escape(title)}</title>",
        f'<clipPath id="{clip}"><rect x="0" y="0" width="{width}" height="{height}"/></clipPath>',
        f'<g clip-path="url(#{clip})">',
    ]
    for p in scene.prims:
        role = f' data-role="{escape(p.role)}"' if p.role else ""
        dash = f' stroke-dasharray="{p.dash}"' if p.dash else ""
        stroke = (
            f' stroke="{p.stroke}" stroke-width="{p.width:g}"' if p.stroke != "none" else ' stroke="none"'
        )
        if p.kind == "poly":
            join = ' stroke-linejoin="round"' if p.stroke != "none" else ""
            out.append(f'<polygon points="{_points(p.points)}" fill="{p.fill}"{stroke}{join}{dash}{role}/>')
        elif p.kind == "path":
            d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in p.rings)
            join = ' stroke-linejoin="round"' if p.stroke != "none" else ""
            out.append(f'<path d="{d}" fill="{p.fill}"{stroke}{join}{role}/>')
        elif p.kind == "circle":
            (x, y), r = p.points[0], p.size
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="{p.fill}"{stroke}{dash}{role}/>')
        elif p.kind == "rect":
            (x0, y0), (x1, y1) = p.points
            fill, opacity = (p.fill[:7], ' fill-opacity="0.8"') if len(p.fill) == 9 else (p.fill, "")
            out.append(
                f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
                f'fill="{fill}"{opacity}{stroke}{role}/>'
            )
        elif p.kind == "line":
            (x0, y0), (x1, y1) = p.points
            out.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}"{stroke}{role}/>')
        elif p.kind == "text":
            (x, y) = p.points[0]
            weight = (' font-weight="bold"' if p.bold else "") + (' font-style="italic"' if p.italic else "")
            box = ""
            if p.box:
                box = ' data-box="' + ",".join(f"{v:.1f}" for v in p.box) + '"'
            common = f'x="{x:.1f}" y="{y:.1f}" font-size="{p.size:g}" text-anchor="{p.anchor}"{weight}'
            # no white halo copy: each <text> costs a text layout in the PDF; labels sit clear of
            # markers and other labels already
            out.append(f'<text {common} fill="{p.fill}"{box}{role}>{escape(p.text)}</text>')
    out.append("</g>")
    out.append(
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="none" stroke="#8a857b"/>'
    )
    out.append("</svg>")
    return "".join(out)


def png(places: list[Place], width: int = 520, height: int = 340, *, scale: float = 2.0) -> bytes:
    """The same map as PNG bytes (for Word, which cannot show SVG alone), or b"" when none located."""
    from PIL import Image, ImageDraw

    scene = map_scene.build(places, width, height)
    if scene is None:
        return b""
    img = Image.new("RGB", (round(width * scale), round(height * scale)), "#ffffff")
    draw = ImageDraw.Draw(img)

    def sc(pts):
        return [(x * scale, y * scale) for x, y in pts]

    for p in scene.prims:
        stroke = None if p.stroke == "none" else p.stroke
        fill = None if p.fill == "none" else p.fill[:7]
        w = max(1, round(p.width * scale))
        if p.kind == "poly" and len(p.points) >= 3:
            draw.polygon(sc(p.points), fill=fill, outline=stroke, width=w if stroke else 0)
        elif p.kind == "path":
            for ring in p.rings:
                if len(ring) >= 3:
                    draw.polygon(sc(ring), fill=fill, outline=stroke, width=w if stroke else 0)
        elif p.kind == "circle":
            (x, y), r = sc(p.points)[0], p.size * scale
            draw.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=stroke, width=w)
        elif p.kind == "rect":
            (x0, y0), (x1, y1) = sc(p.points)
            draw.rectangle((x0, y0, x1, y1), fill=fill, outline=stroke, width=w if stroke else 0)
        elif p.kind == "line":
            draw.line(sc(p.points), fill=stroke, width=w)
        elif p.kind == "text":
            font = map_scene._font(p.bold).font_variant(size=max(6, round(p.size * scale)))
            (x, y) = sc(p.points)[0]
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[p.anchor]
            halo = 2 if p.role.startswith(("label", "country")) else 0
            draw.text(
                (x, y),
                p.text,
                font=font,
                fill=p.fill[:7],
                anchor=anchor,
                stroke_width=halo,
                stroke_fill="#ffffff",
            )
    draw.rectangle((0, 0, img.width - 1, img.height - 1), outline="#8a857b", width=1)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def data_uri(places: list[Place], width: int = 520, height: int = 340) -> str:
    """The PNG as a ``data:`` URI (for outputs that take an <img> only)."""
    import base64

    data = png(places, width, height)
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii") if data else ""
