"""DOCX export of the sample against PDF export of the same briefing, as a ratio (issue 14).

Both in this process, with this checkout's own ``templates/intelligence-brief`` (so the figure
is for this tree's code and templates, whatever copy is installed): ``render_docx`` (python-docx,
embedded .briefing part) against ``render_pdf_with_warnings`` (jinja2 + WeasyPrint, tagged PDF,
embedded attachment; its caches are warm after the first run, as in the editor).  Prints medians;
asserts nothing.  Needs no pytest.

    .venv/bin/python bench/word_export.py

(Named word_export.py: a script called docx.py would shadow the python-docx package.)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7


def main() -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from export import median_time  # the same timing as the PDF bench, so the ratio is fair
    from sample_briefing import build_sample_briefing

    from briefing.docx_export import render_docx
    from briefing.render import render_pdf_with_warnings
    from briefing.templates import load_template

    briefing = build_sample_briefing()
    template = load_template(ROOT / "templates" / "intelligence-brief", builtin=True)
    t_docx = median_time(lambda: render_docx(briefing, template))
    t_pdf = median_time(lambda: render_pdf_with_warnings(briefing, template))
    size_docx = len(render_docx(briefing, template)) // 1024
    size_pdf = len(render_pdf_with_warnings(briefing, template)[0]) // 1024
    print(f"docx median {t_docx:.3f} s ({size_docx} KiB)")
    print(f"pdf  median {t_pdf:.3f} s ({size_pdf} KiB)")
    print(f"ratio docx/pdf {t_docx / t_pdf:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
