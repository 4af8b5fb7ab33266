"""Export speed on the sample: extract, our export, and a plain WeasyPrint render of the same HTML.

The ratio is our total cost (template context, embedded .briefing attachment, tagged PDF, atomic
write) over a plain WeasyPrint render of the same HTML and CSS that parses the stylesheet and
loads the fonts afresh each time, as a naive renderer would.  Our caches (jinja2 environment,
parsed CSS, FontConfiguration) are what keep the ratio down on the live preview's repeated
renders.  Prints medians; asserts nothing.  Needs no pytest.

    .venv/bin/python bench/export.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"
RUNS = 7


def median_time(fn: Callable[[], object]) -> float:
    fn()  # warm-up: imports, fonts, caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sample_briefing():
    """The extracted sample if the extractor is importable, else the hand-built one (with a note)."""
    try:
        from briefing.extract import extract
        from briefing.ingest import load_article
    except ImportError as exc:
        print(f"extract: skipped ({exc}); using the hand-built sample briefing")
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from sample_briefing import build_sample_briefing

        return build_sample_briefing()
    source = load_article(SAMPLE)
    t_extract = median_time(lambda: extract(source))
    print(f"extract median {t_extract:.3f} s (sample, {len(source.text.split())} words)")
    return extract(source)


def plain_weasyprint(html: str, folder: Path, page_size: str) -> None:
    """The same HTML and CSS through WeasyPrint with nothing of ours cached or added."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from briefing.render import font_face_css

    fc = FontConfiguration()
    sheets = [
        weasyprint.CSS(string=font_face_css(), font_config=fc),
        weasyprint.CSS(filename=str(folder / "style.css"), font_config=fc),
        weasyprint.CSS(string=f"@page {{ size: {page_size}; }}", font_config=fc),
    ]
    weasyprint.HTML(string=html, base_url=folder.as_uri() + "/").write_pdf(stylesheets=sheets, font_config=fc)


def times(briefing=None) -> tuple[float, float]:
    """Median seconds of our export and of the plain WeasyPrint render, on the sample."""
    from briefing.render import export_pdf, render_html
    from briefing.templates import get_template

    briefing = briefing or sample_briefing()
    tpl = get_template(briefing.template)
    html = render_html(briefing)
    out = Path(tempfile.mkdtemp()) / "bench.pdf"
    t_export = median_time(lambda: export_pdf(briefing, out))
    t_plain = median_time(lambda: plain_weasyprint(html, tpl.folder, tpl.page_size))
    return t_export, t_plain


def export_ratio() -> float:
    """Export time over plain WeasyPrint time (bench/preview.py prints it too)."""
    t_export, t_plain = times()
    return t_export / t_plain


def main() -> None:
    t_export, t_plain = times()
    ratio = t_export / t_plain
    print(f"export median {t_export:.3f} s · weasyprint median {t_plain:.3f} s · ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
