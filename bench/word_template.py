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
    t_fill = median_time(lambda: fill_word_template(briefing, word))
    t_layout = median_time(lambda: render_docx(briefing, layout))
    t_sketch = median_time(lambda: preview_pdf(briefing, word))
    size_fill = len(fill_word_template(briefing, word)) // 1024
    size_layout = len(render_docx(briefing, layout)) // 1024
    print(f"word template fill   median {t_fill:.3f} s ({size_fill} KiB)")
    print(f"built-in docx layout median {t_layout:.3f} s ({size_layout} KiB)")
    print(f"ratio fill/layout {t_fill / t_layout:.2f}")
    print(f"preview sketch (fill + WeasyPrint page) median {t_sketch:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
