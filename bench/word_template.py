"""Filling the built-in Word template (docxtpl in the sandbox) against the built-in DOCX layout.

Both in this process, with this checkout's ``templates/`` and the hand-built sample briefing:
``fill_word_template`` on ``templates/word-brief`` (docxtpl, the jinja2 sandbox, marking,
properties and the embedded .briefing) against ``render_docx`` on ``templates/intelligence-brief``
(python-docx layout, the same finishing), and the preview sketch of the filled template
(``word_preview.preview_pdf``: the fill plus a WeasyPrint page, as the preview and thumbnails
draw it).  Prints medians; asserts nothing.  Needs no pytest.

    .venv/bin/python bench/word_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from export import median_time  # the same timing as the other export benches
    from sample_briefing import build_sample_briefing

    from briefing.docx_export import render_docx
    from briefing.templates import load_template
    from briefing.word_preview import preview_pdf
    from briefing.word_templates import fill_word_template

    briefing = build_sample_briefing()
    word = load_template(ROOT / "templates" / "word-brief", builtin=True)
    layout = load_template(ROOT / "templates" / "intelligence-brief", builtin=True)
    runs = {
        "word template fill": lambda: fill_word_template(briefing, word),
        "built-in docx layout": lambda: render_docx(briefing, layout),
        "preview sketch (fill + WeasyPrint page)": lambda: preview_pdf(briefing, word),
    }
    medians = {}
    for label, run in runs.items():
        medians[label] = median_time(run)
        print(f"{label:40s} median {medians[label]:.3f} s ({len(run()) // 1024} KiB)")
    print(f"ratio fill/layout {medians['word template fill'] / medians['built-in docx layout']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
