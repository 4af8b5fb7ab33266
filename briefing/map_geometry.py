"""Plane geometry for the locator map, in map pixels: clipping, thinning, point-in-polygon, boxes.

Kept apart from the layout (``map_scene``) so each stays readable; pure Python, no dependencies.
"""

from __future__ import annotations

import math


def clip(
    pts: list[tuple[float, float]], x0: float, y0: float, x1: float, y1: float
) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the polygon cut to the rectangle.  Done here rather than with an SVG
    clipPath, which not every renderer honours (Qt's SVG widget draws outside it)."""

    def cut(points, inside, cross):
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    for inside, cross in (
        (lambda p: p[0] >= x0, at_x(x0)),
        (lambda p: p[0] <= x1, at_x(x1)),
        (lambda p: p[1] >= y0, at_y(y0)),
        (lambda p: p[1] <= y1, at_y(y1)),
    ):
        if not pts:
            break
        pts = cut(pts, inside, cross)
    return pts


def thin(
    pts: list[tuple[float, float]], step: float = 1.5, tolerance: float = 0.45
) -> list[tuple[float, float]]:
    """The ring with the points a reader cannot see dropped: first those within ``step`` pixels of
    the last one kept, then (Douglas-Peucker) those within ``tolerance`` pixels of the line
    through their neighbours.  A PDF renderer parses and draws every point, and a world-wide
    view kept about 6,000 of them: the map was a tenth of a long brief's export time."""
    if len(pts) < 4:
        return pts
    kept = [pts[0]]
    for p in pts[1:]:
        if abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= step:
            kept.append(p)
    return _douglas_peucker(kept, tolerance) if len(kept) > 8 else kept


def _douglas_peucker(pts: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Iterative (a long coastline would overflow a recursive one); the ring is split at its first
    point and the point farthest from it, so a closed ring keeps its shape."""
    first = pts[0]
    far = max(range(len(pts)), key=lambda i: (pts[i][0] - first[0]) ** 2 + (pts[i][1] - first[1]) ** 2)
    keep = [False] * len(pts)
    keep[0] = keep[far] = keep[-1] = True
    stack = [(0, far), (far, len(pts) - 1)]
    while stack:
        lo, hi = stack.pop()
        if hi - lo < 2:
            continue
        worst, worst_at = -1.0, lo
        for i in range(lo + 1, hi):
            d = segment_distance(pts[i][0], pts[i][1], pts[lo], pts[hi])
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance:
            keep[worst_at] = True
            stack.extend(((lo, worst_at), (worst_at, hi)))
    return [p for p, k in zip(pts, keep, strict=True) if k]


def inside(x: float, y: float, pts) -> bool:
    hit = False
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def deep_point(pts: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The point of a 9×9 grid inside the polygon that is farthest from its edges."""
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    best, best_d = None, 0.0
    edges = list(zip(pts, pts[1:] + pts[:1], strict=True))
    for i in range(1, 10):
        for j in range(1, 10):
            x = min(xs) + (max(xs) - min(xs)) * i / 10
            y = min(ys) + (max(ys) - min(ys)) * j / 10
            if not inside(x, y, pts):
                continue
            d = min(segment_distance(x, y, a, b) for a, b in edges)
            if d > best_d:
                best, best_d = (x, y), d
    return best


def segment_distance(x: float, y: float, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - a[0]) * dx + (y - a[1]) * dy) / length2))
    return math.hypot(x - a[0] - t * dx, y - a[1] - t * dy)
