"""Export speed on the sample: extract, our export, and a plain WeasyPrint render of the same HTML.

The ratio shows our overhead (template context, embedded attachment, atomic write) over the
unavoidable layout work.  Prints medians; asserts nothing.

    .venv/bin/python bench/export.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"
RUNS = 7


def median_time(fn) -> float:
    fn()  # warm-up: imports, fonts, caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def export_ratio() -> float:
    """Median export time of the sample over a plain WeasyPrint render of the same HTML."""
    _extract, export, plain = _times()
    return export / plain


def main() -> None:
    t_extract, t_export, t_plain = _times()
    print(f"extract median {t_extract:.3f} s (sample)")
    ratio = t_export / t_plain
    print(f"export median {t_export:.3f} s · weasyprint median {t_plain:.3f} s · ratio {ratio:.2f}")


def _times() -> tuple[float, float, float]:
    import weasyprint

    from briefing.extract import extract
    from briefing.ingest import load_article
    from briefing.render import _mtime_key, _stylesheet, export_pdf, make_fetcher, render_html
    from briefing.templates import get_template

    source = load_article(SAMPLE)
    t_extract = median_time(lambda: extract(source))
    briefing = extract(source)
    tpl = get_template(briefing.template)
    html = render_html(briefing)
    out = Path(tempfile.mkdtemp()) / "bench.pdf"
    t_export = median_time(lambda: export_pdf(briefing, out))

    # plain WeasyPrint: the same HTML and stylesheets, no caches or extras of ours
    def plain() -> None:
        _stylesheet.cache_clear()
        sheets = _stylesheet(tpl.folder, _mtime_key(tpl.folder), tpl.page_size)
        doc = weasyprint.HTML(string=html, base_url=tpl.folder.as_uri() + "/", url_fetcher=make_fetcher(tpl))
        doc.write_pdf(stylesheets=sheets)

    return t_extract, t_export, median_time(plain)


if __name__ == "__main__":
    main()
