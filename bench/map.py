"""Locator map speed on the sample: SVG (PDF/HTML) and PNG (DOCX), median of repeated draws.

The first draw also loads the outlines and the label font (printed apart as "cold").  Prints
medians; asserts nothing.  Needs no pytest.

    .venv/bin/python bench/map.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from export import median_time  # noqa: E402
from sample_briefing import build_sample_briefing  # noqa: E402


def main() -> None:
    from briefing import locator_map

    places = build_sample_briefing().places
    start = time.perf_counter()
    locator_map.svg(places)
    cold = time.perf_counter() - start
    print(f"map svg cold (outlines + font load): {cold:.3f} s")
    draw = locator_map._draw_svg  # uncached: what a changed place costs
    print(f"map svg median (drawn afresh): {median_time(lambda: draw(places, 520, 340, 'map')):.3f} s")
    print(f"map svg median (unchanged places, cached): {median_time(lambda: locator_map.svg(places)):.4f} s")
    print(f"map png median: {median_time(lambda: locator_map.png(places)):.3f} s")


if __name__ == "__main__":
    main()
